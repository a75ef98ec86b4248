import os
import secrets
import subprocess
import sys

from django.urls import reverse

from saima.conftest import PASSWORD


def test_it_locks_out_after_repeated_failed_logins(world, client, settings):
    settings.AXES_ENABLED = True
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "viewer", "password": "wrong"})
        assert response.status_code in (200, 429)
    response = client.post(url, {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    # Another user from the same address is not locked out.
    response = client.post(url, {"username": "dispatcher", "password": PASSWORD})
    assert response.status_code == 302


def test_a_good_login_signs_in(world, client, settings):
    settings.AXES_ENABLED = True
    response = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302


def _check(extra_env):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "SAIMA_PRODUCTION", "ALLOWED_HOSTS")
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "saima.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _check(
        {
            "SAIMA_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "saima.example.gov.cn",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check({"SAIMA_PRODUCTION": "1", "ALLOWED_HOSTS": "saima.example.gov.cn"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
