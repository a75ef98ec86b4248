"""Automatic escalation, run by the worker. Safe to run twice or to kill midway: each problem
is handled in its own transaction, under a row lock, with a conditional UPDATE and a unique
step row (see services.climb)."""

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.audit.models import Action, Source
from saima.audit.recorder import record, snapshot
from saima.core import faults
from saima.figures import versions
from saima.notifications.services import notify

from .choices import EventKind
from .models import Problem
from .services import _event, climb, involved
from .workdays import add_working_days


def escalate_due(today=None) -> dict:
    """Escalate every open problem whose deadline has passed (deadlines end at the end of their
    day, Asia/Shanghai); flag 超期 those already at the top. Returns counts."""
    today = today or timezone.localdate()
    counts = {"escalated": 0, "overdue": 0}
    due = list(
        Problem.objects.open()
        .filter(deadline__lt=today, is_overdue=False)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            locked = (
                Problem.objects.select_for_update(of=("self",))
                .select_related("project__region", "assigned_unit", "raised_by")
                .get(pk=pk)
            )
            # A worker that was away catches up: each missed rung is climbed in turn, its new
            # deadline counted from the one that passed, as if the job had run on time.
            while locked.is_open and not locked.is_overdue and locked.deadline < today:
                if climb(locked, locked.deadline, None, Source.JOB) is not None:
                    counts["escalated"] += 1
                    faults.pause("problems.escalated")
                    continue
                if _flag_overdue(locked):
                    counts["overdue"] += 1
                break
    return counts


def _flag_overdue(locked: Problem) -> bool:
    before = snapshot(locked)
    flagged = Problem.objects.filter(
        pk=locked.pk, level=locked.level, deadline=locked.deadline, is_overdue=False
    ).update(is_overdue=True, version=locked.version + 1, updated_at=timezone.now())
    if not flagged:
        return False
    locked.refresh_from_db()
    versions.touch(locked)
    record(None, Source.JOB, Action.UPDATE, locked, before)
    _event(
        locked,
        None,
        EventKind.OVERDUE,
        _("已过最高级别办理期限%(d)s，标记超期") % {"d": locked.deadline},
    )
    notify(
        involved(locked),
        _("问题超期：%(p)s") % {"p": locked.project},
        locked.description,
        reverse("problem_detail", kwargs={"pk": locked.pk}),
    )
    return True


def remind_due(today=None) -> int:
    """Remind everyone involved on the last working day before a deadline passes; once per
    deadline (a conditional UPDATE on reminded_for), however often the job runs."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, 1)
    due = Problem.objects.open().filter(deadline__gte=today, deadline__lt=horizon)
    sent = 0
    for problem in due.exclude(reminded_for=F("deadline")).select_related("project"):
        with transaction.atomic():
            claimed = (
                Problem.objects.filter(pk=problem.pk, deadline=problem.deadline)
                .exclude(reminded_for=problem.deadline)
                .update(reminded_for=problem.deadline)
            )
            if not claimed:
                continue
            notify(
                involved(problem),
                _("办理期限将至：%(p)s，请于%(d)s 24时前办结")
                % {"p": problem.project, "d": problem.deadline},
                problem.description,
                reverse("problem_detail", kwargs={"pk": problem.pk}),
            )
            sent += 1
    return sent


def ensure_schedules() -> None:
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="problems.escalate_due",
        defaults={
            "func": "saima.problems.jobs.escalate_due",
            "schedule_type": Schedule.MINUTES,
            "minutes": 15,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="problems.remind_due",
        defaults={
            "func": "saima.problems.jobs.remind_due",
            "schedule_type": Schedule.HOURLY,
            "repeats": -1,
        },
    )
