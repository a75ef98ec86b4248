"""The wall chart (挂图作战) of a region: one line per project, planned against actual dates
of its approvals and milestones on a shared time axis.

Positions are computed here as percentages of the window so the template only places boxes;
the page needs no chart library and prints as it shows.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from saima.projects.models import Project

from .models import Milestone, ProjectApproval


@dataclass
class Mark:
    """One approval or milestone on a project's line."""

    kind: str  # "approval" or "milestone"
    name: str
    planned: date | None
    actual: date | None
    responsible: str
    overdue: bool
    planned_at: float | None = None  # percent of the window
    actual_at: float | None = None


@dataclass
class Bar:
    start: float
    width: float
    title: str


@dataclass
class Line:
    project: Project
    marks: list[Mark]
    planned_bar: Bar | None
    actual_bar: Bar | None
    required: int
    obtained: int

    @property
    def overdue(self) -> list[Mark]:
        return [m for m in self.marks if m.overdue]


@dataclass
class Tick:
    at: float
    label: str


@dataclass
class WallChart:
    start: date
    end: date
    today: date
    today_at: float | None
    ticks: list[Tick]
    lines: list[Line] = field(default_factory=list)
    # Projects left off because nothing is scheduled for them yet.
    unscheduled: int = 0

    @property
    def overdue_count(self) -> int:
        return sum(len(line.overdue) for line in self.lines)


def chart_projects(projects):
    """The projects with everything the chart shows, in a fixed number of queries."""
    return projects.select_related("leader", "department", "region").prefetch_related(
        Prefetch(
            "approvals",
            queryset=ProjectApproval.objects.select_related("approval_type", "department"),
        ),
        Prefetch("milestones", queryset=Milestone.objects.select_related("department")),
    )


def _marks(project, today: date) -> list[Mark]:
    marks = [
        Mark(
            "approval",
            a.approval_type.name,
            a.planned_on,
            a.obtained_on,
            a.responsible,
            a.is_overdue(today),
        )
        for a in project.approvals.all()
    ]
    marks += [
        Mark("milestone", m.kind, m.planned_on, m.actual_on, m.responsible, m.is_overdue(today))
        for m in project.milestones.all()
    ]
    return marks


def _window(all_marks: list[Mark], today: date, year: int | None) -> tuple[date, date]:
    if year is not None:
        return date(year, 1, 1), date(year, 12, 31)
    dates = [d for m in all_marks for d in (m.planned, m.actual) if d is not None] + [today]
    first, last = min(dates), max(dates)
    start = first.replace(day=1)
    end = (last.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end


def _ticks(start: date, end: date, at) -> list[Tick]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 15 else 3 if months <= 48 else 12
    ticks, current = [], start
    while current <= end:
        if (current.month - 1) % step == 0:
            label = (
                f"{current.year}.{current.month}"
                if current.month == 1 or not ticks
                else f"{current.month}月"
            )
            if step == 12:
                label = f"{current.year}"
            ticks.append(Tick(at(current), label))
        current = (current + timedelta(days=32)).replace(day=1)
    return ticks


def build(projects, today: date, year: int | None = None, everything=False) -> WallChart:
    """The chart of these projects; those with no approval or milestone yet are left off
    (and counted) unless `everything`."""
    projects = list(projects)
    per_project = [(p, _marks(p, today)) for p in projects]
    unscheduled = sum(1 for _, marks in per_project if not marks)
    if not everything:
        per_project = [(p, marks) for p, marks in per_project if marks]
    start, end = _window([m for _, marks in per_project for m in marks], today, year)
    span = (end - start).days + 1

    def at(d: date) -> float:
        return round(max(0, min(span, (d - start).days)) * 100 / span, 3)

    def inside(d: date | None) -> float | None:
        return at(d) if d is not None and start <= d <= end else None

    def bar(dates: list[date], title: str) -> Bar | None:
        if not dates:
            return None
        first, last = at(min(dates)), at(max(dates))
        if max(dates) < start or min(dates) > end:
            return None
        return Bar(first, max(round(last - first, 3), 0.4), title)

    chart = WallChart(start, end, today, inside(today), _ticks(start, end, at))
    chart.unscheduled = 0 if everything else unscheduled
    for project, marks in per_project:
        for m in marks:
            m.planned_at, m.actual_at = inside(m.planned), inside(m.actual)
        planned = [m.planned for m in marks if m.planned]
        actual = [m.actual for m in marks if m.actual]
        approvals = [m for m in marks if m.kind == "approval"]
        chart.lines.append(
            Line(
                project=project,
                marks=marks,
                planned_bar=bar(planned, _("计划")),
                actual_bar=bar(actual, _("实际")),
                required=len(approvals),
                obtained=sum(1 for m in approvals if m.actual is not None and m.actual <= today),
            )
        )
    return chart
