"""Totals of concentrated groundbreakings and the progress of campaigns, from the ledger.

Nothing here is typed in: an event's totals are the sums over the projects it lists (their
total investment and the annual planned investment of the event's year); a campaign's progress
counts the projects of its region that started (开工) within its date range.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Sum

from saima.core.numbers import ZERO, rate
from saima.events.models import Campaign, GroundbreakingEvent
from saima.projects.choices import Stage
from saima.projects.models import AnnualPlan, Project


@dataclass(frozen=True)
class EventTotals:
    projects: int
    total_investment_wan: Decimal
    annual_plan_wan: Decimal


EMPTY = EventTotals(0, ZERO, ZERO)


def event_totals(events) -> dict[int, EventTotals]:
    """Totals for many events in two queries: event id → EventTotals."""
    events = list(events)
    if not events:
        return {}
    ids = [e.pk for e in events]
    through = GroundbreakingEvent.projects.through
    counts = {
        row["groundbreakingevent_id"]: row
        for row in through.objects.filter(groundbreakingevent_id__in=ids)
        .values("groundbreakingevent_id")
        .annotate(n=Count("project_id"), total=Sum("project__total_investment_wan"))
    }
    annual = {
        (row["project__groundbreakings"], row["year"]): row["annual"]
        for row in AnnualPlan.objects.filter(project__groundbreakings__in=ids)
        .values("project__groundbreakings", "year")
        .annotate(annual=Sum("annual_plan_wan"))
    }
    totals = {}
    for event in events:
        row = counts.get(event.pk)
        if row is None:
            totals[event.pk] = EMPTY
            continue
        totals[event.pk] = EventTotals(
            projects=row["n"],
            total_investment_wan=row["total"] or ZERO,
            annual_plan_wan=annual.get((event.pk, event.date.year)) or ZERO,
        )
    return totals


def totals_of(event: GroundbreakingEvent) -> EventTotals:
    return event_totals([event])[event.pk]


@dataclass(frozen=True)
class CampaignProgress:
    campaign: Campaign
    as_of: date
    started: int
    started_investment_wan: Decimal
    elapsed_days: int
    total_days: int

    @property
    def started_completion(self) -> Decimal | None:
        target = self.campaign.target_started
        return rate(self.started, target) if target else None

    @property
    def investment_completion(self) -> Decimal | None:
        target = self.campaign.target_investment_wan
        return rate(self.started_investment_wan, target) if target else None

    @property
    def time_progress(self) -> Decimal | None:
        """Share of the campaign's days elapsed up to as-of, in percent."""
        return rate(self.elapsed_days, self.total_days)


def started_in(campaign: Campaign, as_of: date):
    """The projects of the campaign's region that started within its range, up to as-of."""
    end = min(as_of, campaign.ends_on)
    return (
        Project.objects.within(campaign.region)
        .filter(
            stage_events__stage=Stage.STARTED,
            stage_events__date__gte=campaign.starts_on,
            stage_events__date__lte=end,
        )
        .annotate(started_on=F("stage_events__date"))
    )


def campaign_progress(campaign: Campaign, as_of: date) -> CampaignProgress:
    totals = started_in(campaign, as_of).aggregate(n=Count("id"), total=Sum("total_investment_wan"))
    total_days = (campaign.ends_on - campaign.starts_on).days + 1
    elapsed = (min(as_of, campaign.ends_on) - campaign.starts_on).days + 1
    return CampaignProgress(
        campaign=campaign,
        as_of=as_of,
        started=totals["n"],
        started_investment_wan=totals["total"] or ZERO,
        elapsed_days=max(0, min(elapsed, total_days)),
        total_days=total_days,
    )
