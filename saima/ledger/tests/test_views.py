import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from saima.conftest import PASSWORD
from saima.ledger import jobs
from saima.ledger.models import ImportJob, JobStatus
from saima.projects.models import Project

from .files import read_xlsx, write_openpyxl

ROWS = [
    ["2022年东昌区重点项目台账"],
    ["项目名称", "性质", "总投资（万元）", "2022年计划投资"],
    ["网页项目", "新建", 6000, 2000],
]


@pytest.fixture
def run_now(monkeypatch):
    """Run background jobs at once, as the worker would."""
    monkeypatch.setattr(jobs, "enqueue", lambda job: jobs.run_job(job.pk))


def _upload(client, tmp_path, rows=ROWS):
    path = write_openpyxl(tmp_path / "台账.xlsx", rows)
    upload = SimpleUploadedFile("台账.xlsx", path.read_bytes())
    return client.post(reverse("ledger_import"), {"file": upload, "region": "220502"})


def test_upload_preview_confirm(client, world, tmp_path, settings, run_now):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.login(username="county_admin", password=PASSWORD)
    assert client.get(reverse("ledger_import")).status_code == 200
    response = _upload(client, tmp_path)
    job = ImportJob.objects.get()
    assert response.url == reverse("ledger_job", args=[job.pk])
    assert job.status == JobStatus.PREVIEWED and job.dry_run
    page = client.get(response.url).content.decode()
    # "性质" was read as 建设性质 (unsure), so the 2022 plan lacks 新建/续建: no confirm yet.
    assert "不确定，请核对" in page and "需要填写“新建/续建”" in page and "确认导入" not in page
    # The user maps the column to 新建/续建 of the year and previews again.
    mapping = {
        f"col_{i}": k
        for i, k in enumerate(["name", "year_nature", "total_investment_wan", "annual_plan_wan"])
    }
    client.post(reverse("ledger_job_mapping", args=[job.pk]), mapping)
    job.refresh_from_db()
    assert job.overrides["1"] == "year_nature" and job.status == JobStatus.PREVIEWED
    page = client.get(response.url).content.decode()
    assert "将新增" in page and "确认导入" in page
    assert not Project.objects.filter(name="网页项目").exists()
    client.post(reverse("ledger_job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.report["created"] == 1
    project = Project.objects.get(name="网页项目")
    assert project.plans.get().nature == "新建"
    assert "导入完成" in client.get(reverse("ledger_job", args=[job.pk])).content.decode()


def test_a_broken_upload_shows_errors_and_no_confirm(client, world, tmp_path, settings, run_now):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.login(username="county_admin", password=PASSWORD)
    response = _upload(client, tmp_path, [*ROWS, ["坏项目", "新建", "abc", 1]])
    page = client.get(response.url).content.decode()
    assert "第4行 第3列（总投资（万元））: 无法识别的金额“abc”" in page
    assert "确认导入" not in page
    job = ImportJob.objects.get()
    client.post(reverse("ledger_job_confirm", args=[job.pk]))
    assert not Project.objects.filter(name="网页项目").exists()


def test_the_progress_fragment_polls_while_the_job_runs(client, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.login(username="county_admin", password=PASSWORD)
    _upload(client, tmp_path)  # the job is queued for the worker
    job = ImportJob.objects.get()
    jobs.write_progress(job.pk, 40, 100)
    fragment = client.get(
        reverse("ledger_job", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="40"' in fragment
    assert "saima worker" not in fragment
    ImportJob.objects.filter(pk=job.pk).update(queued_at=job.queued_at - timedelta(minutes=1))
    fragment = client.get(
        reverse("ledger_job", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "saima worker" in fragment  # nobody has picked the job up: say what to check
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)  # idempotent: the second run finds nothing to do
    job.refresh_from_db()
    assert job.status == JobStatus.PREVIEWED
    fragment = client.get(
        reverse("ledger_job", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in fragment


def test_a_job_whose_worker_died_says_nothing_was_stored_and_when_it_runs_again(
    client, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "retry": 2000}
    client.login(username="county_admin", password=PASSWORD)
    _upload(client, tmp_path)
    job = ImportJob.objects.get()
    started = timezone.now() - timedelta(minutes=10)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=started)
    jobs.write_progress(job.pk, 2000, 5000)  # written just now: still working

    def fragment():
        url = reverse("ledger_job", args=[job.pk])
        return client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert "data-stalled" not in fragment()
    four_minutes_ago = (timezone.now() - timedelta(minutes=4)).timestamp()
    os.utime(jobs.progress_path(job.pk), (four_minutes_ago, four_minutes_ago))
    retry = timezone.localtime(started + timedelta(seconds=2000))
    page = fragment()
    assert "data-stalled" in page and "数据没有任何改动" in page
    assert f"{retry.month}月{retry.day}日 {retry:%H:%M}前后自动重新处理" in page
    assert "saima worker" not in page
    ImportJob.objects.filter(pk=job.pk).update(started_at=started - timedelta(hours=1))
    assert "该时间已过：请确认后台任务进程（saima worker）正在运行" in fragment()
    # Taken up max_attempts times already: it will not be taken up again but failed.
    ImportJob.objects.filter(pk=job.pk).update(attempts=settings.Q_CLUSTER["max_attempts"])
    page = fragment()
    assert "系统将于" in page and "停止重试并标记为失败" in page and "自动重新处理" not in page


def test_others_cannot_see_a_job_and_viewers_cannot_import(
    client, world, tmp_path, settings, run_now
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.login(username="county_admin", password=PASSWORD)
    _upload(client, tmp_path)
    job = ImportJob.objects.get()
    client.login(username="other_admin", password=PASSWORD)
    assert client.get(reverse("ledger_job", args=[job.pk])).status_code == 404
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("ledger_import")).status_code == 403


def test_the_nav_links_to_the_import_only_for_those_who_may_import(world):
    from django.template.loader import render_to_string

    link = reverse("ledger_import")
    assert link in render_to_string("core/nav.html", {"user": world.county_admin})
    assert link not in render_to_string("core/nav.html", {"user": world.viewer})


def test_export_takes_the_project_list_filters_and_scope(client, world, tmp_path):
    client.login(username="county_admin", password=PASSWORD)
    response = client.get(reverse("ledger_export"), {"q": "医药"})
    assert response.status_code == 200
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    _book, sheet = read_xlsx(path)
    names = [sheet.cell(r, 3).value for r in range(4, sheet.max_row + 1)]
    assert names == ["医药文化创意孵化园基础设施", "东昌区小计（1个）", "合计（1个）"]
    # The dispatcher sees the whole city; a region filter narrows it.
    client.login(username="dispatcher", password=PASSWORD)
    response = client.get(reverse("ledger_export"), {"region": "220523", "year": ""})
    path.write_bytes(b"".join(response.streaming_content))
    _book, sheet = read_xlsx(path)
    assert sheet.cell(4, 3).value == "市场大厦" and sheet["A1"].value.endswith(
        "辉南县5000万元以上重点项目台账"
    )
    assert client.get(reverse("ledger_export"), {"region": "999999"}).status_code == 400


def test_old_jobs_are_purged_on_a_schedule(world, tmp_path, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_q.models import Schedule

    settings.MEDIA_ROOT = tmp_path / "media"
    jobs.ensure_schedules()
    jobs.ensure_schedules()
    assert Schedule.objects.filter(func="saima.ledger.jobs.purge_old_jobs").count() == 1
    path = write_openpyxl(tmp_path / "a.xlsx", ROWS)
    job = ImportJob.objects.create(
        user=world.county_admin,
        file=SimpleUploadedFile("a.xlsx", path.read_bytes()),
        original_name="a.xlsx",
        status=JobStatus.DONE,
    )
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=31))
    stored = job.file.path
    assert jobs.purge_old_jobs() == 1
    assert not ImportJob.objects.exists()
    import os

    assert not os.path.exists(stored)
