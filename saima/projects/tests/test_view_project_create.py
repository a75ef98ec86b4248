from decimal import Decimal

import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.projects.models import Project

URL = reverse("project_create")


def valid(world, **changes):
    data = {
        "name": "东昌区智慧物流园",
        "code": "2204-220502-04-01-654321",
        "region": world.county.code,
        "total_investment_wan": "12000.5",
        "nature": "新建",
        "category": "产业",
        "industry": "G",
        "owner_uscc": "91220502MA0Y3ABC1X",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 200),
        ("dispatcher", 200),
        ("county_admin", 200),
        ("other_admin", 200),
        ("secretary", 403),
        ("leader", 403),
        ("officer", 403),
        ("viewer", 403),
        ("outsider", 403),
    ],
)
def test_only_roles_that_keep_the_ledger_may_create(login, world, persona, status):
    assert login(persona).get(URL).status_code == status


def test_it_creates_a_project_with_audit(login, world):
    response = login("county_admin").post(URL, valid(world))
    project = Project.objects.get(name="东昌区智慧物流园")
    assert response.status_code == 302
    assert response["Location"] == reverse("project_detail", kwargs={"pk": project.pk})
    assert project.total_investment_wan == Decimal("12000.5")
    assert project.owner_uscc == "91220502MA0Y3ABC1X"
    entry = AuditEntry.objects.get(project_id=project.pk)
    assert (entry.action, entry.source) == ("create", "web")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"code": "2204-220502-04-01-12345"}, "项目代码", "格式应为"),
        ({"code": "2213-220502-04-01-123456"}, "项目代码", "月份应在01–12之间"),
        ({"code": "2204-999999-04-01-123456"}, "项目代码", "不是已知的行政区划"),
        ({"owner_uscc": "91220502MA0Y3ABC1Y"}, "统一社会信用代码", "校验位不正确"),
        ({"total_investment_wan": "abc"}, "总投资（万元）", ""),
        ({"total_investment_wan": "-1"}, "总投资（万元）", ""),
        ({"name": ""}, "项目名称", ""),
        ({"region": "220523"}, "所在区划", ""),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(login, world, changes, field, message):
    response = login("county_admin").post(URL, valid(world, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"{field}：" in html and message in html
    assert not Project.objects.filter(name="东昌区智慧物流园").exists()
    assert not AuditEntry.objects.exists()


def test_a_duplicate_code_is_refused(login, world):
    world.project.code = "2204-220502-04-01-654321"
    world.project.save()
    response = login("county_admin").post(URL, valid(world))
    assert response.status_code == 400
    assert "项目代码已被其他项目使用" in response.content.decode()
    assert Project.objects.filter(code="2204-220502-04-01-654321").count() == 1
