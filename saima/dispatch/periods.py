"""Reporting periods and working-day deadlines.

Working days follow the official holiday calendar with its make-up working days (调休), from
the `chinese-calendar` package. For a year the package does not know yet (it is updated
yearly) we fall back to Monday–Friday and say so in the log.
"""

import calendar
import logging
from datetime import date, timedelta

import chinese_calendar
from django.conf import settings

from .choices import Rhythm

log = logging.getLogger(__name__)


def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        log.warning("chinese-calendar has no data for %s; counting Monday–Friday", day.year)
        return day.weekday() < 5


def nth_workday_after(day: date, n: int) -> date:
    """The n-th working day after `day` (n ≥ 1): 2022-09-30 and 3 → 2022-10-10, because
    1–7 October are holidays and Saturday 8 and Sunday 9 October are make-up working days."""
    count = 0
    while count < max(n, 1):
        day += timedelta(days=1)
        if is_workday(day):
            count += 1
    return day


def deadline_for(end: date) -> date:
    return nth_workday_after(end, settings.DISPATCH_DEADLINE_WORKDAYS)


def period_ranges(year: int, rhythm: str) -> list[tuple[int, date, date]]:
    """(seq, start, end) of every period of the year. Weeks run Monday–Sunday and are clipped
    to the year, so week 1 may be short; ten-day parts are 1–10, 11–20 and 21–month end."""
    if rhythm == Rhythm.MONTHLY:
        return [
            (m, date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
            for m in range(1, 13)
        ]
    if rhythm == Rhythm.TEN_DAY:
        out = []
        for m in range(1, 13):
            last = calendar.monthrange(year, m)[1]
            for part, (a, b) in enumerate(((1, 10), (11, 20), (21, last)), start=1):
                out.append(((m - 1) * 3 + part, date(year, m, a), date(year, m, b)))
        return out
    out, start, seq = [], date(year, 1, 1), 1
    while start.year == year:
        end = min(start + timedelta(days=6 - start.weekday()), date(year, 12, 31))
        out.append((seq, start, end))
        start, seq = end + timedelta(days=1), seq + 1
    return out


# Which periods a project files in. A schedule covers its region and everything below it,
# except the regions below that have a schedule of their own for the same year.


def _schedule_prefixes(year: int) -> list[str]:
    from saima.regions.models import Region

    from .models import ReportingSchedule

    codes = ReportingSchedule.objects.filter(year=year).values_list("region", flat=True)
    return [r.prefix for r in Region.objects.filter(code__in=list(codes))]


def governing_prefix(code: str, year: int) -> str | None:
    """The prefix of the most specific schedule covering region `code` in `year`."""
    matches = [p for p in _schedule_prefixes(year) if code.startswith(p)]
    return max(matches, key=len) if matches else None


def periods_for_project(project, year: int):
    """The periods a project files in for the year (empty when no schedule covers it)."""
    from saima.regions.models import Region

    from .models import Period

    prefix = governing_prefix(project.region_id, year)
    if prefix is None:
        return Period.objects.none()
    regions = [r.code for r in Region.objects.filter(code__startswith=prefix) if r.prefix == prefix]
    return Period.objects.filter(region__in=regions, year=year)


def governs(period, project) -> bool:
    """Does `project` file in `period`?"""
    return governing_prefix(project.region_id, period.year) == period.region.prefix


def due_plans(period, region=None):
    """The annual plan rows (year of the period) of the projects due to file in `period`,
    optionally only those within `region`."""
    from saima.projects.models import AnnualPlan

    own = period.region.prefix
    plans = AnnualPlan.objects.filter(year=period.year, project__region__code__startswith=own)
    for prefix in _schedule_prefixes(period.year):
        if prefix != own and prefix.startswith(own):
            plans = plans.exclude(project__region__code__startswith=prefix)
    if region is not None:
        plans = plans.filter(project__region__code__startswith=region.prefix)
    return plans


def governed_regions(period):
    """The regions whose figures the period's close freezes: its region and those below it
    that no more specific schedule covers."""
    from saima.regions.models import Region

    own = period.region.prefix
    others = [p for p in _schedule_prefixes(period.year) if p != own and p.startswith(own)]
    return [
        r
        for r in Region.objects.filter(code__startswith=own)
        if not any(r.code.startswith(p) for p in others)
    ]
