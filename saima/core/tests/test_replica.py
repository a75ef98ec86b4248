"""Dashboards and exports read from a read replica (saima.core.replica), checked against a
replica that lags: a second database that holds a copy of the primary made when the test
says so, and nothing written after.

Runs when a replica is configured: `make test` runs this module a second time with
`DATABASE_REPLICA_URL` set (a database of its own, on SQLite or PostgreSQL); in the main run
it is skipped.
"""

from io import BytesIO

import pytest
from django.conf import settings
from django.core import serializers
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from saima.conftest import build_world
from saima.core import replica
from saima.core.tests.apiclient import api_client
from saima.figures import versions
from saima.figures.tests.test_cache import planned
from saima.projects.models import Project
from saima.projects.tests.helpers import form_data

pytestmark = [
    pytest.mark.skipif(
        replica.REPLICA not in settings.DATABASES,
        reason="no replica configured (make test runs this module with DATABASE_REPLICA_URL)",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", replica.REPLICA]),
]
FIGURES = "/api/v1/figures?region=220502&year=2022&as_of=2022-12-31"


def catch_up() -> None:
    """The replica becomes a copy of the primary as it is now."""
    data = connections["default"].creation.serialize_db_to_string()
    call_command("flush", database=replica.REPLICA, interactive=False, inhibit_post_migrate=True)
    target = connections[replica.REPLICA]
    with transaction.atomic(using=replica.REPLICA), target.constraint_checks_disabled():
        for obj in serializers.deserialize("json", data, using=replica.REPLICA):
            obj.save(using=replica.REPLICA)


@pytest.fixture
def w(settings):
    settings.FIGURES_CACHE_SECONDS = 600
    caches[settings.FIGURES_CACHE].clear()
    w = build_world()
    planned(w, "一号项目", w.county)
    versions.token(None)  # the database's epoch, made at its first read
    catch_up()
    planned(w, "二号项目", w.county)  # on the primary only: the replica lags
    return w


def planned_count(response) -> int:
    assert response.status_code == 200, response.content[:300]
    return response.json()["planned_projects"]


def test_the_figures_api_reads_the_replica_until_it_catches_up(w):
    client = api_client(w.county_admin)
    assert planned_count(client.get(FIGURES)) == 1
    catch_up()
    assert planned_count(client.get(FIGURES)) == 2


def test_a_dashboard_page_reads_the_replica(w, client):
    client.force_login(w.county_admin)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        response = client.get("/regions/220502/?year=2022")
    assert response.status_code == 200
    assert response.context["figures"].planned_projects == 1
    assert len(on_replica) > 0
    catch_up()
    assert client.get("/regions/220502/?year=2022").context["figures"].planned_projects == 2


def test_other_pages_read_the_primary(w, client):
    client.force_login(w.county_admin)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        response = client.get("/projects/?region=220502")
    assert "二号项目" in response.content.decode()
    assert len(on_replica) == 0


def test_whoever_has_just_changed_something_reads_the_primary(w, client):
    client.force_login(w.county_admin)
    assert client.get("/regions/220502/?year=2022").context["figures"].planned_projects == 1
    url = reverse("project_edit", args=[Project.objects.get(name="二号项目").pk])
    response = client.post(url, form_data(client.get(url), name="二号项目（更名）"))
    assert response.status_code == 302
    assert client.cookies[replica.PIN_COOKIE]["max-age"] == settings.REPLICA_PIN_SECONDS
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        response = client.get("/regions/220502/?year=2022")
    assert response.context["figures"].planned_projects == 2
    assert len(on_replica) == 0


def test_a_figure_cached_from_the_lagging_replica_is_not_served_from_the_primary(w):
    api = api_client(w.county_admin)
    assert planned_count(api.get(FIGURES)) == 1  # cached under the replica's (older) versions
    api.cookies[replica.PIN_COOKIE] = "1"
    assert planned_count(api.get(FIGURES)) == 2  # the primary's versions: not that entry
    del api.cookies[replica.PIN_COOKIE]
    assert planned_count(api.get(FIGURES)) == 1  # the replica still lags


def test_a_head_request_reads_the_replica_too(w, client):
    client.force_login(w.county_admin)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        assert client.head("/regions/220502/?year=2022").status_code == 200
    assert len(on_replica) > 0


def test_who_reads_only_their_assigned_projects_reads_the_primary(w, client):
    """Their assignments decide what they see: a change of them counts at once."""
    client.force_login(w.secretary)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        assert client.get("/ledger/export/?region=220502").status_code == 200
    assert len(on_replica) == 0


def _down(execute, sql, params, many, context):
    raise OperationalError("canceling statement due to conflict with recovery")


def test_when_the_replica_fails_the_request_reads_the_primary(w, client):
    client.force_login(w.county_admin)
    api = api_client(w.county_admin)
    with connections[replica.REPLICA].execute_wrapper(_down):
        assert client.get("/regions/220502/?year=2022").context["figures"].planned_projects == 2
        assert planned_count(api.get(FIGURES)) == 2


def test_a_view_that_fails_leaves_the_next_request_on_the_primary(w, monkeypatch):
    api = api_client(w.county_admin)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("saima.figures.api.views.cached", broken)
    with pytest.raises(RuntimeError):
        api.get(FIGURES)
    assert replica.Router().db_for_read(Project) == "default"


def test_a_revoked_grant_takes_effect_at_once(w, client):
    client.force_login(w.county_admin)
    api = api_client(w.county_admin)
    w.county_admin.grants.all().delete()  # on the primary only
    assert client.get("/regions/220502/?year=2022").status_code == 404
    assert api.get(FIGURES).status_code == 404


def test_a_deleted_token_is_refused_at_once(w):
    api = api_client(w.county_admin)
    catch_up()  # the replica knows the token
    w.county_admin.auth_token.delete()
    assert api.get(FIGURES).status_code == 401


def test_reads_inside_a_transaction_and_after_a_write_go_to_the_primary(w, rf):
    router = replica.Router()
    request = rf.get("/")
    request.user = w.county_admin
    token = replica.enter(request)
    try:
        assert router.db_for_read(Project) == replica.REPLICA
        with transaction.atomic():
            assert router.db_for_read(Project) == "default"
        assert router.db_for_read(Project) == replica.REPLICA
        assert router.db_for_write(Project) == "default"
        assert router.db_for_read(Project) == "default"  # reads its own write
    finally:
        replica.leave(token)
    assert router.db_for_read(Project) == "default"
    assert replica.enter(rf.post("/")) is None
    pinned = rf.get("/")
    pinned.user = w.county_admin
    pinned.COOKIES[replica.PIN_COOKIE] = "1"
    assert replica.enter(pinned) is None


def test_an_export_reads_the_replica(w, client):
    client.force_login(w.county_admin)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_replica:
        response = client.get("/ledger/export/?region=220502")
    assert response.status_code == 200
    assert len(on_replica) > 0
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    names = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "一号项目" in names and "二号项目" not in names
