import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from saima.audit.models import Source
from saima.projects.models import Project, StageEvent
from saima.ranking import charts, document
from saima.ranking.briefing import build_content, content_for, figures_for
from saima.ranking.models import Briefing
from saima.ranking.periods import Period
from saima.ranking.services import publish_briefing, publish_ranking

from .helpers import scheme

MARCH = Period.parse("2022-03")


def read(data: bytes):
    return Document(io.BytesIO(data))


def text_of(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_overview_is_written_from_the_ledger(tonghua):
    content = build_content(tonghua.county, MARCH, issue=1)
    general, stages = content["sections"][0]["paragraphs"]
    assert general.startswith(
        "截至3月底，东昌区计划实施重点项目5个，总投资6.2亿元，年度计划投资2.4亿元。"
        "已开复工4个，开复工率80%。其中新建项目开工2个"
    )
    assert stages.startswith("招商引资方面，谋划")
    overview = general + stages
    assert "谋划项目18个，完成年度目标16个的112.5%，高于序时进度87.5个百分点。" in overview
    assert "签约项目6个，完成年度目标8个的75%，高于序时进度50个百分点。" in overview
    assert "落地项目3个，完成年度目标5个的60%，高于序时进度35个百分点。" in overview
    assert "开工项目2个，完成年度目标3个的66.7%，高于序时进度41.7个百分点。" in overview


def test_year_on_year_comes_from_last_years_frozen_briefing(tonghua):
    publish_briefing(tonghua.county, Period.parse("2021-03"), tonghua.dispatcher, Source.WEB)
    overview = build_content(tonghua.county, MARCH, issue=1)["sections"][0]["paragraphs"][0]
    # Nothing was planned in 2021: the rate was undefined, so no comparison is written.
    assert "已开复工4个，开复工率80%。" in overview
    assert figures_for(tonghua.county, MARCH).last["planned_projects"] == 0


def test_the_docx_has_the_official_layout_and_the_same_text(tonghua):
    scheme(tonghua)
    publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    briefing = publish_briefing(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    doc = read(document.render(briefing.content))
    section = doc.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 28]
    paragraphs = [p for p in doc.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "重点项目建设简报"
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert paragraphs[1].text == "第1期"
    assert paragraphs[2].text.startswith("通化市重大项目建设服务中心\t")
    heading = next(p for p in paragraphs if p.text == "一、总体情况")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    league = next(p for p in paragraphs if p.text.startswith("（一）"))
    assert league.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    body = next(p for p in paragraphs if p.text.startswith("截至3月底"))
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    # Chinese, not the template's Japanese, is the East Asian language throughout.
    styles = doc.styles.element.xml
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles
    # A theme font would override the named one in the defaults and the body style.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    from lxml import etree

    assert b"eastAsiaTheme" not in etree.tostring(defaults) + etree.tostring(
        doc.styles["Normal"].element
    )
    footer = section.footer.paragraphs[0]
    assert footer.text.replace("1", "").strip() == "—  —"
    assert "PAGE" in footer._element.xml
    # Every sentence, table and the two charts are in the document.
    text = text_of(doc)
    for part in briefing.content["sections"]:
        for sentence in part["paragraphs"]:
            assert sentence in text
    assert "112.5%" in text and "66.7%" in text
    assert len(doc.inline_shapes) == 2
    assert len(doc.tables) == 1 + 2 + 1  # regions, two leagues, major projects


def test_a_published_briefing_regenerates_the_same_content(tonghua):
    briefing = publish_briefing(tonghua.county, MARCH, tonghua.dispatcher, Source.WEB)
    p = Project.objects.create(name="后补", region=tonghua.county)
    StageEvent.objects.create(project=p, stage="签约", date=date(2022, 3, 6))
    content, published = content_for(tonghua.county, MARCH)
    assert published == briefing and content == briefing.content
    assert text_of(read(document.render(content))) == text_of(
        read(document.render(briefing.content))
    )
    # Re-publishing keeps the issue number, adds a version, and shows the new figures.
    again = publish_briefing(tonghua.county, MARCH, tonghua.dispatcher, Source.WEB)
    assert (again.issue, again.version) == (1, 2)
    assert "签约项目7个" in "".join(again.content["sections"][0]["paragraphs"])
    april = publish_briefing(
        tonghua.county, Period.parse("2022-04"), tonghua.dispatcher, Source.WEB
    )
    assert april.issue == 2
    assert Briefing.objects.count() == 3


def test_a_county_briefing_shows_only_its_own_line_of_the_city_ranking(tonghua):
    scheme(tonghua)
    content = build_content(tonghua.county, MARCH, issue=1)
    ranking = content["sections"][2]
    assert ranking["paragraphs"][0].startswith("东昌区在通化市城区组2个单位中排名第1")
    assert [row[1] for row in ranking["tables"][0]["rows"]] == ["东昌区"]


def test_sections_without_figures_say_so(tonghua):
    content = build_content(tonghua.city, MARCH, issue=1)
    text = {s["heading"]: "".join(s["paragraphs"]) for s in content["sections"]}
    assert "尚未制定2022年度赛马方案" in text["三、赛马排名"]
    assert "尚未启用" in text["五、问题及解决情况"]


def test_the_commands_write_a_briefing_and_print_a_ranking(tonghua, tmp_path, capsys):
    scheme(tonghua)
    out = tmp_path / "b.docx"
    call_command("briefing", region="220500", period="2022-03", output=str(out), publish=True)
    assert "第1期" in capsys.readouterr().out
    assert "截至3月底，通化市计划实施重点项目7个" in text_of(read(out.read_bytes()))
    call_command("ranking", region="220500", period="2022-03")
    printed = capsys.readouterr().out
    assert "【城区组】" in printed and "1\t东昌区\t80%\t112.5%\t75%\t60%\t66.7%\t80.5\t—" in printed
    with pytest.raises(CommandError, match="2022-03"):
        call_command("ranking", region="220500", period="2022年3月")


def test_drawing_fails_clearly_without_a_cjk_font(settings):
    settings.BRIEFING_FONT = "/nonexistent/font.ttc"
    with pytest.raises(ImproperlyConfigured, match="fonts-noto-cjk"):
        charts.font_path()


def test_the_chart_font_is_found_through_fontconfig(settings):
    settings.BRIEFING_FONT = ""
    assert "CJK" in charts.font_path().name
    png = charts.bar_chart(
        "各地开复工率", ["东昌区"], [Decimal(80)], ["80%"], Decimal(25), "时间进度"
    )
    assert png.startswith(b"\x89PNG")


def test_publishing_a_briefing_is_audited_without_copying_it(tonghua):
    from saima.audit.models import AuditEntry

    publish_briefing(tonghua.county, MARCH, tonghua.dispatcher, Source.WEB)
    entry = AuditEntry.objects.get(model="ranking.Briefing")
    assert entry.actor == tonghua.dispatcher
    assert entry.changes["issue"] == [None, 1] and entry.changes["period"] == [None, "2022-03"]
    assert "content" not in entry.changes
