"""The escalation ladder of a region, and who holds each rung for a given problem."""

from dataclasses import dataclass

from saima.accounts.models import Role, User
from saima.regions.models import Region

from .choices import DEFAULT_LADDER, Holder
from .models import EscalationLevel


@dataclass(frozen=True)
class Rung:
    level: int
    holder: str
    title: str
    working_days: int
    person_id: int | None = None


def ladder_for(region) -> list[Rung]:
    """The rungs of the nearest region (itself, then upwards) that configures any."""
    return resolve(region)[1]


def resolve(region) -> tuple[Region | None, list[Rung]]:
    """(the region whose rungs apply, its rungs): the region itself, else the nearest region
    above it that configures any, else (None, the default ladder)."""
    chain = [region, *reversed(region.ancestors())]
    rows = list(EscalationLevel.objects.filter(region__in=chain).order_by("level"))
    for candidate in chain:
        rungs = [r for r in rows if r.region_id == candidate.code]
        if rungs:
            return candidate, [
                Rung(r.level, r.holder, r.title, r.working_days, r.person_id) for r in rungs
            ]
    return None, [Rung(level, holder, title, days) for level, holder, title, days in DEFAULT_LADDER]


def rung(ladder: list[Rung], level: int) -> Rung | None:
    return next((r for r in ladder if r.level == level), None)


def holder_of(problem, r: Rung):
    """The person who holds rung `r` for this problem, or None when nobody is named."""
    if r.holder == Holder.UNIT_HEAD:
        if problem.assignee_id:
            return problem.assignee
        unit = problem.assigned_unit or problem.project.department
        return unit.head if unit else None
    if r.holder == Holder.LEADER:
        return problem.project.leader
    if r.person_id:
        return User.objects.get(pk=r.person_id)
    # Nobody named for the top rung: the county administrators stand in for it.
    return (
        User.objects.filter(grants__role=Role.COUNTY_ADMIN, grants__region=problem.project.region)
        .order_by("pk")
        .first()
    )


def rung_rows(rungs: list[Rung]) -> list[dict]:
    """The rungs for display: who holds each, and the working days from raising a problem to
    the end of each level (each level's limit counts from the previous level's deadline)."""
    people = User.objects.in_bulk([r.person_id for r in rungs if r.person_id])
    total, rows = 0, []
    for r in rungs:
        total += r.working_days
        holder = Holder(r.holder).label if r.holder in Holder.values else r.holder
        rows.append(
            {"rung": r, "holder": holder, "person": people.get(r.person_id), "total": total}
        )
    return rows


def rung_initial(rungs: list[Rung]) -> list[dict]:
    """The rungs as the initial rows of the ladder form."""
    return [
        {
            "level": r.level,
            "holder": r.holder,
            "title": r.title,
            "person": r.person_id or "",
            "working_days": r.working_days,
        }
        for r in rungs
    ]


def regions_with_own_ladders(region):
    """The regions below `region` that set their own ladder (and so do not inherit its)."""
    return (
        Region.objects.within(region)
        .exclude(pk=region.pk)
        .filter(escalation_levels__isnull=False)
        .distinct()
        .order_by("code")
    )
