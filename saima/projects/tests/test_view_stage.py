from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.projects import services
from saima.projects.models import StageEvent


def url(project):
    return reverse("project_stage", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 302),
        ("dispatcher", 302),
        ("county_admin", 302),
        ("secretary", 302),
        ("leader", 403),
        ("officer", 404),
        ("viewer", 403),
        ("other_admin", 404),
        ("outsider", 404),
    ],
)
def test_each_role_may_record_a_stage_or_is_refused(login, world, persona, status):
    response = login(persona).post(url(world.project), {"stage": "签约", "date": "2022-01-10"})
    assert response.status_code == status
    assert StageEvent.objects.filter(project=world.project).exists() == (status == 302)


def test_it_records_the_stage_and_moves_the_project_on(login, world):
    response = login("secretary").post(url(world.project), {"stage": "开工", "date": "2022-02-28"})
    assert response["Location"] == reverse("project_detail", kwargs={"pk": world.project.pk})
    world.project.refresh_from_db()
    assert world.project.stage == "开工"
    entry = AuditEntry.objects.get(model="projects.StageEvent")
    assert (entry.source, entry.actor) == ("web", world.secretary)


def test_it_corrects_an_existing_date(login, world):
    services.set_stage(world.project, "签约", date(2022, 1, 10), world.admin, "command")
    login("county_admin").post(url(world.project), {"stage": "签约", "date": "2022-01-12"})
    assert StageEvent.objects.get(project=world.project).date == date(2022, 1, 12)


def test_impossible_dates_are_refused_with_the_rule(login, world):
    services.set_stage(world.project, "签约", date(2022, 1, 10), world.admin, "command")
    client = login("county_admin")
    response = client.post(url(world.project), {"stage": "开工", "date": "2022-01-09"})
    assert response.status_code == 400
    assert "日期：开工日期不能早于签约日期（2022-01-10）" in response.content.decode()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url(world.project), {"stage": "开工", "date": tomorrow})
    assert response.status_code == 400 and "日期不能晚于今天" in response.content.decode()
    response = client.post(url(world.project), {"stage": "开工", "date": "2022-02-30"})
    assert response.status_code == 400 and "日期：" in response.content.decode()
    assert StageEvent.objects.filter(project=world.project).count() == 1


def test_the_form_page_offers_the_stage_asked_for(login, world):
    response = login("secretary").get(url(world.project), {"stage": "开工"})
    assert response.status_code == 200
    assert response.context["form"].initial["stage"] == "开工"
    assert "记录阶段日期" in response.content.decode()
