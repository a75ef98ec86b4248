import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

NEW_PROJECT = "东昌区智慧冷链物流园项目"
EXISTING = "医药特色产业园标准化厂房"


def _ledger(total) -> bytes:
    """A county's ledger as offices keep it: a title, the unit, then a header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2022年东昌区重点项目台账"])
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", "所在区划", "建设性质", "项目单位", "建设内容", "总投资"])
    sheet.append(
        [1, NEW_PROJECT, "东昌区", "新建", "通化冷链物流有限公司", "建设冷库3万吨及配套设施", total]
    )
    sheet.append([2, EXISTING, "东昌区", None, None, "建设标准化厂房12万平方米", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(page, name, content):
    page.goto("/ledger/import/")
    page.get_by_label("台账文件").set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": content,
            }
        ]
    )
    page.get_by_role("button", name="上传并预览").click()
    expect(page).to_have_url(re.compile(r"/ledger/import/\d+/$"))
    expect(page.locator("main h1")).to_have_text(name)


def _card(page, label):
    return page.locator(".figure-card").filter(has_text=label).locator(".value")


def test_it_previews_an_excel_ledger_refuses_errors_and_imports_after_confirmation(login):
    page = login("dongchang")

    # A bad amount: the preview names the row, the column and the rule; nothing can be imported.
    _upload(page, "东昌区台账（有误）.xlsx", _ledger("三万五千块"))
    errors = page.locator("ol.issues").first
    expect(errors).to_contain_text("第4行 第7列（总投资）", timeout=60_000)
    expect(errors).to_contain_text("三万五千块")
    expect(page.locator(".flash-error")).to_contain_text("没有导入任何数据")
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)

    _upload(page, "东昌区台账.xlsx", _ledger(35000))
    confirm = page.get_by_role("button", name="确认导入")
    expect(confirm).to_be_visible(timeout=60_000)
    expect(_card(page, "将新增")).to_have_text("1")
    expect(_card(page, "将更新")).to_have_text("1")
    expect(_card(page, "错误")).to_have_text("0")
    # The preview changed nothing yet.
    check = login("dongchang")
    check.goto("/projects/?q=" + NEW_PROJECT)
    expect(check.locator("#project-results")).to_contain_text("没有符合条件的项目。")

    confirm.click()
    expect(page.locator("#job")).to_contain_text("导入完成", timeout=60_000)
    expect(_card(page, "已新增")).to_have_text("1")
    expect(_card(page, "已更新")).to_have_text("1")

    check.goto("/projects/?q=" + NEW_PROJECT)
    check.locator("#project-results").get_by_role("link", name=NEW_PROJECT).click()
    main = check.locator("main")
    expect(main).to_contain_text("建设冷库3万吨及配套设施")
    expect(main).to_contain_text("通化冷链物流有限公司")
    expect(check.locator("#audit .audit-entry").first).to_contain_text("来源：Excel导入")
