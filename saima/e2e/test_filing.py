import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import PHONE

pytestmark = pytest.mark.e2e


def _site_photo() -> bytes:
    image = Image.new("RGB", (640, 480), (70, 120, 180))
    for x in range(0, 640, 40):
        for y in range(0, 480, 40):
            if (x + y) // 40 % 2:
                image.paste((200, 160, 60), (x, y, x + 40, y + 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def _review(page, project, action, reason=""):
    page.goto("/dispatch/review/")
    card = page.locator(".due-card").filter(has_text=project)
    expect(card).to_have_count(1)
    if reason:
        card.get_by_label("退回原因").fill(reason)
    card.get_by_role("button", name=action, exact=True).click()
    expect(page.locator(".flash")).to_contain_text("已退回" if action == "退回" else "已通过")


def test_it_takes_a_phone_filing_with_a_photo_through_return_and_acceptance(login):
    # The demo closes January–March 2022 and leaves April open for filing.
    phone = login("secretary", viewport=PHONE, is_mobile=True, has_touch=True)
    # On the phone the navigation is folded behind the menu button.
    filings_link = phone.locator("#main-nav").get_by_role("link", name="调度填报")
    expect(filings_link).to_be_hidden()
    phone.get_by_role("button", name="菜单").click()
    filings_link.click()
    expect(phone).to_have_url(re.compile(r"/dispatch/$"))
    card = phone.locator(".due-card").filter(has=phone.get_by_role("button", name="填报")).first
    project = card.locator("header strong").inner_text()
    expect(card).to_contain_text("2022年4月")
    card.get_by_role("button", name="填报").click()
    expect(phone.locator("main h1")).to_have_text(project)
    _fits_the_phone(phone)
    phone.get_by_label("本期完成投资（万元）").fill("12.5")
    phone.get_by_label("形象进度").fill("主体结构施工至三层")
    phone.get_by_label("下步计划").fill("五月完成主体封顶")
    phone.get_by_label("现场照片").set_input_files(
        files=[{"name": "site.jpg", "mimeType": "image/jpeg", "buffer": _site_photo()}]
    )
    phone.get_by_role("button", name="提交").click()
    expect(phone).to_have_url(re.compile(r"/dispatch/filings/\d+/$"))
    filing_url = phone.url
    expect(phone.locator(".flash")).to_contain_text("已提交")
    expect(phone.locator("main hgroup .badge").first).to_have_text("已提交")
    expect(phone.locator("main table")).to_contain_text("12.50")
    photo = phone.locator(".photo-grid img")
    expect(photo).to_have_count(1)
    photo.scroll_into_view_if_needed()
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth === 640 && img.naturalHeight === 480",
        arg=photo.element_handle(),
    )
    _fits_the_phone(phone)

    county = login("dongchang")
    _review(county, project, "退回", reason="照片看不清施工部位，请补充说明")

    phone.goto("/dispatch/")
    card = phone.locator(".due-card").filter(has_text=project)
    expect(card).to_contain_text("退回原因：照片看不清施工部位，请补充说明")
    card.get_by_role("button", name="继续填报").click()
    expect(phone.locator(".flash-warning")).to_contain_text("照片看不清施工部位")
    expect(phone.get_by_label("本期完成投资（万元）")).to_have_value(re.compile(r"^12\.5"))
    phone.get_by_label("形象进度").fill("主体结构施工至三层，东侧塔吊作业中（见照片）")
    phone.get_by_role("button", name="提交").click()
    expect(phone).to_have_url(filing_url)
    expect(phone.locator("main hgroup .badge").first).to_have_text("已提交")

    _review(county, project, "通过")
    county.goto(filing_url)
    expect(county.locator("main hgroup .badge").first).to_have_text("已通过")
    expect(county.locator("main table")).to_contain_text("东侧塔吊作业中")
    expect(county.locator(".photo-grid img")).to_have_count(1)

    phone.reload()
    expect(phone.locator("main hgroup .badge").first).to_have_text("已通过")
