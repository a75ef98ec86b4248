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


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_keep_the_photos_attachments_and_imports_of_the_new_apps(
    world, media, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from saima.dispatch import services as dispatch
    from saima.dispatch.models import FilingPhoto
    from saima.dispatch.tests.conftest import image_upload, period
    from saima.dispatch.tests.test_filings import DATA
    from saima.ledger.models import ImportJob
    from saima.problems import services as problems
    from saima.problems.models import Attachment, Category

    AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal("100")
    )
    dispatch.set_rhythm(world.city, 2022, "月报", world.dispatcher, "web")
    filing = dispatch.file_filing(
        world.project, period(world, 3), DATA, world.secretary, "web", photos=[image_upload()]
    )
    category, _ = Category.objects.get_or_create(name="用地")
    problem = problems.raise_problem(
        world.project,
        {"category": category, "description": "用地指标未落实"},
        world.secretary,
        "web",
        files=[SimpleUploadedFile("批复.pdf", b"%PDF-1.4 approval", "application/pdf")],
    )
    job = ImportJob(user=world.county_admin, original_name="台账.csv", region=world.county)
    job.file.save("ledger.csv", ContentFile("项目名称,总投资\n甲,1\n".encode()), save=True)
    files = {
        name: (media / name).read_bytes()
        for name in (
            FilingPhoto.objects.get(filing=filing).image.name,
            Attachment.objects.get(problem=problem).file.name,
            job.file.name,
        )
    }
    before = dump_data()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))

    for name in files:
        (media / name).unlink()
    FilingPhoto.objects.all().delete()
    Attachment.objects.all().delete()
    ImportJob.objects.all().delete()

    call_command("restore", str(archive), "--yes")
    assert dump_data() == before
    assert {name: (media / name).read_bytes() for name in files} == files
    assert FilingPhoto.objects.get().image.read() == files[FilingPhoto.objects.get().image.name]


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_times_to_the_microsecond(world, media, tmp_path):
    from datetime import UTC, datetime

    from saima.accounts.models import User

    exact = datetime(2022, 3, 1, 8, 30, 5, 400, tzinfo=UTC)  # 0.0004 s: lost by plain dumpdata
    User.objects.filter(pk=world.admin.pk).update(last_login=exact)
    call_command("backup", str(tmp_path / "b.tar.gz"))
    User.objects.filter(pk=world.admin.pk).update(last_login=None)
    call_command("restore", str(tmp_path / "b.tar.gz"), "--yes")
    assert User.objects.get(username="admin").last_login == exact
