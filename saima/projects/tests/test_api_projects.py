from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.core.tests.apiclient import api_client
from saima.projects.models import AnnualPlan, FundingChannel, Project, StageEvent

CONTRACT_FIELDS = {
    "id",
    "code",
    "name",
    "region",
    "content",
    "industry",
    "nature",
    "category",
    "owner_name",
    "owner_uscc",
    "total_investment_wan",
    "land_mu",
    "funding_channels",
    "plan_level",
    "leader",
    "department",
    "secretary",
    "stage",
    "version",
    "is_generated",
}
VALID = {
    "code": "2201-220502-04-01-123456",
    "name": "通化葡萄酒产业园",
    "region": "220502",
    "content": "新建厂房2万平方米",
    "industry": "C",
    "nature": "新建",
    "category": "产业",
    "owner_name": "通化葡萄酒股份有限公司",
    "owner_uscc": "91220500MA0Y3KQX5R",
    "total_investment_wan": "12000.5",
    "land_mu": "85.5",
    "funding_channels": ["企业自筹", "银行贷款"],
    "plan_level": "市",
}


@pytest.fixture
def admin_client(world):
    return api_client(world.county_admin)


def url(project, tail=""):
    return f"/api/v1/projects/{project.pk}{tail}"


def test_it_serves_the_contract_fields(world, admin_client):
    body = admin_client.get(url(world.project)).json()
    assert body.keys() >= CONTRACT_FIELDS
    assert body["region"] == "220502"
    assert body["total_investment_wan"] == "52000.0000"
    assert body["leader"] == "leader" and body["secretary"] == "secretary"
    assert body["department"] == world.unit.pk
    assert body["version"] == 1 and body["is_generated"] is False


def test_it_creates_a_project_with_audit(world, admin_client):
    response = admin_client.post("/api/v1/projects", VALID, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["total_investment_wan"] == "12000.5000"
    assert sorted(body["funding_channels"]) == ["企业自筹", "银行贷款"]
    project = Project.objects.get(pk=body["id"])
    assert project.total_investment_wan == Decimal("12000.5")
    entry = AuditEntry.objects.get(project_id=project.pk)
    assert (entry.action, entry.source, entry.actor) == ("create", "api", world.county_admin)


def test_it_refuses_to_create_in_a_region_outside_the_rights(world):
    response = api_client(world.other_admin).post("/api/v1/projects", VALID, format="json")
    assert response.status_code == 403
    assert not Project.objects.filter(name=VALID["name"]).exists()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("code", "2201-220502-04-01-12345", "项目代码格式应为"),
        ("code", "2213-220502-04-01-123456", "月份应在01–12之间"),
        ("code", "2201-229999-04-01-123456", "229999 不是已知的行政区划"),
        ("code", "2201-220523-04-01-123456", "应与项目所在区划一致"),
        ("owner_uscc", "91220500MA0Y3KQX5B", "校验位不正确"),
        ("owner_uscc", "123", "应为18位"),
        ("total_investment_wan", "-1", "不能为负数"),
        ("total_investment_wan", "一千万", "合法的数字"),
        ("land_mu", "-3", "不能为负数"),
        ("region", "229999", "未知的行政区划代码：229999"),
        ("funding_channels", ["彩票"], "未知的资金渠道：彩票"),
        ("industry", "Z", "Z"),
        ("name", "", "name"),
    ],
)
def test_it_names_the_field_and_saves_nothing(world, admin_client, field, value, message):
    response = admin_client.post("/api/v1/projects", {**VALID, field: value}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith(f"{field}: ")
    assert message in body["detail"]
    assert field in body["errors"]
    assert not Project.objects.filter(name=VALID["name"]).exists()
    assert not AuditEntry.objects.exists()


def test_it_refuses_a_duplicate_code(world, admin_client):
    assert admin_client.post("/api/v1/projects", VALID, format="json").status_code == 201
    response = admin_client.post("/api/v1/projects", {**VALID, "name": "另一个"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "code: 项目代码已被其他项目使用"
    assert not Project.objects.filter(name="另一个").exists()


def test_it_allows_many_projects_without_a_code(world, admin_client):
    for name in ("甲", "乙"):
        body = {"name": name, "region": "220502", "code": ""}
        response = admin_client.post("/api/v1/projects", body, format="json")
        assert response.status_code == 201
        assert response.json()["code"] is None


def test_patch_changes_the_project_and_the_history_shows_it(world, admin_client):
    response = admin_client.patch(
        url(world.project), {"version": 1, "total_investment_wan": "60000"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["total_investment_wan"] == "60000.0000"

    history = api_client(world.viewer).get(url(world.project, "/history")).json()
    assert history["count"] == 1
    entry = history["results"][0]
    assert entry["action"] == "update" and entry["source"] == "api"
    assert entry["actor"] == "county_admin"
    assert entry["changes"] == {"total_investment_wan": ["52000", "60000"]}


def test_a_stale_version_is_answered_with_409_and_changes_nothing(world, admin_client):
    first = admin_client.patch(url(world.project), {"version": 1, "name": "新名"}, format="json")
    assert first.status_code == 200
    stale = api_client(world.dispatcher).patch(
        url(world.project), {"version": 1, "name": "旧读数的修改"}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == "记录已被他人修改，请刷新后重试"
    world.project.refresh_from_db()
    assert world.project.name == "新名" and world.project.version == 2


@pytest.mark.parametrize("version", [None, "abc", 0])
def test_patch_needs_the_version_read(world, admin_client, version):
    body = {"name": "新名"} if version is None else {"name": "新名", "version": version}
    response = admin_client.patch(url(world.project), body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("version: ")
    world.project.refresh_from_db()
    assert world.project.name == "医药文化创意孵化园基础设施"


def test_patch_cannot_move_a_project_out_of_ones_rights(world, admin_client):
    response = admin_client.patch(
        url(world.project), {"version": 1, "region": "220523"}, format="json"
    )
    assert response.status_code == 403
    world.project.refresh_from_db()
    assert world.project.region_id == "220502"


def test_patch_ignores_read_only_fields(world, admin_client):
    body = {"version": 1, "stage": "投产", "is_generated": True, "name": "新名"}
    response = admin_client.patch(url(world.project), body, format="json")
    assert response.status_code == 200
    world.project.refresh_from_db()
    assert (world.project.stage, world.project.is_generated) == ("", False)


def test_delete_needs_the_current_version(world, admin_client):
    assert admin_client.delete(url(world.project)).status_code == 400
    assert admin_client.delete(url(world.project, "?version=2")).status_code == 409
    assert admin_client.delete(url(world.project, "?version=1")).status_code == 204
    assert not Project.objects.filter(pk=world.project.pk).exists()
    entry = AuditEntry.objects.get(project_id=world.project.pk)
    assert (entry.action, entry.source) == ("delete", "api")


def test_stages_are_recorded_in_order(world):
    client = api_client(world.secretary)
    response = client.post(url(world.project, "/stages"), {"stage": "签约", "date": "2022-01-10"})
    assert response.status_code == 201
    assert response.json()["project"]["stage"] == "签约"
    assert response.json()["project"]["version"] == 2

    early = client.post(url(world.project, "/stages"), {"stage": "开工", "date": "2022-01-09"})
    assert early.status_code == 400
    assert early.json()["detail"] == "date: 开工日期不能早于签约日期（2022-01-10）"

    tomorrow = timezone.localdate() + timedelta(days=1)
    future = client.post(url(world.project, "/stages"), {"stage": "开工", "date": tomorrow})
    assert future.status_code == 400
    assert future.json()["detail"] == "date: 日期不能晚于今天"

    bad = client.post(url(world.project, "/stages"), {"stage": "动工", "date": "2022-02-28"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("stage: ")

    ok = client.post(url(world.project, "/stages"), {"stage": "开工", "date": "2022-02-28"})
    assert ok.status_code == 201
    assert ok.json()["project"]["stage_dates"] == {"签约": "2022-01-10", "开工": "2022-02-28"}
    assert list(
        StageEvent.objects.filter(project=world.project).values_list("stage", flat=True)
    ) == [
        "签约",
        "开工",
    ]
    stages = client.get(url(world.project, "/stages")).json()
    assert [(s["stage"], s["date"]) for s in stages] == [
        ("签约", "2022-01-10"),
        ("开工", "2022-02-28"),
    ]


def test_recording_a_stage_again_corrects_its_date(world, admin_client):
    admin_client.post(url(world.project, "/stages"), {"stage": "开工", "date": "2022-02-28"})
    again = admin_client.post(
        url(world.project, "/stages"), {"stage": "开工", "date": "2022-03-01"}
    )
    assert again.status_code == 200
    assert StageEvent.objects.get(project=world.project).date == date(2022, 3, 1)


def filtered(client, query):
    response = client.get(f"/api/v1/projects?{query}")
    assert response.status_code == 200, response.json()
    return {p["name"] for p in response.json()["results"]}


def test_it_filters_the_list(world):
    client = api_client(world.dispatcher)
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建")
    AnnualPlan.objects.create(project=world.sibling_project, year=2023, nature="续建")
    StageEvent.objects.create(project=world.sibling_project, stage="开工", date=date(2022, 5, 1))
    Project.objects.filter(pk=world.sibling_project.pk).update(stage="开工", industry="C")

    both = {"医药文化创意孵化园基础设施", "市场大厦"}
    assert filtered(client, "region=220500") == both  # a city includes its counties
    assert filtered(client, "region=220523") == {"市场大厦"}
    assert filtered(client, "region=220602") == set()  # outside the scope stays invisible
    assert filtered(client, "year=2022") == {"医药文化创意孵化园基础设施"}
    assert filtered(client, "year=2023&year_nature=续建") == {"市场大厦"}
    assert filtered(client, "stage=开工") == {"市场大厦"}
    assert filtered(client, "industry=C") == {"市场大厦"}
    assert filtered(client, "q=孵化") == {"医药文化创意孵化园基础设施"}
    assert filtered(client, f"leader={world.leader.pk}") == {"医药文化创意孵化园基础设施"}
    assert filtered(client, f"department={world.unit.pk}") == {"医药文化创意孵化园基础设施"}


@pytest.mark.parametrize(
    "query,field",
    [("region=999999", "region"), ("stage=动工", "stage"), ("year=abc", "year")],
)
def test_a_bad_filter_is_a_400_naming_it(world, query, field):
    response = api_client(world.dispatcher).get(f"/api/v1/projects?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}: ")


def test_the_list_is_paginated_with_a_count(world):
    for i in range(3):
        Project.objects.create(name=f"项目{i}", region=world.county)
    body = api_client(world.county_admin).get("/api/v1/projects?page_size=2").json()
    assert body["count"] == 4
    assert len(body["results"]) == 2 and body["next"]


def test_the_list_does_not_query_per_row(world):
    client = api_client(world.dispatcher)
    channel = FundingChannel.objects.get(name="专项债券")

    def add(n):
        for i in range(n):
            project = Project.objects.create(
                name=f"项目{i}", region=world.county, leader=world.leader
            )
            project.funding_channels.add(channel)
            StageEvent.objects.create(project=project, stage="谋划", date=date(2022, 1, 1))

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v1/projects").status_code == 200
        return len(context)

    add(2)
    few = queries()
    add(10)
    assert queries() == few


def test_one_project_is_read_with_its_region_people_and_unit_joined(world):
    project = Project.objects.create(
        name="一个项目", region=world.county, leader=world.leader, secretary=world.secretary
    )
    StageEvent.objects.create(project=project, stage="谋划", date=date(2022, 1, 1))
    client = api_client(world.dispatcher)
    assert client.get(url(project)).status_code == 200  # sessions, grants, versions warm
    with CaptureQueriesContext(connection) as context:
        body = client.get(url(project)).json()
    assert body["region_name"] == world.county.name and body["stage_dates"]["谋划"]
    read = [q["sql"] for q in context if 'FROM "projects_project"' in q["sql"]]
    assert len(read) == 1 and '"regions_region"' in read[0] and '"accounts_user"' in read[0]
    stages = [q["sql"] for q in context if 'FROM "projects_stageevent"' in q["sql"]]
    assert len(stages) == 1 and "projects_project" not in stages[0].split("WHERE")[0]
