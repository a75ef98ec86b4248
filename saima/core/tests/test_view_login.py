from django.urls import reverse

from saima.accounts.models import User
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
