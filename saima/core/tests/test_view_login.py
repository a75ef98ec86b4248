import pytest
from django.urls import reverse

from saima.accounts.models import Role, RoleGrant, User
from saima.conftest import PASSWORD


def test_it_signs_in_and_leads_to_the_users_region(client, world):
    response = client.post(reverse("login"), {"username": "county_admin", "password": PASSWORD})
    assert response["Location"] == reverse("home")
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("region_overview", kwargs={"code": "220502"})
    assert "东昌区" in client.get(response["Location"]).content.decode()


def test_a_wrong_password_is_explained_in_chinese(client, world):
    response = client.post(reverse("login"), {"username": "county_admin", "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_users_without_a_role_are_told_so(client, world):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD))
    assert "尚未授权" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "persona, where",
    [
        ("dispatcher", "/regions/220500/"),
        ("county_admin", "/regions/220502/"),
        ("viewer", "/regions/220500/"),
        ("leader", "/regions/220500/"),
        ("secretary", "/dispatch/"),
        ("officer", "/problems/"),
    ],
)
def test_home_is_each_roles_own_work(client, world, persona, where):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("home"))["Location"] == where


def test_a_secretary_who_also_reads_the_region_starts_at_its_overview(client, world):
    RoleGrant.objects.create(user=world.secretary, role=Role.VIEWER, region=world.county)
    client.force_login(world.secretary)
    assert client.get(reverse("home"))["Location"] == "/regions/220502/"


@pytest.mark.parametrize("persona", ["secretary", "officer", "leader", "county_admin"])
def test_the_menus_overview_leads_every_role_to_its_region(client, world, persona):
    client.force_login(getattr(world, persona))
    home = {"secretary": "220502", "officer": "220502", "leader": "220500"}.get(persona, "220502")
    assert client.get(reverse("overview"))["Location"] == f"/regions/{home}/"


def test_the_overview_tells_users_without_a_role_so(client, world):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD))
    assert "尚未授权" in client.get(reverse("overview")).content.decode()
