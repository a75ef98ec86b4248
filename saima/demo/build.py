"""Drafts of demo projects and the bulk writer that saves them with their stage history,
plan entries, funding channels, reserve entries and one audit entry each."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from saima.audit.models import Action, AuditEntry, Source
from saima.audit.recorder import diff, make_entry, snapshot
from saima.projects.choices import STAGE_ORDER
from saima.projects.models import AnnualPlan, FundingChannel, Project, ReserveEntry, StageEvent

BATCH = 500


@dataclass
class Draft:
    """One project to create, with everything hanging off it."""

    name: str
    region: str
    total: Decimal = Decimal(0)
    is_generated: bool = True
    category: str = ""
    industry: str = ""
    nature: str = ""
    content: str = ""
    land_mu: Decimal | None = None
    location: str = ""
    owner_name: str = ""
    owner_uscc: str = ""
    code: str | None = None
    plan_level: str = ""
    department: object = None
    leader: object = None
    secretary: object = None
    channels: list[str] = field(default_factory=list)
    events: dict[str, date] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    # year → (nature, annual planned investment, resumed_on)
    plans: dict[int, tuple[str, Decimal, date | None]] = field(default_factory=dict)
    reserve: tuple[str, str] | None = None

    @property
    def stage(self) -> str:
        return max(self.events, key=STAGE_ORDER.__getitem__) if self.events else ""

    def check(self, today: date) -> None:
        """Stage dates follow stage order and none is in the future."""
        dates = [self.events[s] for s in sorted(self.events, key=STAGE_ORDER.__getitem__)]
        if dates != sorted(dates) or (dates and dates[-1] > today):
            raise ValueError(f"implausible stage dates for {self.name}: {self.events}")
        for year, (_, _, resumed) in self.plans.items():
            if resumed is not None and (resumed.year != year or resumed > today):
                raise ValueError(f"bad resume date for {self.name}: {resumed}")


def flush(demo, drafts: list[Draft]) -> int:
    """Save the drafts in a handful of bulk inserts."""
    channels = {c.name: c for c in FundingChannel.objects.all()}
    projects = []
    for d in drafts:
        d.check(demo.today)
        projects.append(
            Project(
                code=d.code,
                name=d.name,
                region=demo.regions[d.region],
                content=d.content,
                industry=d.industry,
                nature=d.nature,
                category=d.category,
                owner_name=d.owner_name,
                owner_uscc=d.owner_uscc,
                total_investment_wan=d.total,
                land_mu=d.land_mu,
                location=d.location,
                plan_level=d.plan_level,
                leader=d.leader,
                department=d.department,
                secretary=d.secretary,
                stage=d.stage,
                is_generated=d.is_generated,
            )
        )
    # Snapshots are taken before saving, while there is no pk (so no many-to-many query).
    changes = [diff({}, snapshot(p)) for p in projects]
    Project.objects.bulk_create(projects, batch_size=BATCH)

    events, plans, links, reserves, audit = [], [], [], [], []
    through = Project.funding_channels.through
    for d, p, change in zip(drafts, projects, changes, strict=True):
        events += [
            StageEvent(project=p, stage=s, date=when, note=d.notes.get(s, ""))
            for s, when in d.events.items()
        ]
        plans += [
            AnnualPlan(project=p, year=y, nature=n, annual_plan_wan=a, resumed_on=r)
            for y, (n, a, r) in d.plans.items()
        ]
        links += [through(project=p, fundingchannel=channels[c]) for c in d.channels]
        if d.reserve:
            reserves.append(
                ReserveEntry(project=p, channel=channels[d.reserve[0]], status=d.reserve[1])
            )
        if d.channels:
            change["funding_channels"] = [None, sorted(d.channels)]
        audit.append(make_entry(demo.actor, Source.COMMAND, Action.CREATE, p, change))
    StageEvent.objects.bulk_create(events, batch_size=BATCH)
    AnnualPlan.objects.bulk_create(plans, batch_size=BATCH)
    through.objects.bulk_create(links, batch_size=BATCH)
    ReserveEntry.objects.bulk_create(reserves, batch_size=BATCH)
    AuditEntry.objects.bulk_create(audit, batch_size=BATCH)
    return len(projects)
