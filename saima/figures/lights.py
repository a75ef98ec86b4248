"""Traffic lights (三色预警) for projects and regions.

Pace: green at or ahead of time progress (or behind by no more than LIGHT_GREEN_MARGIN
points), yellow behind by up to LIGHT_RED_MARGIN points, red beyond. Start: a project due to
start (新建) or resume (续建) that has not → yellow; LIGHT_LATE_RED_MONTHS months late → red.
The margins are settings (environment variables of the same name).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from saima.projects.choices import Stage, YearNature
from saima.projects.models import AnnualPlan, StageEvent

GREEN, YELLOW, RED = "green", "yellow", "red"
COLOURS = (GREEN, YELLOW, RED)
LABELS = {GREEN: _("绿灯"), YELLOW: _("黄灯"), RED: _("红灯")}
_WORST = {GREEN: 0, YELLOW: 1, RED: 2}


def pace_light(value: Decimal | None, progress: Decimal | None) -> str | None:
    """Compare a completion rate with time progress; None when either is unknown."""
    if value is None or progress is None:
        return None
    behind = progress - value
    if behind <= settings.LIGHT_GREEN_MARGIN:
        return GREEN
    if behind <= settings.LIGHT_RED_MARGIN:
        return YELLOW
    return RED


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_light(due: date | None, started: date | None, as_of: date) -> str:
    """Started (or not yet due) → green; due and not started → yellow; late by
    LIGHT_LATE_RED_MONTHS months or more → red."""
    if started is not None and started <= as_of:
        return GREEN
    if due is None or as_of <= due:
        return GREEN
    if as_of >= add_months(due, settings.LIGHT_LATE_RED_MONTHS):
        return RED
    return YELLOW


def worst(*lights: str | None) -> str | None:
    known = [light for light in lights if light is not None]
    return max(known, key=_WORST.__getitem__) if known else None


def start_due(year: int) -> date:
    """When a planned project without its own date is due to start or resume: the end of
    month LIGHT_START_DUE_MONTH of the plan year."""
    month = settings.LIGHT_START_DUE_MONTH
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class ProjectLight:
    project_id: int
    name: str
    region_code: str
    light: str
    started: date | None


def project_lights(region, year: int, as_of: date) -> list[ProjectLight]:
    """A light per project on year Y's plan in the region, from its start or resume date."""
    end = min(as_of, date(year, 12, 31))
    started_on = StageEvent.objects.filter(
        project=OuterRef("project"), stage=Stage.STARTED, date__year=year, date__lte=end
    ).values("date")[:1]
    plans = (
        AnnualPlan.objects.filter(year=year, project__region__code__startswith=region.prefix)
        .annotate(started_on=Subquery(started_on))
        .values(
            "project_id",
            "project__name",
            "project__region_id",
            "nature",
            "resumed_on",
            "started_on",
        )
        .order_by("project__region_id", "project__name")
    )
    due = start_due(year)
    lights = []
    for p in plans:
        began = p["started_on"] if p["nature"] == YearNature.NEW else p["resumed_on"]
        if began is not None and began > end:
            began = None
        lights.append(
            ProjectLight(
                p["project_id"],
                p["project__name"],
                p["project__region_id"],
                start_light(due, began, end),
                began,
            )
        )
    return lights


def region_light(region, year: int, as_of: date, progress: Decimal) -> str | None:
    """A region's light: its LIGHT_REGION_INDICATOR (an indicators key) against time
    progress."""
    from saima.figures.indicators import INDICATORS

    indicator = INDICATORS[settings.LIGHT_REGION_INDICATOR]
    return pace_light(indicator.value(region, year, as_of), progress)


def counts(lights) -> dict[str, int]:
    result = dict.fromkeys(COLOURS, 0)
    for light in lights:
        colour = getattr(light, "light", light)
        if colour in result:
            result[colour] += 1
    return result
