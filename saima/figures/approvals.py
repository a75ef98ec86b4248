"""前期手续完成率: approvals obtained ÷ approvals required, over the projects of a region (with
everything below it), as of a date.

A project's required approvals are its ProjectApproval rows (seeded from the requirement set
of its kind, editable per project); one counts as obtained when its actual date is on or
before the as-of date. "新建项目前期手续综合完成率" restricts the projects to the 新建 entries of
a year's plan.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from saima.core.numbers import rate
from saima.projects.choices import YearNature
from saima.regions.models import Region
from saima.schedule.models import ProjectApproval


@dataclass(frozen=True)
class ApprovalFigures:
    region: Region
    as_of: date
    year: int | None
    projects: int
    required: int
    obtained: int

    @property
    def completion(self) -> Decimal | None:
        """前期手续完成率 in percent, exact (None when nothing is required)."""
        return rate(self.obtained, self.required)

    @property
    def outstanding(self) -> int:
        return self.required - self.obtained


def approval_figures(
    region: Region,
    as_of: date,
    new_of_year: int | None = None,
    min_total_wan: Decimal | None = None,
    projects=None,
) -> ApprovalFigures:
    """The completion of the approvals of the projects in `region` as of `as_of`.

    `new_of_year` restricts to projects that are 新建 on that year's plan; `min_total_wan`
    to projects of at least that total investment (e.g. 5000 for "5000万元以上"); `projects`
    (a queryset) to a further subset, e.g. those visible to a user.
    """
    rows = ProjectApproval.objects.filter(project__region__code__startswith=region.prefix)
    if new_of_year is not None:
        rows = rows.filter(project__plans__year=new_of_year, project__plans__nature=YearNature.NEW)
    if min_total_wan is not None:
        rows = rows.filter(project__total_investment_wan__gte=min_total_wan)
    if projects is not None:
        rows = rows.filter(project__in=projects)
    totals = rows.aggregate(
        required=Count("id"),
        obtained=Count("id", filter=Q(obtained_on__lte=as_of)),
        projects=Count("project", distinct=True),
    )
    return ApprovalFigures(
        region=region,
        as_of=as_of,
        year=new_of_year,
        projects=totals["projects"],
        required=totals["required"],
        obtained=totals["obtained"],
    )
