import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.projects.models import Project

from .helpers import form_data


def edit_url(project):
    return reverse("project_edit", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 200),
        ("dispatcher", 200),
        ("county_admin", 200),
        ("secretary", 403),
        ("leader", 403),
        ("officer", 404),
        ("viewer", 403),
        ("other_admin", 404),
        ("outsider", 404),
    ],
)
def test_each_role_may_edit_or_is_refused(login, world, persona, status):
    client = login(persona)
    assert client.get(edit_url(world.project)).status_code == status
    response = client.post(edit_url(world.project), {"name": "改名"})
    assert response.status_code == (400 if status == 200 else status)
    world.project.refresh_from_db()
    assert world.project.name == "医药文化创意孵化园基础设施"


def test_it_saves_through_the_service_with_source_web(login, world):
    client = login("county_admin")
    data = form_data(client.get(edit_url(world.project)), name="医药文化创意孵化园（一期）")
    response = client.post(edit_url(world.project), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("project_detail", kwargs={"pk": world.project.pk})
    world.project.refresh_from_db()
    assert world.project.name == "医药文化创意孵化园（一期）" and world.project.version == 2
    entry = AuditEntry.objects.get(project_id=world.project.pk)
    assert (entry.source, entry.action, entry.actor) == ("web", "update", world.county_admin)


def test_a_validation_error_is_shown_by_the_field_and_changes_nothing(login, world):
    client = login("county_admin")
    page = client.get(edit_url(world.project))
    data = form_data(page, total_investment_wan="-5", owner_uscc="12345", location="新地点")
    response = client.post(edit_url(world.project), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存，请修正以下问题" in html
    assert "总投资（万元）：" in html and "统一社会信用代码：" in html
    assert 'aria-invalid="true"' in html
    world.project.refresh_from_db()
    assert world.project.location == "" and world.project.version == 1
    assert not AuditEntry.objects.exists()


def test_a_code_of_another_region_is_refused(login, world):
    client = login("county_admin")
    data = form_data(client.get(edit_url(world.project)), code="2201-220523-04-01-123456")
    response = client.post(edit_url(world.project), data)
    assert response.status_code == 400
    assert "项目代码中的行政区划代码应与项目所在区划一致（220502）" in response.content.decode()


def test_a_stale_version_is_refused_and_nothing_is_saved(login, world):
    client = login("county_admin")
    data = form_data(client.get(edit_url(world.project)), location="我的修改")
    Project.objects.filter(pk=world.project.pk).update(version=2, location="别人的修改")
    response = client.post(edit_url(world.project), data)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    world.project.refresh_from_db()
    assert world.project.location == "别人的修改"
    assert not AuditEntry.objects.exists()


def test_region_choices_are_limited_to_where_the_user_may_edit(login, world):
    client = login("county_admin")
    page = client.get(edit_url(world.project))
    codes = {r.code for r in page.context["form"].fields["region"].queryset}
    assert codes == {"220502"}
    response = client.post(edit_url(world.project), form_data(page, region="220523"))
    assert response.status_code == 400
    world.project.refresh_from_db()
    assert world.project.region_id == "220502"


def test_people_choices_are_limited_to_the_region_scope(login, world):
    client = login("dispatcher")
    page = client.get(edit_url(world.sibling_project))
    form = page.context["form"]
    assert world.leader in form.fields["leader"].queryset  # 通化市 covers 辉南县
    assert world.secretary not in form.fields["secretary"].queryset  # 东昌区 does not
    assert world.unit not in form.fields["department"].queryset
    response = client.post(
        edit_url(world.sibling_project), form_data(page, secretary=world.secretary.pk)
    )
    assert response.status_code == 400
    world.sibling_project.refresh_from_db()
    assert world.sibling_project.secretary is None
