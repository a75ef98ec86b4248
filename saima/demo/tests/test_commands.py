"""`saima user`, `saima token` and `saima demo --no-serve`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIRequestFactory

from saima.accounts.api.authentication import BearerTokenAuthentication
from saima.accounts.models import RoleGrant, User
from saima.demo.people import DEMO_USERS, PASSWORD
from saima.projects.models import Project


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_adds_a_user_with_a_role_on_a_region(world):
    out = run(
        "user",
        "add",
        "wang",
        "--role",
        "county_admin",
        "--region",
        "220502",
        "--password",
        "s3cret-pass",
        "--name",
        "王五",
    )
    user = User.objects.get(username="wang")
    assert user.full_name == "王五"
    assert user.check_password("s3cret-pass")
    assert list(user.grants.values_list("role", "region_id")) == [("county_admin", "220502")]
    assert "created user wang with role county_admin on region 220502" in out


def test_it_adds_a_user_who_cannot_sign_in_without_a_password(world):
    out = run("user", "add", "li", "--role", "viewer", "--region", "220500")
    assert not User.objects.get(username="li").has_usable_password()
    assert "cannot sign in" in out


def test_it_makes_an_administrator_staff(world):
    run("user", "add", "root2", "--role", "admin", "--region", "220000", "--password", "x-pass-123")
    user = User.objects.get(username="root2")
    assert user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "mayor", "--region", "220502"], "未知角色 mayor"),
        (["--role", "viewer", "--region", "999999"], "未知行政区划代码 999999"),
    ],
)
def test_it_rejects_an_unknown_role_or_region(world, args, message):
    with pytest.raises(CommandError, match=message):
        run("user", "add", "zhao", *args)
    assert not User.objects.filter(username="zhao").exists()


def test_it_rejects_a_taken_username(world):
    with pytest.raises(CommandError, match="用户名 viewer 已存在"):
        run("user", "add", "viewer", "--role", "viewer", "--region", "220500")


def test_it_grants_another_role(world):
    out = run("user", "grant", "viewer", "--role", "secretary", "--region", "220523")
    assert RoleGrant.objects.filter(
        user=world.viewer, role="secretary", region_id="220523"
    ).exists()
    assert "viewer granted role secretary on region 220523" in out
    assert "already had" in run(
        "user", "grant", "viewer", "--role", "secretary", "--region", "220523"
    )
    with pytest.raises(CommandError, match="用户名 nobody 不存在"):
        run("user", "grant", "nobody", "--role", "viewer", "--region", "220500")
    with pytest.raises(CommandError, match="未知角色"):
        run("user", "grant", "viewer", "--role", "boss", "--region", "220500")


def test_it_prints_the_same_token_each_time(world):
    key = run("token", "create", "county_admin").strip()
    assert key == Token.objects.get(user=world.county_admin).key
    assert run("token", "create", "county_admin").strip() == key


def test_the_token_authenticates_as_bearer(world):
    key = run("token", "create", "dispatcher").strip()
    request = APIRequestFactory().get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {key}")
    user, _ = BearerTokenAuthentication().authenticate(request)
    assert user == world.dispatcher


def test_it_refuses_a_token_for_an_unknown_user(world):
    with pytest.raises(CommandError, match="用户名 ghost 不存在"):
        run("token", "create", "ghost")


def test_demo_no_serve_loads_and_prints_the_logins(db):
    out = run("demo", "--no-serve")
    assert "http://127.0.0.1:8000/" in out
    for login in DEMO_USERS:
        assert f"  {login.username} " in out
    assert PASSWORD in out
    assert Project.objects.filter(is_generated=True).exists()
    count = Project.objects.count()

    again = run("demo", "--no-serve", "--port", "8123")
    assert "ledger already loaded" in again
    assert "http://127.0.0.1:8123/" in again
    assert Project.objects.count() == count
    assert User.objects.get(username="dongchang").check_password(PASSWORD)
