"""The briefing and dashboard with the dispatch, approval and problem figures: investment
pace, 前期手续完成率 with last year's snapshot, major projects' latest filing, problems by
level and category, next steps from the pace; frozen once published."""

from datetime import date

import pytest
from django.utils import timezone

from saima.audit.models import Source
from saima.dispatch import services as dispatch
from saima.dispatch.models import Period as DispatchPeriod
from saima.figures import snapshots
from saima.problems import services as problems
from saima.problems.models import Category
from saima.projects.models import Project
from saima.ranking import dashboard
from saima.ranking.briefing import build_content, content_for, figures_for
from saima.ranking.periods import Period
from saima.ranking.services import publish_briefing
from saima.schedule.models import ApprovalType, ProjectApproval

from .helpers import file

MARCH = Period.parse("2022-03")


@pytest.fixture
def busy(tonghua, monkeypatch):
    """Filings for 东昌区 and 辉南县, approvals of a new project, two problems."""
    w = tonghua
    file(w, Project.objects.get(name="东昌丙"), 2, "2000", "主体施工")
    file(w, Project.objects.get(name="东昌丙"), 3, "4000", "主体封顶")
    file(w, Project.objects.get(name="辉南甲"), 3, "1000", "设备安装")
    new = Project.objects.get(name="东昌乙")
    for name, obtained in (("立项", date(2022, 2, 1)), ("施工许可", None)):
        ProjectApproval.objects.create(
            project=new,
            approval_type=ApprovalType.objects.create(name=f"试{name}"),
            obtained_on=obtained,
        )
    today = {"day": date(2022, 3, 1)}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today["day"])
    land, money = Category.objects.get(name="用地"), Category.objects.get(name="资金")
    quick = problems.raise_problem(
        w.project, {"category": land, "description": "用地指标"}, w.secretary, Source.WEB
    )
    problems.raise_problem(
        w.project, {"category": money, "description": "资金缺口"}, w.secretary, Source.WEB
    )
    today["day"] = date(2022, 3, 2)
    problems.resolve(quick, "已协调", w.officer, Source.WEB)
    today["day"] = date(2022, 4, 6)
    return w


def sections(content) -> dict:
    return {s["heading"][2:]: s for s in content["sections"]}


def test_the_overview_reports_the_investment_pace_and_approvals(busy):
    # 东昌区: 6,000 of 24,000万元 = 25% → level with time progress; approvals 1 of 2.
    overview = "".join(build_content(busy.county, MARCH, 1)["sections"][0]["paragraphs"])
    assert "累计完成投资0.6亿元，占年度计划的25%，与序时进度持平。" in overview
    assert "新建项目前期手续完成率50%。" in overview
    # 通化市: 7,000 of 29,500万元 = 23.7%, 1.3 points behind.
    city = "".join(build_content(busy.city, MARCH, 1)["sections"][0]["paragraphs"])
    assert "累计完成投资0.7亿元，占年度计划的23.7%，低于序时进度1.3个百分点。" in city


def test_last_year_falls_back_to_the_period_snapshot(busy):
    dispatch.set_rhythm(busy.city, 2021, "月报", busy.dispatcher, Source.WEB)
    march = DispatchPeriod.objects.get(region=busy.city, year=2021, seq=3)
    snapshots.import_snapshot(
        march, busy.county, {"approvals_rate": "58.2"}, None, Source.COMMAND, "公开数据"
    )
    figures = figures_for(busy.county, MARCH)
    assert str(figures.last["approvals_rate"]) == "58.2"
    assert figures.last.get("start_or_resume_rate") is None  # unknown, not 0
    overview = "".join(build_content(busy.county, MARCH, 1)["sections"][0]["paragraphs"])
    assert "新建项目前期手续完成率50%，比去年同期降低8.2个百分点。" in overview
    assert "开复工率80%。" in overview  # no comparison for a figure last year lacks
    cards = {c["label"]: c for c in dashboard.cards(figures, dashboard.Writer({**_t()}))}
    assert cards["前期手续完成率"]["yoy"] == "降低8.2个百分点"
    assert cards["开复工率"]["yoy"] == "—"


def _t():
    from saima.ranking.sentences import DEFAULT_TEMPLATES

    return DEFAULT_TEMPLATES


def test_major_projects_show_their_latest_filing(busy):
    table = sections(build_content(busy.county, MARCH, 1))["重大项目进展"]["tables"][0]
    rows = {r[0]: r for r in table["rows"]}
    assert table["columns"][4:] == ["本年累计完成（亿元）", "当前阶段", "形象进度"]
    assert rows["东昌丙"][4] == "0.6" and rows["东昌丙"][6] == "主体封顶"
    assert rows["东昌乙"][4] == "0" and rows["东昌乙"][6] == "本年未填报"


def test_problems_are_written_tabled_by_level_and_category_and_listed_when_overdue(busy):
    section = sections(build_content(busy.city, MARCH, 1))["问题及解决情况"]
    assert section["paragraphs"] == [
        "本年累计受理问题2个，已办结1个，按期办结率100%，超期未办结1个。"
    ]
    by_level, by_category, overdue = section["tables"]
    assert by_level["rows"] == [["第1级", "2", "1", "1", "100%", "1"]]
    assert [r[:2] for r in by_category["rows"]] == [["用地", "1"], ["资金", "1"]]
    assert [r[2:4] for r in overdue["rows"]] == [["资金", "资金缺口"]]
    board = dashboard.build(busy.city, MARCH, busy.dispatcher)
    assert board.tables["problem_levels"]["rows"] == by_level["rows"]
    assert board.tables["problem_categories"]["rows"] == by_category["rows"]
    assert board.charts["problems"]["levels"]["overdue"] == [1]


def test_next_steps_name_the_regions_behind_time_progress(busy):
    steps = "".join(sections(build_content(busy.city, MARCH, 1))["下步工作"]["paragraphs"])
    # 辉南县 1,000 of 5,500万元 = 18.2%: 6.8 points behind; 东昌区 is level.
    assert "辉南县（低于6.8个百分点）投资完成率略低于序时进度（黄灯）" in steps
    assert "东昌区（" not in steps
    assert "1个超期未办结问题" in steps


def test_the_dashboard_draws_the_pace_month_by_month(busy):
    board = dashboard.build(busy.county, MARCH, busy.dispatcher)
    assert board.tables["pace"]["rows"] == [
        ["1月", "0", "0%", "8.3%", "-8.3"],
        ["2月", "0.2", "8.3%", "16.7%", "-8.3"],
        ["3月", "0.6", "25%", "25%", "0"],
    ]
    assert board.charts["pace"]["completion"] == ["0.0", "8.3", "25.0"]
    assert board.charts["pace"]["progress"] == ["8.3", "16.7", "25.0"]


def test_a_published_briefing_keeps_its_pace_and_problems(busy):
    briefing = publish_briefing(busy.county, MARCH, busy.dispatcher, Source.WEB)
    file(busy, Project.objects.get(name="东昌丁"), 3, "3000", "后补")
    content, published = content_for(busy.county, MARCH)
    assert published == briefing and content == briefing.content
    board = dashboard.build(busy.county, MARCH, busy.dispatcher)
    assert board.figures.frozen
    assert board.tables["pace"]["rows"][-1][1] == "0.6"  # not 0.9: frozen
    live = build_content(busy.county, MARCH, 1)
    assert "累计完成投资0.9亿元" in "".join(live["sections"][0]["paragraphs"])
