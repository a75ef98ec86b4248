"""Ledger figures for a region (with everything below it), a year and an as-of date.

Definitions are those of SPEC.md §3. All amounts are exact Decimals in 万元 and all rates
exact Decimals in percent; rounding is left to display.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from saima.core.numbers import ZERO, rate
from saima.projects.choices import Stage, YearNature
from saima.projects.models import AnnualPlan, Project, StageEvent, Target
from saima.regions.models import Region


@dataclass
class StageFigure:
    stage: str
    actual: int
    target: int | None
    completion: Decimal | None
    actual_investment_wan: Decimal
    target_investment_wan: Decimal | None
    investment_completion: Decimal | None


@dataclass
class LedgerFigures:
    region: Region
    year: int
    as_of: date
    planned_projects: int
    planned_new: int
    planned_continuing: int
    total_investment_wan: Decimal
    annual_plan_wan: Decimal
    started_new: int
    resumed_continuing: int
    stages: list[StageFigure] = field(default_factory=list)

    @property
    def started_or_resumed(self) -> int:
        return self.started_new + self.resumed_continuing

    @property
    def start_rate(self) -> Decimal | None:
        """开工率 = started 新建 ÷ planned 新建."""
        return rate(self.started_new, self.planned_new)

    @property
    def resume_rate(self) -> Decimal | None:
        """复工率 = resumed 续建 ÷ planned 续建."""
        return rate(self.resumed_continuing, self.planned_continuing)

    @property
    def start_or_resume_rate(self) -> Decimal | None:
        """开复工率 = (started 新建 + resumed 续建) ÷ planned projects."""
        return rate(self.started_or_resumed, self.planned_projects)

    def stage(self, stage: str) -> StageFigure:
        return next(s for s in self.stages if s.stage == stage)


def year_start(year: int) -> date:
    return date(year, 1, 1)


def ledger_figures(
    region: Region, year: int, as_of: date, min_total_wan: Decimal | None = None
) -> LedgerFigures:
    """Compute the figures; `min_total_wan` restricts the plan to projects of at least that
    total investment (e.g. 5000 for "5000万元以上项目")."""
    start, end = year_start(year), min(as_of, date(year, 12, 31))
    plans = AnnualPlan.objects.filter(year=year, project__region__code__startswith=region.prefix)
    if min_total_wan is not None:
        plans = plans.filter(project__total_investment_wan__gte=min_total_wan)
    started = Exists(
        StageEvent.objects.filter(
            project=OuterRef("project"), stage=Stage.STARTED, date__gte=start, date__lte=end
        )
    )
    new = Q(nature=YearNature.NEW)
    continuing = Q(nature=YearNature.CONTINUING)
    totals = plans.annotate(started=started).aggregate(
        planned=Count("id"),
        planned_new=Count("id", filter=new),
        planned_continuing=Count("id", filter=continuing),
        total=Sum("project__total_investment_wan"),
        annual=Sum("annual_plan_wan"),
        started_new=Count("id", filter=new & Q(started=True)),
        resumed=Count("id", filter=continuing & Q(resumed_on__gte=start, resumed_on__lte=end)),
    )
    return LedgerFigures(
        region=region,
        year=year,
        as_of=as_of,
        planned_projects=totals["planned"],
        planned_new=totals["planned_new"],
        planned_continuing=totals["planned_continuing"],
        total_investment_wan=totals["total"] or ZERO,
        annual_plan_wan=totals["annual"] or ZERO,
        started_new=totals["started_new"],
        resumed_continuing=totals["resumed"],
        stages=stage_figures(region, year, as_of),
    )


def annual_plan_total(region: Region, year: int) -> Decimal:
    """The annual planned investment of year Y's plan in the region (the `annual_plan_wan` of
    `ledger_figures`, without computing the rest)."""
    plans = AnnualPlan.objects.filter(year=year, project__region__code__startswith=region.prefix)
    return plans.aggregate(s=Sum("annual_plan_wan"))["s"] or ZERO


def stage_figures(region: Region, year: int, as_of: date) -> list[StageFigure]:
    """For each stage: projects in the region that reached it within year Y up to as-of,
    against the region's target (its own, or the sum of all its sub-regions' targets)."""
    start, end = year_start(year), min(as_of, date(year, 12, 31))
    reached = {
        row["stage"]: row
        for row in StageEvent.objects.filter(
            project__region__code__startswith=region.prefix, date__gte=start, date__lte=end
        )
        .values("stage")
        # One event per project and stage (constraint stageevent_unique_stage), so counting
        # rows counts projects; DISTINCT would only add a sort over every event.
        .annotate(n=Count("project"), inv=Sum("project__total_investment_wan"))
    }
    own = {t.stage: t for t in Target.objects.filter(region=region, year=year)}
    # Without a target of its own, a region's target is the sum of its sub-regions' targets,
    # but only when every direct sub-region has one: a partial sum would overstate completion.
    children = Region.objects.filter(parent=region).count()
    below = {
        row["stage"]: row
        for row in Target.objects.filter(region__parent=region, year=year)
        .values("stage")
        .annotate(count=Sum("count"), inv=Sum("investment_wan"), regions=Count("region"))
        if children and row["regions"] == children
    }
    figures = []
    for stage in Stage.values:
        actual = reached.get(stage, {}).get("n", 0)
        actual_inv = reached.get(stage, {}).get("inv") or ZERO
        if stage in own:
            target, target_inv = own[stage].count, own[stage].investment_wan
        elif stage in below:
            target, target_inv = below[stage]["count"], below[stage]["inv"]
        else:
            target, target_inv = None, None
        figures.append(
            StageFigure(
                stage=stage,
                actual=actual,
                target=target,
                completion=rate(actual, target) if target else None,
                actual_investment_wan=actual_inv,
                target_investment_wan=target_inv,
                investment_completion=rate(actual_inv, target_inv) if target_inv else None,
            )
        )
    return figures


def projects_in(region: Region):
    return Project.objects.within(region)
