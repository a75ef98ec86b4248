"""GET /api/v1/figures against figures computed by hand.

东昌区, 2022 plan, as of 2022-04-30:
  新建 N1–N6, totals 10000.5 + 8000 + 6000.25 + 5000 + 12000 + 7000 = 48000.75,
        annual 3000 + 2000.5 + 1000 + 1500 + 4000 + 800 = 12300.5;
        N1–N5 started by 04-30, N6 on 05-01.
  续建 C1–C5, totals 20000 + 15000 + 9000.5 + 6000 + 5500 = 55500.5,
        annual 5000 + 3000 + 2000 + 1000.25 + 500 = 11500.25; all resumed by 04-30.
  → 11 planned, 103501.25 total, 23800.75 annual; 开工率 5/6 = 83.3333,
    复工率 5/5 = 100, 开复工率 10/11 = 90.9091.
  开工 target 8 (60000万元): actual 5 → 62.5; investment 41000.75 / 60000 → 68.3346.
辉南县 adds one 新建 project (1000万元, not started): 通化市 has 12 planned, 10/12 = 83.3333.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from saima.core.tests.apiclient import api_client
from saima.projects.models import AnnualPlan, Project, StageEvent, Target

NEW = [
    ("N1", "10000.5", "3000", date(2022, 1, 15)),
    ("N2", "8000", "2000.5", date(2022, 2, 28)),
    ("N3", "6000.25", "1000", date(2022, 3, 10)),
    ("N4", "5000", "1500", date(2022, 4, 1)),
    ("N5", "12000", "4000", date(2022, 4, 30)),
    ("N6", "7000", "800", date(2022, 5, 1)),
]
CONTINUING = [
    ("C1", "20000", "5000", date(2022, 2, 1)),
    ("C2", "15000", "3000", date(2022, 3, 1)),
    ("C3", "9000.5", "2000", date(2022, 3, 15)),
    ("C4", "6000", "1000.25", date(2022, 4, 10)),
    ("C5", "5500", "500", date(2022, 4, 30)),
]


def planned(region, name, total, annual, nature, resumed=None):
    project = Project.objects.create(name=name, region=region, total_investment_wan=Decimal(total))
    AnnualPlan.objects.create(
        project=project,
        year=2022,
        nature=nature,
        annual_plan_wan=Decimal(annual),
        resumed_on=resumed,
    )
    return project


@pytest.fixture
def ledger(world):
    for name, total, annual, started in NEW:
        project = planned(world.county, name, total, annual, "新建")
        StageEvent.objects.create(project=project, stage="开工", date=started)
    for name, total, annual, resumed in CONTINUING:
        planned(world.county, name, total, annual, "续建", resumed)
    planned(world.sibling, "S1", "1000", "100", "新建")
    Target.objects.create(
        region=world.county, year=2022, stage="开工", count=8, investment_wan=Decimal(60000)
    )
    Target.objects.create(region=world.county, year=2022, stage="签约", count=10)
    return world


def figures(user, query):
    return api_client(user).get(f"/api/v1/figures?{query}")


def test_it_returns_the_hand_computed_county_figures(ledger):
    response = figures(ledger.county_admin, "region=220502&year=2022&as_of=2022-04-30")
    assert response.status_code == 200
    body = response.json()
    assert body["region"] == {"code": "220502", "name": "东昌区", "level": "county"}
    assert (body["year"], body["as_of"]) == (2022, "2022-04-30")
    assert {k: body[k] for k in list(body)[4:16]} == {
        "planned_projects": 11,
        "planned_new": 6,
        "planned_continuing": 5,
        "total_investment_wan": "103501.2500",
        "annual_plan_wan": "23800.7500",
        "started_new": 5,
        "resumed_continuing": 5,
        "started_or_resumed": 10,
        "start_rate": "83.3333",
        "resume_rate": "100.0000",
        "start_or_resume_rate": "90.9091",
        "stages": body["stages"],
    }
    stages = {s["stage"]: s for s in body["stages"]}
    assert list(stages) == ["谋划", "签约", "落地", "开工", "竣工", "投产"]
    assert stages["开工"] == {
        "stage": "开工",
        "actual": 5,
        "target": 8,
        "completion": "62.5000",
        "actual_investment_wan": "41000.7500",
        "target_investment_wan": "60000.0000",
        "investment_completion": "68.3346",
    }
    assert (stages["签约"]["actual"], stages["签约"]["target"], stages["签约"]["completion"]) == (
        0,
        10,
        "0.0000",
    )
    assert stages["谋划"]["target"] is None and stages["谋划"]["completion"] is None


def test_the_city_includes_its_counties(ledger):
    body = figures(ledger.viewer, "region=220500&year=2022&as_of=2022-04-30").json()
    assert body["planned_projects"] == 12
    assert body["total_investment_wan"] == "104501.2500"
    assert body["start_or_resume_rate"] == "83.3333"


def test_it_counts_up_to_the_as_of_date(ledger):
    body = figures(ledger.county_admin, "region=220502&year=2022&as_of=2022-03-31").json()
    assert (body["started_new"], body["resumed_continuing"]) == (3, 3)
    assert body["start_or_resume_rate"] == "54.5455"


def test_it_can_restrict_to_large_projects(ledger):
    query = "region=220502&year=2022&as_of=2022-04-30&min_total_wan=8000"
    body = figures(ledger.county_admin, query).json()
    assert (body["planned_projects"], body["planned_new"], body["started_new"]) == (6, 3, 3)
    assert body["min_total_wan"] == "8000.0000"
    assert body["start_or_resume_rate"] == "100.0000"


def test_rates_are_null_when_nothing_is_planned(ledger):
    body = figures(ledger.county_admin, "region=220502&year=2030&as_of=2030-04-30").json()
    assert body["planned_projects"] == 0
    assert body["start_rate"] is None and body["start_or_resume_rate"] is None


def test_a_region_outside_the_scope_is_not_found(ledger):
    response = figures(ledger.county_admin, "region=220523&year=2022&as_of=2022-04-30")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query,field",
    [
        ("year=2022&as_of=2022-04-30", "region"),
        ("region=220502&as_of=2022-04-30", "year"),
        ("region=220502&year=二〇二二", "year"),
        ("region=220502&year=2022&as_of=2022-13-01", "as_of"),
        ("region=220502&year=2022&as_of=2021-12-31", "as_of"),
        ("region=229999&year=2022", "region"),
        ("region=220502&year=2022&min_total_wan=-1", "min_total_wan"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(ledger, query, field):
    response = figures(ledger.county_admin, query)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}: ")


def test_as_of_defaults_to_today(ledger):
    today = timezone.localdate()
    body = figures(ledger.county_admin, f"region=220502&year={today.year}").json()
    assert body["as_of"] == today.isoformat()
