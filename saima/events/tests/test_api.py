from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.events import services
from saima.projects.models import AnnualPlan, StageEvent


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def event(world):
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建", annual_plan_wan=9000)
    return services.save_event(
        None, {"region": world.city, "date": date(2022, 2, 28), "name": "通化分会场"},
        world.dispatcher, "web",
    )  # fmt: skip


def test_it_lists_events_with_computed_totals(world, event):
    services.add_projects(event, [world.project], world.dispatcher, "web")
    rows = api(world.viewer).get("/api/v1/groundbreakings").json()["results"]
    assert rows == [
        {"id": event.pk, "region": "220500", "region_name": "通化市", "date": "2022-02-28",
         "name": "通化分会场", "projects": [world.project.pk],
         "totals": {"projects": 1, "total_investment_wan": "52000.0000",
                    "annual_plan_wan": "9000.0000"}},
    ]  # fmt: skip
    assert api(world.outsider).get("/api/v1/groundbreakings").json()["results"] == []
    assert api(world.outsider).get(f"/api/v1/groundbreakings/{event.pk}").status_code == 404


def test_it_adds_projects_through_the_api(world, event):
    url = f"/api/v1/groundbreakings/{event.pk}/add-projects"
    response = api(world.dispatcher).post(url, {"projects": [world.project.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["totals"]["projects"] == 1
    assert StageEvent.objects.get(project=world.project).date == date(2022, 2, 28)


def test_it_refuses_projects_outside_scope_or_role(world, event):
    url = f"/api/v1/groundbreakings/{event.pk}/add-projects"
    response = api(world.dispatcher).post(url, {"projects": [world.far_project.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        f"projects: 项目ID {world.far_project.pk} 不存在或不在您的权限范围内"
    )
    assert (
        api(world.viewer).post(url, {"projects": [world.project.pk]}, format="json").status_code
        == 403
    )
    assert api(world.county_admin).post(url, {"projects": [1]}, format="json").status_code == 404
    assert not StageEvent.objects.exists()


def test_it_creates_campaigns_and_reports_progress(world):
    body = {"region": "220500", "name": "百日攻坚", "starts_on": "2022-03-01",
            "ends_on": "2022-06-08", "target_started": 3}  # fmt: skip
    assert api(world.viewer).post("/api/v1/campaigns", body).status_code == 403
    assert api(world.county_admin).post("/api/v1/campaigns", body).status_code == 403
    response = api(world.dispatcher).post("/api/v1/campaigns", body)
    assert response.status_code == 201, response.content
    progress = response.json()["progress"]
    assert progress["started"] == 0 and progress["started_completion"] == "0.0000"
    bad = dict(body, name="倒序", ends_on="2022-01-01")
    response = api(world.dispatcher).post("/api/v1/campaigns", bad)
    assert response.status_code == 400
    assert response.json()["detail"] == "ends_on: 结束日期不能早于开始日期"


def test_it_removes_projects_but_keeps_their_start(world, event):
    services.add_projects(event, [world.project], world.dispatcher, "web")
    url = f"/api/v1/groundbreakings/{event.pk}/remove-projects"
    assert (
        api(world.viewer).post(url, {"projects": [world.project.pk]}, format="json").status_code
        == 403
    )
    response = api(world.dispatcher).post(url, {"projects": [world.project.pk]}, format="json")
    assert response.status_code == 200 and response.json()["totals"]["projects"] == 0
    assert StageEvent.objects.filter(project=world.project, stage="开工").exists()
