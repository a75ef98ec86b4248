"""靖宇县's 2022 reserve pool (储备库): 225 projects at 谋划, 269.32亿元, in the four published
categories, by funding channel and rolling status; 123 of them held by county leaders."""

from datetime import date
from decimal import Decimal

from saima.projects.choices import Category, ReserveStatus, Stage

from . import generate as gen
from .build import Draft
from .facts import reserve, yi_to_wan
from .groups import pick_unit
from .people import JINGYU_LEADERS

CATEGORY = {
    "产业类": Category.INDUSTRY,
    "基础设施类": Category.INFRASTRUCTURE,
    "生态环境类": Category.ECOLOGY,
    "社会民生类": Category.SOCIAL,
}
SHARE = {"产业类": 95, "基础设施类": 60, "生态环境类": 35, "社会民生类": 35}  # of 225, chosen
HELD_BY_LEADERS = 123


def reserve_drafts(demo) -> list[Draft]:
    rng = demo.rng
    pool = reserve("220622")
    counts = dict(SHARE)
    counts[pool["categories"][-1]] += pool["projects"] - sum(counts.values())
    amounts = gen.split(
        rng, yi_to_wan(pool["total_investment_yi"]), pool["projects"], Decimal(500), (0.2, 3.0)
    )
    leaders = [demo.users[u] for u, _ in JINGYU_LEADERS]
    drafts = []
    for label in pool["categories"]:
        for _ in range(counts[label]):
            d = Draft(name="", region="220622", category=CATEGORY[label])
            d.name, d.industry = gen.project_name(rng, "靖宇县", d.category, demo.names)
            d.events[Stage.PLANNING] = gen.day_between(rng, date(2021, 9, 1), date(2022, 6, 30))
            channel = rng.choice(gen.CHANNELS_BY_CATEGORY[d.category])
            d.channels = [channel]
            d.reserve = (channel, rng.choices(ReserveStatus.values, weights=[50, 30, 20])[0])
            d.department = pick_unit(demo, d.region, d.category)
            drafts.append(d)
    for d, amount in zip(drafts, amounts, strict=True):
        d.total = amount
    for i, d in enumerate(rng.sample(drafts, HELD_BY_LEADERS)):
        d.leader = leaders[i % len(leaders)]
    return drafts
