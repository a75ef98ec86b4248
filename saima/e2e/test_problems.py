import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PROJECT = "东昌区蓝莓果酒及果汁深加工项目"


def test_it_lets_the_secretary_raise_a_problem_and_escalate_it_by_hand(login):
    page = login("secretary")
    page.goto("/problems/")
    page.get_by_label("项目").select_option(label=f"东昌区 · {PROJECT}")
    page.get_by_role("button", name="提出问题").click()
    expect(page.locator("main h1")).to_have_text("提出问题")
    expect(page.locator("main")).to_contain_text(PROJECT)
    page.get_by_label("问题类别").select_option(label="用地")
    page.get_by_label("问题描述").fill("二期用地指标尚未下达，影响厂房基础施工")
    page.get_by_role("button", name="提交").click()

    expect(page).to_have_url(re.compile(r"/problems/\d+/$"))
    problem_url = page.url
    expect(page.locator("main h1")).to_have_text(f"用地：{PROJECT}")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("第1级")
    expect(page.locator("main hgroup")).to_contain_text("待办")

    escalate = page.locator("#actions form").filter(
        has=page.get_by_role("button", name="升级", exact=True)
    )
    # The reason is required: the browser does not send the form without one.
    reason = escalate.get_by_placeholder("升级理由")
    escalate.get_by_role("button", name="升级", exact=True).click()
    assert reason.evaluate("el => el.validity.valueMissing")
    expect(facts).to_contain_text("第1级")

    reason.fill("责任单位两周未答复，提请包保领导协调")
    escalate.get_by_role("button", name="升级", exact=True).click()
    expect(facts).to_contain_text("第2级")
    timeline = page.locator("ol.timeline li")
    expect(timeline).to_have_count(2)
    step = timeline.filter(has_text="手动升级")
    expect(step).to_contain_text("刘秘书")
    expect(step).to_contain_text("第2级")
    expect(step).to_contain_text("责任单位两周未答复，提请包保领导协调")
    expect(facts).to_contain_text("第2级（包保领导） · 陈副区长")

    # The leader it climbed to (陈副区长, the demo's `leader`) now holds it and may handle it.
    leader = login("leader")
    leader.goto("/problems/")
    expect(leader.get_by_role("link", name=re.compile(r"升级给我的（[1-9]"))).to_be_visible()
    leader.goto(problem_url)
    expect(leader.locator("dl.facts")).to_contain_text("第2级")
    expect(leader.get_by_role("button", name="办结")).to_be_visible()
