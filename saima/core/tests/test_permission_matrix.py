"""The permission matrix: every route × persona × relation answers as permission_matrix.py says.

The world (matrix_world.py) is built once for the module; every cell runs in a transaction
that is rolled back, so writes that succeed do not change what the next cell sees. Pages are
asked with the persona's session, the API with its bearer token (as other systems do).

`SAIMA_MATRIX_RECORD=/path/file` runs every cell without asserting and writes the observed
table there (to review and paste into permission_matrix.txt when routes are added). When
selecting cells with -k, keep test_every_row_names_a_real_route in the selection: it is the
test that makes pytest-django set up the test database.
"""

import os
from collections import Counter, defaultdict

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from .matrix_world import PERSONA, ROLES, build_matrix_world
from .permission_matrix import MATRIX, QUERY, ROUTE_ARGS, Cell, cells, format_table, rows

RECORD = os.environ.get("SAIMA_MATRIX_RECORD")
OBSERVED: dict[tuple, int] = {}
READS = {"GET", "HEAD", "OPTIONS"}
MULTIPART = {"api-problem-attach", "api-filing-photos"}  # uploads: multipart only


# Routes ------------------------------------------------------------------------------------


def routes(patterns=None, prefix="", namespace=None):
    """(name, pattern, methods) of every route; methods is None for page views (any)."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from routes(p.url_patterns, prefix + str(p.pattern), ns)
            continue
        name = f"{namespace}:{p.name}" if namespace and p.name else p.name
        yield name, prefix + str(p.pattern), _methods(p)


def _methods(pattern: URLPattern):
    callback = pattern.callback
    if getattr(callback, "actions", None):
        # DRF adds "head" to a viewset's actions at its first request: HEAD answers as GET.
        return {m.upper() for m in callback.actions if m != "head"}
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None and hasattr(cls, "http_method_names") and cls.__module__.startswith("saima"):
        return {m.upper() for m in cls.http_method_names if m not in ("options", "head")} & {
            m.upper() for m in dir(cls) if m in cls.http_method_names
        }
    return None


API_ROUTES = frozenset(name for name, pattern, _ in routes() if pattern.startswith("api/"))
CELLS = cells(MATRIX, API_ROUTES)


def test_every_route_is_declared_in_the_matrix():
    declared = defaultdict(set)
    for row in rows(MATRIX):
        declared[row.route].add(row.method)
    missing = []
    for name, pattern, methods in routes():
        if pattern.startswith("admin/"):
            continue  # the Django admin: a family, sampled by the admin:* rows
        if name is None:
            missing.append(f"unnamed route {pattern!r}")
            continue
        if name not in declared:
            missing.append(f"{name} ({pattern})")
        elif methods is not None and (undeclared := methods - declared[name]):
            missing.append(f"{name} ({pattern}) method {', '.join(sorted(undeclared))}")
    assert not missing, "routes missing from saima/core/tests/permission_matrix.txt: " + "; ".join(
        missing
    )


@pytest.mark.django_db  # so that pytest-django sets up the test database for the module
def test_every_row_names_a_real_route():
    names = {name for name, _, _ in routes()}
    unknown = {row.route for row in rows(MATRIX)} - names
    assert not unknown, f"rows for routes that do not exist: {sorted(unknown)}"
    assert {row.route for row in rows(MATRIX)} <= set(ROUTE_ARGS), "a route without arguments"


# The world ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mw(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast, AXES_ENABLED=False),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = build_matrix_world()
            w.sessions = {}
            w.page_client = Client(raise_request_exception=False)
            w.api_client = APIClient(raise_request_exception=False)
            for role in ROLES[:-1]:
                client = Client()
                client.force_login(getattr(w, PERSONA.get(role, role)))
                w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(w, cell: Cell):
    """The module's one page client or API client (each builds its middleware once), signed
    in as the cell's persona."""
    if cell.api:
        client = w.api_client
        client.credentials()
        if cell.role != "anonymous":
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {w.tokens[cell.role]}")
        return client
    client = w.page_client
    client.cookies.clear()
    if cell.role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[cell.role]
    return client


def ask(w, cell: Cell):
    kind = ROUTE_ARGS[cell.route][0]
    obj = None if kind is None else getattr(w, kind)[cell.target]
    url = reverse(cell.route, kwargs=cell.kwargs(obj))
    client = _client(w, cell)
    method = getattr(client, cell.method.lower())
    data = QUERY[cell.route](obj, w) if cell.route in QUERY else {}
    if cell.method in READS:
        return method(url, data)
    if cell.api:
        return method(url, data, format="multipart" if cell.route in MULTIPART else "json")
    return method(url, data)


@pytest.mark.parametrize("cell", CELLS, ids=[c.id for c in CELLS])
def test_it_answers_as_declared(cell, mw, django_db_blocker):
    with (
        override_settings(AXES_ENABLED=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        response = ask(mw, cell)
        transaction.set_rollback(True)
    status = response.status_code
    OBSERVED[cell.key] = status
    if RECORD:
        return
    assert status != 500, f"{cell.id}: server error"
    assert status == cell.expected, f"{cell.id}: answered {status}, declared {cell.expected}"
    if cell.role == "anonymous" and status == 302:
        login = reverse("admin:login") if cell.route.startswith("admin:") else reverse("login")
        assert response["Location"].startswith(login), f"{cell.id}: not to login"


# Lists leak nothing --------------------------------------------------------------------------

# Names that must not appear in any list a persona reads: another city's project for all but
# the administrator; for county personas also the sibling county's and the city's own; for
# those who see only what is theirs (the secretary and leader hold A, the department's unit
# has problem A) also the county's unassigned project B.
FAR = ("浑江区轻工产业园区",)
NEAR = ("市场大厦", "通化市城市更新")
UNASSIGNED = ("东昌区物流园",)
HIDDEN = {
    "dispatcher": FAR,
    "viewer": FAR,
    "county_admin": FAR + NEAR,
    "leader": FAR + NEAR + UNASSIGNED,
    "secretary": FAR + NEAR + UNASSIGNED,
    "department": FAR + NEAR + UNASSIGNED,
}
LISTS = [
    ("project_list", False),
    ("my_problems", False),
    ("dispatch:review_queue", False),
    ("api_projects", True),
    ("api-problem-list", True),
    ("api-filing-list", True),
    ("approval-list", True),
    ("milestone-list", True),
    ("groundbreaking-list", True),
    ("api_plans", True),
    ("api_reserves", True),
]


@pytest.mark.parametrize("role", list(HIDDEN))
@pytest.mark.parametrize(("route", "api"), LISTS)
def test_lists_show_nothing_out_of_scope(route, api, role, mw, django_db_blocker):
    cell = Cell(route, "", "GET", "-", role, 200, api)
    with override_settings(AXES_ENABLED=False), django_db_blocker.unblock():
        response = ask(mw, cell)
    assert response.status_code in (200, 403)  # the review queue is for reviewers only
    text = response.content.decode()
    leaked = [name for name in HIDDEN[role] if name in text]
    assert not leaked, f"{route} shows {role} {leaked}"


# Summary -----------------------------------------------------------------------------------


def test_zz_summary(capsys):
    """Print (and, when recording, write) what the matrix covered."""
    if RECORD:
        with open(RECORD, "w", encoding="utf-8") as out:
            out.write(format_table(MATRIX, OBSERVED))
    per_role = defaultdict(Counter)
    for cell in CELLS:
        per_role[cell.role][cell.expected] += 1
    codes = sorted({code for counts in per_role.values() for code in counts})
    with capsys.disabled():
        print(f"\npermission matrix: {len(CELLS)} cells")
        print("role".ljust(14) + "".join(str(c).rjust(6) for c in codes))
        for role in ROLES:
            print(role.ljust(14) + "".join(str(per_role[role][c]).rjust(6) for c in codes))
