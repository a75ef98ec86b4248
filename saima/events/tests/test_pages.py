from datetime import date

import pytest
from django.urls import reverse

from saima.conftest import PASSWORD
from saima.events import services
from saima.projects.models import AnnualPlan, StageEvent

DAY = date(2022, 2, 28)


@pytest.fixture
def event(world):
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建", annual_plan_wan=9000)
    event = services.save_event(
        None, {"region": world.city, "date": DAY, "name": "通化分会场"}, world.admin, "web"
    )
    services.add_projects(event, [world.project], world.admin, "web")
    return event


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [("dispatcher", "220500", 200), ("viewer", "220500", 200), ("county_admin", "220502", 200),
     ("county_admin", "220500", 403), ("outsider", "220500", 403), ("viewer", "000000", 404)],
)  # fmt: skip
def test_it_lists_events_and_campaigns_by_scope(client, world, event, persona, code, status):
    _login(client, getattr(world, persona))
    assert client.get(reverse("event_list", args=[code])).status_code == status
    assert client.get(reverse("campaign_list", args=[code])).status_code == status


def test_it_shows_the_computed_totals(client, world, event):
    html = _login(client, world.viewer).get(reverse("event_list", args=["220500"])).content
    html = html.decode()
    assert "通化分会场" in html and "5.2" in html and "0.9" in html  # 亿元
    response = client.get(reverse("event_detail", args=[event.pk]))
    assert response.status_code == 200
    assert "医药文化创意孵化园基础设施" in response.content.decode()
    assert response.context["form"] is None  # a viewer cannot add projects
    assert (
        _login(client, world.outsider).get(reverse("event_detail", args=[event.pk])).status_code
        == 404
    )


def test_it_adds_projects_from_the_page(client, world, event):
    _login(client, world.dispatcher)
    url = reverse("event_detail", args=[event.pk])
    candidates = client.get(url).context["form"].fields["projects"].queryset
    assert list(candidates) == [world.sibling_project]
    response = client.post(url, {"projects": [world.sibling_project.pk]})
    assert response.status_code == 302
    assert StageEvent.objects.get(project=world.sibling_project).date == DAY
    # A viewer may not post.
    assert _login(client, world.viewer).post(url, {"projects": []}).status_code == 403


def test_it_creates_an_event_and_a_campaign_from_the_page(client, world):
    _login(client, world.county_admin)
    response = client.post(
        reverse("event_list", args=["220502"]), {"name": "东昌区集中开工", "date": "2022-02-28"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("campaign_list", args=["220502"]),
        {"name": "百日攻坚", "starts_on": "2022-06-01", "ends_on": "2022-03-01"},
    )
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.content.decode()
    campaign_page = client.get(reverse("campaign_list", args=["220502"]))
    assert "百日攻坚" not in campaign_page.content.decode()


def test_it_removes_a_project_from_the_page(client, world, event):
    url = reverse("event_remove_project", args=[event.pk, world.project.pk])
    assert _login(client, world.viewer).post(url).status_code == 403
    assert _login(client, world.dispatcher).post(url).status_code == 302
    assert not event.projects.exists()
