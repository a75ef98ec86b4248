"""The escalation ladder of a region, and who holds each rung for a given problem."""

from dataclasses import dataclass

from saima.accounts.models import Role, User

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
    chain = [region, *reversed(region.ancestors())]
    rows = list(EscalationLevel.objects.filter(region__in=chain).order_by("level"))
    for candidate in chain:
        rungs = [r for r in rows if r.region_id == candidate.code]
        if rungs:
            return [Rung(r.level, r.holder, r.title, r.working_days, r.person_id) for r in rungs]
    return [Rung(level, holder, title, days) for level, holder, title, days in DEFAULT_LADDER]


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
