"""Background work for the ledger: previews and imports of uploaded files (django-q2).

`run_job` is idempotent: it claims a queued job atomically and does nothing for a job that is
already running or finished. While it runs it writes its progress to a small file next to the
uploads, because a real import holds one database transaction until the end and its progress
would not be visible to the page through the database.

A job whose worker was killed is taken up again: the database broker re-delivers its task
`JOB_RETRY` seconds after it was taken. Redis hands a task over and forgets it (and keeps
nothing across a restart), so there `recover_jobs` queues such jobs again, at the same moment,
when `saima worker` starts and every `JOB_RECOVER_MINUTES`. Queuing a job twice is harmless:
one task claims it, the other finds it taken or done. A job taken up `max_attempts` times
without finishing (it kills its worker each time), or stopped at the job time limit, fails
with a report instead of being taken up forever.
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

from saima.core import faults, jobs

from .importer import import_ledger
from .models import ImportJob, JobStatus
from .report import Report

log = logging.getLogger(__name__)
KEEP_DAYS = 30


def _push(job: ImportJob) -> None:
    from django_q.tasks import async_task

    async_task("saima.ledger.jobs.run_job", job.pk, task_name=f"ledger-import-{job.pk}")


def enqueue(job: ImportJob) -> None:
    """Queue the job's task; call it in the transaction that saves the job's new state. With
    the database as the broker (the default) the task row commits with that state, so a
    process killed in between leaves neither (a job marked queued without a task would wait
    forever). With Redis the task is pushed once the transaction commits, so that the worker
    never finds the job in its old state."""
    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
    faults.pause("ledger.enqueue")
    if jobs.broker_keeps_tasks():
        _push(job)
    else:
        transaction.on_commit(partial(_push, job))


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


def retry_expected_at(job: ImportJob):
    """When a running job whose worker was killed will be taken up again, at the latest, or
    None when the job is not stalled: `JOB_RETRY` seconds after it was taken (with Redis, at
    the first `recover_jobs` run after that). The import is one transaction: nothing of it
    was stored."""
    if job.status != JobStatus.RUNNING or job.started_at is None:
        return None
    try:
        last = datetime.fromtimestamp(progress_path(job.pk).stat().st_mtime, tz=UTC)
    except OSError:
        last = job.started_at
    if timezone.now() - max(last, job.started_at) < STALLED_AFTER:
        return None
    redelivered = job.started_at + timedelta(seconds=settings.Q_CLUSTER["retry"])
    if jobs.broker_keeps_tasks():
        return redelivered
    return redelivered + timedelta(minutes=settings.JOB_RECOVER_MINUTES)


def recover_jobs() -> int:
    """Fail the jobs taken up `max_attempts` times without finishing; with a broker that
    can lose tasks (Redis), queue again the jobs whose task may be lost: left running longer
    than `JOB_RETRY` (the re-delivery delay of the database broker, a margin above the job
    time limit, after which no live worker still runs it), or queued longer than the time
    limit (Redis restarted, or the process died between its commit and the push). A job is
    queued again at most once per time limit. Returns how many jobs it queued or failed."""
    count = 0
    for job in ImportJob.objects.filter(jobs.exhausted()):
        report = Report(dry_run=job.dry_run)
        report.error(None, None, "", _(
            "处理了%(n)d次都被中断（后台任务进程被终止，可能是文件过大导致内存不足），已停止重试；"
            "数据没有任何改动。请拆分文件后重新上传，或联系系统管理员。"
        ) % {"n": job.attempts})  # fmt: skip
        if _finish(job, JobStatus.FAILED, report, jobs.stalled()):  # unless taken up meanwhile
            log.error("ledger import job %s failed after %s attempts", job.pk, job.attempts)
            count += 1
    return count + jobs.queue_lost(ImportJob, _push, "ledger import job")


def _finish(job: ImportJob, status, report: Report, *still: Q) -> bool:
    """Store the job's outcome (if it still matches `still`) and drop its progress file."""
    done, total = read_progress(job)
    finished = ImportJob.objects.filter(*still, pk=job.pk).update(
        status=status,
        report=report.as_dict(),
        rows_done=done,
        rows_total=total,
        finished_at=timezone.now(),
    )
    if finished:
        progress_path(job.pk).unlink(missing_ok=True)
    return bool(finished)


def run_job(job_id: int) -> str | None:
    """Claim and run one import. A job left "running" by a worker that was killed (the
    import is one transaction, so it stored nothing) is claimed again once it is older than
    the job time limit, when its task is delivered again. A job stopped at the time limit
    fails with a report (and the stop goes on to django-q)."""
    from django_q.exceptions import TimeoutException

    if not jobs.claim(ImportJob, job_id, rows_done=0):
        return None
    job = ImportJob.objects.select_related("user", "region").get(pk=job_id)
    write_progress(job.pk, 0, None)
    report = Report(dry_run=job.dry_run)
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
    except TimeoutException:
        report.error(None, None, "", _(
            "处理超过了时限（%(seconds)d秒）被中止，数据没有任何改动。"
            "请拆分文件后重新上传，或请系统管理员调大 JOB_TIMEOUT。"
        ) % {"seconds": settings.Q_CLUSTER["timeout"]})  # fmt: skip
        try:
            _finish(job, JobStatus.FAILED, report)
        except Exception:  # noqa: BLE001 - the alarm may have broken the connection
            log.exception("ledger import job %s: could not store its time-out", job_id)
        raise
    except Exception as err:  # the job must end in a state the page can show
        log.exception("ledger import job %s failed", job_id)
        report.error(None, None, "", _("处理文件时出错：%(err)s") % {"err": err})
        status = JobStatus.FAILED
    _finish(job, status, report)
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
    jobs.schedule_recovery("ledger.recover_jobs", "saima.ledger.jobs.recover_jobs")
