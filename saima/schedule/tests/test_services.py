from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.projects.services import set_stage
from saima.regions.models import Department
from saima.schedule import services
from saima.schedule.models import ApprovalType, Milestone, ProjectApproval


@pytest.fixture
def eia(db):
    return ApprovalType.objects.get(name="环评")


def test_it_seeds_the_default_approval_types_and_requirement_sets(db):
    names = list(ApprovalType.objects.values_list("name", flat=True))
    assert names[:5] == ["立项（可研）", "用地预审", "规划许可", "环评", "能评"]
    assert "施工许可" in names


def test_it_adds_the_approvals_the_project_category_requires(world):
    created = services.add_required_approvals(world.project, world.county_admin, "web")
    assert [a.approval_type.name for a in created] == [
        "立项（可研）", "用地预审", "规划许可", "环评", "能评", "施工许可",
    ]  # fmt: skip
    world.sibling_project.category = "基础设施"
    world.sibling_project.save()
    created = services.add_required_approvals(world.sibling_project, world.dispatcher, "web")
    assert "水土保持" in [a.approval_type.name for a in created]
    assert "能评" not in [a.approval_type.name for a in created]
    # Running it again adds nothing.
    assert services.add_required_approvals(world.project, world.county_admin, "web") == []
    assert AuditEntry.objects.filter(model="schedule.ProjectApproval").count() == 12


def test_it_records_an_approval_change_in_the_audit_trail(world, eia):
    approval = services.save_approval(
        None, {"approval_type": eia, "planned_on": date(2022, 3, 1)}, world.secretary, "web",
        project=world.project,
    )  # fmt: skip
    services.save_approval(
        approval, {"obtained_on": date(2022, 2, 20), "office": "通化市生态环境局"},
        world.secretary, "api",
    )  # fmt: skip
    entry = AuditEntry.objects.filter(action="update", model="schedule.ProjectApproval").get()
    assert entry.project_id == world.project.pk and entry.source == "api"
    assert entry.changes == {
        "obtained_on": [None, "2022-02-20"],
        "office": ["", "通化市生态环境局"],
    }


def test_it_refuses_an_actual_date_in_the_future_and_saves_nothing(world, eia):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        services.save_approval(
            None, {"approval_type": eia, "obtained_on": tomorrow}, world.county_admin, "web",
            project=world.project,
        )  # fmt: skip
    assert err.value.message_dict == {"obtained_on": ["实际日期不能晚于今天"]}
    assert not ProjectApproval.objects.exists() and not AuditEntry.objects.exists()


def test_it_refuses_implausible_planned_dates(world, eia):
    far = date(timezone.localdate().year + 16, 1, 1)
    for planned, message in ((far, "计划日期不合理"), (date(1989, 12, 31), "不能早于1990年")):
        with pytest.raises(ValidationError, match=message):
            services.save_approval(
                None, {"approval_type": eia, "planned_on": planned}, world.county_admin, "web",
                project=world.project,
            )  # fmt: skip


def test_it_refuses_a_second_approval_of_the_same_type(world, eia):
    services.save_approval(None, {"approval_type": eia}, world.admin, "web", project=world.project)
    with pytest.raises(ValidationError, match="该项目已有此项前期手续"):
        services.save_approval(
            None, {"approval_type": eia}, world.admin, "web", project=world.project
        )


def test_it_refuses_a_responsible_unit_of_another_region(world, eia):
    far_unit = Department.objects.create(region=world.other_county, name="浑江区发改局")
    with pytest.raises(ValidationError) as err:
        services.save_approval(
            None, {"approval_type": eia, "department": far_unit}, world.admin, "web",
            project=world.project,
        )  # fmt: skip
    assert "不属于项目所在区划" in err.value.message_dict["department"][0]
    # A unit of the project's own county is fine.
    services.save_approval(
        None, {"approval_type": eia, "department": world.unit}, world.admin, "web",
        project=world.project,
    )  # fmt: skip


def test_it_refuses_a_milestone_done_before_the_project_started(world):
    set_stage(world.project, "开工", date(2022, 2, 28), world.county_admin, "web")
    with pytest.raises(ValidationError, match="不能早于开工日期（2022-02-28）"):
        services.save_milestone(
            None, {"kind": "主体封顶", "actual_on": date(2022, 2, 1)}, world.county_admin, "web",
            project=world.project,
        )  # fmt: skip
    milestone = services.save_milestone(
        None, {"kind": "主体封顶", "planned_on": date(2022, 9, 30), "actual_on": date(2022, 10, 8),
               "owner": "张三"}, world.county_admin, "web", project=world.project,
    )  # fmt: skip
    assert Milestone.objects.get() == milestone and milestone.responsible == "张三"


def test_it_refuses_fields_that_cannot_be_changed(world, eia):
    approval = services.save_approval(
        None, {"approval_type": eia}, world.admin, "web", project=world.project
    )
    with pytest.raises(ValidationError) as err:
        services.save_approval(approval, {"project": world.far_project}, world.admin, "web")
    assert "project" in err.value.message_dict
