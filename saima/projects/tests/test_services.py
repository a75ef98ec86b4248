from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.core.errors import VersionConflict
from saima.projects import services


def test_update_records_old_and_new_values(world):
    services.update_project(world.project, {"location": "东昌区金厂镇"}, world.county_admin, "web")
    entry = AuditEntry.objects.get(project_id=world.project.pk, action="update")
    assert entry.changes == {"location": ["", "东昌区金厂镇"]}
    assert entry.actor == world.county_admin and entry.source == "web"
    world.project.refresh_from_db()
    assert world.project.version == 2


def test_stale_version_is_a_conflict_and_changes_nothing(world):
    with pytest.raises(VersionConflict):
        services.update_project(world.project, {"location": "x"}, world.county_admin, "api", 7)
    world.project.refresh_from_db()
    assert world.project.location == "" and not AuditEntry.objects.exists()


def test_invalid_data_saves_nothing(world):
    with pytest.raises(ValidationError) as err:
        services.update_project(world.project, {"owner_uscc": "123"}, world.county_admin, "web")
    assert "owner_uscc" in err.value.message_dict
    world.project.refresh_from_db()
    assert world.project.owner_uscc == "" and not AuditEntry.objects.exists()


def test_stage_dates_must_follow_order_and_not_be_in_the_future(world):
    services.set_stage(world.project, "签约", date(2022, 1, 10), world.county_admin, "web")
    with pytest.raises(ValidationError, match="开工日期不能早于签约日期"):
        services.set_stage(world.project, "开工", date(2022, 1, 9), world.county_admin, "web")
    with pytest.raises(ValidationError, match="晚于今天"):
        tomorrow = timezone.localdate() + timedelta(days=1)
        services.set_stage(world.project, "开工", tomorrow, world.county_admin, "web")
    services.set_stage(world.project, "开工", date(2022, 2, 28), world.county_admin, "web")
    world.project.refresh_from_db()
    assert world.project.stage == "开工"
    assert AuditEntry.objects.filter(model="projects.StageEvent").count() == 2


def test_delete_keeps_the_trail(world):
    pk = world.project.pk
    services.delete_project(world.project, world.admin, "api")
    entry = AuditEntry.objects.get(project_id=pk)
    assert entry.action == "delete" and entry.changes["name"][0] == "医药文化创意孵化园基础设施"
