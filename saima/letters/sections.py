"""What a letter lists: each builder returns one Section of what lags in a region or unit.

The builders run in the order of SECTION_BUILDERS: projects behind time progress by more than
settings.LETTER_BEHIND_POINTS, planned new projects not started, missing progress reports,
and overdue problems.
"""

from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from saima.core.numbers import ZERO, fmt_percent, fmt_wan, rate, round_half_up
from saima.dispatch.models import Period
from saima.figures.pace import basis_for, counted_filings, missing_projects, time_progress
from saima.problems.models import Problem
from saima.projects.choices import Stage, YearNature
from saima.projects.models import AnnualPlan, StageEvent

from .docx import Section, cn_date


def _projects_q(region, unit, field="project"):
    q = Q(**{f"{field}__region__code__startswith": region.prefix})
    if unit is not None:
        q &= Q(**{f"{field}__department": unit})
    return q


def planned_not_started(region, unit, as_of: date) -> Section:
    """新建 projects on this year's plan with no 开工 recorded by the as-of date."""
    started = StageEvent.objects.filter(
        project=OuterRef("project"), stage=Stage.STARTED, date__lte=as_of
    )
    plans = (
        AnnualPlan.objects.filter(_projects_q(region, unit), year=as_of.year, nature=YearNature.NEW)
        .exclude(Exists(started))
        .select_related("project__region", "project__department")
        .order_by("project__region_id", "project__name")
    )
    items = [
        _("%(region)s %(name)s（责任单位：%(unit)s）")
        % {
            "region": plan.project.region.name,
            "name": plan.project.name,
            "unit": plan.project.department or _("未明确"),
        }
        for plan in plans
    ]
    return Section(
        key="planned_not_started",
        title=_("计划新开工未开工项目"),
        intro=_("截至%(d)s，列入%(y)s年重点项目计划的新建项目中，以下%(n)s个尚未开工：")
        % {"d": cn_date(as_of), "y": as_of.year, "n": len(items)},
        items=items,
    )


def overdue_problems(region, unit, as_of: date) -> Section:
    """Open problems past their deadline (or flagged 超期), grouped by level."""
    q = _projects_q(region, unit)
    if unit is not None:
        q = Q(project__region__code__startswith=region.prefix) & (
            Q(assigned_unit=unit) | Q(project__department=unit)
        )
    problems = (
        Problem.objects.open()
        .filter(q)
        .filter(Q(is_overdue=True) | Q(deadline__lt=as_of))
        .select_related("project", "category", "assigned_unit")
        .order_by("-level", "deadline", "pk")
    )
    groups: dict[int, list[str]] = {}
    for problem in problems:
        groups.setdefault(problem.level, []).append(
            _("%(project)s：%(text)s（%(category)s，责任单位%(unit)s，期限%(deadline)s%(flag)s）")
            % {
                "project": problem.project.name,
                "text": problem.description,
                "category": problem.category.name,
                "unit": problem.assigned_unit or _("未明确"),
                "deadline": cn_date(problem.deadline),
                "flag": _("，已超期") if problem.is_overdue else "",
            }
        )
    count = sum(len(v) for v in groups.values())
    return Section(
        key="overdue_problems",
        title=_("超期未办结问题"),
        intro=_("以下%(n)s个问题已超过办理期限仍未办结：") % {"n": count},
        groups=[(_("第%(l)s级会商问题") % {"l": level}, items) for level, items in groups.items()],
    )


def behind_time_progress(region, unit, as_of: date) -> Section:
    """Projects whose completed investment this year (from their counted filings) is more
    than LETTER_BEHIND_POINTS percentage points behind time progress."""
    progress = time_progress(as_of, basis_for(as_of))
    plans = (
        AnnualPlan.objects.filter(_projects_q(region, unit), year=as_of.year, annual_plan_wan__gt=0)
        .select_related("project__region")
        .order_by("project__region_id", "project__name")
    )
    done = dict(
        counted_filings(region, as_of.year, as_of)
        .values_list("project_id")
        .annotate(total=Sum("amount_wan"))
    )
    items = []
    for plan in plans:
        completed = done.get(plan.project_id) or ZERO
        completion = rate(completed, plan.annual_plan_wan)
        gap = progress - completion
        if gap > settings.LETTER_BEHIND_POINTS:
            items.append(
                _(
                    "%(region)s %(name)s：累计完成投资%(done)s万元，占年度计划的%(rate)s，"
                    "低于序时进度%(gap)s个百分点"
                )
                % {
                    "region": plan.project.region.name,
                    "name": plan.project.name,
                    "done": fmt_wan(completed),
                    "rate": fmt_percent(completion),
                    "gap": round_half_up(gap, 1),
                }
            )
    return Section(
        key="behind_time_progress",
        title=_("投资进度滞后项目"),
        intro=_(
            "截至%(d)s，时间进度为%(p)s，以下%(n)s个项目投资完成率低于序时进度%(t)s个百分点以上："
        )
        % {
            "d": cn_date(as_of),
            "p": fmt_percent(progress),
            "n": len(items),
            "t": settings.LETTER_BEHIND_POINTS,
        },
        items=items,
    )


def missing_filings(region, unit, as_of: date) -> Section:
    """Progress reports not submitted for the periods of the year whose deadline has passed."""
    items = []
    periods = Period.objects.filter(year=as_of.year, deadline__lt=as_of).select_related("region")
    for period in periods.order_by("start", "region_id"):
        if not (
            region.code.startswith(period.region.prefix)
            or period.region_id.startswith(region.prefix)
        ):
            continue
        projects = missing_projects(period, region)
        if unit is not None:
            projects = projects.filter(department=unit)
        items += [
            _("%(period)s：%(region)s %(name)s")
            % {"period": period.label, "region": project.region.name, "name": project.name}
            for project in projects.order_by("region_id", "name")
        ]
    return Section(
        key="missing_filings",
        title=_("未按期填报进度的项目"),
        intro=_("以下%(n)s期次项目进度截至填报期限仍未报送：") % {"n": len(items)},
        items=items,
    )


SECTION_BUILDERS = [behind_time_progress, planned_not_started, missing_filings, overdue_problems]


def lagging_sections(region, unit, as_of: date) -> list[Section]:
    """The non-empty sections for a region or unit; empty when nothing lags."""
    sections = (build(region, unit, as_of) for build in SECTION_BUILDERS)
    return [s for s in sections if not s.empty]
