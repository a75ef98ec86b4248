import re

import docx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_it_lets_the_dispatcher_issue_and_download_a_reminder_letter(login, tmp_path):
    page = login("dispatcher")
    page.goto("/letters/")
    page.locator("summary", has_text="生成函件").click()
    form = page.locator("form[action='/letters/issue/']")
    # 辉南县 has an overdue problem in the demo, so it has something to be reminded of.
    form.get_by_label("致送区划").select_option(label="辉南县")
    form.get_by_label("文种").select_option("提示函")
    form.get_by_role("button", name="生成并发出").click()

    expect(page).to_have_url(re.compile(r"/letters/\d+/$"))
    expect(page.locator(".flash-success")).to_contain_text("已发出 通项目提〔")
    heading = page.locator("main h1")
    expect(heading).to_contain_text("提示函 通项目提〔")
    reference = heading.inner_text().removeprefix("提示函 ").strip()
    expect(page.locator("main")).to_contain_text("超期未办结问题")

    with page.expect_download() as event:
        page.get_by_role("button", name="下载 .docx").click()
    download = event.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / "letter.docx"
    download.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert reference in text
    assert "辉南县" in text
    assert "超期未办结问题" in text
