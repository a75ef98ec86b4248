"""A database connection lost in the middle of a request: the user gets a short 503 (JSON from
the API, a page otherwise) without a traceback, and nothing of the change is stored.

On PostgreSQL the server really terminates the request's connection after the first write;
on SQLite the loss is simulated by the error psycopg would raise."""

import psycopg
import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.core.tests.apiclient import api_client
from saima.projects import services
from saima.projects.models import Project
from saima.projects.tests.helpers import form_data

LEAKS = ("Traceback", "OperationalError", "server closed", 'File "', "psycopg")


def _lose_connection_after_the_write(monkeypatch):
    """After the project row and its audit entry are written (inside the transaction), the
    connection goes away."""
    real_record = services.record

    def record_then_lose(*args, **kwargs):
        entry = real_record(*args, **kwargs)
        if connection.vendor == "postgresql":
            pid = connection.connection.info.backend_pid
            params = connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("context", None)
            with psycopg.connect(**params, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        else:
            raise OperationalError("server closed the connection unexpectedly")
        return entry

    monkeypatch.setattr(services, "record", record_then_lose)


def _state(pk):
    connection.close()  # the test's own connection may be the one that was lost
    project = Project.objects.get(pk=pk)
    return project.name, project.version, AuditEntry.objects.filter(project_id=pk).count()


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_503_and_stores_nothing_when_the_database_goes_away(world, monkeypatch):
    client = api_client(world.county_admin)
    client.raise_request_exception = False
    before = _state(world.project.pk)
    _lose_connection_after_the_write(monkeypatch)
    response = client.patch(
        f"/api/v1/projects/{world.project.pk}", {"version": 1, "name": "新名"}, format="json"
    )
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "数据库暂时无法连接，本次操作未保存，请稍后重试"}
    assert not any(leak in response.content.decode() for leak in LEAKS)
    assert _state(world.project.pk) == before


@pytest.mark.django_db(transaction=True)
def test_a_page_answers_503_and_stores_nothing_when_the_database_goes_away(
    world, client, monkeypatch
):
    client.raise_request_exception = False
    client.force_login(world.county_admin)
    before = _state(world.project.pk)
    url = reverse("project_edit", kwargs={"pk": world.project.pk})
    data = form_data(client.get(url), name="新名")
    _lose_connection_after_the_write(monkeypatch)
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 503, body[:500]
    assert "数据库暂时无法连接" in body
    assert not any(leak in body for leak in LEAKS)
    assert _state(world.project.pk) == before


def test_an_unexpected_error_shows_the_plain_500_page(world, client, monkeypatch, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(world.county_admin)

    def boom(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("saima.projects.services.update_project", boom)
    url = reverse("project_edit", kwargs={"pk": world.project.pk})
    response = client.post(url, form_data(client.get(url)))
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in body and "secret detail" not in body and "Traceback" not in body
