from datetime import date
from decimal import Decimal

from saima.figures.approvals import approval_figures
from saima.projects.models import AnnualPlan, Project
from saima.schedule.models import ApprovalType, ProjectApproval


def _approvals(project, obtained: list[date | None]):
    types = list(ApprovalType.objects.order_by("order"))
    for approval_type, when in zip(types, obtained, strict=False):
        ProjectApproval.objects.create(
            project=project, approval_type=approval_type, obtained_on=when
        )


def test_it_divides_obtained_by_required_over_the_region_and_below(world):
    d = date(2022, 2, 1)
    _approvals(world.project, [d, d, None])  # 东昌区: 2 of 3
    _approvals(world.sibling_project, [d, None, None, None])  # 辉南县: 1 of 4
    _approvals(world.far_project, [d, d, d])  # 白山市: not in 通化

    city = approval_figures(world.city, date(2022, 3, 5))
    assert (city.required, city.obtained, city.projects) == (7, 3, 2)
    assert city.completion == Decimal(3) * 100 / Decimal(7)  # 42.857…%, exact
    county = approval_figures(world.county, date(2022, 3, 5))
    assert (county.required, county.obtained) == (3, 2)
    assert county.completion == Decimal(200) / Decimal(3)


def test_it_counts_only_approvals_obtained_up_to_the_as_of_date(world):
    _approvals(world.project, [date(2022, 1, 10), date(2022, 3, 1), date(2022, 3, 6)])
    assert approval_figures(world.county, date(2022, 1, 9)).obtained == 0
    assert approval_figures(world.county, date(2022, 3, 1)).obtained == 2
    assert approval_figures(world.county, date(2022, 3, 6)).obtained == 3


def test_it_restricts_to_new_projects_of_a_year_and_a_size(world):
    d = date(2022, 1, 5)
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建")
    AnnualPlan.objects.create(project=world.sibling_project, year=2022, nature="续建")
    small = Project.objects.create(name="小项目", region=world.county, total_investment_wan=3000)
    AnnualPlan.objects.create(project=small, year=2022, nature="新建")
    _approvals(world.project, [d, d, d, None, None, None])  # 3 of 6
    _approvals(world.sibling_project, [d, d])  # continuing: left out
    _approvals(small, [None, None, None, None, None, None])  # under 5000万: left out below

    new = approval_figures(world.city, date(2022, 3, 5), new_of_year=2022)
    assert (new.required, new.obtained) == (12, 3)
    big_new = approval_figures(
        world.city, date(2022, 3, 5), new_of_year=2022, min_total_wan=Decimal(5000)
    )
    assert (big_new.required, big_new.obtained) == (6, 3)
    assert big_new.completion == Decimal(50)
    assert approval_figures(world.city, date(2022, 3, 5), new_of_year=2021).completion is None


def test_it_matches_the_published_rates_when_rounded(world):
    # 柳河: 31 of 54 → 57.4%; 通化: 692 of 1000 → 69.2% (rounded half-up at display).
    from saima.core.numbers import fmt_percent

    assert fmt_percent(Decimal(31) * 100 / 54) == "57.4%"
    assert fmt_percent(Decimal(692) * 100 / 1000) == "69.2%"
