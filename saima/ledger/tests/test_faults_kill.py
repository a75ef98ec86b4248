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
