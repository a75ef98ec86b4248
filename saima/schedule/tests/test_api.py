import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.audit.models import AuditEntry
from saima.schedule.models import ApprovalType, Milestone, ProjectApproval


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def approvals(world):
    eia = ApprovalType.objects.get(name="环评")
    return [
        ProjectApproval.objects.create(project=p, approval_type=eia, planned_on=date(2022, 3, 1))
        for p in (world.project, world.sibling_project, world.far_project)
    ]


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_it_lists_approvals_in_scope_only(world, approvals):
    mine, sibling, far = approvals
    assert _ids(api(world.dispatcher).get("/api/v1/approvals")) == {mine.pk, sibling.pk}
    assert _ids(api(world.county_admin).get("/api/v1/approvals")) == {mine.pk}
    assert _ids(api(world.outsider).get("/api/v1/approvals")) == {far.pk}
    assert _ids(api(world.dispatcher).get("/api/v1/approvals?region=220523")) == {sibling.pk}
    assert api(world.county_admin).get(f"/api/v1/approvals/{sibling.pk}").status_code == 404
    row = api(world.dispatcher).get(f"/api/v1/approvals/{mine.pk}").json()
    assert row["approval_type_name"] == "环评" and row["overdue"] is True


def test_it_filters_overdue_and_obtained(world, approvals):
    mine, sibling, _ = approvals
    sibling.obtained_on = date(2022, 2, 1)
    sibling.save()
    client = api(world.dispatcher)
    assert _ids(client.get("/api/v1/approvals?overdue=true")) == {mine.pk}
    assert _ids(client.get("/api/v1/approvals?obtained=true")) == {sibling.pk}
    response = client.get("/api/v1/approvals?region=123")
    assert response.status_code == 400 and "未知的行政区划代码" in response.json()["detail"]


def test_it_lets_the_secretary_record_an_approval_of_their_project(world):
    permit = ApprovalType.objects.get(name="施工许可")
    response = api(world.secretary).post(
        "/api/v1/approvals",
        {"project": world.project.pk, "approval_type": permit.pk, "obtained_on": "2022-02-20",
         "office": "东昌区住建局"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    entry = AuditEntry.objects.get(model="schedule.ProjectApproval")
    assert entry.actor == world.secretary and entry.source == "api"


def test_it_refuses_changes_outside_the_role_or_scope(world, approvals):
    mine, sibling, _ = approvals
    body = {"obtained_on": "2022-02-01"}
    assert api(world.viewer).patch(f"/api/v1/approvals/{mine.pk}", body).status_code == 403
    assert api(world.leader).patch(f"/api/v1/approvals/{mine.pk}", body).status_code == 403
    assert api(world.county_admin).patch(f"/api/v1/approvals/{sibling.pk}", body).status_code == 404
    response = api(world.county_admin).post(
        "/api/v1/approvals", {"project": world.sibling_project.pk, "approval_type": 1}
    )
    assert response.status_code == 400 and response.json()["detail"].startswith("project:")
    mine.refresh_from_db()
    assert mine.obtained_on is None


def test_it_answers_bad_dates_with_a_clear_message_and_saves_nothing(world, approvals):
    mine = approvals[0]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = api(world.county_admin).patch(
        f"/api/v1/approvals/{mine.pk}", {"obtained_on": tomorrow}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "obtained_on: 实际日期不能晚于今天"
    mine.refresh_from_db()
    assert mine.obtained_on is None and not AuditEntry.objects.exists()


def test_it_creates_updates_and_deletes_milestones(world):
    client = api(world.county_admin)
    response = client.post(
        "/api/v1/milestones",
        {"project": world.project.pk, "kind": "设备安装", "planned_on": "2022-08-31"},
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.patch(f"/api/v1/milestones/{pk}", {"actual_on": "2022-09-05"})
    assert response.status_code == 200 and response.json()["actual_on"] == "2022-09-05"
    assert client.delete(f"/api/v1/milestones/{pk}").status_code == 204
    assert not Milestone.objects.exists()
    assert AuditEntry.objects.filter(model="schedule.Milestone").count() == 3


def test_it_lists_approval_types_with_their_requirement_sets(world):
    rows = api(world.viewer).get("/api/v1/approval-types").json()
    by_name = {row["name"]: row for row in rows}
    assert (
        "" in by_name["能评"]["required_for"] and "基础设施" in by_name["水土保持"]["required_for"]
    )


def test_it_describes_the_endpoints_in_openapi(world):
    schema = json.loads(api(world.viewer).get("/api/v1/openapi.json?format=json").content)
    for path in ("/api/v1/approvals", "/api/v1/milestones", "/api/v1/approval-types"):
        assert path in schema["paths"]


def test_it_reports_the_completion_rate_of_a_region(world, approvals):
    mine, sibling, _ = approvals
    mine.obtained_on = date(2022, 2, 1)
    mine.save()
    url = "/api/v1/approval-figures?region=220500&as_of=2022-03-05"
    body = api(world.viewer).get(url).json()
    assert body == {
        "region": "220500", "as_of": "2022-03-05", "new_of_year": None, "projects": 2,
        "required": 2, "obtained": 1, "completion": "50.0000",
    }  # fmt: skip
    # Out of scope: 403; unknown region: 404; a bad date: 400 naming the field.
    assert api(world.outsider).get(url).status_code == 403
    assert api(world.viewer).get(url.replace("220500", "999999")).status_code == 404
    response = api(world.viewer).get("/api/v1/approval-figures?region=220500&as_of=2022-13-01")
    assert response.status_code == 400 and response.json()["detail"].startswith("as_of:")
    # A county administrator's figure covers only their own projects.
    assert api(world.county_admin).get(url.replace("220500", "220502")).json()["required"] == 1


def test_it_does_not_accept_a_project_filter_outside_scope(world, approvals):
    response = api(world.dispatcher).get(f"/api/v1/approvals?project={world.far_project.pk}")
    assert response.status_code == 400 and response.json()["detail"].startswith("project:")
    assert _ids(api(world.dispatcher).get(f"/api/v1/approvals?project={world.project.pk}")) == {
        approvals[0].pk
    }
