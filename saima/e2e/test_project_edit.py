import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PROJECT = "东昌区铸造产业园项目"


def _open_project(page):
    page.goto("/projects/?q=" + PROJECT)
    page.locator("#project-results").get_by_role("link", name=PROJECT, exact=True).click()
    expect(page.locator("main h1").first).to_contain_text(PROJECT)
    return page.url


def test_it_shows_a_validation_error_by_the_field_then_saves_an_edit_into_the_audit_trail(
    login,
):
    page = login("dispatcher")
    detail_url = _open_project(page)
    audit = page.locator("#audit .audit-entry")
    entries_before = audit.count()

    page.get_by_role("button", name="编辑项目").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    total = page.get_by_label("总投资（万元）")
    original = Decimal(total.input_value())

    total.fill("-5")
    location = page.get_by_label("建设地点")
    location.fill("不应保存的地点")
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    field = page.locator(".field").filter(has=page.locator("#id_total_investment_wan"))
    expect(field.locator(".field-error")).to_be_visible()
    expect(field.locator(".field-error")).to_have_text(re.compile(r"大于或等于\s*0|不能为负"))
    # Nothing was saved: the project still shows the old figures and no new audit entry.
    page.goto(detail_url)
    expect(page.locator("main")).not_to_contain_text("不应保存的地点")
    expect(audit).to_have_count(entries_before)

    # A correct edit (the total stays, so other tests' figures hold) is saved and audited.
    page.get_by_role("button", name="编辑项目").click()
    expect(page.get_by_label("总投资（万元）")).to_have_value(re.compile(r"."))
    assert Decimal(page.get_by_label("总投资（万元）").input_value()) == original
    old_location = page.get_by_label("建设地点").input_value()
    page.get_by_label("建设地点").fill("东昌区金厂镇铸造产业园区")
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(detail_url)
    expect(page.locator(".flash")).to_contain_text(f"已保存对“{PROJECT}”的修改。")
    expect(audit).to_have_count(entries_before + 1)
    newest = audit.first
    expect(newest).to_contain_text("王调度")
    expect(newest).to_contain_text("来源：网页")
    changes = newest.locator("li")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text("建设地点")
    expect(changes.locator("ins")).to_have_text("东昌区金厂镇铸造产业园区")
    if old_location:
        expect(changes.locator("del")).to_have_text(old_location)
