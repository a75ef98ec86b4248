from datetime import date

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.problems.models import Problem


def api(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.key}")
    return client


def test_the_loop_through_the_api(world, clock, land):
    body = {"project": world.project.pk, "category": "用地", "description": "用地红线待调整"}
    assert api(world.viewer).post("/api/v1/problems", body, format="json").status_code == 403
    response = api(world.secretary).post("/api/v1/problems", body, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["deadline"] == "2022-10-11"
    assert response.json()["actions"] == ["escalate"]
    officer = api(world.officer)
    assert officer.get("/api/v1/problems?mine=assigned").json()["count"] == 1
    bad = officer.post(f"/api/v1/problems/{pk}/actions/resolve", {"text": ""}, format="json")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("resolution: ")
    stale = officer.post(f"/api/v1/problems/{pk}/actions/start", {"version": 99}, format="json")
    assert stale.status_code == 409
    done = officer.post(f"/api/v1/problems/{pk}/actions/resolve", {"text": "已调整"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "已办结"
    assert api(world.officer).post(f"/api/v1/problems/{pk}/actions/confirm").status_code == 403
    ok = api(world.secretary).post(f"/api/v1/problems/{pk}/actions/confirm")
    assert ok.json()["state"] == "已确认"
    assert [e["kind"] for e in ok.json()["events"]] == ["raised", "resolved", "confirmed"]


def test_scope_through_the_api(world, raise_land):
    problem = raise_land()
    assert api(world.outsider).get(f"/api/v1/problems/{problem.pk}").status_code == 404
    assert api(world.outsider).get("/api/v1/problems").json()["count"] == 0
    assert api(world.dispatcher).get("/api/v1/problems?region=220500").json()["count"] == 1
    bad = api(world.dispatcher).get("/api/v1/problems?region=999999")
    assert bad.status_code == 400
    body = {"project": world.far_project.pk, "category": "用地", "description": "x"}
    assert api(world.secretary).post("/api/v1/problems", body, format="json").status_code == 404
    assert Problem.objects.count() == 1


def test_bad_input_through_the_api(world, clock):
    body = {
        "project": world.project.pk,
        "category": "用地",
        "description": "x",
        "deadline": str(date(2022, 9, 1)),
    }
    response = api(world.secretary).post("/api/v1/problems", body, format="json")
    assert response.status_code == 400 and "deadline" in response.json()["errors"]
    body["category"] = "不存在"
    assert api(world.secretary).post("/api/v1/problems", body, format="json").status_code == 400


def test_the_openapi_description_lists_problems_and_letters(world):
    schema = api(world.viewer).get("/api/v1/openapi.json?format=json").content.decode()
    for path in (
        "/api/v1/problems",
        "/api/v1/problems/{id}/actions/{name}",
        "/api/v1/letters/{id}/download",
    ):
        assert path in schema


def test_attachments_through_the_api(world, raise_land):
    from django.core.files.uploadedfile import SimpleUploadedFile

    problem = raise_land()
    url = f"/api/v1/problems/{problem.pk}/attachments"
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8photo", content_type="image/jpeg")
    assert api(world.viewer).post(url, {"file": photo}, format="multipart").status_code == 403
    photo.seek(0)
    created = api(world.officer).post(url, {"file": photo}, format="multipart")
    assert created.status_code == 201, created.json()
    missing = api(world.officer).post(url, {}, format="multipart")
    assert missing.status_code == 400 and missing.json()["detail"].startswith("file: ")
    download = api(world.secretary).get(f"{url}/{created.json()['id']}")
    assert b"".join(download.streaming_content) == b"\xff\xd8photo"
    assert api(world.outsider).get(f"{url}/{created.json()['id']}").status_code == 404


def test_the_list_does_not_query_per_problem(world, raise_land, django_assert_max_num_queries):
    for _ in range(5):
        raise_land()
    client = api(world.dispatcher)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/problems").json()["count"] == 5
