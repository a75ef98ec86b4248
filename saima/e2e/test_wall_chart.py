import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_it_renders_the_wall_chart(login):
    page = login("dispatcher")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto("/regions/220500/wall/")
    assert response.status == 200
    main = page.locator("main")
    expect(main.locator("h2").first).to_have_text("通化市重点项目挂图作战")
    # The demo's 101 new projects of 2022 carry the approvals (588 items).
    expect(main.locator(".wall-summary")).to_contain_text("项目 101 个")
    expect(main.locator(".wall-summary")).to_contain_text("/588）")
    rows = main.locator("table.wall tbody tr")
    expect(rows).to_have_count(101)
    # Every line draws its bars and marks: a planned bar has a real width on screen.
    bar = rows.first.locator("i.bar.planned")
    expect(bar).to_be_visible()
    assert bar.bounding_box()["width"] > 1
    expect(main.locator("table.wall i.m.late").first).to_be_attached()
    expect(main.locator(".wall-summary")).to_contain_text("逾期事项")
    assert errors == []
