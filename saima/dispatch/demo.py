"""Demo step of the dispatch cycle (runs after the ledger demo).

通化市 files monthly in 2021 and 2022. Every project on 通化's 2022 plan files January to
March 2022; the amounts are the published first-quarter figure — "一季度预计完成投资19.6亿元"
(facts.yaml, progress, 220500, 2022-03-31) — shared out in proportion to each project's
annual planned investment (20% January, 30% February, the rest March), so the frozen
March figure reads exactly 196000万元. A few filings are submitted late, so the late and
on-time figures are not trivial. January to March are closed, which freezes their figures.

2021 predates the platform: its periods are closed without computing anything, and the
one 2021 figure the press published is imported as March 2021's snapshot — 前期手续综合完成率
58.2% (derived from "69.2%，高于去年同期11个百分点") — so year-on-year has it; every other 2021
figure stays unknown ("—"), not 0.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from saima.audit.models import Source
from saima.figures import snapshots
from saima.projects.models import AnnualPlan
from saima.regions.models import Region

from . import services
from .models import Period

CITY = "220500"
Q1_TOTAL_WAN = Decimal(196000)
MONTH_SHARES = (Decimal("0.2"), Decimal("0.3"))  # January, February; March takes the rest
LATE_EVERY = 12  # every 12th project files March one day after the deadline
TZ = ZoneInfo("Asia/Shanghai")
SOURCE = Source.COMMAND
APPROVALS_2021_MARCH = "58.2"


def _at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=TZ)


def allocate(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Whole 万元 in proportion to the weights, summing exactly to `total` (the remainder goes
    to the largest weights first)."""
    whole = sum(weights)
    if whole <= 0:
        raise ValueError("通化市2022年度计划投资合计为0，无法分配演示填报金额")
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    rest = int(total) - sum(shares)
    order = sorted(
        range(len(weights)), key=lambda i: (exact[i] - shares[i], weights[i]), reverse=True
    )
    for i in order[:rest]:
        shares[i] += 1
    return [Decimal(s) for s in shares]


def _months(q1: Decimal) -> list[Decimal]:
    jan = (q1 * MONTH_SHARES[0]).to_integral_value(rounding="ROUND_FLOOR")
    feb = (q1 * MONTH_SHARES[1]).to_integral_value(rounding="ROUND_FLOOR")
    return [jan, feb, q1 - jan - feb]


def load_dispatch_demo(demo=None) -> str:
    """A demo loader step (`step(demo) -> str`); idempotent. Audit entries are made as the
    system through the command channel."""
    city = Region.objects.get(code=CITY)
    if Period.objects.filter(region=city, year=2022).exists():
        return "调度填报：已存在，跳过"
    with transaction.atomic():
        services.set_rhythm(city, 2021, "月报", None, SOURCE)
        services.set_rhythm(city, 2022, "月报", None, SOURCE)
        _history_2021(city)
        count = _filings_2022(city)
    return f"调度填报：通化市2021、2022年月报，2022年1–3月{count}份填报，合计{Q1_TOTAL_WAN}万元，已关闭并冻结；4月填报期开放"


def _history_2021(city):
    for period in Period.objects.filter(region=city, year=2021):
        services.close_period(period, None, SOURCE, freeze=False)
    march = Period.objects.get(region=city, year=2021, seq=3)
    snapshots.import_snapshot(
        march,
        city,
        {"approvals_rate": APPROVALS_2021_MARCH},
        None,
        SOURCE,
        "2021年公开数据：新建项目前期手续综合完成率（由2022年3月通报“高于去年同期11个百分点”推得）",
    )


def _filings_2022(city):
    plans = list(
        AnnualPlan.objects.filter(year=2022, project__region__code__startswith=city.prefix)
        .select_related("project")
        .order_by("project__region_id", "project__name", "project_id")
    )
    q1 = allocate(Q1_TOTAL_WAN, [p.annual_plan_wan for p in plans])
    periods = list(Period.objects.filter(region=city, year=2022, seq__lte=3).order_by("seq"))
    for period in periods:
        services.open_period(period, None, SOURCE)
    for index, (plan, share) in enumerate(zip(plans, q1, strict=True)):
        for period, amount in zip(periods, _months(share), strict=True):
            late = period.seq == 3 and index % LATE_EVERY == LATE_EVERY - 1
            when = _at(
                period.deadline + timedelta(days=1) if late else period.deadline - timedelta(days=1)
            )
            filing = services.save_draft(
                plan.project,
                period,
                {
                    "amount_wan": amount,
                    "progress": _progress(period.seq, plan.nature),
                    "next_steps": "加快施工进度，确保按计划完成年度投资",
                },
                None,
                SOURCE,
                confirmed=True,
            )
            filing = services.submit(filing, None, SOURCE, confirmed=True, at=when)
            services.accept(filing, None, SOURCE, at=when + timedelta(hours=6))
    for period in periods:
        services.close_period(period, None, SOURCE)
    # April stays open, so that a secretary signing in to the demo has reports to file.
    april = Period.objects.get(region=city, year=2022, seq=4)
    services.open_period(april, None, SOURCE)
    return len(plans) * len(periods)


def _progress(month: int, nature: str) -> str:
    if nature == "续建":
        return ["冬季不停工，室内作业有序推进", "复工准备，人员设备陆续进场", "全面复工，主体施工"][
            month - 1
        ]
    return ["前期手续办理中", "场地平整，集中开工", "基础施工"][month - 1]
