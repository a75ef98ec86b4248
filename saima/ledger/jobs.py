"""Background work for the ledger: previews and imports of uploaded files (django-q2).

`run_job` is idempotent: it claims a queued job atomically and does nothing for a job that is
already running or finished. While it runs it writes its progress to a small file next to the
uploads, because a real import holds one database transaction until the end and its progress
would not be visible to the page through the database.

With Redis as the broker a task can be lost: a worker killed mid-import takes its task with
it (the database broker re-delivers it after `JOB_RETRY`), and Redis keeps nothing across a
restart. `recover_jobs` queues such jobs again; it runs when `saima worker` starts and every
`JOB_RECOVER_MINUTES`. Queuing a job twice is harmless: one task claims it, the other finds it
taken or done.
"""

import json
import logging
import os
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.core import faults

from .importer import import_ledger
from .models import ImportJob, JobStatus
from .report import Report

log = logging.getLogger(__name__)
KEEP_DAYS = 30


def enqueue(job: ImportJob) -> None:
    """Queue the job's task; call it in the transaction that saves the job's new state. With
    the database as the broker (the default) the task row commits with that state, so a
    process killed in between leaves neither (a job marked queued without a task would wait
    forever). With Redis the task is pushed once the transaction commits, so that the worker
    never finds the job in its old state."""
    from django_q.tasks import async_task

    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
    faults.pause("ledger.enqueue")
    push = partial(
        async_task, "saima.ledger.jobs.run_job", job.pk, task_name=f"ledger-import-{job.pk}"
    )
    if "orm" in settings.Q_CLUSTER:
        push()
    else:
        transaction.on_commit(push)


def progress_path(job_id) -> Path:
    return Path(settings.MEDIA_ROOT) / "ledger" / "progress" / f"{job_id}.json"


def write_progress(job_id, done: int, total: int | None) -> None:
    path = progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"done": done, "total": total}))
    os.replace(tmp, path)


def read_progress(job: ImportJob) -> tuple[int, int | None]:
    try:
        data = json.loads(progress_path(job.pk).read_text())
        return data["done"], data["total"]
    except (OSError, ValueError, KeyError):
        return job.rows_done, job.rows_total


# A running import writes its progress every chunk of rows (a second or two); one that has
# written nothing for this long was interrupted (its worker killed or restarted).
STALLED_AFTER = timedelta(minutes=3)


def _broker_keeps_tasks() -> bool:
    """The database broker keeps a task until it is acknowledged (and re-delivers it); Redis
    hands it over and forgets it."""
    return "orm" in settings.Q_CLUSTER


def retry_expected_at(job: ImportJob):
    """When a running job whose worker was killed will be taken up again, at the latest, or
    None when the job is not stalled: with the database broker, django-q re-delivers its task
    `JOB_RETRY` seconds after it was taken; with Redis, the first `recover_jobs` run after the
    job time limit queues it again. The import is one transaction: nothing of it was stored."""
    if job.status != JobStatus.RUNNING or job.started_at is None:
        return None
    try:
        last = datetime.fromtimestamp(progress_path(job.pk).stat().st_mtime, tz=UTC)
    except OSError:
        last = job.started_at
    if timezone.now() - max(last, job.started_at) < STALLED_AFTER:
        return None
    if _broker_keeps_tasks():
        return job.started_at + timedelta(seconds=settings.Q_CLUSTER["retry"])
    timeout = timedelta(seconds=settings.Q_CLUSTER["timeout"])
    return job.started_at + timeout + timedelta(minutes=settings.JOB_RECOVER_MINUTES)


def recover_jobs() -> int:
    """With a broker that can lose tasks (Redis), queue again the jobs whose task may be
    lost, and return how many: a job left running longer than the job time limit (its worker
    was killed; nothing of it was stored) or queued that long (Redis restarted, or the process
    died between its commit and the push). A job is queued again at most once per time limit
    (queuing it moves `queued_at`). The database broker loses no task: nothing to do."""
    if _broker_keeps_tasks():
        return 0
    limit = timezone.now() - timedelta(seconds=settings.Q_CLUSTER["timeout"])
    lost = Q(status=JobStatus.RUNNING, started_at__lt=limit) | Q(status=JobStatus.QUEUED)
    count = 0
    for job in ImportJob.objects.filter(lost).filter(Q(queued_at__lt=limit) | Q(queued_at=None)):
        with transaction.atomic():
            enqueue(job)
        log.warning("ledger import job %s queued again: its task was lost", job.pk)
        count += 1
    return count


def run_job(job_id: int) -> str | None:
    """Claim and run one import. A job left "running" by a worker that was killed (the
    import is one transaction, so it stored nothing) is claimed again once it is older than
    the job time limit, when django-q re-delivers it."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.Q_CLUSTER["timeout"])
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, started_at__lt=stale)
    claimed = ImportJob.objects.filter(claimable, pk=job_id).update(
        status=JobStatus.RUNNING, rows_done=0, started_at=now
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("user", "region").get(pk=job_id)
    write_progress(job.pk, 0, None)
    try:
        report = import_ledger(
            job.file.path,
            user=job.user,
            region=job.region,
            year=job.year,
            dry_run=job.dry_run,
            overrides=job.overrides,
            progress=lambda done, total: write_progress(job.pk, done, total),
        )
        status = JobStatus.DONE if report.stored else JobStatus.PREVIEWED
    except Exception as err:  # the job must end in a state the page can show
        log.exception("ledger import job %s failed", job_id)
        report = Report(dry_run=job.dry_run)
        report.error(None, None, "", _("处理文件时出错：%(err)s") % {"err": err})
        status = JobStatus.FAILED
    done, total = read_progress(job)
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        report=report.as_dict(),
        rows_done=done,
        rows_total=total,
        finished_at=timezone.now(),
    )
    progress_path(job.pk).unlink(missing_ok=True)
    return report.summary()


def purge_old_jobs(days: int = KEEP_DAYS) -> int:
    """Delete finished import jobs (and their stored files) older than `days`."""
    old = ImportJob.objects.filter(created_at__lt=timezone.now() - timedelta(days=days)).exclude(
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    )
    count = 0
    for job in old:
        job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def ensure_schedules() -> None:
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="ledger.purge_old_jobs",
        defaults={"func": "saima.ledger.jobs.purge_old_jobs", "schedule_type": Schedule.DAILY},
    )
    Schedule.objects.update_or_create(
        name="ledger.recover_jobs",
        defaults={
            "func": "saima.ledger.jobs.recover_jobs",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.JOB_RECOVER_MINUTES,
            "repeats": -1,
        },
    )
