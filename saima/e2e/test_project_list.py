import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _count(page) -> int:
    text = page.locator("#project-results .result-count").inner_text()
    return int(re.search(r"共 (\d+) 个项目", text).group(1))


def test_it_filters_and_searches_the_project_list_in_place(login):
    page = login("dispatcher")
    page.goto("/projects/")
    counter = page.locator("#project-results .result-count")
    expect(counter).to_contain_text("共")
    everything_text = counter.inner_text()
    everything = _count(page)
    # A marker on the window survives only if htmx swaps the table instead of reloading.
    page.evaluate("window.__e2eMarker = 'same page'")

    page.locator("summary", has_text="筛选条件").click()
    page.get_by_label("区划").select_option(label="东昌区")
    expect(page).to_have_url(re.compile(r"[?&]region=220502"))
    expect(counter).not_to_have_text(everything_text)  # the swapped table, not the old one
    expect(page.locator("#project-results")).not_to_contain_text("二道江区")
    in_county_text = counter.inner_text()
    in_county = _count(page)
    assert 0 < in_county < everything
    rows = page.locator("#project-results tbody tr")
    expect(rows.first).to_contain_text("东昌区")

    page.get_by_label("搜索").fill("冰雪")
    expect(page).to_have_url(re.compile(r"[?&]q=%E5%86%B0%E9%9B%AA|[?&]q=冰雪"))
    expect(page).to_have_url(re.compile(r"[?&]region=220502"))
    expect(rows.get_by_role("link", name="通化冰雪产业示范新城一期")).to_be_visible()
    expect(counter).not_to_have_text(in_county_text)
    assert _count(page) < in_county
    for name in rows.locator("td:first-child a").all_inner_texts():
        assert "冰雪" in name
    assert page.evaluate("window.__e2eMarker") == "same page"

    # The pushed address is shareable: opening it renders the same filtered table.
    page.goto(page.url)
    expect(page.get_by_label("搜索")).to_have_value("冰雪")
    expect(page.get_by_label("区划")).to_have_value("220502")
    expect(page.locator("#project-results")).to_contain_text("通化冰雪产业示范新城一期")
