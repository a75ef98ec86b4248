"""Letters in bulk, in the worker.

A request is a `BulkRun` row, stored with its task (`start`). `run_bulk` claims it and
issues a letter to every lagging county under the region; it is idempotent, because a letter
per region, kind and period is unique (a second run skips those already issued), so a run
taken up again after its worker was killed issues the rest, each once. The database broker
re-delivers such a task by itself; Redis forgets it, so `recover_jobs` queues it again (and
fails a run whose worker is killed every time).
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts.models import User
from saima.audit.models import Source
from saima.core import jobs
from saima.notifications.services import notify
from saima.regions.models import Region

from .models import BulkRun, Kind, RunStatus
from .services import issue_for_lagging

log = logging.getLogger(__name__)


def _push(run: BulkRun):
    from django_q.tasks import async_task

    return async_task("saima.letters.jobs.run_bulk", run.pk, task_name=f"letters-bulk-{run.pk}")


def start(region: Region, user: User, kind: str, as_of: date) -> tuple[BulkRun, str | None]:
    """Store the request and queue its task; (the run, the task's id if known). With the
    database as the broker the task commits with the run. With Redis it is pushed once the
    run is committed; if the push fails (Redis down) or the process dies first, the run
    stays queued and `recover_jobs` queues it later."""
    pushed = []

    def push_after_commit():
        try:
            pushed.append(_push(run))
        except Exception:  # noqa: BLE001 - the run is stored: recover_jobs queues it
            log.exception("bulk letters run %s: could not be queued now", run.pk)

    with transaction.atomic():
        run = BulkRun.objects.create(
            region=region, requested_by=user, kind=kind, as_of=as_of, queued_at=timezone.now()
        )
        if jobs.broker_keeps_tasks():
            pushed.append(_push(run))
        else:
            transaction.on_commit(push_after_commit)
    return run, (pushed[0] if pushed else None)


def run_bulk(run_id: int) -> str | None:
    """Claim and run one request; None if it is taken or finished already."""
    if not jobs.claim(BulkRun, run_id):
        return None
    run = BulkRun.objects.select_related("region", "requested_by").get(pk=run_id)
    actor = run.requested_by
    try:
        _issued, skipped = issue_for_lagging(
            run.region, actor, Source.JOB, run.kind, run.as_of, bulk_run=run
        )
    except Exception:  # the run must end in a state the page can show
        log.exception("bulk letters run %s failed", run_id)
        error = _("处理时出错（详情已记入系统日志），请稍后重试或联系系统管理员。")
        _finish(run, RunStatus.FAILED, issued=_references(run), error=error)
        notify([actor], _("批量发函失败"), error, "/letters/")
        return "failed"
    # Letters issued by an earlier attempt of this run (its worker killed) count as issued.
    issued = list(run.letters.values_list("reference", "region__name"))
    names = {name for _ref, name in issued}
    run.skipped = [(name, why) for name, why in skipped if name not in names]
    _finish(run, RunStatus.DONE, issued=[ref for ref, _name in issued], skipped=run.skipped)
    notify(
        [actor],
        _("批量发函完成：发出%(n)s份，跳过%(m)s个") % {"n": len(issued), "m": len(run.skipped)},
        "\n".join(run.skipped_lines()),
        "/letters/",
    )
    return f"{len(issued)} issued, {len(run.skipped)} skipped"


def _references(run: BulkRun) -> list[str]:
    return list(run.letters.values_list("reference", flat=True))


def _finish(run: BulkRun, status, **fields) -> None:
    BulkRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(), **fields)


def issue_bulk(region_code: str, actor_id: int, kind: str, as_of: str) -> str | None:
    """A task queued before runs were stored (an upgrade with tasks waiting): run it now."""
    run = BulkRun.objects.create(
        region=Region.objects.get(code=region_code),
        requested_by=User.objects.get(pk=actor_id),
        kind=kind or Kind.NOTICE,
        as_of=date.fromisoformat(as_of),
    )
    return run_bulk(run.pk)


def recover_jobs() -> int:
    """Fail the runs taken up `max_attempts` times without finishing; with Redis, queue
    again the runs whose task may be lost. Returns how many runs it queued or failed."""
    count = 0
    for run in BulkRun.objects.filter(jobs.exhausted()).select_related("requested_by"):
        error = _(
            "处理了%(n)d次都被中断（后台任务进程被终止），已停止重试；已发出的函件见函件列表。"
        ) % {"n": run.attempts}
        if BulkRun.objects.filter(jobs.stalled(), pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=error,
            issued=_references(run),
        ):
            notify([run.requested_by], _("批量发函失败"), error, "/letters/")
            count += 1
    return count + jobs.queue_lost(BulkRun, _push, "bulk letters run")


def ensure_schedules() -> None:
    """Letters are issued on request; only the search for lost runs is scheduled."""
    jobs.schedule_recovery("letters.recover_jobs", "saima.letters.jobs.recover_jobs")
