from decimal import Decimal

import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.projects.models import AnnualPlan


def create_url(project):
    return reverse("plan_create", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 302),
        ("dispatcher", 302),
        ("county_admin", 302),
        ("secretary", 403),
        ("leader", 403),
        ("viewer", 403),
        ("other_admin", 404),
        ("outsider", 404),
    ],
)
def test_each_role_may_manage_plans_or_is_refused(login, world, persona, status):
    data = {"year": 2022, "nature": "新建", "annual_plan_wan": "3000"}
    assert login(persona).post(create_url(world.project), data).status_code == status
    assert AnnualPlan.objects.filter(project=world.project).exists() == (status == 302)


def test_it_adds_and_corrects_a_plan_entry_with_audit(login, world):
    client = login("county_admin")
    data = {"year": 2022, "nature": "续建", "annual_plan_wan": "3000", "resumed_on": "2022-03-01"}
    client.post(create_url(world.project), data)
    plan = AnnualPlan.objects.get(project=world.project)
    edit = reverse("plan_edit", kwargs={"pk": world.project.pk, "plan_pk": plan.pk})
    assert client.get(edit).status_code == 200
    client.post(edit, {**data, "annual_plan_wan": "3500.25"})
    plan.refresh_from_db()
    assert plan.annual_plan_wan == Decimal("3500.25")
    assert AuditEntry.objects.filter(model="projects.AnnualPlan", source="web").count() == 2


def test_bad_plan_entries_are_refused(login, world):
    client = login("county_admin")
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建")
    response = client.post(
        create_url(world.project), {"year": 2022, "nature": "新建", "annual_plan_wan": "1"}
    )
    assert response.status_code == 400 and "该项目已列入该年度计划" in response.content.decode()
    response = client.post(
        create_url(world.project),
        {"year": 2023, "nature": "新建", "annual_plan_wan": "1", "resumed_on": "2023-03-01"},
    )
    assert response.status_code == 400
    assert "复工日期：只有续建项目才有复工日期" in response.content.decode()
    response = client.post(
        create_url(world.project), {"year": 2023, "nature": "新建", "annual_plan_wan": "-1"}
    )
    assert response.status_code == 400 and "年度计划投资（万元）：" in response.content.decode()
    assert AnnualPlan.objects.count() == 1
