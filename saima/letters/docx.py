"""Letters as Word documents in official-document layout (GB/T 9704-2012).

A4; top margin 37 mm, binding-side (left) 28 mm, text block 156 × 225 mm (22 lines of 28
characters); issuing-office mark in red 小标宋; title 2号 (22 pt) 方正小标宋简体; body 3号
(16 pt) 仿宋_GB2312; headings 一、黑体 / （一）楷体_GB2312; page numbers "— 1 —" in 4号宋体.

python-docx only sets the Latin font through `font.name`, and its default template names a
Japanese East Asian language, so every run gets `w:eastAsia` and the zh-CN language set
explicitly, and the document defaults are rewritten the same way.
"""

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
RED = RGBColor(0xE6, 0x00, 0x12)
LINE = Pt(28.95)  # 225 mm ÷ 22 lines
NUMERALS = "一二三四五六七八九十"


def cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Section:
    """One part of a letter: a heading (一、…), an opening sentence, numbered items, and
    optionally groups of items under sub-headings (（一）…)."""

    key: str
    title: str
    intro: str = ""
    items: list[str] = field(default_factory=list)
    groups: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.items and not any(items for _, items in self.groups)


@dataclass
class LetterText:
    issuer_name: str
    reference: str
    title: str
    addressee: str
    opening: str
    sections: list[Section]
    closing: str
    signature: str
    date_text: str


def _lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _fonts(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _run(paragraph, text: str, font: str, size: float, bold=False, color=None):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    _fonts(rpr, font)
    _lang(rpr)
    return run


def _paragraph(doc, align=None, indent=True, space_before=0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(32)  # two 16 pt characters
    return p


def _defaults(doc) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT)
    _lang(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    _lang(normal.element.get_or_add_rPr())


def _page(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ", PAGE_NUMBER_FONT, 14)
    run = _run(footer, "", PAGE_NUMBER_FONT, 14)
    for tag, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
        if tag == "separate":
            num = OxmlElement("w:t")
            num.text = "1"
            run._element.append(num)
    _run(footer, " —", PAGE_NUMBER_FONT, 14)


def _red_rule(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "E60012")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.append(border)


def build(text: LetterText) -> bytes:
    doc = Document()
    _defaults(doc)
    _page(doc)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._element.getparent().remove(body._element)

    mark = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _run(mark, text.issuer_name, TITLE_FONT, 26, color=RED)
    ref = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_before=14)
    _run(ref, text.reference, BODY_FONT, 16)
    _red_rule(ref)

    title = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_before=28)
    _run(title, text.title, TITLE_FONT, 22)
    _paragraph(doc, indent=False)
    _run(_paragraph(doc, indent=False), text.addressee, BODY_FONT, 16)
    _run(_paragraph(doc), text.opening, BODY_FONT, 16)

    for index, section in enumerate(text.sections):
        heading = _paragraph(doc)
        heading.paragraph_format.keep_with_next = True
        _run(heading, f"{NUMERALS[index]}、{section.title}", HEADING_FONT, 16)
        if section.intro:
            _run(_paragraph(doc), section.intro, BODY_FONT, 16)
        for number, item in enumerate(section.items, start=1):
            _run(_paragraph(doc), f"{number}. {item}", BODY_FONT, 16)
        for group_index, (group_title, items) in enumerate(section.groups):
            sub = _paragraph(doc)
            sub.paragraph_format.keep_with_next = True
            _run(sub, f"（{NUMERALS[group_index]}）{group_title}", SUBHEADING_FONT, 16)
            for number, item in enumerate(items, start=1):
                _run(_paragraph(doc), f"{number}. {item}", BODY_FONT, 16)

    _run(_paragraph(doc), text.closing, BODY_FONT, 16)
    _paragraph(doc, indent=False)
    for line in (text.signature, text.date_text):
        p = _paragraph(doc, WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        p.paragraph_format.right_indent = Pt(64)  # 右空四字
        _run(p, line, BODY_FONT, 16)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
