"""Every persona against every API endpoint: the one access rule, spoken as HTTP statuses.

world.project lies in 东昌区 (220502); its secretary and leader are world.secretary and
world.leader. other_admin (辉南县) and outsider (白山市) cannot see it: for them it does not
exist (404), or, referenced in a request body by a role that could manage it elsewhere, it is
an unknown project (400).
"""

from decimal import Decimal

import pytest

from saima.core.tests.apiclient import api_client
from saima.projects.models import AnnualPlan, FundingChannel, Project, ReserveEntry, Target

PERSONAS = [
    "admin",
    "dispatcher",
    "county_admin",
    "other_admin",
    "secretary",
    "leader",
    "officer",
    "viewer",
    "outsider",
    "anonymous",
]

# Expected statuses, one per persona in the order above. The county's region-wide records
# (its region, units, targets, figures) are read by every role granted there; a project and
# what belongs to it only by the roles that read the whole ledger and by its own secretary
# and leader: the department officer (whose scope is the problems assigned to the unit) does
# not see it.
READ_ALL = [200] * 9 + [401]
READ_COUNTY = [200, 200, 200, 404, 200, 200, 200, 200, 404, 401]
READ_PROJECT = [200, 200, 200, 404, 200, 200, 404, 200, 404, 401]
EDIT_PROJECT = [200, 200, 200, 404, 403, 403, 404, 403, 404, 401]
DELETE_PROJECT = [204, 204, 204, 404, 403, 403, 404, 403, 404, 401]
CREATE_FOR_PROJECT = [201, 201, 201, 400, 403, 403, 403, 403, 403, 401]

ENDPOINTS = {
    "regions": ("get", "/api/v1/regions", None, READ_ALL),
    "region": ("get", "/api/v1/regions/220502", None, READ_COUNTY),
    "departments": ("get", "/api/v1/regions/220502/departments", None, READ_COUNTY),
    "projects": ("get", "/api/v1/projects", None, READ_ALL),
    "project_create": (
        "post",
        "/api/v1/projects",
        {"name": "新项目", "region": "220502", "total_investment_wan": "6000"},
        [201, 201, 201, 403, 403, 403, 403, 403, 403, 401],
    ),
    "project": ("get", "/api/v1/projects/{project}", None, READ_PROJECT),
    "project_patch": (
        "patch",
        "/api/v1/projects/{project}",
        {"version": 1, "location": "金厂镇"},
        EDIT_PROJECT,
    ),
    "project_delete": ("delete", "/api/v1/projects/{project}?version=1", None, DELETE_PROJECT),
    "history": ("get", "/api/v1/projects/{project}/history", None, READ_PROJECT),
    "stages": ("get", "/api/v1/projects/{project}/stages", None, READ_PROJECT),
    "stage_add": (
        "post",
        "/api/v1/projects/{project}/stages",
        {"stage": "开工", "date": "2022-02-28"},
        [201, 201, 201, 404, 201, 403, 404, 403, 404, 401],
    ),
    "plans": ("get", "/api/v1/plans", None, READ_ALL),
    "plan_create": (
        "post",
        "/api/v1/plans",
        {"project": "{project}", "year": 2023, "nature": "续建", "annual_plan_wan": "100"},
        CREATE_FOR_PROJECT,
    ),
    "plan": ("get", "/api/v1/plans/{plan}", None, READ_PROJECT),
    "plan_patch": ("patch", "/api/v1/plans/{plan}", {"annual_plan_wan": "200"}, EDIT_PROJECT),
    "plan_delete": ("delete", "/api/v1/plans/{plan}", None, DELETE_PROJECT),
    "targets": ("get", "/api/v1/targets", None, READ_ALL),
    "target_create": (
        "post",
        "/api/v1/targets",
        {"region": "220502", "year": 2022, "stage": "签约", "count": 8},
        [201, 201, 403, 403, 403, 403, 403, 403, 403, 401],
    ),
    "target": ("get", "/api/v1/targets/{target}", None, READ_COUNTY),
    "target_patch": (
        "patch",
        "/api/v1/targets/{target}",
        {"count": 4},
        [200, 200, 403, 404, 403, 403, 403, 403, 404, 401],
    ),
    "target_delete": (
        "delete",
        "/api/v1/targets/{target}",
        None,
        [204, 204, 403, 404, 403, 403, 403, 403, 404, 401],
    ),
    "reserves": ("get", "/api/v1/reserves", None, READ_ALL),
    "reserve_create": (
        "post",
        "/api/v1/reserves",
        {"project": "{project}", "channel": "中央预算内", "status": "储备"},
        CREATE_FOR_PROJECT,
    ),
    "reserve": ("get", "/api/v1/reserves/{reserve}", None, READ_PROJECT),
    "reserve_patch": ("patch", "/api/v1/reserves/{reserve}", {"status": "争取"}, EDIT_PROJECT),
    "reserve_delete": ("delete", "/api/v1/reserves/{reserve}", None, DELETE_PROJECT),
    "figures": (
        "get",
        "/api/v1/figures?region=220502&year=2022&as_of=2022-04-30",
        None,
        READ_COUNTY,
    ),
    "openapi": ("get", "/api/v1/openapi.json", None, [200] * 10),
}

CASES = [
    pytest.param(endpoint, persona, expected[i], id=f"{endpoint}-{persona}")
    for endpoint, (_, _, _, expected) in ENDPOINTS.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.fixture
def ledger(world):
    plan = AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal(5000)
    )
    target = Target.objects.create(region=world.county, year=2022, stage="开工", count=3)
    channel = FundingChannel.objects.get(name="专项债券")
    reserve = ReserveEntry.objects.create(project=world.project, channel=channel)
    return {
        "project": world.project.pk,
        "plan": plan.pk,
        "target": target.pk,
        "reserve": reserve.pk,
    }


def fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("endpoint,persona,expected", CASES)
def test_it_answers_each_persona_per_the_access_rule(world, ledger, endpoint, persona, expected):
    method, path, body, _ = ENDPOINTS[endpoint]
    user = None if persona == "anonymous" else getattr(world, persona)
    client = api_client(user)
    response = getattr(client, method)(fill(path, ledger), fill(body, ledger), format="json")
    assert response.status_code == expected, response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_it_lists_only_the_projects_in_scope(world, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/projects")
    names = {p["name"] for p in response.json()["results"]}
    assert names == set(Project.objects.visible_to(user).values_list("name", flat=True))
    assert response.json()["count"] == len(names)


def test_a_refused_write_changes_nothing(world, ledger):
    response = api_client(world.viewer).patch(
        f"/api/v1/projects/{world.project.pk}", {"version": 1, "name": "x"}, format="json"
    )
    assert response.status_code == 403
    world.project.refresh_from_db()
    assert world.project.name == "医药文化创意孵化园基础设施" and world.project.version == 1


def test_it_asks_anonymous_callers_for_a_bearer_token(world):
    response = api_client().get("/api/v1/projects")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_it_refuses_an_unknown_token(world):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert client.get("/api/v1/projects").status_code == 401


def test_assigned_projects_outside_the_grant_are_visible_to_their_secretary_and_leader(world):
    Project.objects.filter(pk=world.far_project.pk).update(
        secretary=world.secretary, leader=world.leader
    )
    path = f"/api/v1/projects/{world.far_project.pk}"
    for user in (world.secretary, world.leader):
        assert api_client(user).get(path).status_code == 200
        patch = api_client(user).patch(path, {"version": 1, "name": "x"}, format="json")
        assert patch.status_code == 403
    stage = {"stage": "签约", "date": "2022-01-10"}
    assert api_client(world.secretary).post(f"{path}/stages", stage).status_code == 201
    assert api_client(world.leader).post(f"{path}/stages", stage).status_code == 403
    assert api_client(world.county_admin).get(path).status_code == 404
    # The region itself stays outside their scope.
    figures = "/api/v1/figures?region=220602&year=2022&as_of=2022-04-30"
    assert api_client(world.secretary).get(figures).status_code == 404
