"""Groundbreaking events: totals computed from the ledger; adding projects records 开工."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.events import services
from saima.events.models import GroundbreakingEvent
from saima.figures.events import event_totals, totals_of
from saima.projects.models import AnnualPlan, Project, StageEvent
from saima.projects.services import set_stage

DAY = date(2022, 2, 28)


@pytest.fixture
def event(world):
    return services.save_event(
        None, {"region": world.city, "date": DAY, "name": "2022年全省春季项目集中开工通化分会场"},
        world.dispatcher, "web",
    )  # fmt: skip


def test_it_computes_the_totals_from_the_ledger(world, event):
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建", annual_plan_wan=9000)
    AnnualPlan.objects.create(project=world.project, year=2023, nature="续建", annual_plan_wan=7)
    AnnualPlan.objects.create(
        project=world.sibling_project, year=2022, nature="新建", annual_plan_wan=Decimal("1234.5")
    )
    services.add_projects(event, [world.project, world.sibling_project], world.dispatcher, "web")
    totals = totals_of(event)
    assert totals.projects == 2
    assert totals.total_investment_wan == Decimal("60000")  # 52000 + 8000
    assert totals.annual_plan_wan == Decimal("10234.5")  # 2022 plan only
    empty = services.save_event(
        None, {"region": world.county, "date": DAY, "name": "空活动"}, world.admin, "web"
    )
    assert event_totals([event, empty])[empty.pk].projects == 0


def test_it_records_the_start_date_of_added_projects(world, event):
    services.add_projects(event, [world.project], world.dispatcher, "api")
    start = StageEvent.objects.get(project=world.project, stage="开工")
    assert start.date == DAY and start.note == event.name
    world.project.refresh_from_db()
    assert world.project.stage == "开工"
    assert AuditEntry.objects.filter(model="projects.StageEvent", action="create").count() == 1
    changed = AuditEntry.objects.get(model="events.GroundbreakingEvent", action="update")
    assert changed.changes["projects"] == [[], ["医药文化创意孵化园基础设施"]]


def test_it_accepts_a_project_already_started_that_day(world, event):
    set_stage(world.project, "开工", DAY, world.county_admin, "web")
    services.add_projects(event, [world.project], world.dispatcher, "web")
    assert list(event.projects.all()) == [world.project]


def test_it_refuses_a_project_outside_the_events_region_and_saves_nothing(world, event):
    with pytest.raises(ValidationError) as err:
        services.add_projects(event, [world.project, world.far_project], world.admin, "web")
    assert err.value.message_dict["projects"] == [
        "项目“浑江区轻工产业园区”不在本活动的区划（通化市）内"
    ]
    assert not event.projects.exists()
    assert not StageEvent.objects.exists()


def test_it_refuses_a_project_started_on_another_day(world, event):
    set_stage(world.project, "开工", date(2022, 3, 2), world.county_admin, "web")
    with pytest.raises(ValidationError, match="已于2022-03-02开工，与集中开工日期2022-02-28不一致"):
        services.add_projects(event, [world.project], world.dispatcher, "web")
    assert not event.projects.exists()


def test_it_refuses_a_start_before_the_projects_earlier_stages(world, event):
    set_stage(world.sibling_project, "签约", date(2022, 3, 1), world.dispatcher, "web")
    with pytest.raises(ValidationError, match="市场大厦：开工日期不能早于签约日期"):
        services.add_projects(event, [world.project, world.sibling_project], world.admin, "web")
    # One transaction: the first project's start was rolled back too.
    assert not StageEvent.objects.filter(stage="开工").exists()


def test_it_refuses_projects_before_the_event_day(world):
    soon = services.save_event(
        None, {"region": world.city, "date": timezone.localdate() + timedelta(days=3),
               "name": "下周集中开工"}, world.dispatcher, "web",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="尚未到，不能登记开工"):
        services.add_projects(soon, [world.project], world.dispatcher, "web")


def test_it_keeps_the_date_of_an_event_with_projects(world, event):
    services.add_projects(event, [world.project], world.dispatcher, "web")
    with pytest.raises(ValidationError, match="不能修改日期"):
        services.save_event(event, {"date": date(2022, 3, 1)}, world.dispatcher, "web")
    services.save_event(event, {"name": "通化分会场"}, world.dispatcher, "web")
    assert GroundbreakingEvent.objects.get().name == "通化分会场"


def test_removing_a_project_keeps_its_start_date(world, event):
    services.add_projects(event, [world.project], world.dispatcher, "web")
    services.remove_project(event, world.project, world.dispatcher, "web")
    assert not event.projects.exists()
    assert Project.objects.get(pk=world.project.pk).stage == "开工"
