from datetime import date

import pytest
from django.urls import reverse

from saima.projects import services
from saima.projects.models import AnnualPlan, FundingChannel, ReserveEntry

from .helpers import form_data


def url(project):
    return reverse("project_detail", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 200),
        ("dispatcher", 200),
        ("county_admin", 200),
        ("secretary", 200),
        ("leader", 200),
        ("officer", 404),
        ("viewer", 200),
        ("other_admin", 404),
        ("outsider", 404),
    ],
)
def test_each_role_sees_the_project_or_not_at_all(login, world, persona, status):
    assert login(persona).get(url(world.project)).status_code == status


def test_it_shows_fields_chain_plans_stages_and_reserve(login, world):
    world.project.code = "2201-220502-04-01-123456"
    world.project.save()
    world.project.funding_channels.set([FundingChannel.objects.get(name="专项债券")])
    AnnualPlan.objects.create(
        project=world.project,
        year=2022,
        nature="续建",
        annual_plan_wan=3000,
        resumed_on=date(2022, 3, 1),
    )
    services.set_stage(world.project, "签约", date(2022, 1, 10), world.admin, "command")
    ReserveEntry.objects.create(
        project=world.project, channel=FundingChannel.objects.get(name="中央预算内"), status="争取"
    )
    html = login("viewer").get(url(world.project)).content.decode()
    for text in [
        "2201-220502-04-01-123456",
        "52,000.00 万元",
        "5.20 亿元",
        "专项债券",
        "leader",  # the responsible leader's name
        "东昌区发改局",
        "secretary",
        "2022-01-10",
        "2022-03-01",
        "3,000.00",
        "中央预算内",
        "争取",
    ]:
        assert text in html, text


def test_it_shows_the_audit_trail_of_an_edit(login, world):
    client = login("county_admin")
    edit = reverse("project_edit", kwargs={"pk": world.project.pk})
    data = form_data(client.get(edit), location="东昌区金厂镇", total_investment_wan="47134.5")
    response = client.post(edit, data)
    assert response.status_code == 302
    html = login("viewer").get(url(world.project)).content.decode()
    assert "变更记录" in html
    assert "county_admin" in html and "修改项目" in html and "来源：网页" in html
    assert "建设地点" in html and "东昌区金厂镇" in html
    assert "<del>52,000.00</del> → <ins>47,134.50</ins>" in html  # as the `wan` filter shows it
    assert "47134.5" not in html


def test_it_shows_recorded_dates_and_amounts_as_people_read_them(login, world):
    client = login("county_admin")
    plan = {"year": 2022, "nature": "续建", "annual_plan_wan": "3000", "resumed_on": "2022-03-05"}
    response = client.post(reverse("plan_create", kwargs={"pk": world.project.pk}), plan)
    assert response.status_code == 302
    html = client.get(url(world.project)).content.decode()
    assert '<span class="field-label">复工日期</span>：2022年3月5日' in html
    assert '<span class="field-label">年度计划投资（万元）</span>：3,000.00' in html


def test_it_offers_actions_only_to_those_who_may_use_them(login, world):
    edit = reverse("project_edit", kwargs={"pk": world.project.pk})
    stage = reverse("project_stage", kwargs={"pk": world.project.pk})
    plan = reverse("plan_create", kwargs={"pk": world.project.pk})
    html = login("viewer").get(url(world.project)).content.decode()
    assert edit not in html and stage not in html and plan not in html
    html = login("secretary").get(url(world.project)).content.decode()
    assert edit not in html and stage in html and plan not in html
    html = login("county_admin").get(url(world.project)).content.decode()
    assert edit in html and stage in html and plan in html
