import io

import pytest
from docx import Document
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.audit.models import Source
from saima.letters import services
from saima.letters.models import Letter

from .test_letters import lagging  # noqa: F401 (fixture)


def api(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.key}")
    return client


def test_the_dispatcher_issues_from_the_page_and_sees_it_unanswered(lagging, client):  # noqa: F811
    world = lagging
    client.force_login(world.dispatcher)
    response = client.post("/letters/issue/", {"region": world.county.code, "kind": "提示函"})
    letter = Letter.objects.get()
    assert response.status_code == 302
    page = client.get("/letters/").content.decode()
    assert "未回复（1）" in page and letter.reference in page
    again = client.post(
        "/letters/issue/", {"region": world.county.code, "kind": "提示函"}, follow=True
    )
    assert "不能重复发函" in again.content.decode()
    download = client.get(f"/letters/{letter.pk}/download/")
    doc = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert letter.reference in [p.text for p in doc.paragraphs]
    letter.refresh_from_db()
    assert letter.read_at is None  # the dispatcher opening it is not the recipient reading it


def test_the_county_reads_and_replies_on_the_page(lagging, client):  # noqa: F811
    world = lagging
    letter = services.issue_letter(world.county, world.dispatcher, Source.WEB)
    client.force_login(world.county_admin)
    assert client.post("/letters/issue/", {"region": world.county.code}).status_code == 403
    assert Letter.objects.count() == 1
    assert "回复（整改落实情况）" in client.get(f"/letters/{letter.pk}/").content.decode()
    letter.refresh_from_db()
    assert letter.read_by == world.county_admin
    client.post(f"/letters/{letter.pk}/reply/", {"reply": "已整改"})
    letter.refresh_from_db()
    assert letter.reply == "已整改"


@pytest.mark.parametrize(
    "who,status",
    [
        ("outsider", 404),
        ("other_admin", 404),
        ("viewer", 200),
        # A letter names the county's lagging projects and problems: not for those who read
        # only what is assigned to them.
        ("secretary", 404),
        ("leader", 404),
        ("officer", 404),
    ],
)
def test_letter_pages_follow_scope(lagging, client, who, status):  # noqa: F811
    letter = services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB)
    client.force_login(getattr(lagging, who))
    assert client.get(f"/letters/{letter.pk}/").status_code == status


def test_letters_through_the_api(lagging):  # noqa: F811
    world = lagging
    assert api(world.county_admin).post("/api/v1/letters", {"region": "220502"}).status_code == 403
    response = api(world.dispatcher).post("/api/v1/letters", {"region": "220502"})
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    duplicate = api(world.dispatcher).post("/api/v1/letters", {"region": "220502"})
    assert duplicate.status_code == 400 and duplicate.json()["detail"].startswith("period: ")
    assert api(world.dispatcher).get("/api/v1/letters?unanswered=1").json()["count"] == 1
    file = api(world.county_admin).get(f"/api/v1/letters/{pk}/download")
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment")
    replied = api(world.county_admin).post(f"/api/v1/letters/{pk}/reply", {"reply": "已整改"})
    assert replied.json()["status"] == "已回复" and replied.json()["read_at"]
    assert api(world.dispatcher).get("/api/v1/letters?unanswered=1").json()["count"] == 0
    assert api(world.outsider).get(f"/api/v1/letters/{pk}").status_code == 404


def test_bulk_letters_through_the_api_run_in_the_worker(lagging, monkeypatch):  # noqa: F811
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)  # django-q2 reads Q_CLUSTER once, at import
    world = lagging
    assert (
        api(world.county_admin).post("/api/v1/letters/bulk", {"region": "220500"}).status_code
        == 403
    )
    response = api(world.dispatcher).post("/api/v1/letters/bulk", {"region": "220500"})
    assert response.status_code == 202
    assert list(Letter.objects.values_list("region_id", flat=True)) == ["220502"]


def test_a_letter_to_a_unit_is_read_by_its_members_only(lagging, client):  # noqa: F811
    world = lagging
    letter = services.issue_letter(world.county, world.dispatcher, Source.WEB)
    Letter.objects.filter(pk=letter.pk).update(unit=world.unit)
    client.force_login(world.officer)
    assert client.get(f"/letters/{letter.pk}/").status_code == 200
    assert letter.reference in client.get("/letters/").content.decode()
    assert api(world.officer).get("/api/v1/letters").json()["count"] == 1
    for who in (world.secretary, world.leader):
        assert api(who).get("/api/v1/letters").json()["count"] == 0
        assert api(who).get(f"/api/v1/letters/{letter.pk}/download").status_code == 404
