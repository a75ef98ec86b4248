"""珲春市: 2022 key projects without a size threshold (62 new 284.38亿元 + 50 continuing
108.98亿元), of which the 40 of 5000万元 and above were all going by 2022-09-26; and the 2023
plan of 124 projects, 396亿元, 44 of them of 5000万元 and above."""

from datetime import date
from decimal import Decimal

from saima.projects.choices import YearNature

from . import generate as gen
from .build import Draft
from .facts import plan, progress, yi_to_wan
from .groups import Group, build_group

HUNCHUN = "222404"
BIG_NEW, BIG_CONT = 25, 15  # the 40 of 5000万元+ in 2022
CARRIED = 24  # 2022 new projects continuing on the 2023 plan
NEW_2023_BIG = 20
SMALL = {"low": 500, "high": 4900}


def hunchun_drafts(demo) -> list[Draft]:
    y22, y23 = plan(HUNCHUN, 2022), plan(HUNCHUN, 2023)
    going = progress(HUNCHUN, date(2022, 9, 26), "started_or_resumed")
    if going["of_planned"] != BIG_NEW + BIG_CONT:
        raise ValueError("珲春: the published 40 projects of 5000万元+ no longer match")

    small_new = build_group(
        demo, Group(HUNCHUN, 25, "新建", (date(2022, 4, 1), date(2022, 9, 26)), **SMALL)
    )
    small_new += build_group(
        demo,
        Group(
            HUNCHUN,
            y22["new"] - BIG_NEW - 25,
            "新建",
            (date(2022, 9, 27), date(2022, 11, 30)),
            **SMALL,
        ),
    )
    small_cont = build_group(
        demo,
        Group(
            HUNCHUN,
            y22["continuing"] - BIG_CONT,
            "续建",
            (date(2022, 3, 1), date(2022, 10, 31)),
            **SMALL,
        ),
    )
    big_new = build_group(
        demo,
        Group(
            HUNCHUN,
            BIG_NEW,
            "新建",
            (date(2022, 3, 15), date(2022, 9, 20)),
            yi_to_wan(y22["new_investment_yi"]) - sum(d.total for d in small_new),
            named=("珲春进口百万吨煤炭产业园项目", "珲春海洋经济功能食品产业园建设项目"),
        ),
    )
    big_cont = build_group(
        demo,
        Group(
            HUNCHUN,
            BIG_CONT,
            "续建",
            (date(2022, 3, 1), date(2022, 6, 30)),
            yi_to_wan(y22["continuing_investment_yi"]) - sum(d.total for d in small_cont),
            named=("红旗珲春国际汽车文化旅游小镇项目", "珲春海洋经济示范区冷链物流基地示范项目"),
        ),
    )

    # 2023: the larger 2022 new projects continue; 100 new projects join the plan.
    carried = big_new[:CARRIED]
    for d in carried:
        annual = gen.floor_to(d.total * Decimal(str(demo.rng.uniform(0.2, 0.4))), Decimal(10))
        resumed = gen.day_between(demo.rng, date(2023, 3, 1), date(2023, 4, 30))
        d.plans[2023] = (YearNature.CONTINUING, annual, resumed)
    small_2023 = build_group(
        demo,
        Group(
            HUNCHUN,
            y23["projects"] - CARRIED - NEW_2023_BIG,
            "新建",
            (date(2023, 4, 1), date(2023, 10, 31)),
            year=2023,
            **SMALL,
        ),
    )
    big_2023 = build_group(
        demo,
        Group(
            HUNCHUN,
            NEW_2023_BIG,
            "新建",
            (date(2023, 3, 20), date(2023, 9, 30)),
            yi_to_wan(y23["total_investment_yi"]) - sum(d.total for d in carried + small_2023),
            year=2023,
        ),
    )
    return small_new + small_cont + big_new + big_cont + small_2023 + big_2023
