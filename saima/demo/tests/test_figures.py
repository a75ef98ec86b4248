"""Every published figure of facts.yaml, computed from the loaded demo by saima.figures; and
every number of 通化市's March 2022 briefing overview is a figure the dashboard shows for the
same region and period, rounded half-up the same way."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from docx import Document

from saima.core.numbers import fmt_percent, round_half_up
from saima.figures.indicators import short
from saima.figures.ledger import ledger_figures
from saima.ranking import dashboard, document
from saima.ranking.briefing import content_for
from saima.ranking.periods import Period
from saima.regions.models import Region

BIG = Decimal(5000)


def figures(code, year, as_of, **options):
    return ledger_figures(Region.objects.get(code=code), year, date.fromisoformat(as_of), **options)


@pytest.fixture(autouse=True)
def _demo(demo, db):
    return demo


def test_it_holds_the_tonghua_2022_plan():
    f = figures("220500", 2022, "2022-12-31")
    assert f.planned_projects == 220
    assert f.total_investment_wan == Decimal("10235000")


def test_it_counts_84_new_projects_started_in_tonghua_by_march_5():
    assert figures("220500", 2022, "2022-03-05").started_new == 84
    assert figures("220500", 2022, "2022-02-27").started_new == 0
    assert figures("220500", 2022, "2022-02-28").started_new == 80


@pytest.mark.parametrize(
    "code, projects, total, annual",
    [
        ("220582", 33, "1663000", "417000"),  # 集安 166.3亿 / 41.7亿
        ("220524", 33, "1090500", "360700"),  # 柳河 109.05亿 / 36.07亿
        ("220521", 33, "1368000", "305000"),  # 通化县 136.8亿 / 30.5亿
        ("220523", 33, "620000", "285000"),  # 辉南 62亿 / 28.5亿
        ("220503", 28, "786800", None),  # 二道江 78.68亿
        ("220502", 25, None, None),  # 东昌区
    ],
)
def test_it_holds_the_county_plans(code, projects, total, annual):
    f = figures(code, 2022, "2022-12-31")
    assert f.planned_projects == projects
    if total:
        assert f.total_investment_wan == Decimal(total)
    if annual:
        assert f.annual_plan_wan == Decimal(annual)


def test_it_splits_new_and_continuing_as_published():
    jian = figures("220582", 2022, "2022-12-31")
    assert (jian.planned_new, jian.planned_continuing) == (16, 17)
    dongchang = figures("220502", 2022, "2022-12-31")
    assert (dongchang.planned_new, dongchang.planned_continuing) == (7, 18)


def test_it_holds_the_published_start_or_resume_counts():
    liuhe = figures("220524", 2022, "2022-04-30")
    assert liuhe.started_or_resumed == 30
    assert round_half_up(liuhe.start_or_resume_rate, 0) == 91
    assert figures("220524", 2022, "2022-06-30").started_or_resumed == 33
    assert figures("220523", 2022, "2022-03-30").start_or_resume_rate == 100
    # 东昌区 planned 92% by the end of March: 7 new + 18 continuing, 23 going.
    assert figures("220502", 2022, "2022-03-31").start_or_resume_rate == 92


def test_it_holds_the_hunchun_plans():
    f = figures("222404", 2022, "2022-12-31")
    assert (f.planned_projects, f.planned_new, f.planned_continuing) == (112, 62, 50)
    assert f.total_investment_wan == Decimal("3933600")
    big = figures("222404", 2022, "2022-09-26", min_total_wan=BIG)
    assert (big.planned_projects, big.started_or_resumed) == (40, 40)
    assert big.start_or_resume_rate == 100
    y2023 = figures("222404", 2023, "2023-12-31")
    assert (y2023.planned_projects, y2023.total_investment_wan) == (124, Decimal("3960000"))
    assert figures("222404", 2023, "2023-12-31", min_total_wan=BIG).planned_projects == 44


def test_it_holds_hunchun_new_and_continuing_investment():
    from django.db.models import Sum

    from saima.projects.models import AnnualPlan

    sums = dict(
        AnnualPlan.objects.filter(year=2022, project__region_id="222404")
        .values_list("nature")
        .annotate(Sum("project__total_investment_wan"))
    )
    assert sums == {"新建": Decimal("2843800"), "续建": Decimal("1089800")}


def test_it_holds_the_baishan_and_fusong_counts():
    baishan = figures("220600", 2022, "2022-10-15", min_total_wan=BIG)
    assert baishan.started_or_resumed == 230
    assert figures("220621", 2022, "2022-10-15").started_or_resumed == 209


@pytest.mark.parametrize(
    "code, as_of, expected",
    [
        (
            "220502",
            "2022-03-05",
            {"谋划": (18, 16), "签约": (6, 8), "落地": (3, 5), "开工": (2, 3)},
        ),
        ("220524", "2022-02-25", {"谋划": (20, 16), "签约": (4, None), "落地": (3, None)}),
        ("220523", "2022-03-05", {"谋划": (18, 16), "签约": (2, None)}),
        ("220521", "2022-03-05", {"谋划": (20, None), "签约": (5, None)}),
        ("220582", "2022-05-31", {"谋划": (16, None), "签约": (5, None), "落地": (3, None)}),
        ("220503", "2022-03-05", {"谋划": (17, None), "签约": (3, None), "落地": (2, None)}),
        ("220600", "2022-09-01", {"签约": (40, None)}),
    ],
)
def test_it_holds_the_stage_counts(code, as_of, expected):
    f = figures(code, 2022, as_of)
    got = {s: (f.stage(s).actual, f.stage(s).target) for s in expected}
    assert got == expected


def test_it_shows_dongchang_completion_rates_half_up():
    f = figures("220502", 2022, "2022-03-05")
    shown = [fmt_percent(f.stage(s).completion) for s in ("谋划", "签约", "落地", "开工")]
    assert shown == ["112.5%", "75.0%", "60.0%", "66.7%"]
    assert fmt_percent(figures("220524", 2022, "2022-02-25").stage("谋划").completion) == "125.0%"


@pytest.mark.parametrize(
    "code, as_of, expected",
    [
        ("220582", "2022-05-31", {"谋划": "445000", "签约": "103000", "落地": "49200"}),
        ("220503", "2022-03-05", {"谋划": "358000", "签约": "32600", "落地": "4200"}),
        ("220600", "2022-09-01", {"签约": "4528000"}),
    ],
)
def test_it_holds_the_stage_investment(code, as_of, expected):
    f = figures(code, 2022, as_of)
    assert {s: f.stage(s).actual_investment_wan for s in expected} == {
        s: Decimal(v) for s, v in expected.items()
    }


MARCH = Period.parse("2022-03")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture
def city():
    return Region.objects.get(code="220500")


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def shown(board) -> set[str]:
    """Every number the dashboard shows in its tables (cards with year-on-year, funnel,
    regions, pace by month, problems), and the distances from time progress that the
    sentences state, from the same headline figures."""
    out = set()
    for table in board.tables.values():
        for row in table["rows"]:
            for cell in row:
                out.update(numbers(str(cell)))
    now = board.figures.now
    for stage in now["stages"]:
        if stage["completion"] is not None:
            out.add(short(abs(stage["completion"] - now["time_progress"])))
    return out


def test_every_number_in_the_overview_is_a_dashboard_figure(city, dispatcher):
    content, published = content_for(city, MARCH)
    assert published is not None  # the demo publishes it: frozen figures
    board = dashboard.build(city, MARCH, dispatcher)
    assert board.figures.frozen
    overview = "".join(content["sections"][0]["paragraphs"])
    body = overview.replace("截至3月底", "")
    allowed = shown(board)
    missing = [n for n in numbers(body) if n not in allowed]
    assert not missing, (missing, overview)
    cards = {c["label"]: c for c in dashboard.cards(board.figures, dashboard.Writer(_templates()))}
    completed, rate = cards["累计完成投资（亿元）"]["value"], cards["投资完成率"]["value"]
    gap = cards["较序时进度（个百分点）"]["value"].lstrip("-")
    assert f"累计完成投资{completed}亿元，占年度计划的{rate}，低于序时进度{gap}个百分点" in overview
    approvals = cards["前期手续完成率"]
    assert approvals["yoy"].startswith("提高")  # 2021's imported snapshot: 58.2%
    assert f"前期手续完成率{approvals['value']}，比去年同期{approvals['yoy']}" in overview
    assert f"新建项目开工{cards['新建项目开工（个）']['value']}个" in overview
    assert f"续建项目复工{cards['续建项目复工（个）']['value']}个" in overview
    starts = cards["开复工率"]
    assert f"已开复工{cards['已开复工（个）']['value']}个，开复工率{starts['value']}" in overview


def test_the_tables_and_the_docx_carry_the_same_numbers(city, dispatcher):
    content, _published = content_for(city, MARCH)
    board = dashboard.build(city, MARCH, dispatcher)
    regions = content["sections"][1]["tables"][0]
    briefing_rows = {r[0]: (r[1], r[2], r[3], r[4]) for r in regions["rows"]}
    by_name = {c["figures"]["region_name"]: c["figures"] for c in board.figures.children}
    for row in board.tables["children"]["rows"]:
        name = row[0]
        assert briefing_rows[name][:3] == (row[1], row[2], row[3])
        assert briefing_rows[name][3] == f"{short(by_name[name]['completion_rate'])}%"
    doc = Document(io.BytesIO(document.render(content)))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    for section in content["sections"]:
        for paragraph in section["paragraphs"]:
            assert paragraph in text


def test_the_dashboard_page_shows_the_overview_figures(client, city, dispatcher):
    client.force_login(dispatcher)
    page = client.get("/ranking/220500/?period=2022-03").content.decode()
    briefing = client.get("/ranking/220500/briefing/?period=2022-03").content.decode()
    for text in ("19.6", "6.6%", "73%", "提高14.8个百分点"):
        assert text in page, text
    assert "累计完成投资19.6亿元，占年度计划的6.6%，低于序时进度18.4个百分点" in briefing
    assert "前期手续完成率73%，比去年同期提高14.8个百分点" in briefing


def _templates():
    from saima.ranking.sentences import templates_for

    return templates_for(Region.objects.get(code="220500"))


@pytest.fixture
def dispatcher():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="dispatcher")
