"""Background work of the dispatch cycle (django-q2). `run_periods` is idempotent: running it
twice, or late, leaves the same state; `ensure_schedules` registers it once."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from saima.audit.models import Source

from . import services
from .choices import PeriodState
from .models import Period, ReportingSchedule

log = logging.getLogger(__name__)
JOB = "saima.dispatch.jobs.run_periods"


def roll_schedules(year: int) -> list[ReportingSchedule]:
    """A region keeps last year's rhythm into the new year unless someone chose another."""
    made = []
    for old in ReportingSchedule.objects.filter(year=year - 1).select_related("region"):
        if not ReportingSchedule.objects.filter(region=old.region, year=year).exists():
            made.append(services.set_rhythm(old.region, year, old.rhythm, None, Source.JOB))
    return made


def run_periods(today=None) -> dict:
    """Create missing periods, open those that started, close those past their deadline
    plus DISPATCH_CLOSE_AFTER_DAYS (closing freezes their figures).

    Only this year's and last year's schedules and periods are touched: older ones (history,
    or a demo) are left as they are, to be opened or closed by hand."""
    today = today or timezone.localdate()
    counts = {"schedules": len(roll_schedules(today.year)), "created": 0, "opened": 0, "closed": 0}
    recent = today.year - 1
    for schedule in ReportingSchedule.objects.filter(year__gte=recent).select_related("region"):
        with transaction.atomic():
            counts["created"] += len(services.ensure_periods(schedule, None, Source.JOB))
    periods = Period.objects.filter(year__gte=recent)
    for period in periods.filter(state=PeriodState.UPCOMING, start__lte=today):
        services.open_period(period, None, Source.JOB)
        counts["opened"] += 1
    grace = settings.DISPATCH_CLOSE_AFTER_DAYS
    if grace > 0:
        due = periods.filter(state=PeriodState.OPEN, deadline__lt=today - timedelta(grace))
        for period in due.select_related("region"):
            services.close_period(period, None, Source.JOB)
            counts["closed"] += 1
    log.info("dispatch periods: %s", counts)
    return counts


def ensure_schedules() -> None:
    """Register the hourly period job once (safe to call at every worker start)."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="调度填报期开放与关闭",
        defaults={"func": JOB, "schedule_type": Schedule.HOURLY, "repeats": -1},
    )
