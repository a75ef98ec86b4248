"""In the demo, every number of 通化市's March 2022 briefing overview is a figure the dashboard
shows for the same region and period, rounded half-up the same way."""

import io
import re

import pytest
from docx import Document

from saima.figures.indicators import short
from saima.ranking import dashboard, document
from saima.ranking.briefing import content_for
from saima.ranking.periods import Period
from saima.regions.models import Region

MARCH = Period.parse("2022-03")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(autouse=True)
def _demo(demo, db):
    return demo


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
