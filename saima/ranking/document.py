"""The briefing as a Word document in official-document layout (GB/T 9704-2012): A4, top margin
37 mm, binding-side margin 28 mm, text block 156 × 225 mm (22 lines), title 22 pt 方正小标宋简体,
body 16 pt 仿宋_GB2312, headings 一、黑体 and （一）楷体_GB2312, page numbers "— 1 —".

python-docx's default template declares Japanese as the East Asian language and sets only
the Latin font through `font.name`, so the East Asian font (w:eastAsia) and the zh-CN
language are written explicitly on the document defaults, the styles and every run.
"""

import io
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from saima.figures.indicators import display

from . import charts

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
RED = RGBColor(0xC0, 0x00, 0x00)
STAGES = ("谋划", "签约", "落地", "开工")


def _east_asian(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    # Theme font attributes win over named fonts in Word: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _font(run, name: str, size: float, bold: bool = False, colour=None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    _east_asian(run._element.get_or_add_rPr(), name)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    # Document defaults: Chinese as the East Asian language, 仿宋_GB2312 16 pt.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _east_asian(rpr, BODY_FONT)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(16)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(29)  # 225 mm ÷ 22 lines
    fmt.space_before = fmt.space_after = Pt(0)
    _page_numbers(section)


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
        if kind == "separate":
            number = OxmlElement("w:t")
            number.text = "1"
            run._element.append(number)
    _font(run, PAGE_NUMBER_FONT, 14)


def _page_numbers(section) -> None:
    """ "— 1 —" in 4号 宋体 at the foot of every page."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), PAGE_NUMBER_FONT, 14)
    _field(paragraph, " PAGE ")
    _font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, 14)


def _paragraph(
    document, text: str, font=BODY_FONT, size=16, align=None, indent=True, bold=False, colour=None
):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), font, size, bold, colour)
    return paragraph


def _bottom_rule(paragraph, colour="C00000") -> None:
    ppr = paragraph._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", colour)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _table(document, table: dict) -> None:
    if table.get("title"):
        _paragraph(document, table["title"], SUBHEADING_FONT)
    grid = document.add_table(rows=1, cols=len(table["columns"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table["columns"], strict=True):
        cell.paragraphs[0].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 10.5)
    for row in table["rows"]:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, 10.5)


def _chart(document, content: dict, which: str) -> None:
    figures = content["figures"]
    progress = Decimal(figures["time_progress"])
    if which == "stages":
        stages = [s for s in figures["stages"] if s["stage"] in STAGES]
        values = [None if s["completion"] is None else Decimal(s["completion"]) for s in stages]
        labels = [s["stage"] for s in stages]
        title = "招商引资各阶段目标完成率"
    else:
        children = [c["figures"] for c in content["children"]]
        values = [
            None if c["start_or_resume_rate"] is None else Decimal(c["start_or_resume_rate"])
            for c in children
        ]
        labels = [c["region_name"] for c in children]
        title = "各地开复工率"
    png = charts.bar_chart(
        title,
        labels,
        values,
        [display(v) for v in values],
        progress,
        f"时间进度 {display(progress)}",
    )
    document.add_picture(io.BytesIO(png), width=Mm(150))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The body's exact 29 pt line would clip the picture to one line.
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def render(content: dict) -> bytes:
    """The .docx bytes for a briefing's content (see briefing.build_content)."""
    document = Document()
    _setup(document)
    _paragraph(
        document,
        content["title"],
        TITLE_FONT,
        22,
        WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        colour=RED,
    )
    _paragraph(
        document, f"第{content['issue']}期", BODY_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    masthead = _paragraph(document, content["office"], BODY_FONT, 16, indent=False)
    masthead.paragraph_format.tab_stops.add_tab_stop(Mm(156), alignment=2)  # right
    _font(masthead.add_run(f"\t{content['date_label']}"), BODY_FONT, 16)
    _bottom_rule(masthead)
    _paragraph(
        document,
        f"{content['region_name']}{content['period_label']}重点项目建设情况",
        TITLE_FONT,
        22,
        WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    for section in content["sections"]:
        _paragraph(document, section["heading"], HEADING_FONT)
        for text in section["paragraphs"]:
            _paragraph(document, text)
        if section.get("chart"):
            _chart(document, content, section["chart"])
        for table in section["tables"]:
            _table(document, table)
    document.sections[-1].start_type = WD_SECTION.CONTINUOUS
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
