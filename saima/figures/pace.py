"""Investment pace and filing figures for a region (with everything below it).

Completed investment this year counts the filings that are submitted or accepted
(`saima.dispatch.choices.COUNTED_STATES`): a figure counts from the moment the secretary
submits it, a returned one drops out until it is submitted again, drafts never count. Only
periods that ended by the as-of date count.

投资完成率 = completed ÷ the annual planned investment of `saima.figures.ledger`.
时间进度 = month ÷ 12 for a monthly figure, day of year ÷ days in the year for a daily one.
Ahead (+) or behind (−) time progress in percentage points = 投资完成率 − 时间进度.
All amounts are exact Decimals in 万元, rates exact Decimal percent.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from saima.core.numbers import ZERO, rate
from saima.dispatch.choices import COUNTED_STATES, Rhythm
from saima.dispatch.models import Filing
from saima.dispatch.periods import due_plans
from saima.figures.ledger import annual_plan_total
from saima.regions.models import Region

MONTHLY, DAILY = "month", "day"


def time_progress(as_of: date, basis: str = MONTHLY) -> Decimal:
    """序时进度 in percent: March → 25; 2022-03-15 daily → 74 ÷ 365."""
    if basis == MONTHLY:
        return rate(as_of.month, 12)
    days = 366 if calendar.isleap(as_of.year) else 365
    return rate(as_of.timetuple().tm_yday, days)


def basis_for(as_of: date, rhythm: str | None = None) -> str:
    """Monthly periods (and month ends) read month ÷ 12; anything else day of year."""
    if rhythm == Rhythm.MONTHLY:
        return MONTHLY
    if rhythm is None and as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]:
        return MONTHLY
    return DAILY


def counted_filings(region: Region, year: int, as_of: date):
    return Filing.objects.filter(
        state__in=COUNTED_STATES,
        period__year=year,
        period__end__lte=as_of,
        project__region__code__startswith=region.prefix,
    )


def completed_investment(region: Region, year: int, as_of: date) -> Decimal:
    total = counted_filings(region, year, as_of).aggregate(s=Sum("amount_wan"))["s"]
    return total or ZERO


def project_cumulative(project, year: int, upto: date, exclude_pk=None) -> Decimal:
    """A project's completed investment this year up to `upto`, from its counted filings."""
    rows = Filing.objects.filter(
        project=project, state__in=COUNTED_STATES, period__year=year, period__end__lte=upto
    ).exclude(pk=exclude_pk)
    return rows.aggregate(s=Sum("amount_wan"))["s"] or ZERO


def cumulative_subquery():
    """A subquery annotation: each filing's project cumulative this year up to its period's
    end (the same figure as `project_cumulative`, for lists without one query per row)."""
    from django.db.models import DecimalField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    rows = (
        Filing.objects.filter(
            project=OuterRef("project"),
            state__in=COUNTED_STATES,
            period__year=OuterRef("period__year"),
            period__end__lte=OuterRef("period__end"),
        )
        .order_by()
        .values("project")
        .annotate(s=Sum("amount_wan"))
        .values("s")
    )
    money = DecimalField(max_digits=18, decimal_places=4)
    return Coalesce(Subquery(rows, output_field=money), ZERO, output_field=money)


def project_completed_total(project, exclude_pk=None) -> Decimal:
    """Everything the project's counted filings report, all years (for the remaining check)."""
    rows = Filing.objects.filter(project=project, state__in=COUNTED_STATES).exclude(pk=exclude_pk)
    return rows.aggregate(s=Sum("amount_wan"))["s"] or ZERO


@dataclass
class PaceFigures:
    region: Region
    year: int
    as_of: date
    basis: str
    completed_wan: Decimal
    annual_plan_wan: Decimal

    @property
    def completion_rate(self) -> Decimal | None:
        """投资完成率; None when there is no annual plan."""
        return rate(self.completed_wan, self.annual_plan_wan)

    @property
    def time_progress(self) -> Decimal:
        return time_progress(self.as_of, self.basis)

    @property
    def ahead_points(self) -> Decimal | None:
        """Percentage points ahead of (+) or behind (−) time progress."""
        if self.completion_rate is None:
            return None
        return self.completion_rate - self.time_progress


def pace_figures(region: Region, year: int, as_of: date, basis: str | None = None) -> PaceFigures:
    as_of = min(as_of, date(year, 12, 31))
    return PaceFigures(
        region=region,
        year=year,
        as_of=as_of,
        basis=basis or basis_for(as_of),
        completed_wan=completed_investment(region, year, as_of),
        annual_plan_wan=annual_plan_total(region, year),
    )


def period_pace(region: Region, period) -> PaceFigures:
    """Pace at the end of a period: monthly periods month ÷ 12, the others day of year."""
    return pace_figures(region, period.year, period.end, basis_for(period.end, period.rhythm))


@dataclass
class FilingFigures:
    """Reports due, filed on time, filed late and missing, for one period and region."""

    due: int
    on_time: int
    late: int
    missing: int

    @property
    def filed(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> Decimal | None:
        return rate(self.on_time, self.due)


def filing_figures(region: Region, period) -> FilingFigures:
    """A report is filed once it was submitted (whatever the review said since); it is late
    when first submitted after the deadline; missing when never submitted."""
    plans = due_plans(period, region)
    due = plans.count()
    filed = Filing.objects.filter(
        period=period,
        project_id__in=plans.values("project_id"),
        first_submitted_at__isnull=False,
    ).aggregate(filed=Count("id"), late=Count("id", filter=Q(is_late=True)))
    return FilingFigures(
        due=due,
        on_time=filed["filed"] - filed["late"],
        late=filed["late"],
        missing=due - filed["filed"],
    )


def missing_projects(period, region: Region | None = None):
    """The projects due in the period that have not submitted (for the chase list)."""
    from saima.projects.models import Project

    ids = due_plans(period, region).values_list("project_id", flat=True)
    filed = Filing.objects.filter(period=period, first_submitted_at__isnull=False).values(
        "project_id"
    )
    return Project.objects.filter(pk__in=ids).exclude(pk__in=filed).select_related("region")
