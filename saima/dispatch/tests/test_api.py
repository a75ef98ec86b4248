from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saima.dispatch import services
from saima.dispatch.choices import FilingState
from saima.dispatch.models import Filing

from .conftest import image_upload, period


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_the_secretary_files_with_a_photo_and_the_county_admin_accepts(plan):
    march = period(plan, 3)
    secretary = api(plan.secretary)
    r = secretary.post(
        "/api/v1/filings",
        {
            "project": plan.project.pk,
            "period": march.pk,
            "amount_wan": "800.5",
            "progress": "基础施工",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    fid = r.json()["id"]
    assert r.json()["state"] == "草稿" and r.json()["cumulative_wan"] == "0.0000"
    r = secretary.post(
        f"/api/v1/filings/{fid}/photos",
        {"photos": [image_upload(), image_upload("b.jpg")]},
        format="multipart",
    )
    assert r.status_code == 201 and len(r.json()) == 2
    photo = secretary.get(r.json()[0]["url"])
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    r = secretary.post(f"/api/v1/filings/{fid}/submit", {}, format="json")
    assert r.json()["state"] == "已提交" and r.json()["cumulative_wan"] == "800.5000"
    assert secretary.post(f"/api/v1/filings/{fid}/accept").status_code == 403
    admin = api(plan.county_admin)
    r = admin.post(f"/api/v1/filings/{fid}/return", {"reason": ""}, format="json")
    assert r.status_code == 400 and r.json()["detail"].startswith("reason:")
    assert admin.post(f"/api/v1/filings/{fid}/accept").json()["state"] == "已通过"


def test_bad_filings_get_a_readable_400_and_save_nothing(plan):
    march = period(plan, 3)
    client = api(plan.secretary)
    r = client.post(
        "/api/v1/filings",
        {"project": plan.far_project.pk, "period": march.pk, "amount_wan": "1"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["detail"] == "project: 项目不存在或不在您的权限范围内"
    r = client.post(
        "/api/v1/filings",
        {"project": plan.project.pk, "period": march.pk, "amount_wan": "-1"},
        format="json",
    )
    assert r.status_code == 400 and "不能为负数" in r.json()["detail"]
    r = client.post(
        "/api/v1/filings",
        {"project": plan.project.pk, "period": march.pk, "amount_wan": "99999"},
        format="json",
    )
    assert r.status_code == 400 and "剩余投资" in r.json()["detail"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(
        "/api/v1/filings",
        {
            "project": plan.project.pk,
            "period": march.pk,
            "amount_wan": "1",
            "photos": [SimpleUploadedFile("x.jpg", b"nope")],
        },
        format="multipart",
    )
    assert r.status_code == 400 and r.json()["detail"] == "photos: x.jpg：不是有效的图片文件"
    assert not Filing.objects.exists()
    r = client.post(
        "/api/v1/filings",
        {
            "project": plan.project.pk,
            "period": march.pk,
            "amount_wan": "99999",
            "confirm_amount": True,
        },
        format="json",
    )
    assert r.status_code == 201


def test_stale_version_is_409(plan):
    filing = services.save_draft(
        plan.project, period(plan, 3), {"amount_wan": "1"}, plan.secretary, "web"
    )
    r = api(plan.secretary).patch(
        f"/api/v1/filings/{filing.pk}", {"amount_wan": "2", "version": 7}, format="json"
    )
    assert r.status_code == 409
    r = api(plan.secretary).patch(
        f"/api/v1/filings/{filing.pk}",
        {"amount_wan": "2", "version": filing.version},
        format="json",
    )
    assert r.status_code == 200 and r.json()["amount_wan"] == "2.0000"


def test_lists_are_scoped(plan):
    services.save_draft(plan.project, period(plan, 3), {"amount_wan": "1"}, plan.secretary, "web")
    assert api(plan.dispatcher).get("/api/v1/filings").json()["count"] == 1
    assert api(plan.other_admin).get("/api/v1/filings").json()["count"] == 0
    assert api(plan.outsider).get("/api/v1/periods").json()["count"] == 0
    assert api(plan.county_admin).get("/api/v1/periods?year=2022").json()["count"] == 12


def test_periods_close_and_snapshots_and_pace(plan):
    march = period(plan, 3)
    f = services.save_draft(
        plan.project, march, {"amount_wan": "3000", "progress": "x"}, plan.secretary, "web"
    )
    services.submit(f, plan.secretary, "web")
    assert api(plan.county_admin).post(f"/api/v1/periods/{march.pk}/close").status_code == 403
    r = api(plan.dispatcher).post(f"/api/v1/periods/{march.pk}/close")
    assert r.status_code == 200 and r.json()["state"] == "已关闭"
    snaps = api(plan.county_admin).get(f"/api/v1/snapshots?period={march.pk}").json()
    assert [s["region"] for s in snaps["results"]] == ["220502"]
    assert snaps["results"][0]["figures"]["completion_rate"] == "30.0000"
    r = api(plan.dispatcher).get(f"/api/v1/pace?region=220500&period={march.pk}").json()
    assert r["frozen"] and r["figures"]["completed_wan"] == "3000.0000"
    assert (
        r["figures"]["ahead_points"] == "0.0000"
        and r["year_on_year"]["completed_wan"]["growth_pct"] is None
    )
    r = api(plan.dispatcher).get("/api/v1/pace?region=220500&year=2022&as_of=2022-03-31").json()
    assert r["completion_rate"] == "25.0000" and r["basis"] == "month"
    assert api(plan.outsider).get("/api/v1/pace?region=220500&year=2022").status_code == 400
    r = api(plan.dispatcher).get(f"/api/v1/filing-figures?region=220500&period={march.pk}").json()
    assert r == {"due": 2, "on_time": 0, "late": 1, "missing": 1}  # submitted today: late


def test_corrections_through_the_api(plan):
    march = period(plan, 3)
    f = services.save_draft(
        plan.project, march, {"amount_wan": "100", "progress": "x"}, plan.secretary, "web"
    )
    services.submit(f, plan.secretary, "web")
    services.close_period(march, plan.dispatcher, "web")
    assert (
        api(plan.secretary).post(f"/api/v1/filings/{f.pk}/correct", {"reason": "x"}).status_code
        == 403
    )
    r = api(plan.county_admin).post(
        f"/api/v1/filings/{f.pk}/correct", {"amount_wan": "120", "reason": "复核"}, format="json"
    )
    assert r.status_code == 200 and Filing.objects.get().amount_wan == Decimal(120)
    assert Filing.objects.get().state == FilingState.ACCEPTED


def test_the_rhythm_endpoint(plan):
    r = api(plan.dispatcher).post(
        "/api/v1/periods/rhythm",
        {"region": "220500", "year": 2023, "rhythm": "周报"},
        format="json",
    )
    assert r.status_code == 201 and len(r.json()) == 53


@pytest.mark.parametrize(
    "path",
    ["/api/v1/periods", "/api/v1/filings", "/api/v1/snapshots", "/api/v1/pace?region=220500"],
)
def test_anonymous_is_refused(db, path):
    assert APIClient().get(path).status_code in (401, 403)


def test_the_openapi_description_lists_the_dispatch_endpoints(plan):
    text = api(plan.admin).get("/api/v1/openapi.json").content.decode()
    for path in (
        "/api/v1/filings/{id}/photos",
        "/api/v1/periods/{id}/close",
        "/api/v1/pace",
        "/api/v1/snapshots",
    ):
        assert path in text


def test_the_filing_list_computes_cumulatives_without_a_query_per_row(
    plan, django_assert_max_num_queries
):
    for month in (1, 2, 3):
        f = services.save_draft(
            plan.project,
            period(plan, month),
            {"amount_wan": "100", "progress": "x"},
            plan.secretary,
            "web",
        )
        services.submit(f, plan.secretary, "web")
    client = api(plan.dispatcher)
    with django_assert_max_num_queries(8):
        rows = client.get("/api/v1/filings").json()["results"]
    assert [r["cumulative_wan"] for r in rows] == ["300.0000", "200.0000", "100.0000"]


def test_a_missing_filing_is_supplied_by_a_correction(plan):
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    body = {
        "project": plan.sibling_project.pk,
        "period": march.pk,
        "amount_wan": "70",
        "progress": "补报",
        "reason": "漏报补录",
    }
    assert (
        api(plan.county_admin).post("/api/v1/filings/corrections", body, format="json").status_code
        == 400
    )
    r = api(plan.dispatcher).post("/api/v1/filings/corrections", body, format="json")
    assert r.status_code == 201 and r.json()["is_late"] and r.json()["state"] == "已通过"
