from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from saima.core.backup import dump_data
from saima.projects import services
from saima.projects.models import AnnualPlan, Project


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "photos" / "site.jpg").write_bytes(b"\xff\xd8photo")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_to_an_identical_ledger(world, media, tmp_path):
    services.update_project(world.project, {"location": "金厂镇"}, world.county_admin, "web")
    AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal("12.3456")
    )
    services.set_stage(world.project, "开工", date(2022, 2, 28), world.county_admin, "web")
    before = dump_data()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))

    Project.objects.filter(pk=world.project.pk).update(name="changed")
    Project.objects.filter(pk=world.far_project.pk).delete()
    (media / "photos" / "site.jpg").unlink()
    (media / "stray.txt").write_text("x")

    call_command("restore", str(archive), "--yes")
    assert dump_data() == before
    assert (media / "photos" / "site.jpg").read_bytes() == b"\xff\xd8photo"
    assert not (media / "stray.txt").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bad = tmp_path / "bad.tar.gz"
    bad.write_text("not a backup")
    with pytest.raises(CommandError, match="不是有效的备份文件"):
        call_command("restore", str(bad), "--yes")
