"""The investment-attraction pipeline (招商引资): projects that reached 谋划, 签约 or 落地 in
2022, so that each published stage count (and its investment, where published) holds as of
its date, and the targets implied by the published completion rates."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from saima.projects.choices import Category, Stage
from saima.projects.models import Target

from . import generate as gen
from .build import Draft
from .facts import facts, named, yi_to_wan
from .groups import fill_generated, named_draft, pick_unit

PIPELINE = (Stage.PLANNING, Stage.SIGNED, Stage.LANDED)
# Published pipeline projects, counted in their region's figure for their stage.
NAMED = {
    ("220521", Stage.SIGNED): ("原参品林下参冻干粉生产线", "人参电商直播产业带基地"),
}
# 辉南县's 开工 2 of 3 cannot hold next to its 16-project groundbreaking (docs/demo.md).
DROPPED_TARGETS = {("220523", Stage.STARTED)}
YEAR = 2022


def earlier(rng, d: Draft, stage: str, when: date) -> None:
    """The stages before `stage` happened last year (so they do not count this year)."""
    y = when.year - 1
    if stage in (Stage.SIGNED, Stage.LANDED):
        d.events[Stage.PLANNING] = gen.day_between(rng, date(y, 1, 10), date(y, 5, 31))
    if stage == Stage.LANDED:
        d.events[Stage.SIGNED] = gen.day_between(rng, date(y, 6, 1), date(y, 11, 30))


def pipeline_drafts(demo) -> list[Draft]:
    rng, drafts = demo.rng, []
    for row in facts()["stage_counts"]:
        stage, region = row["stage"], row["region"]
        if stage not in PIPELINE:
            continue  # 开工 counts come from the plan's new projects
        names = NAMED.get((region, stage), ())
        rows = [named_draft(demo, n) for n in names]
        rows += [
            Draft(name="", region=region, category=Category.INDUSTRY)
            for _ in range(row["actual"] - len(names))
        ]
        if "investment_yi" in row:
            amounts = gen.split(
                rng, yi_to_wan(row["investment_yi"]), len(rows), Decimal(500), (0.3, 3.0)
            )
        else:
            amounts = gen.random_amounts(rng, len(rows), 3000, 60000)
        for d, amount in zip(rows, amounts, strict=True):
            d.total = amount
            when = (
                row["as_of"]
                if region == "220600"
                else gen.day_between(rng, date(YEAR, 1, 4), row["as_of"])
            )
            d.events[stage] = when
            earlier(rng, d, stage, when)
            if d.is_generated:
                if region == "220600":  # the 白山 集中签约 spreads over its counties
                    d.region = rng.choice(
                        ["220602", "220605", "220621", "220622", "220623", "220681"]
                    )
                fill_generated(demo, d, when - timedelta(days=30))
                if stage == Stage.PLANNING:
                    d.code, d.owner_name, d.owner_uscc = None, "", ""
            d.department = pick_unit(demo, d.region, d.category)
            if note := (named(d.name).get("status_note") if not d.is_generated else ""):
                d.notes[stage] = note
        drafts += rows
    return drafts


def load_targets(demo) -> int:
    targets = defaultdict(dict)
    for row in facts()["stage_counts"]:
        key = (row["region"], row["stage"])
        if "target" in row and key not in DROPPED_TARGETS:
            targets[key] = row["target"]
    Target.objects.bulk_create(
        [Target(region_id=r, year=YEAR, stage=s, count=n) for (r, s), n in targets.items()],
        ignore_conflicts=True,
    )
    return len(targets)
