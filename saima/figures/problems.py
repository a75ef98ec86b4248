"""Problem figures for a region (with everything below it) over a period of raising dates:
raised, resolved, resolved on time, overdue, average working days to resolve — by sub-region,
by responsible unit, by level and by category; and the overdue problems themselves.

* resolved: 已办结 or 已确认;
* resolved on time: resolved by the deadline in force and never escalated automatically;
* overdue: still open and past its deadline at `as_of`, or flagged 超期 past the top level;
* working days follow the official calendar with make-up days (saima.problems.workdays).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef

from saima.core.numbers import rate
from saima.problems.choices import OPEN_STATES, State
from saima.problems.models import EscalationStep, Problem
from saima.problems.workdays import working_days_between
from saima.regions.models import Region

RESOLVED = (State.RESOLVED, State.CONFIRMED)


@dataclass
class ProblemRow:
    key: str
    label: str
    raised: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    overdue: int = 0
    working_days: list[int] = field(default_factory=list, repr=False)

    @property
    def average_days_to_resolve(self) -> Decimal | None:
        if not self.working_days:
            return None
        return Decimal(sum(self.working_days)) / Decimal(len(self.working_days))

    @property
    def on_time_rate(self) -> Decimal | None:
        """问题按期办结率: resolved on time ÷ resolved (None when nothing was resolved)."""
        return rate(self.resolved_on_time, self.resolved)

    def add(self, p: dict, as_of: date) -> None:
        self.raised += 1
        if p["state"] in RESOLVED and p["resolved_on"]:
            self.resolved += 1
            self.working_days.append(working_days_between(p["raised_on"], p["resolved_on"]))
            if p["resolved_on"] <= p["deadline"] and not p["auto"]:
                self.resolved_on_time += 1
        elif is_overdue(p, as_of):
            self.overdue += 1


def is_overdue(p: dict, as_of: date) -> bool:
    """Still open and past its deadline at `as_of`, or flagged 超期."""
    return p["state"] in OPEN_STATES and (p["is_overdue"] or p["deadline"] < as_of)


@dataclass
class ProblemFigures:
    region: Region
    start: date
    end: date
    as_of: date
    total: ProblemRow
    by_region: list[ProblemRow]
    by_unit: list[ProblemRow]
    by_level: list[ProblemRow]
    by_category: list[ProblemRow] = field(default_factory=list)


def _raised(region: Region, start: date, end: date):
    return Problem.objects.filter(
        project__region__code__startswith=region.prefix,
        raised_on__gte=start,
        raised_on__lte=end,
    )


def problem_figures(region: Region, start: date, end: date, as_of: date) -> ProblemFigures:
    """Figures over problems raised from `start` to `end` (inclusive), as they stand at
    `as_of`."""
    auto = EscalationStep.objects.filter(problem=OuterRef("pk"), automatic=True)
    rows = (
        _raised(region, start, end)
        .annotate(auto=Exists(auto))
        .values(
            "project__region_id",
            "assigned_unit_id",
            "assigned_unit__name",
            "level",
            "category__name",
            "category__order",
            "raised_on",
            "resolved_on",
            "deadline",
            "state",
            "is_overdue",
            "auto",
        )
    )
    children = {c.code: c for c in region.children.all()}
    total = ProblemRow(region.code, region.name)
    by_region: dict[str, ProblemRow] = {}
    by_unit: dict = {}
    by_level: dict[int, ProblemRow] = defaultdict(lambda: None)
    by_category: dict[tuple, ProblemRow] = {}
    for p in rows:
        total.add(p, as_of)
        code = p["project__region_id"]
        child = next((c for c in children.values() if code.startswith(c.prefix)), region)
        by_region.setdefault(child.code, ProblemRow(child.code, child.name)).add(p, as_of)
        unit_key = p["assigned_unit_id"] or 0
        label = p["assigned_unit__name"] or "未指定单位"
        by_unit.setdefault(unit_key, ProblemRow(str(unit_key), label)).add(p, as_of)
        if by_level[p["level"]] is None:
            by_level[p["level"]] = ProblemRow(str(p["level"]), f"第{p['level']}级")
        by_level[p["level"]].add(p, as_of)
        name = p["category__name"]
        cat_key = (p["category__order"], name)
        by_category.setdefault(cat_key, ProblemRow(name, name)).add(p, as_of)
    return ProblemFigures(
        region=region,
        start=start,
        end=end,
        as_of=as_of,
        total=total,
        by_region=[by_region[k] for k in sorted(by_region)],
        by_unit=sorted(by_unit.values(), key=lambda r: r.label),
        by_level=[by_level[k] for k in sorted(by_level)],
        by_category=[by_category[k] for k in sorted(by_category)],
    )


def overdue_problems(region: Region, start: date, end: date, as_of: date) -> list[Problem]:
    """The problems raised from `start` to `end` that count as overdue at `as_of` (the same
    rule as `ProblemRow.overdue`), oldest deadline first."""
    rows = (
        _raised(region, start, end)
        .filter(state__in=OPEN_STATES)
        .select_related("project__region", "category", "assigned_unit")
        .order_by("deadline", "raised_on", "pk")
    )
    return [p for p in rows if is_overdue(vars(p), as_of)]
