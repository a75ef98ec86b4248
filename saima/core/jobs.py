"""The worker's schedules: every app with scheduled work has a `jobs.ensure_schedules()`.

A fixed list, not a registry: add a module here when an app gains scheduled work.

Also the rules shared by the work the worker takes from a table of its own (ledger imports,
letters in bulk): a row with `status` ("queued", "running", …), `queued_at`, `started_at`
and `attempts`, claimed by one task at a time and queued again when its task was lost.
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

QUEUED, RUNNING = "queued", "running"
log = logging.getLogger(__name__)

JOB_MODULES = [
    "saima.notifications.jobs",
    "saima.problems.jobs",
    "saima.letters.jobs",
    "saima.dispatch.jobs",
    "saima.ledger.jobs",
]


def ensure_schedules() -> None:
    """Create or update every app's Schedule rows (idempotent)."""
    for name in JOB_MODULES:
        import_module(name).ensure_schedules()


def recover_jobs() -> int:
    """Queue again the work whose task was lost (a killed worker, a restarted Redis), or fail
    it when it was taken up too often, in the apps that have a `jobs.recover_jobs()`; how many
    jobs it queued or failed."""
    modules = (import_module(name) for name in JOB_MODULES)
    return sum(module.recover_jobs() for module in modules if hasattr(module, "recover_jobs"))


def broker_keeps_tasks() -> bool:
    """The database broker keeps a task until it is acknowledged (and re-delivers it); Redis
    hands it over and forgets it."""
    return "orm" in settings.Q_CLUSTER


def claim(model, pk, **fields) -> bool:
    """Take up the row for this task (and set `fields`): queued, or left running by a worker
    that was killed (older than the job time limit, so no live worker still runs it) fewer
    than `max_attempts` times; one taken up that often is failed by `exhausted()`'s caller."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.Q_CLUSTER["timeout"])
    tries = settings.Q_CLUSTER["max_attempts"]
    claimable = Q(status=QUEUED) | Q(status=RUNNING, started_at__lt=stale, attempts__lt=tries)
    return bool(
        model.objects.filter(claimable, pk=pk).update(
            status=RUNNING, started_at=now, attempts=F("attempts") + 1, **fields
        )
    )


def stalled() -> Q:
    """Running for longer than `JOB_RETRY` (the re-delivery delay of the database broker, a
    margin above the job time limit): its worker was killed."""
    return Q(status=RUNNING, started_at__lt=timezone.now() - timedelta(
        seconds=settings.Q_CLUSTER["retry"]
    ))  # fmt: skip


def exhausted() -> Q:
    """Stalled after `max_attempts` tries: it kills its worker each time; fail it."""
    return stalled() & Q(attempts__gte=settings.Q_CLUSTER["max_attempts"])


def lost() -> Q:
    """Rows whose task a broker that forgets (Redis) may have lost: stalled, or queued for
    longer than the time limit (Redis restarted, or the process died between its commit and
    the push), and not queued again within the time limit."""
    limit = timezone.now() - timedelta(seconds=settings.Q_CLUSTER["timeout"])
    return (stalled() | Q(status=QUEUED)) & (Q(queued_at__lt=limit) | Q(queued_at=None))


def queue_lost(model, push, what: str) -> int:
    """With a broker that forgets (Redis), `push` again every row of `model` whose task may
    be lost (`lost()`); a row the broker refuses now is left to the next run. How many."""
    if broker_keeps_tasks():
        return 0
    count = 0
    for row in model.objects.filter(lost()):
        try:
            push(row)
        except Exception:  # noqa: BLE001 - the broker is down: the next run tries again
            log.exception("%s %s could not be queued again", what, row.pk)
            continue
        model.objects.filter(pk=row.pk).update(queued_at=timezone.now())
        log.warning("%s %s queued again: its task was lost", what, row.pk)
        count += 1
    return count


def schedule_recovery(name: str, func: str) -> None:
    """Run `func` (an app's `recover_jobs`) every `JOB_RECOVER_MINUTES`."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=name,
        defaults={
            "func": func,
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.JOB_RECOVER_MINUTES,
            "repeats": -1,
        },
    )
