from decimal import Decimal

from saima.dispatch.choices import FilingState, PeriodState
from saima.dispatch.demo import allocate, load_dispatch_demo
from saima.dispatch.models import Filing, Period, PeriodSnapshot
from saima.figures import snapshots
from saima.figures.pace import filing_figures
from saima.projects.models import AnnualPlan, Project


def ledger(world):
    """A small stand-in for the ledger demo: 13 planned projects across 通化's counties."""
    for i in range(13):
        region = world.county if i % 2 else world.sibling
        project = Project.objects.create(
            name=f"示例项目{i:02d}", region=region, total_investment_wan=Decimal(200000 + i * 1000)
        )
        AnnualPlan.objects.create(
            project=project,
            year=2022,
            nature="新建" if i % 3 else "续建",
            annual_plan_wan=Decimal(30000 + i * 777),
        )


def test_allocate_sums_exactly_and_follows_the_weights():
    shares = allocate(Decimal(196000), [Decimal(1), Decimal(1), Decimal(1)])
    assert sum(shares) == Decimal(196000) and sorted(shares) == [65333, 65333, 65334]


def test_the_demo_freezes_the_published_first_quarter(world):
    ledger(world)
    load_dispatch_demo()
    load_dispatch_demo()  # idempotent
    assert Filing.objects.count() == 13 * 3
    assert set(Filing.objects.values_list("state", flat=True)) == {FilingState.ACCEPTED}
    march = Period.objects.get(region=world.city, year=2022, seq=3)
    assert march.state == PeriodState.CLOSED
    frozen, snap = snapshots.figures_for(world.city, march)
    assert snap is not None and frozen["completed_wan"] == Decimal(196000)
    f = filing_figures(world.city, march)
    assert (f.due, f.late, f.missing) == (13, 1, 0)
    # April stays open so that the demo's secretary has reports to file.
    assert Period.objects.get(region=world.city, year=2022, seq=4).state == PeriodState.OPEN
    last_year = PeriodSnapshot.objects.get(period__year=2021, period__seq=3, region=world.city)
    assert last_year.figures == {"approvals_rate": "58.2"}
    yoy = snapshots.year_on_year(world.city, march)
    assert yoy["completed_wan"].last is None and yoy["completed_wan"].growth is None
    assert not PeriodSnapshot.objects.filter(period__year=2021, period__seq=2).exists()
