import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.e2e


def test_it_refuses_a_wrong_password_then_signs_in_to_the_region_overview(browse):
    page = browse()
    sign_in(page, "dispatcher", "wrong-password")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不正确，请重新输入。")
    expect(page.get_by_label("用户名")).to_have_value("dispatcher")

    sign_in(page, "dispatcher")
    expect(page).to_have_url(re.compile(r"/regions/220500/$"))
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("通化市 · 2022年重点项目")
    # The published Tonghua figures of 2022 (facts.yaml): 220 projects, 1,023.5 亿元.
    expect(main).to_contain_text("通化市计划实施项目220个，总投资1,023.50亿元")
    expect(main.get_by_role("row", name=re.compile(r"^东昌区 25 140\.00"))).to_be_visible()
