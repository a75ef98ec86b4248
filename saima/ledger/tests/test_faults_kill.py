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


def test_with_redis_jobs_whose_task_was_lost_are_queued_again_once_per_time_limit(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Redis forgets a task once a worker took it, and everything when it restarts:
    recover_jobs queues again the jobs left running or queued past the job time limit, and
    only those, and not again until another time limit has passed."""
    from datetime import timedelta

    import django_q.tasks
    from django.utils import timezone

    from saima.ledger.jobs import recover_jobs, retry_expected_at
    from saima.ledger.models import ImportJob, JobStatus

    settings.Q_CLUSTER = {k: v for k, v in settings.Q_CLUSTER.items() if k != "orm"}
    pushed = []
    monkeypatch.setattr(django_q.tasks, "async_task", lambda *args, **kw: pushed.append(args[1]))
    limit = timedelta(seconds=settings.Q_CLUSTER["timeout"])
    now = timezone.now()

    def job(status, age):
        at = now - age
        return ImportJob.objects.create(
            user=world.county_admin, original_name="a.xlsx", status=status, queued_at=at,
            started_at=at if status == JobStatus.RUNNING else None,
        ).pk  # fmt: skip

    killed = job(JobStatus.RUNNING, limit + timedelta(minutes=1))
    forgotten = job(JobStatus.QUEUED, limit + timedelta(minutes=1))
    job(JobStatus.RUNNING, limit - timedelta(minutes=1))  # a live worker's
    job(JobStatus.QUEUED, timedelta(minutes=1))  # still in the queue
    job(JobStatus.DONE, limit * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_jobs() == 2
    assert sorted(pushed) == [killed, forgotten]
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_jobs() == 0  # queued again just now
    assert len(pushed) == 2

    # The page names the time of the first recovery run past the limit.
    running = ImportJob.objects.get(pk=killed)
    ImportJob.objects.filter(pk=killed).update(queued_at=now - limit * 2)
    expected = running.started_at + limit + timedelta(minutes=settings.JOB_RECOVER_MINUTES)
    assert retry_expected_at(running) == expected

    # The database broker keeps (and re-delivers) its tasks: nothing to recover.
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "orm": "default"}
    assert recover_jobs() == 0
    redelivery = running.started_at + timedelta(seconds=settings.Q_CLUSTER["retry"])
    assert retry_expected_at(running) == redelivery


def test_the_worker_registers_the_recovery_schedule(world, settings):
    from django_q.models import Schedule

    from saima.core.jobs import ensure_schedules

    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(func="saima.ledger.jobs.recover_jobs")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 5)
