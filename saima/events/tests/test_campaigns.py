from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saima.events import services
from saima.figures.events import campaign_progress
from saima.projects.services import set_stage


@pytest.fixture
def campaign(world):
    return services.save_campaign(
        None,
        {"region": world.city, "name": "百日攻坚", "starts_on": date(2022, 3, 1),
         "ends_on": date(2022, 6, 8), "target_started": 4,
         "target_investment_wan": Decimal("120000")},
        world.dispatcher, "web",
    )  # fmt: skip


def test_it_counts_projects_started_within_the_range_and_region(world, campaign):
    set_stage(world.project, "开工", date(2022, 3, 10), world.admin, "web")  # 52000 in
    set_stage(world.sibling_project, "开工", date(2022, 2, 28), world.admin, "web")  # before
    set_stage(world.far_project, "开工", date(2022, 4, 1), world.admin, "web")  # 白山市

    progress = campaign_progress(campaign, date(2022, 6, 30))
    assert progress.started == 1
    assert progress.started_investment_wan == Decimal("52000")
    assert progress.started_completion == Decimal(25)
    assert progress.investment_completion == Decimal(52000) * 100 / Decimal(120000)
    assert progress.time_progress == Decimal(100)


def test_it_measures_progress_up_to_the_as_of_date(world, campaign):
    set_stage(world.project, "开工", date(2022, 4, 10), world.admin, "web")
    early = campaign_progress(campaign, date(2022, 3, 31))
    assert early.started == 0 and early.started_investment_wan == 0
    assert (early.elapsed_days, early.total_days) == (31, 100)
    assert early.time_progress == Decimal(31)
    assert campaign_progress(campaign, date(2022, 2, 1)).elapsed_days == 0


def test_it_refuses_dates_out_of_order_and_a_campaign_without_targets(world):
    with pytest.raises(ValidationError) as err:
        services.save_campaign(
            None, {"region": world.city, "name": "x", "starts_on": date(2022, 6, 1),
                   "ends_on": date(2022, 3, 1)}, world.dispatcher, "web",
        )  # fmt: skip
    assert err.value.message_dict["ends_on"] == ["结束日期不能早于开始日期"]
    assert err.value.message_dict["target_started"] == ["至少填写一项目标（开工项目数或总投资）"]
