import re

import docx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _card(page, label):
    return page.locator("main .figure-card").filter(has_text=label).first


def test_it_shows_the_dispatchers_dashboard_ranking_and_briefing_download(login, tmp_path):
    page = login("dispatcher")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto("/ranking/")
    expect(page).to_have_url(re.compile(r"/ranking/220500/"))
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("通化市重点项目看板")
    # The demo publishes March 2022: 220 planned projects, 152 started or resumed (69.1%).
    expect(main).to_contain_text("2022年3月")
    expect(_card(page, "计划项目（个）")).to_contain_text("220")
    expect(_card(page, "开复工率")).to_contain_text("69.1%")
    chart = page.locator("#chart-children svg")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("东昌区")
    expect(page.locator("#chart-funnel svg")).to_contain_text("谋划")

    page.locator("nav.subnav").get_by_role("link", name="赛马排名").click()
    expect(page).to_have_url(re.compile(r"/ranking/220500/ranking/\?period=2022-03"))
    expect(main.locator("h1")).to_have_text("通化市赛马排名")
    expect(main).to_contain_text("第1次发布")
    urban = main.locator("table").first
    first = urban.locator("tbody tr").first
    expect(first).to_contain_text("东昌区")
    expect(first.locator("td").first).to_have_text("1")
    expect(first).to_contain_text("92.1")
    page.get_by_role("button", name="重新发布本期排名").click()
    expect(main).to_contain_text("第2次发布")
    expect(main.locator("ul").filter(has_text="第1次发布")).to_contain_text("第2次发布")

    page.locator("nav.subnav").get_by_role("link", name="月度简报").click()
    expect(main.locator("h1.briefing-title")).to_have_text("重点项目建设简报")
    subject = "通化市2022年3月重点项目建设情况"
    expect(main.locator(".briefing-subject")).to_have_text(subject)
    expect(main).to_contain_text("开复工率69.1%")

    with page.expect_download(timeout=60_000) as event:
        page.get_by_role("link", name="下载Word文档").click()
    download = event.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / "briefing.docx"
    download.save_as(path)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert subject in text
    assert "开复工率69.1%" in text
    assert document.inline_shapes, "the briefing has its charts"
    assert errors == []
