"""A worker killed in the middle of a real import: the ledger is exactly as before (the whole
file is one transaction), and importing the file again stores it all once. The kill is
simulated in process by a BaseException raised from the progress callback after some chunks
have been written inside the transaction; saima/core/tests/test_faults_sigkill.py kills real
processes with SIGKILL."""

import pytest

from saima.ledger import importer
from saima.ledger.importer import import_ledger
from saima.projects.models import Project

from .files import write_xlsx
from .test_faults_fuzz import HEADER, _state


class Killed(BaseException):
    pass


def test_an_import_killed_midway_leaves_the_ledger_as_before(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 10)
    rows = [HEADER] + [[i, f"项目{i}", "东昌区", 100 + i] for i in range(1, 51)]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    before = _state()
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 3:
            assert Project.objects.filter(name__startswith="项目").count() == 30  # written…
            raise Killed

    with pytest.raises(Killed):
        import_ledger(path, user=world.county_admin, dry_run=False, progress=progress)
    assert _state() == before  # …and rolled back with the transaction

    report = import_ledger(path, user=world.county_admin, dry_run=False)
    assert report.stored and report.created == 50
    assert Project.objects.filter(name__startswith="项目").count() == 50


def test_a_job_left_running_by_a_killed_worker_is_claimed_again_when_stale(world, settings):
    """django-q re-delivers a job whose worker died; run_job takes it again once it is
    older than the job time limit (a fresh 'running' job belongs to a live worker)."""
    from datetime import timedelta

    from django.utils import timezone

    from saima.ledger.jobs import run_job
    from saima.ledger.models import ImportJob, JobStatus

    fresh = ImportJob.objects.create(
        user=world.county_admin,
        original_name="a.xlsx",
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
    )
    assert run_job(fresh.pk) is None
    old = timezone.now() - timedelta(seconds=settings.Q_CLUSTER["timeout"] + 60)
    ImportJob.objects.filter(pk=fresh.pk).update(started_at=old)
    run_job(fresh.pk)  # the file is missing: it fails, with a report, instead of hanging
    fresh.refresh_from_db()
    assert fresh.status == JobStatus.FAILED and fresh.finished_at is not None


def test_with_redis_as_broker_a_job_is_pushed_only_once_its_state_commits(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """With the database broker the task row is part of the caller's transaction (the kill
    test of the confirm page shows it); Redis is outside it, so the push waits for the
    commit: the worker never finds the job still in its old state."""
    import django_q.tasks

    from saima.ledger.jobs import enqueue
    from saima.ledger.models import ImportJob

    settings.Q_CLUSTER = {k: v for k, v in settings.Q_CLUSTER.items() if k != "orm"}
    pushed = []
    monkeypatch.setattr(django_q.tasks, "async_task", lambda *args, **kw: pushed.append(args))
    job = ImportJob.objects.create(user=world.county_admin, original_name="a.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(job)
        assert pushed == []
    assert pushed == [("saima.ledger.jobs.run_job", job.pk)]


@pytest.fixture
def redis_broker(settings, monkeypatch):
    """Redis as the broker (settings only), with its pushes recorded: their job ids."""
    import django_q.tasks

    settings.Q_CLUSTER = {k: v for k, v in settings.Q_CLUSTER.items() if k != "orm"}
    pushed = []
    monkeypatch.setattr(django_q.tasks, "async_task", lambda *args, **kw: pushed.append(args[1]))
    return pushed


def _job(world, status, age, attempts=1):
    from django.utils import timezone

    from saima.ledger.models import ImportJob, JobStatus

    at = timezone.now() - age
    return ImportJob.objects.create(
        user=world.county_admin, original_name="a.xlsx", status=status, queued_at=at,
        started_at=at if status == JobStatus.RUNNING else None, attempts=attempts,
    )  # fmt: skip


def test_with_redis_jobs_whose_task_was_lost_are_queued_again_once_per_time_limit(
    world, settings, redis_broker
):
    """Redis forgets a task once a worker took it, and everything when it restarts:
    recover_jobs queues again the jobs left running past JOB_RETRY (a margin above the time
    limit, as the database broker waits) or queued past the time limit, and only those, and
    not again until another time limit has passed."""
    from datetime import timedelta

    from saima.ledger.jobs import recover_jobs, retry_expected_at
    from saima.ledger.models import JobStatus

    limit = timedelta(seconds=settings.Q_CLUSTER["timeout"])
    retry = timedelta(seconds=settings.Q_CLUSTER["retry"])
    assert retry > limit + timedelta(minutes=1)
    killed = _job(world, JobStatus.RUNNING, retry + timedelta(minutes=1))
    forgotten = _job(world, JobStatus.QUEUED, limit + timedelta(minutes=1))
    _job(world, JobStatus.RUNNING, limit + timedelta(minutes=1))  # past the limit, not the margin
    _job(world, JobStatus.RUNNING, timedelta(minutes=1))  # a live worker's
    _job(world, JobStatus.QUEUED, timedelta(minutes=1))  # still in the queue
    _job(world, JobStatus.DONE, retry * 2)
    assert recover_jobs() == 2
    assert sorted(redis_broker) == [killed.pk, forgotten.pk]
    assert recover_jobs() == 0  # queued again just now
    assert len(redis_broker) == 2

    # The page names the first recovery run past the margin.
    recover = timedelta(minutes=settings.JOB_RECOVER_MINUTES)
    assert retry_expected_at(killed) == killed.started_at + retry + recover
    # The database broker keeps (and re-delivers) its tasks: nothing to queue.
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "orm": "default"}
    assert retry_expected_at(killed) == killed.started_at + retry
    killed.queued_at = forgotten.queued_at = None
    killed.save(), forgotten.save()
    assert recover_jobs() == 0 and len(redis_broker) == 2


def test_a_broker_that_is_down_leaves_the_job_to_the_next_recovery(
    world, settings, redis_broker, monkeypatch
):
    from datetime import timedelta

    import django_q.tasks

    from saima.ledger.jobs import recover_jobs
    from saima.ledger.models import JobStatus

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    job = _job(world, JobStatus.QUEUED, timedelta(seconds=settings.Q_CLUSTER["timeout"] + 60))
    monkeypatch.setattr(django_q.tasks, "async_task", down)
    assert recover_jobs() == 0
    job_before = job.queued_at
    job.refresh_from_db()
    assert job.queued_at == job_before  # not marked as queued: the next run tries again


@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_a_job_taken_up_max_attempts_times_fails_instead_of_looping(
    world, settings, redis_broker, broker
):
    """An import that kills its worker every time (say, out of memory) stops after
    max_attempts, with a report, with either broker; nothing of it was stored."""
    from datetime import timedelta

    from saima.ledger.jobs import recover_jobs
    from saima.ledger.models import JobStatus

    if broker == "orm":
        settings.Q_CLUSTER = {**settings.Q_CLUSTER, "orm": "default"}
    age = timedelta(seconds=settings.Q_CLUSTER["retry"] + 60)
    tries = settings.Q_CLUSTER["max_attempts"]
    again = _job(world, JobStatus.RUNNING, age, attempts=tries - 1)
    spent = _job(world, JobStatus.RUNNING, age, attempts=tries)
    assert recover_jobs() == (1 if broker == "orm" else 2)
    assert redis_broker == ([] if broker == "orm" else [again.pk])
    spent.refresh_from_db(), again.refresh_from_db()
    assert again.status == JobStatus.RUNNING
    assert spent.status == JobStatus.FAILED and spent.finished_at is not None
    assert f"处理了{tries}次都被中断" in spent.report["errors"][0]


def test_an_import_stopped_at_the_time_limit_fails_with_a_report(world, monkeypatch, settings):
    from django_q.exceptions import TimeoutException

    from saima.ledger import jobs
    from saima.ledger.models import ImportJob, JobStatus

    def too_long(*args, **kwargs):
        raise TimeoutException("Task exceeded maximum timeout value")

    monkeypatch.setattr(jobs, "import_ledger", too_long)
    job = ImportJob.objects.create(user=world.county_admin, original_name="a.xlsx", file="a.xlsx")
    with pytest.raises(TimeoutException):  # django-q records the task as stopped
        jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert "处理超过了时限" in job.report["errors"][0]
    assert jobs.run_job(job.pk) is None  # not taken up again


def test_the_worker_registers_the_recovery_schedule(world, settings):
    from django_q.models import Schedule

    from saima.core.jobs import ensure_schedules

    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(func="saima.ledger.jobs.recover_jobs")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 5)
