from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saima.audit.models import Source
from saima.figures.indicators import display, short
from saima.ranking.sentences import DEFAULT_TEMPLATES, Writer, check_template, templates_for
from saima.ranking.services import save_template

W = Writer(DEFAULT_TEMPLATES)
D = Decimal


def figures(**overrides):
    base = {
        "region_name": "通化市",
        "planned_projects": 220,
        "total_investment_wan": D("10235000"),
        "annual_plan_wan": D("870000"),
        "started_or_resumed": 128,
        "start_or_resume_rate": D(128) * 100 / D(220),
        "started_new": 84,
        "start_rate": D(84) * 100 / D(150),
        "resumed_continuing": 44,
        "resume_rate": D(44) * 100 / D(70),
        "time_progress": D(25),
        "stages": [],
    }
    return {**base, **overrides}


def test_it_writes_the_overview_with_rises_against_last_year():
    last = figures(
        planned_projects=200, total_investment_wan=D("9000000"), start_or_resume_rate=D("54.1")
    )
    text = W.overview(figures(), last, "3月底")
    assert text[0] == (
        "截至3月底，通化市计划实施重点项目220个，比去年同期增长10%，"
        "总投资1023.5亿元，比去年同期增长13.7%，年度计划投资87亿元。"
    )
    # 128 ÷ 220 = 58.1818…% → 58.2%; 58.1818 − 54.1 = 4.0818 → 4.1 points.
    assert text[1] == "已开复工128个，开复工率58.2%，比去年同期提高4.1个百分点。"
    assert text[2] == "其中新建项目开工84个，开工率56%；续建项目复工44个，复工率62.9%。"


def test_it_writes_falls_with_the_words_for_a_fall():
    last = figures(
        planned_projects=250, total_investment_wan=D("11000000"), start_or_resume_rate=D("60.3")
    )
    text = W.overview(figures(), last, "3月底")
    assert "比去年同期下降12%" in text[0]
    assert "比去年同期下降7%" in text[0]  # 1023.5 vs 1100: −6.95… → 7 (half-up)
    assert text[1].endswith("开复工率58.2%，比去年同期降低2.1个百分点。")


def test_it_omits_the_comparison_when_last_year_is_unknown():
    text = W.overview(figures(), None, "3月底")
    assert (
        text[0] == "截至3月底，通化市计划实施重点项目220个，总投资1023.5亿元，年度计划投资87亿元。"
    )
    assert text[1] == "已开复工128个，开复工率58.2%。"
    assert "去年" not in "".join(text)


def test_a_change_that_rounds_to_zero_reads_unchanged():
    last = figures(planned_projects=220, start_or_resume_rate=D(128) * 100 / D(220) - D("0.04"))
    text = W.overview(figures(), last, "3月底")
    assert "重点项目220个，与去年同期持平" in text[0]
    assert text[1] == "已开复工128个，开复工率58.2%，与去年同期持平。"


def test_it_omits_a_growth_rate_against_zero_last_year():
    assert W.amount_change(D(5), D(0)) == ""


def test_stage_sentences_say_above_below_or_level_with_time_progress():
    def stage(actual, target):
        return {
            "stage": "谋划",
            "actual": actual,
            "target": target,
            "completion": D(actual) * 100 / D(target),
        }

    assert (
        W.stage(stage(18, 16), D(25))
        == "谋划项目18个，完成年度目标16个的112.5%，高于序时进度87.5个百分点。"
    )
    assert (
        W.stage(stage(2, 10), D(25))
        == "谋划项目2个，完成年度目标10个的20%，低于序时进度5个百分点。"
    )
    assert W.stage(stage(1, 4), D(25)) == "谋划项目1个，完成年度目标4个的25%，与序时进度持平。"
    assert (
        W.stage({"stage": "落地", "actual": 3, "target": None, "completion": None}, D(25)) is None
    )


def test_it_rounds_half_up_and_never_shows_an_unrounded_number():
    assert short(D("2.25")) == "2.3"  # banker's rounding would give 2.2
    assert short(D("66.65")) == "66.7"
    assert short(D(2) * 100 / D(3)) == "66.7"
    assert short(D("75.00")) == "75"
    assert short(D("-0.04")) == "0"
    assert display(D(18) * 100 / D(16)) == "112.5%"
    assert display(D("0.05")) == "0.1%"
    assert display(None) == "—"
    assert display(D("5.25"), "points") == "+5.3"
    assert display(D("-3"), "points") == "-3"
    text = "".join(W.overview(figures(), figures(start_or_resume_rate=D(1) * 100 / D(3)), "3月底"))
    assert "58.1818" not in text and "33.33" not in text


def test_region_templates_are_editable_and_checked(world):
    save_template(
        world.city,
        "start",
        "开复工{started_or_resumed}个，率{rate}%{rate_change}。",
        world.dispatcher,
        Source.WEB,
    )
    text = Writer(templates_for(world.city)).overview(figures(), None, "3月底")
    assert text[1] == "开复工128个，率58.2%。"
    # Other regions keep the default wording.
    assert templates_for(world.sibling)["start"] == DEFAULT_TEMPLATES["start"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("开复工率{ratio}%", "{ratio}"),
        ("开复工率{rate", "不成对"),
        ("开复工率{}", "名称"),
        ("{rate.__class__}", "不可用"),
        ("{rate:>10}", "不可用"),
    ],
)
def test_it_rejects_a_bad_template_naming_the_problem(text, message):
    with pytest.raises(ValidationError) as error:
        check_template("start", text)
    assert message in str(error.value)
