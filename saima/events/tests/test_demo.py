"""The demo steps against a small ledger shaped like the ledger demo's 2022-02-28 starts."""

from datetime import date
from decimal import Decimal

import pytest

from saima.events.demo import load_events_demo
from saima.events.models import Campaign, GroundbreakingEvent
from saima.figures.approvals import approval_figures
from saima.figures.events import totals_of
from saima.projects.models import AnnualPlan, Project, StageEvent
from saima.regions.models import Region
from saima.schedule.demo import load_schedule_demo
from saima.schedule.models import ProjectApproval

DAY = date(2022, 2, 28)
W = Decimal


def _projects(region, n, total, annual, start=DAY, nature="新建", category="产业"):
    """n projects whose totals add up exactly to `total` and `annual` (万元)."""
    made = []
    for i in range(n):
        share = total // n if i < n - 1 else total - (total // n) * (n - 1)
        plan = annual // n if i < n - 1 else annual - (annual // n) * (n - 1)
        p = Project.objects.create(
            name=f"{region.name}项目{i}", region=region, total_investment_wan=share,
            category=category,
        )  # fmt: skip
        AnnualPlan.objects.create(project=p, year=2022, nature=nature, annual_plan_wan=plan)
        if start is not None:
            StageEvent.objects.create(project=p, stage="开工", date=start)
        made.append(p)
    return made


@pytest.fixture
def ledger(world):
    counties = {
        code: Region.objects.create(code=code, name=name, level="county", parent=world.city)
        for code, name in (("220582", "集安市"), ("220521", "通化县"), ("220524", "柳河县"))
    }
    _projects(counties["220582"], 15, W(477000), W(113000))
    _projects(world.sibling, 16, W(300000), W(164000))
    _projects(counties["220521"], 11, W(360000), W(100000))
    _projects(counties["220524"], 8, W(220000), W(60000), category="基础设施")
    rest_total = W(2526000) - W(477000 + 300000 + 360000 + 220000)
    rest_annual = W(871000) - W(113000 + 164000 + 100000 + 60000)
    _projects(world.county, 30, rest_total, rest_annual, category="社会民生")
    # Not at the groundbreaking: one 柳河 new project started later, others not yet.
    _projects(counties["220524"], 1, W(16000), W(6000), start=date(2022, 3, 3))
    _projects(world.county, 12, W(240000), W(80000), start=None)
    _projects(world.county, 5, W(500000), W(100000), start=None, nature="续建")
    return counties


def test_it_creates_the_published_groundbreakings_with_matching_totals(ledger):
    load_events_demo()
    events = {e.region_id: e for e in GroundbreakingEvent.objects.all()}
    assert set(events) == {"220500", "220582", "220523", "220521"}
    city = totals_of(events["220500"])
    assert (city.projects, city.total_investment_wan, city.annual_plan_wan) == (
        80, W(2526000), W(871000),
    )  # fmt: skip
    assert totals_of(events["220582"]).total_investment_wan == W(477000)
    assert totals_of(events["220523"]).annual_plan_wan == W(164000)
    assert totals_of(events["220521"]).projects == 11
    assert Campaign.objects.count() == 1
    # Running it again changes nothing.
    assert load_events_demo() == "0 groundbreakings, 0 campaign created"
    assert GroundbreakingEvent.objects.count() == 4 and Campaign.objects.count() == 1


def test_it_names_the_difference_when_the_ledger_does_not_match(ledger):
    extra = Project.objects.create(
        name="多出的项目", region=ledger["220582"], total_investment_wan=9
    )
    StageEvent.objects.create(project=extra, stage="开工", date=DAY)
    with pytest.raises(AssertionError) as err:
        load_events_demo()
    message = str(err.value)
    assert "2022年全省春季项目集中开工通化分会场: projects 81 ≠ 80 (difference +1)" in message
    assert "total_investment 2526009万元 ≠ 2526000万元 (difference +9万元)" in message


def test_it_reproduces_the_published_approval_rates(ledger):
    load_schedule_demo()
    liuhe = approval_figures(ledger["220524"], date(2022, 2, 25), 2022, W(5000))
    assert (liuhe.required, liuhe.obtained) == (54, 31)  # 57.4%
    city = approval_figures(Region.objects.get(code="220500"), date(2022, 3, 5), 2022, W(5000))
    assert f"{city.completion:.1f}" == "69.2"
    count = ProjectApproval.objects.count()
    assert load_schedule_demo() == "already loaded"
    assert ProjectApproval.objects.count() == count
