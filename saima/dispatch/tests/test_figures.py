from datetime import date
from decimal import Decimal

from saima.dispatch import services
from saima.dispatch.models import Filing, Period, PeriodSnapshot
from saima.figures import snapshots
from saima.figures.pace import filing_figures, pace_figures, period_pace, time_progress

from .conftest import at, period


def file(plan, project, month, amount, user=None, finish="accept", when=None):
    f = services.save_draft(
        project,
        period(plan, month),
        {"amount_wan": amount, "progress": "施工"},
        user or plan.admin,
        "web",
    )
    if finish == "draft":
        return f
    f = services.submit(f, plan.admin, "web", at=when)
    if finish == "accept":
        f = services.accept(f, plan.admin, "web")
    elif finish == "return":
        f = services.return_filing(f, "数据有误", plan.admin, "web")
    return f


def scenario(plan):
    file(plan, plan.project, 1, "1200", when=at(2022, 2, 9))
    file(plan, plan.sibling_project, 2, "300", finish="submit", when=at(2022, 3, 4))
    file(plan, plan.project, 3, "1500", finish="return", when=at(2022, 4, 8))  # late, returned
    file(plan, plan.sibling_project, 3, "100", finish="draft")


def test_time_progress_by_month_and_by_day():
    assert time_progress(date(2022, 3, 31)) == Decimal(25)
    assert time_progress(date(2022, 3, 15)) == Decimal(25)
    assert time_progress(date(2022, 2, 15), "day") == Decimal(46) * 100 / 365
    assert time_progress(date(2024, 12, 31), "day") == Decimal(100)


def test_pace_counts_submitted_and_accepted_filings_only(plan):
    scenario(plan)
    city = period_pace(plan.city, period(plan, 3))
    assert city.completed_wan == Decimal(1500)  # 1200 accepted + 300 submitted
    assert city.annual_plan_wan == Decimal(12000)
    assert city.completion_rate == Decimal("12.5")
    assert city.time_progress == Decimal(25)
    assert city.ahead_points == Decimal("-12.5")
    county = pace_figures(plan.county, 2022, date(2022, 3, 31))
    assert (county.completed_wan, county.completion_rate, county.ahead_points) == (
        Decimal(1200),
        Decimal(12),
        Decimal(-13),
    )


def test_pace_as_of_a_day_counts_only_periods_ended_by_then(plan):
    scenario(plan)
    pace = pace_figures(plan.city, 2022, date(2022, 2, 15))
    assert pace.basis == "day" and pace.completed_wan == Decimal(1200)
    assert pace.completion_rate == Decimal(10)
    assert pace.ahead_points == Decimal(10) - Decimal(4600) / 365


def test_pace_without_an_annual_plan_is_undefined_not_zero(plan):
    pace = pace_figures(plan.other_city, 2022, date(2022, 3, 31))
    assert pace.completion_rate is None and pace.ahead_points is None


def test_filing_figures_per_region(plan):
    scenario(plan)
    march = period(plan, 3)
    f = filing_figures(plan.city, march)
    assert (f.due, f.on_time, f.late, f.missing) == (2, 0, 1, 1)
    f = filing_figures(plan.county, period(plan, 1))
    assert (f.due, f.on_time, f.late, f.missing, f.on_time_rate) == (1, 1, 0, 0, Decimal(100))
    f = filing_figures(plan.sibling, march)
    assert (f.due, f.filed, f.missing) == (1, 0, 1)


def test_a_county_schedule_takes_its_projects_out_of_the_city_periods(plan):
    services.set_rhythm(plan.sibling, 2022, "旬报", plan.dispatcher, "web")
    assert filing_figures(plan.city, period(plan, 3)).due == 1


def test_close_freezes_and_later_reads_return_the_frozen_figures(plan):
    scenario(plan)
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    frozen, snap = snapshots.figures_for(plan.city, march)
    assert snap.version == 1 and frozen["completed_wan"] == Decimal(1500)
    # A change that bypasses the correction (here straight in the database) does not move
    # the frozen figures.
    Filing.objects.filter(period__seq=1).update(amount_wan=Decimal(1))
    again, _ = snapshots.figures_for(plan.city, march)
    assert again == frozen
    assert snapshots.freeze(march, None, "job") == []  # idempotent


def test_a_correction_makes_a_new_version_and_keeps_the_old(plan):
    scenario(plan)
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    services.correct(
        plan.project, march, {"amount_wan": "1500"}, "复核通过", plan.county_admin, "web"
    )
    versions = PeriodSnapshot.objects.filter(period=march, region=plan.city).order_by("version")
    assert [(s.version, s.is_current, s.figures["completed_wan"]) for s in versions] == [
        (1, False, "1500"),
        (2, True, "3000"),
    ]
    figures, _ = snapshots.figures_for(plan.city, march)
    assert figures["completion_rate"] == Decimal(25) and figures["ahead_points"] == Decimal(0)


def test_year_on_year_reads_the_same_period_last_year(plan):
    scenario(plan)
    services.set_rhythm(plan.city, 2021, "月报", plan.dispatcher, "web")
    march21 = Period.objects.get(region=plan.city, year=2021, seq=3)
    snapshots.import_snapshot(
        march21,
        plan.city,
        {"completed_wan": "1000", "completion_rate": "10", "filings_due": 4},
        None,
        "import",
        "历史数据",
    )
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    yoy = snapshots.year_on_year(plan.city, march)
    assert yoy["completed_wan"].growth == Decimal(50)
    assert yoy["completion_rate"].change == Decimal("2.5") and yoy["completion_rate"].growth is None
    assert (yoy["filings_due"].change, yoy["filings_due"].growth) == (-2, Decimal(-50))
    assert yoy["annual_plan_wan"].last is None and yoy["annual_plan_wan"].growth is None
    feb = snapshots.year_on_year(plan.city, period(plan, 2))
    assert all(c.last is None and c.change is None for c in feb.values())


def test_a_new_provider_adds_keys_to_the_snapshot(plan, monkeypatch):
    monkeypatch.setattr(
        snapshots, "PROVIDERS", [*snapshots.PROVIDERS, lambda r, p: {"approvals_rate": "69.2"}]
    )
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    figures, _ = snapshots.figures_for(plan.city, march)
    assert figures["approvals_rate"] == Decimal("69.2")
