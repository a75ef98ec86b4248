"""Annual plans, targets and reserve pools through the API."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.core.tests.apiclient import api_client
from saima.projects.models import AnnualPlan, FundingChannel, ReserveEntry, Target


@pytest.fixture
def client(world):
    return api_client(world.dispatcher)


def plan_body(world, **extra):
    return {
        "project": world.project.pk,
        "year": 2022,
        "nature": "续建",
        "annual_plan_wan": "3607.25",
        "resumed_on": "2022-03-01",
        **extra,
    }


def test_it_puts_a_project_on_a_years_plan_with_audit(world, client):
    response = client.post("/api/v1/plans", plan_body(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in ("project", "year", "nature", "annual_plan_wan", "resumed_on")} == {
        "project": world.project.pk,
        "year": 2022,
        "nature": "续建",
        "annual_plan_wan": "3607.2500",
        "resumed_on": "2022-03-01",
    }
    plan = AnnualPlan.objects.get(pk=body["id"])
    assert plan.annual_plan_wan == Decimal("3607.25")
    entry = AuditEntry.objects.get(model="projects.AnnualPlan")
    assert (entry.action, entry.source, entry.project_id) == ("create", "api", world.project.pk)


@pytest.mark.parametrize(
    "extra,field,message",
    [
        ({"nature": "新建"}, "resumed_on", "只有续建项目才有复工日期"),
        ({"resumed_on": "2021-12-30"}, "resumed_on", "复工日期应在计划年度（2022年）内"),
        ({"annual_plan_wan": "-1"}, "annual_plan_wan", "不能为负数"),
        ({"annual_plan_wan": "abc"}, "annual_plan_wan", "合法的数字"),
        ({"nature": "扩建"}, "nature", "扩建"),
        ({"year": 1999, "resumed_on": None}, "year", "2000–2100"),
        ({"project": 999999}, "project", "未知的项目：999999"),
    ],
)
def test_a_bad_plan_is_refused_naming_the_field(world, client, extra, field, message):
    response = client.post("/api/v1/plans", plan_body(world, **extra), format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}: ")
    assert message in response.json()["detail"]
    assert not AnnualPlan.objects.exists() and not AuditEntry.objects.exists()


def test_a_future_resume_date_is_refused(world, client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    body = plan_body(world, year=tomorrow.year, resumed_on=tomorrow.isoformat())
    response = client.post("/api/v1/plans", body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "resumed_on: 复工日期不能晚于今天"


def test_a_project_is_on_a_years_plan_once(world, client):
    assert client.post("/api/v1/plans", plan_body(world), format="json").status_code == 201
    again = client.post("/api/v1/plans", plan_body(world), format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "year: 该项目已列入该年度计划"
    following = client.post(
        "/api/v1/plans", plan_body(world, year=2023, resumed_on=None), format="json"
    )
    assert following.status_code == 201
    assert AnnualPlan.objects.filter(project=world.project).count() == 2


def test_it_patches_a_plan(world, client):
    plan = AnnualPlan.objects.create(project=world.project, year=2022, nature="新建")
    body = {"nature": "续建", "annual_plan_wan": "100", "resumed_on": "2022-04-01"}
    response = client.patch(f"/api/v1/plans/{plan.pk}", body, format="json")
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert (plan.nature, plan.annual_plan_wan, plan.resumed_on) == (
        "续建",
        Decimal(100),
        date(2022, 4, 1),
    )
    entry = AuditEntry.objects.get(model="projects.AnnualPlan", action="update")
    assert entry.changes["nature"] == ["新建", "续建"]


def test_it_filters_plans(world, client):
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建")
    AnnualPlan.objects.create(project=world.sibling_project, year=2022, nature="续建")
    AnnualPlan.objects.create(project=world.sibling_project, year=2023, nature="续建")
    AnnualPlan.objects.create(project=world.far_project, year=2022, nature="新建")

    def years(query):
        response = client.get(f"/api/v1/plans?{query}")
        assert response.status_code == 200, response.json()
        return sorted((p["project_name"], p["year"]) for p in response.json()["results"])

    assert len(years("")) == 3  # 浑江区 is outside the dispatcher's city
    assert years("region=220500&year=2022") == [
        ("医药文化创意孵化园基础设施", 2022),
        ("市场大厦", 2022),
    ]
    assert years("region=220523") == [("市场大厦", 2022), ("市场大厦", 2023)]
    assert years(f"project={world.project.pk}") == [("医药文化创意孵化园基础设施", 2022)]
    bad = client.get("/api/v1/plans?region=229999")
    assert bad.status_code == 400 and bad.json()["detail"] == "region: 未知的行政区划代码：229999"


def test_it_sets_targets(world, client):
    body = {
        "region": "220502",
        "year": 2022,
        "stage": "谋划",
        "count": 16,
        "investment_wan": "50000",
    }
    response = client.post("/api/v1/targets", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["investment_wan"] == "50000.0000"
    again = client.post("/api/v1/targets", body, format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "stage: 该区划该年度已有此阶段的目标"
    target = Target.objects.get()
    patched = client.patch(f"/api/v1/targets/{target.pk}", {"count": 18}, format="json")
    assert patched.status_code == 200
    target.refresh_from_db()
    assert target.count == 18
    assert AuditEntry.objects.filter(model="projects.Target", source="api").count() == 2


@pytest.mark.parametrize(
    "extra,field",
    [
        ({"region": "229999"}, "region"),
        ({"count": -1}, "count"),
        ({"investment_wan": "-5"}, "investment_wan"),
        ({"stage": "洽谈"}, "stage"),
        ({"year": 3000}, "year"),
    ],
)
def test_a_bad_target_is_refused_naming_the_field(world, client, extra, field):
    body = {"region": "220502", "year": 2022, "stage": "谋划", "count": 16, **extra}
    response = client.post("/api/v1/targets", body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}: ")
    assert not Target.objects.exists()


def test_it_filters_targets_within_scope(world):
    Target.objects.create(region=world.county, year=2022, stage="谋划", count=16)
    Target.objects.create(region=world.sibling, year=2022, stage="谋划", count=5)
    Target.objects.create(region=world.other_county, year=2022, stage="谋划", count=9)
    Target.objects.create(region=world.city, year=2023, stage="开工", count=40)

    def counts(user, query=""):
        response = api_client(user).get(f"/api/v1/targets?{query}")
        return sorted(t["count"] for t in response.json()["results"])

    assert counts(world.dispatcher) == [5, 16, 40]
    assert counts(world.county_admin) == [16]
    assert counts(world.dispatcher, "region=220523") == [5]
    assert counts(world.dispatcher, "year=2023&stage=开工") == [40]


def test_it_keeps_reserve_pools(world):
    client = api_client(world.county_admin)
    body = {"project": world.project.pk, "channel": "专项债券", "note": "申报2023年专项债"}
    response = client.post("/api/v1/reserves", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "储备"
    entry = ReserveEntry.objects.get()
    moved = client.patch(f"/api/v1/reserves/{entry.pk}", {"status": "争取"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "争取"

    again = client.post("/api/v1/reserves", body, format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "channel: 该项目已在此资金渠道的储备库中"
    unknown = client.post("/api/v1/reserves", {**body, "channel": "彩票"}, format="json")
    assert unknown.json()["detail"] == "channel: 未知的资金渠道：彩票"
    bad = client.patch(f"/api/v1/reserves/{entry.pk}", {"status": "完成"}, format="json")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("status: ")

    listed = client.get("/api/v1/reserves?channel=专项债券&status=争取").json()
    assert [r["project"] for r in listed["results"]] == [world.project.pk]
    assert client.get("/api/v1/reserves?channel=中央预算内").json()["count"] == 0
    assert AuditEntry.objects.filter(model="projects.ReserveEntry", source="api").count() == 2


def test_reserves_of_another_county_stay_invisible(world):
    channel = FundingChannel.objects.get(name="专项债券")
    ReserveEntry.objects.create(project=world.sibling_project, channel=channel)
    assert api_client(world.county_admin).get("/api/v1/reserves").json()["count"] == 0
    assert api_client(world.other_admin).get("/api/v1/reserves").json()["count"] == 1
