import re

from django.urls import URLPattern, URLResolver

from saima.core.tests.apiclient import api_client
from saima.urls import api_patterns

CONTRACT = {
    "/api/v1/regions": {"get"},
    "/api/v1/projects": {"get", "post"},
    "/api/v1/projects/{id}": {"get", "patch", "delete"},
    "/api/v1/projects/{id}/history": {"get"},
    "/api/v1/projects/{id}/stages": {"post"},
    "/api/v1/plans": {"get", "post"},
    "/api/v1/plans/{id}": {"patch"},
    "/api/v1/targets": {"get", "post"},
    "/api/v1/figures": {"get"},
}


def routed_paths(patterns, prefix="/api/v1/"):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routed_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and route != "openapi.json":
            path = (prefix + route).replace("(?P<pk>[^/.]+)", "{id}")
            path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)
            path = path.replace("^", "").replace("$", "")
            yield path.replace("<int:pk>", "{id}").replace("<str:code>", "{code}")


def schema():
    response = api_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_it_serves_an_openapi_3_document_as_json(db):
    doc = schema()
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"] == "Saima API"


def test_it_describes_every_contract_path_and_method(db):
    paths = schema()["paths"]
    for path, methods in CONTRACT.items():
        assert methods <= paths[path].keys(), path


def test_it_lists_every_routed_api_path(db):
    assert set(routed_paths(api_patterns)) == set(schema()["paths"])


def test_it_declares_bearer_auth_on_every_operation(db):
    doc = schema()
    bearer = doc["components"]["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            assert {"bearerAuth": []} in operation["security"], (method, path)


def test_it_documents_the_error_answers(db):
    paths = schema()["paths"]
    assert {"200", "400", "401", "403", "404", "409"} <= paths["/api/v1/projects/{id}"]["patch"][
        "responses"
    ].keys()
    figures = paths["/api/v1/figures"]["get"]
    assert {"200", "400", "401", "404"} <= figures["responses"].keys()
    assert {p["name"] for p in figures["parameters"]} >= {"region", "year", "as_of"}


def test_it_documents_the_contract_fields(db):
    components = schema()["components"]["schemas"]
    assert {
        "id", "code", "name", "region", "content", "industry", "nature", "category",
        "owner_name", "owner_uscc", "total_investment_wan", "land_mu", "funding_channels",
        "plan_level", "leader", "department", "secretary", "stage", "version", "is_generated",
    } <= components["Project"]["properties"].keys()  # fmt: skip
    assert {
        "planned_projects", "planned_new", "planned_continuing", "total_investment_wan",
        "annual_plan_wan", "started_new", "resumed_continuing", "start_rate", "resume_rate",
        "start_or_resume_rate", "stages",
    } <= components["Figures"]["properties"].keys()  # fmt: skip
    assert {"stage", "actual", "target", "completion"} <= components["StageFigure"][
        "properties"
    ].keys()


def test_it_documents_the_version_a_patch_sends(db):
    doc = schema()
    body = doc["paths"]["/api/v1/projects/{id}"]["patch"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "version" in doc["components"]["schemas"][ref]["properties"]
