from decimal import Decimal

import pytest
from django.urls import reverse

from saima.dispatch import services
from saima.dispatch.choices import FilingState, PeriodState
from saima.dispatch.models import Filing, PeriodSnapshot

from .conftest import image_upload, period


def login(client, user):
    client.force_login(user)
    return client


def test_the_march_walkthrough_from_a_phone(client, plan):
    """A secretary files March with a photo, the county administrator returns it, the
    secretary corrects and resubmits, it is accepted, the period closes and is frozen."""
    march = period(plan, 3)
    login(client, plan.secretary)
    page = client.get(reverse("dispatch:my_filings"))
    assert (
        "医药文化创意孵化园基础设施" in page.content.decode()
        and "市场大厦" not in page.content.decode()
    )
    form_url = reverse("dispatch:filing_form", args=[march.pk, plan.project.pk])
    page = client.get(form_url)
    assert 'accept="image/*"' in page.content.decode() and "capture" in page.content.decode()
    response = client.post(
        form_url,
        {
            "amount_wan": "1500",
            "progress": "主体施工",
            "next_steps": "封顶",
            "photos": [image_upload()],
            "action": "submit",
        },
    )
    filing = Filing.objects.get()
    assert response.status_code == 302 and filing.state == FilingState.SUBMITTED
    photo = filing.photos.get()
    image = client.get(reverse("dispatch:photo", args=[photo.pk]))
    assert image["Content-Type"] == "image/jpeg" and image["X-Content-Type-Options"] == "nosniff"

    login(client, plan.county_admin)
    queue = client.get(reverse("dispatch:review_queue"))
    assert "医药文化创意孵化园基础设施" in queue.content.decode()
    review = reverse("dispatch:filing_review", args=[filing.pk])
    client.post(review, {"action": "return", "reason": ""})
    assert Filing.objects.get().state == FilingState.SUBMITTED  # a reason is required
    client.post(review, {"action": "return", "reason": "请核实金额"})
    assert Filing.objects.get().state == FilingState.RETURNED

    login(client, plan.secretary)
    assert "请核实金额" in client.get(reverse("dispatch:my_filings")).content.decode()
    client.post(form_url, {"amount_wan": "1400", "progress": "主体施工", "action": "submit"})
    assert Filing.objects.get().state == FilingState.SUBMITTED

    login(client, plan.county_admin)
    client.post(review, {"action": "accept"})
    assert Filing.objects.get().state == FilingState.ACCEPTED

    login(client, plan.dispatcher)
    client.post(reverse("dispatch:period_state", args=[march.pk]), {"action": "close"})
    march.refresh_from_db()
    assert march.state == PeriodState.CLOSED
    snap = PeriodSnapshot.objects.get(period=march, region=plan.city)
    assert snap.figures["completed_wan"] == "1400"
    page = client.get(reverse("dispatch:region_pace", args=["220500"]))
    text = page.content.decode()
    assert "期末冻结数据（第1版" in text and "低于序时进度13.3个百分点" in text  # 1400/12000 − 25


def test_the_form_asks_for_confirmation_of_an_implausible_amount(client, plan):
    march = period(plan, 3)
    login(client, plan.secretary)
    url = reverse("dispatch:filing_form", args=[march.pk, plan.project.pk])
    page = client.post(url, {"amount_wan": "60000", "progress": "x", "action": "save"})
    text = page.content.decode()
    assert "超过项目剩余投资52000" in text and 'name="confirm_amount"' in text
    assert not Filing.objects.exists()
    client.post(
        url, {"amount_wan": "60000", "progress": "x", "confirm_amount": "on", "action": "save"}
    )
    assert Filing.objects.get().amount_wan == Decimal(60000)


def test_bad_input_shows_the_field_and_the_rule(client, plan):
    march = period(plan, 3)
    login(client, plan.secretary)
    url = reverse("dispatch:filing_form", args=[march.pk, plan.project.pk])
    text = client.post(url, {"amount_wan": "-5", "action": "save"}).content.decode()
    assert "本期完成投资不能为负数" in text and not Filing.objects.exists()


def test_outsiders_get_404_and_roles_without_the_action_403(client, plan):
    march = period(plan, 3)
    url = reverse("dispatch:filing_form", args=[march.pk, plan.project.pk])
    assert login(client, plan.outsider).get(url).status_code == 404
    assert login(client, plan.other_admin).get(url).status_code == 404
    assert login(client, plan.viewer).get(url).status_code == 403
    assert login(client, plan.secretary).get(reverse("dispatch:review_queue")).status_code == 403


def test_photos_are_served_only_to_those_who_see_the_filing(client, plan):
    filing = services.save_draft(
        plan.project,
        period(plan, 3),
        {"amount_wan": "1"},
        plan.secretary,
        "web",
        photos=[image_upload(size=(20, 20))],
    )
    url = reverse("dispatch:photo", args=[filing.photos.get().pk])
    assert login(client, plan.other_admin).get(url).status_code == 404
    assert login(client, plan.viewer).get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_period_list_shows_missing_and_late(client, plan):
    march = period(plan, 3)
    login(client, plan.dispatcher)
    text = client.get(reverse("dispatch:period_list") + "?year=2022").content.decode()
    assert "2022年3月" in text
    detail = client.get(reverse("dispatch:period_detail", args=[march.pk])).content.decode()
    assert "市场大厦" in detail and "未报" in detail


def test_the_dispatcher_sets_the_rhythm_on_the_period_list(client, plan):
    login(client, plan.dispatcher)
    client.post(
        reverse("dispatch:period_list"), {"region": "220523", "year": "2023", "rhythm": "旬报"}
    )
    from saima.dispatch.models import Period

    assert Period.objects.filter(region_id="220523", year=2023).count() == 36
    page = login(client, plan.county_admin).post(
        reverse("dispatch:period_list"), {"region": "220500", "year": "2023", "rhythm": "周报"}
    )
    assert "不在您的权限范围内" in page.content.decode()
    assert not Period.objects.filter(region_id="220500", year=2023).exists()


@pytest.mark.parametrize("user", ["secretary", "county_admin", "dispatcher", "viewer"])
def test_the_pace_panel_renders_for_everyone_in_scope(client, plan, user):
    page = login(client, getattr(plan, user)).get(reverse("dispatch:region_pace", args=["220502"]))
    assert page.status_code == 200 and "投资进度" in page.content.decode()


def test_the_pace_panel_is_404_outside_scope(client, plan):
    assert (
        login(client, plan.outsider)
        .get(reverse("dispatch:region_pace", args=["220502"]))
        .status_code
        == 404
    )


def test_the_pace_panel_tag_renders_for_a_region_page(plan):
    from django.template import Context, Template

    march = period(plan, 3)
    f = services.save_draft(
        plan.project, march, {"amount_wan": "3600", "progress": "x"}, plan.secretary, "web"
    )
    services.submit(f, plan.secretary, "web")
    services.close_period(march, plan.dispatcher, "web")
    html = Template("{% load dispatch %}{% pace_panel region %}").render(
        Context({"region": plan.county})
    )
    assert "2022年3月" in html and "36.0%" in html and "高于序时进度11.0个百分点" in html


def test_a_secretary_deletes_a_draft_photo(client, plan, django_capture_on_commit_callbacks):
    march = period(plan, 3)
    filing = services.save_draft(
        plan.project,
        march,
        {"amount_wan": "1"},
        plan.secretary,
        "web",
        photos=[image_upload(size=(20, 20))],
    )
    photo = filing.photos.get()
    name = photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        login(client, plan.secretary).post(reverse("dispatch:photo_delete", args=[photo.pk]))
    assert not filing.photos.exists()
    assert not photo.image.storage.exists(name)
    assert (
        login(client, plan.viewer)
        .post(reverse("dispatch:photo_delete", args=[photo.pk]))
        .status_code
        == 404
    )


def test_the_form_says_when_a_filing_can_no_longer_change(client, plan):
    march = period(plan, 3)
    filing = services.save_draft(
        plan.project, march, {"amount_wan": "1", "progress": "x"}, plan.secretary, "web"
    )
    services.submit(filing, plan.secretary, "web")
    text = (
        login(client, plan.secretary)
        .get(reverse("dispatch:filing_form", args=[march.pk, plan.project.pk]))
        .content.decode()
    )
    assert "本期填报已提交，不能再修改" in text and 'name="amount_wan"' not in text


def test_a_county_admin_supplies_a_missing_filing_after_close(client, plan):
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    login(client, plan.county_admin)
    detail = client.get(reverse("dispatch:period_detail", args=[march.pk])).content.decode()
    url = reverse("dispatch:missing_correct", args=[march.pk, plan.project.pk])
    assert url in detail
    page = client.post(url, {"amount_wan": "500", "progress": "补报", "reason": ""})
    assert "这个字段是必填项" in page.content.decode() or "必填" in page.content.decode()
    client.post(url, {"amount_wan": "500", "progress": "补报", "reason": "漏报补录"})
    filing = Filing.objects.get(project=plan.project, period=march)
    assert filing.state == FilingState.ACCEPTED and filing.correction_note == "漏报补录"
    assert (
        PeriodSnapshot.objects.get(period=march, region=plan.county, is_current=True).version == 2
    )
