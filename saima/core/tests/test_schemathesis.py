"""Schemathesis over the whole OpenAPI description (/api/v1/openapi.json), signed in with the
bearer token of an administrator and of a county administrator: no request, however odd, may
make the server fail (5xx). Rejections (400/403/404/405/409) are the expected answers."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from saima.core.tests.fuzzing import SCALE, fuzz_settings
from saima.wsgi import application

EXAMPLES = 4  # per operation and persona; SAIMA_FUZZ_SCALE multiplies it


def _load():
    import django

    django.setup()
    spec = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    # The coverage phase sends hundreds of boundary cases per operation: kept for long runs.
    config = schemathesis.config.SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": SCALE > 1}}}
    )
    loaded = schemathesis.openapi.from_dict(spec, config=config)
    loaded.app = application
    return loaded


schema = _load()


@pytest.fixture(params=["admin", "county_admin"])
def bearer(request, world):
    token, _ = Token.objects.get_or_create(user=getattr(world, request.param))
    return {"Authorization": f"Bearer {token.key}"}


@pytest.fixture
def connection_kept_across_requests():
    """Keep the test's database connection open while the WSGI application is called directly.

    Django closes the connection at the start and end of every request when it is not in
    autocommit mode (`close_old_connections`). Inside the test's transaction it never is, so
    on PostgreSQL each request found its connection closed and answered 503 (SQLite's
    in-memory test database ignores the close). Django's own test client disconnects the
    same two receivers around each request (`django.test.client.ClientHandler`); Schemathesis
    calls the application through werkzeug, so this does it for the whole test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept_across_requests")
@schema.parametrize()
@fuzz_settings(EXAMPLES)
def test_no_request_makes_the_api_fail(case, bearer):
    response = case.call(headers=bearer)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}\n"
        f"{case.as_curl_command(headers=bearer)}\n{response.text[:2000]}"
    )
