"""Demo step: the published concentrated groundbreakings of facts.yaml, and one campaign.

Runs after the ledger demo, which starts the right projects on the right day. An event lists
the projects of its region that started on its day; its totals are then computed from the
ledger and must equal the published ones — if they do not, the step stops with an assertion
naming the difference (the ledger demo is what has to change). Idempotent.
"""

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

from saima.audit.models import Source
from saima.figures.events import totals_of
from saima.projects.choices import Stage
from saima.projects.models import Project
from saima.regions.models import Region

from . import services
from .models import Campaign, GroundbreakingEvent

FACTS_PATH = Path(__file__).resolve().parent.parent / "demo" / "fixtures" / "facts.yaml"
WAN_PER_YI = Decimal(10000)


@cache
def published_events() -> list[dict]:
    """The groundbreakings of facts.yaml that happened on one day (not running totals)."""
    facts = yaml.safe_load(FACTS_PATH.read_text(encoding="utf-8"))
    return [g for g in facts["groundbreakings"] if "date" in g]


def _wan(yi) -> Decimal:
    return Decimal(str(yi)) * WAN_PER_YI


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


def check_totals(event: GroundbreakingEvent, fact: dict) -> None:
    totals = totals_of(event)
    problems = []
    if totals.projects != fact["projects"]:
        problems.append(
            f"projects {totals.projects} ≠ {fact['projects']} "
            f"(difference {totals.projects - fact['projects']:+d})"
        )
    for key, got in (
        ("total_investment_yi", totals.total_investment_wan),
        ("annual_plan_yi", totals.annual_plan_wan),
    ):
        if key in fact and got != _wan(fact[key]):
            want = _wan(fact[key])
            problems.append(
                f"{key.removesuffix('_yi')} {_plain(got)}万元 ≠ {_plain(want)}万元 "
                f"(difference {'+' if got > want else '-'}{_plain(abs(got - want))}万元)"
            )
    if problems:
        raise AssertionError(f"{fact['name']}: " + "; ".join(problems))


def _load_event(fact: dict, actor) -> bool:
    region = Region.objects.get(code=fact["region"])
    day = fact["date"]
    event = GroundbreakingEvent.objects.filter(region=region, date=day, name=fact["name"]).first()
    created = event is None
    if created:
        event = services.save_event(
            None, {"region": region, "date": day, "name": fact["name"]}, actor, Source.COMMAND
        )
        started = (
            Project.objects.within(region)
            .filter(stage_events__stage=Stage.STARTED, stage_events__date=day)
            .distinct()
        )
        # Through the service, so each project's 开工 date is checked against the event's.
        if started.exists():
            services.add_projects(event, started, actor, Source.COMMAND)
    check_totals(event, fact)
    return created


def _load_campaign(actor) -> bool:
    region = Region.objects.get(code="220500")
    if Campaign.objects.filter(region=region, name="2022年重点项目百日攻坚行动").exists():
        return False
    services.save_campaign(
        None,
        {
            "region": region,
            "name": "2022年重点项目百日攻坚行动",
            "starts_on": date(2022, 3, 1),
            "ends_on": date(2022, 6, 8),
            "target_started": 20,
            "target_investment_wan": Decimal(600000),
            "note": "演示数据：目标为示例，进度由台账计算",
        },
        actor,
        Source.COMMAND,
    )
    return True


def load_events_demo(demo=None) -> str:
    actor = getattr(demo, "actor", None)
    with transaction.atomic():
        created = sum(_load_event(fact, actor) for fact in published_events())
        campaigns = int(_load_campaign(actor))
    return f"{created} groundbreakings, {campaigns} campaign created"
