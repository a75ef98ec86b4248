"""What a letter lists: each builder returns one Section of what lags in a region or unit.

The builders run in the order of SECTION_BUILDERS. Two more sections belong here once their
figures exist (they are being built in parallel): projects behind time progress by more than
the threshold (investment pace) and missing progress filings. Each is a function with the same
signature added to the list.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

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


SECTION_BUILDERS = [planned_not_started, overdue_problems]


def lagging_sections(region, unit, as_of: date) -> list[Section]:
    """The non-empty sections for a region or unit; empty when nothing lags."""
    sections = (build(region, unit, as_of) for build in SECTION_BUILDERS)
    return [s for s in sections if not s.empty]
