"""The investment, approvals and problems sentences: up, down, even, no last year, zero."""

from decimal import Decimal

from saima.ranking.sentences import DEFAULT_TEMPLATES, Writer

W = Writer(DEFAULT_TEMPLATES)
D = Decimal


def pace(completed, plan="870000", progress=25):
    completed, plan = D(completed), D(plan)
    rate = completed * 100 / plan if plan else None
    return {
        "completed_wan": completed,
        "annual_plan_wan": plan,
        "completion_rate": rate,
        "time_progress": D(progress),
        "ahead_points": None if rate is None else rate - D(progress),
    }


def test_it_says_how_far_investment_is_behind_time_progress():
    # 17.4亿元 of 87亿元 = 20% vs 25%: 5 points behind.
    assert W.investment(pace("174000"), {}) == (
        "累计完成投资17.4亿元，占年度计划的20%，低于序时进度5个百分点。"
    )


def test_it_says_how_far_investment_is_ahead_of_time_progress_with_growth():
    # 26.1亿元 = 30%: 5 points ahead; last year 20亿元 → growth 30.5%.
    text = W.investment(pace("261000"), {"completed_wan": D("200000")})
    assert text == (
        "累计完成投资26.1亿元，比去年同期增长30.5%，占年度计划的30%，高于序时进度5个百分点。"
    )


def test_it_says_a_fall_against_last_year():
    text = W.investment(pace("174000"), {"completed_wan": D("200000")})
    assert "比去年同期下降13%" in text


def test_it_says_level_with_time_progress_when_the_gap_rounds_to_zero():
    # 21.77亿元 ÷ 87亿元 = 25.02…% → 25%, gap 0.02 → 0 after rounding.
    assert W.investment(pace("217700"), {}) == (
        "累计完成投资21.77亿元，占年度计划的25%，与序时进度持平。"
    )


def test_it_writes_zero_investment_and_leaves_out_a_plan_of_zero():
    assert W.investment(pace("0"), {"completed_wan": D(0)}) == (
        "累计完成投资0亿元，占年度计划的0%，低于序时进度25个百分点。"
    )
    assert W.investment(pace("100", plan="0"), {}) is None


def test_the_overview_carries_the_investment_and_approvals_sentences():
    now = {
        "region_name": "通化市",
        "planned_projects": 1,
        "total_investment_wan": D(1),
        "annual_plan_wan": D("870000"),
        "started_or_resumed": 0,
        "start_or_resume_rate": None,
        "start_rate": None,
        "resume_rate": None,
        "stages": [],
        **pace("174000"),
        "approvals_rate": D(9) * 100 / D(13),
    }
    text = W.overview(now, {"approvals_rate": D("58.2")}, "3月底")
    assert text[1] == "累计完成投资17.4亿元，占年度计划的20%，低于序时进度5个百分点。"
    # 69.23…% − 58.2 = 11.03… → 11 points.
    assert text[2] == "新建项目前期手续完成率69.2%，比去年同期提高11个百分点。"


def test_the_approvals_sentence_falls_omits_and_disappears():
    now = {"approvals_rate": D(50)}
    assert W.approvals(now, {"approvals_rate": D("58.2")}) == (
        "新建项目前期手续完成率50%，比去年同期降低8.2个百分点。"
    )
    assert W.approvals(now, {}) == "新建项目前期手续完成率50%。"
    assert W.approvals(now, {"approvals_rate": D("50.04")}) == (
        "新建项目前期手续完成率50%，与去年同期持平。"
    )
    assert W.approvals({"approvals_rate": None}, {"approvals_rate": D(1)}) is None


def test_the_problems_sentence_counts_and_rounds_half_up():
    figures = {
        "problems_raised": 12,
        "problems_resolved": 8,
        "problems_on_time_rate": D(7) * 100 / D(8),  # 87.5
        "problems_overdue": 2,
    }
    assert W.problems(figures) == (
        "本年累计受理问题12个，已办结8个，按期办结率87.5%，超期未办结2个。"
    )
    figures.update(problems_resolved=3, problems_on_time_rate=D(2) * 100 / D(3))
    assert "按期办结率66.7%" in W.problems(figures)


def test_the_problems_sentence_for_none_resolved_none_raised_and_unknown():
    assert (
        W.problems(
            {
                "problems_raised": 3,
                "problems_resolved": 0,
                "problems_on_time_rate": None,
                "problems_overdue": 1,
            }
        )
        == "本年累计受理问题3个，尚未办结，超期未办结1个。"
    )
    assert W.problems({"problems_raised": 0}) == "本年尚未受理问题。"
    assert W.problems({}) is None  # figures frozen before the problem list existed


def test_the_new_templates_are_editable(world):
    from saima.audit.models import Source
    from saima.ranking.sentences import templates_for
    from saima.ranking.services import save_template

    save_template(
        world.city,
        "investment",
        "完成投资{completed_yi}亿元{completed_change}，完成率{rate}%，{direction}时序{gap}点。",
        world.dispatcher,
        Source.WEB,
    )
    text = Writer(templates_for(world.city)).investment(pace("174000"), {})
    assert text == "完成投资17.4亿元，完成率20%，低于时序5点。"
