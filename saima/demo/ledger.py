"""Demo step: the ledger — plan projects of 通化, 白山 and 珲春, the investment-attraction
pipeline, published projects on no plan, 靖宇县's reserve pool, and the stage targets."""

from collections import defaultdict
from datetime import date, timedelta

from saima.projects.choices import STAGE_ORDER, Stage
from saima.projects.models import Project
from saima.regions.models import Department, Region

from .baishan import baishan_groups
from .build import Draft, flush
from .extras import extra_drafts
from .facts import named
from .groups import build_group
from .hunchun import hunchun_drafts
from .pipeline import load_targets, pipeline_drafts
from .regions import EXTRA_UNITS
from .reserves import reserve_drafts
from .tonghua import tonghua_groups

# The demo secretary and leader of 东昌区 also hold projects elsewhere, to show that
# assignment widens what they see.
SECRETARY_ALSO = ("通化鑫鸿年产300万吨环保新材料产业基地建设项目",)
LEADER_ALSO = ("金田大数据产业园项目",)


def load_ledger(demo) -> str:
    if Project.objects.filter(is_generated=True).exists():
        return "ledger already loaded"
    demo.regions = {r.code: r for r in Region.objects.all()}
    demo.departments, demo.units = defaultdict(list), {}
    special = {name for names in EXTRA_UNITS.values() for name in names}
    for unit in Department.objects.order_by("pk"):
        demo.units[unit.name] = unit
        if unit.name not in special:  # named units get only the projects named for them
            demo.departments[unit.region_id].append(unit)

    drafts: list[Draft] = []
    for group in tonghua_groups() + baishan_groups():
        drafts += build_group(demo, group)
    drafts += hunchun_drafts(demo)
    drafts += pipeline_drafts(demo)
    drafts += extra_drafts(demo)
    drafts += reserve_drafts(demo)
    published_stages(demo, drafts)
    assign_people(demo, drafts)
    created = flush(demo, drafts)
    targets = load_targets(demo)
    return f"{created} projects, {targets} targets"


def published_stages(demo, drafts: list[Draft]) -> None:
    """A published stage beyond the one the project's group gave it (众品源 produces)."""
    for d in drafts:
        if d.is_generated:
            continue
        stage = named(d.name).get("stage")
        if stage and STAGE_ORDER[stage] > STAGE_ORDER[d.stage]:
            resumed = [r for _, _, r in d.plans.values() if r is not None]
            last = max([*d.events.values(), *resumed])
            when = min(last + timedelta(days=demo.rng.randrange(60, 150)), date(last.year, 12, 28))
            d.events[stage] = max(when, last)
            d.notes[stage] = d.notes.pop(Stage.STARTED, "") or d.notes.get(stage, "")


def assign_people(demo, drafts: list[Draft]) -> None:
    secretary, leader = demo.users["secretary"], demo.users["leader"]
    unit = demo.units["东昌区发展和改革局"]
    dongchang = [d for d in drafts if d.region == "220502" and 2022 in d.plans]
    mine = [d for d in dongchang if not d.is_generated] + [d for d in dongchang if d.is_generated][
        :4
    ]
    for d in mine:
        d.secretary, d.leader, d.department = secretary, leader, unit
    for d in drafts:
        if d.name in SECRETARY_ALSO:
            d.secretary = secretary
        if d.name in LEADER_ALSO:
            d.leader = leader
