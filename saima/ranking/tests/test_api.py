import pytest
import yaml
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.ranking.models import Publication, Scheme

from .helpers import CAPPED, scheme


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.create(user=user).key}")
    return client


NEW_SCHEME = {
    "region": "220500",
    "year": 2022,
    "name": "2022年赛马",
    "indicators": CAPPED,
    "leagues": [{"name": "城区组", "members": ["220502", "220503"]}],
}


def test_the_dispatcher_creates_and_revises_schemes(tonghua):
    client = api(tonghua.dispatcher)
    created = client.post("/api/v1/ranking/schemes/", NEW_SCHEME, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["indicators"][1] == {
        "key": "target_planning",
        "label": "谋划目标完成率",
        "weight": "20.0000",
        "rule": "capped",
        "cap": "120.0000",
    }
    # A draft changes in place …
    same = client.post(f"/api/v1/ranking/schemes/{pk}/revise/", {"name": "改名"}, format="json")
    assert (same.status_code, same.json()["version"]) == (200, 1)
    # … a published one gets a new version.
    assert (
        client.post(
            "/api/v1/ranking/rankings/publish/",
            {"region": "220500", "period": "2022-03"},
            format="json",
        ).status_code
        == 201
    )
    new = client.post(
        f"/api/v1/ranking/schemes/{pk}/revise/",
        {"leagues": [{"name": "城区组", "members": ["220502"]}]},
        format="json",
    )
    assert (new.status_code, new.json()["version"]) == (201, 2)
    assert client.get("/api/v1/ranking/schemes/?region=220500").json()["count"] == 2


def test_bad_scheme_input_is_a_400_naming_the_field(tonghua):
    client = api(tonghua.dispatcher)
    bad = {**NEW_SCHEME, "leagues": [{"name": "外地", "members": ["220602"]}]}
    response = client.post("/api/v1/ranking/schemes/", bad, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("leagues[1]: ")
    response = client.post(
        "/api/v1/ranking/schemes/",
        {**NEW_SCHEME, "indicators": [{"key": "nope", "weight": "1"}]},
        format="json",
    )
    assert response.status_code == 400 and "indicators" in response.json()["detail"]
    assert not Scheme.objects.exists()


@pytest.mark.parametrize(
    "persona, status", [("viewer", 403), ("county_admin", 404), ("outsider", 404), ("leader", 403)]
)
def test_others_may_not_manage_or_publish(tonghua, persona, status):
    s = scheme(tonghua)
    client = api(getattr(tonghua, persona))
    assert client.post("/api/v1/ranking/schemes/", NEW_SCHEME, format="json").status_code == status
    assert (
        client.post(
            "/api/v1/ranking/rankings/publish/",
            {"region": "220500", "period": "2022-03"},
            format="json",
        ).status_code
        == status
    )
    assert (
        client.post(
            "/api/v1/ranking/briefings/publish/",
            {"region": "220500", "period": "2022-03"},
            format="json",
        ).status_code
        == status
    )
    revise = client.post(f"/api/v1/ranking/schemes/{s.pk}/revise/", {"name": "x"}, format="json")
    assert revise.status_code == (404 if status == 404 else 403)
    assert not Publication.objects.exists()


def test_the_ranking_and_briefing_are_read_in_scope(tonghua):
    scheme(tonghua)
    viewer = api(tonghua.viewer)
    ranking = viewer.get("/api/v1/ranking/rankings/?region=220500&period=2022-03").json()
    assert ranking["publication"] is None
    first = ranking["rows"][0]
    assert (first["unit"], first["rank"], first["total"], first["change"]) == (
        "东昌区",
        1,
        "80.5000",
        "—",
    )
    assert first["values"]["target_started"] == "66.6667"
    briefing = viewer.get("/api/v1/ranking/briefings/?region=220500&period=2022-03").json()
    assert briefing["published"] is False and briefing["content"]["issue"] == 1
    docx = viewer.get("/api/v1/ranking/briefings/docx/?region=220500&period=2022-03")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    outsider = api(tonghua.outsider)
    assert outsider.get("/api/v1/ranking/rankings/?region=220500&period=2022-03").status_code == 404
    assert outsider.get("/api/v1/ranking/schemes/").json()["count"] == 0
    bad = viewer.get("/api/v1/ranking/rankings/?region=220500&period=2022-13")
    assert bad.status_code == 400 and "2022-03" in bad.json()["detail"]


def test_the_endpoints_are_in_the_openapi_description(tonghua):
    paths = yaml.safe_load(api(tonghua.viewer).get("/api/v1/openapi.json").content)["paths"]
    for path in (
        "schemes/",
        "schemes/{id}/",
        "schemes/{id}/revise/",
        "rankings/",
        "rankings/publish/",
        "briefings/",
        "briefings/publish/",
        "briefings/docx/",
    ):
        assert f"/api/v1/ranking/{path}" in paths, path


def test_a_new_scheme_needs_a_region(tonghua):
    response = api(tonghua.dispatcher).post(
        "/api/v1/ranking/schemes/", {**NEW_SCHEME, "region": ""}, format="json"
    )
    assert response.status_code == 400 and response.json()["detail"].startswith("region: ")


def test_an_unpublished_briefing_is_not_given_to_a_secretary(tonghua):
    scheme(tonghua)
    query = "?region=220502&period=2022-03"
    secretary = api(tonghua.secretary)
    response = secretary.get("/api/v1/ranking/briefings/" + query)
    assert response.status_code == 404 and "尚未发布" in response.json()["detail"]
    assert secretary.get("/api/v1/ranking/briefings/docx/" + query).status_code == 404
    published = api(tonghua.dispatcher).post(
        "/api/v1/ranking/briefings/publish/", {"region": "220502", "period": "2022-03"}
    )
    assert published.status_code == 201, published.json()
    response = secretary.get("/api/v1/ranking/briefings/" + query)
    assert response.status_code == 200 and response.json()["published"] is True
