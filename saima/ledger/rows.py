"""Reading one data row: which rows are data, and each cell turned into a clean value.

Blank rows, section rows ("一、产业项目", a region's name alone), subtotal rows (小计) and total
rows (合计) are recognised here; the importer skips them and checks the totals.
"""

import math
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.core.validators import PROJECT_CODE_RE, validate_uscc
from saima.projects.choices import INDUSTRY_SECTIONS, Category, ConstructionNature, PlanLevel
from saima.regions.models import Department, Region

from .amounts import half_width, parse_amount
from .dates import parse_date
from .mapping import FIELD_BY_KEY
from .report import CellError

BLANK, DATA, SECTION, SUBTOTAL, TOTAL = "blank", "data", "section", "subtotal", "total"
ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部分类批项])"
)
# "东昌区小计", "合计（25个）", "全市总计": a short label ending in the word, not a project
# whose name merely contains it (综合计量检测中心).
TOTAL_RE = re.compile(r"^\S{0,12}?(?:合\s*计|总\s*计)\s*(?:[（(][^）)]*[）)])?\s*[:：]?$")
SUBTOTAL_RE = re.compile(r"^\S{0,12}?小\s*计\s*(?:[（(][^）)]*[）)])?\s*[:：]?$")
HEADING_RE = re.compile(
    r"^\s*(?:[（(][^）)]*[）)])?\s*(?:共?\d+个)?\s*(?:重点)?(?:项目)?\s*[:：]?$"
)
SPACES_RE = re.compile(r"\s+")
# Full-width digits and letters in names become half-width; Chinese punctuation stays.
TEXT_TABLE = {
    c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
TEXT_TABLE[0x3000] = 0x20
TEXT_TABLE[0xA0] = 0x20

NATURE_SYNONYMS = {v: v for v in ConstructionNature.values} | {
    "改建": ConstructionNature.RENOVATION,
    "技术改造": ConstructionNature.RENOVATION,
    "技改": ConstructionNature.RENOVATION,
    "改扩建": ConstructionNature.EXPANSION,
}
CATEGORY_SYNONYMS = {v: v for v in Category.values} | {
    "产业类": Category.INDUSTRY,
    "产业项目": Category.INDUSTRY,
    "基础设施类": Category.INFRASTRUCTURE,
    "社会民生类": Category.SOCIAL,
    "民生": Category.SOCIAL,
    "生态环保类": Category.ECOLOGY,
    "生态环境": Category.ECOLOGY,
    "生态环境类": Category.ECOLOGY,
    "其他类": Category.OTHER,
}
LEVEL_SYNONYMS = {v: v for v in PlanLevel.values} | {
    "省级": PlanLevel.PROVINCE,
    "市级": PlanLevel.CITY,
    "县级": PlanLevel.COUNTY,
    "县区级": PlanLevel.COUNTY,
}
YEAR_NATURE_SYNONYMS = {
    "新建": "新建",
    "新开工": "新建",
    "新开": "新建",
    "续建": "续建",
    "续": "续建",
}
INDUSTRY_BY_NAME = {name: code for code, name in INDUSTRY_SECTIONS}
MAX_LENGTH = {"name": 200, "owner_name": 200, "location": 200}


def blank(cell) -> bool:
    return cell is None or cell == "" or (isinstance(cell, str) and not cell.strip())


def clean_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).translate(TEXT_TABLE)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = SPACES_RE.sub(" ", text)
    return text.strip()


def classify(cells, name_index: int | None, regions: "Regions") -> tuple[str, str]:
    """The kind of a row and, for a section row, its text."""
    filled = [
        (i, c)
        for i, c in enumerate(cells)
        if c is not None and c != "" and not (c.__class__ is str and c.isspace())
    ]
    if not filled:
        return BLANK, ""
    reach = max(4, (name_index or 0) + 1)
    for i, text in filled:
        if i >= reach:
            break
        if text.__class__ is not str:
            continue
        text = text.strip()
        if SUBTOTAL_RE.match(text):
            return SUBTOTAL, text
        if TOTAL_RE.match(text):
            return TOTAL, text
    if len(filled) > 2 or filled[0][1].__class__ is not str:
        return DATA, ""
    first_text = clean_text(filled[0][1])
    if ORDINAL_RE.match(first_text):
        return SECTION, first_text
    if len(filled) == 1 and (filled[0][0] != name_index or regions.leading(first_text)):
        return SECTION, first_text
    return DATA, ""


class Regions:
    """Regions by code and by name ("东昌区", "东昌", "通化市东昌区"), loaded once."""

    def __init__(self):
        self.by_code = {r.code: r for r in Region.objects.all()}
        self.by_name: dict[str, list[Region]] = {}
        for region in self.by_code.values():
            names = {region.name}
            if len(region.name) > 2 and region.name[-1] in "省市区县州旗":
                names.add(region.name[:-1])
            parent = self.by_code.get(region.parent_id) if region.parent_id else None
            if parent:
                names.add(parent.name + region.name)
            for name in names:
                self.by_name.setdefault(name, []).append(region)
        self._leading = sorted((n for n in self.by_name if len(n) >= 2), key=len, reverse=True)

    def find(self, value, within: Region | None = None) -> Region:
        text = half_width(clean_text(value)).replace(" ", "")
        if isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text in self.by_code:
            return self.by_code[text]
        found = self.by_name.get(text, [])
        if len(found) > 1 and within is not None:
            found = [r for r in found if r.code.startswith(within.prefix)] or found
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(_("区划名称“%(v)s”不唯一") % {"v": value}, _("请填写6位行政区划代码"))
        raise CellError(
            _("未知的区划“%(v)s”") % {"v": value}, _("应为已登记的区划名称或行政区划代码")
        )

    def leading(self, text: str) -> Region | None:
        """The region a section heading names ("一、东昌区（25个）" → 东昌区), if any."""
        text = ORDINAL_RE.sub("", text.strip())
        for name in self._leading:
            if text.startswith(name) and HEADING_RE.match(text[len(name) :]):
                found = self.by_name[name]
                return found[0] if len(found) == 1 else None
        return None


class Departments:
    def __init__(self):
        self._cache = {}

    def find(self, name: str, region: Region, regions: Regions) -> Department:
        key = (name, region.code)
        if key not in self._cache:
            chain = [region.code]
            parent = region.parent_id
            while parent:
                chain.append(parent)
                parent = regions.by_code[parent].parent_id if parent in regions.by_code else None
            found = {
                d.region_id: d for d in Department.objects.filter(name=name, region_id__in=chain)
            }
            self._cache[key] = next((found[c] for c in chain if c in found), None)
        if self._cache[key] is None:
            raise CellError(
                _("未找到责任单位“%(v)s”") % {"v": name},
                _("应为%(region)s或其上级已登记的责任单位") % {"region": region.name},
            )
        return self._cache[key]


CHOICES = {
    "nature": (
        NATURE_SYNONYMS,
        format_lazy("{}{}", gettext_lazy("应为："), "、".join(ConstructionNature.values)),
    ),
    "category": (
        CATEGORY_SYNONYMS,
        format_lazy("{}{}", gettext_lazy("应为："), "、".join(Category.values)),
    ),
    "plan_level": (LEVEL_SYNONYMS, gettext_lazy("应为：省、市、县")),
    "year_nature": (YEAR_NATURE_SYNONYMS, gettext_lazy("应为：新建 或 续建")),
}


def _choice(table, value, expected):
    text = clean_text(value).replace(" ", "")
    if text in table:
        return table[text]
    raise CellError(_("“%(v)s”不是可选的值") % {"v": value}, expected)


def _code(value):
    text = half_width(clean_text(value)).replace(" ", "").upper()
    if not PROJECT_CODE_RE.match(text) or not 1 <= int(text[2:4]) <= 12:
        raise CellError(
            _("项目代码“%(v)s”格式不对") % {"v": value},
            _("应为24位 YYMM-RRRRRR-DD-TT-NNNNNN，如 2201-220502-04-01-123456"),
        )
    return text


def _uscc(value):
    text = half_width(clean_text(value)).replace(" ", "").upper()
    try:
        validate_uscc(text)
    except ValidationError as err:
        raise CellError(err.messages[0], _("应为18位统一社会信用代码")) from None
    return text


def _industry(value):
    text = half_width(clean_text(value)).replace(" ", "")
    if text[:1].upper() in dict(INDUSTRY_SECTIONS) and (
        len(text) == 1 or text[1:] in INDUSTRY_BY_NAME
    ):
        return text[:1].upper()
    if text in INDUSTRY_BY_NAME:
        return INDUSTRY_BY_NAME[text]
    raise CellError(
        _("“%(v)s”不是国民经济行业门类") % {"v": value},
        _("应为GB/T 4754-2017门类字母或名称，如 C 或 制造业"),
    )


def _area(value):
    try:
        if isinstance(value, float | int) and not isinstance(value, bool):
            area = Decimal(repr(value))
        else:
            area = Decimal(half_width(clean_text(value)).replace(",", "").removesuffix("亩"))
    except InvalidOperation:
        raise CellError(_("“%(v)s”不是面积") % {"v": value}, _("应为亩数，如 181.8")) from None
    if not area.is_finite():  # "NaN", "Infinity" are Decimal's own words
        raise CellError(_("“%(v)s”不是面积") % {"v": value}, _("应为亩数，如 181.8"))
    if area < 0 or area >= 10**10 or area != area.quantize(Decimal("0.01")):
        raise CellError(_("面积“%(v)s”不合要求") % {"v": value}, _("应为0或正数，最多2位小数"))
    return area.quantize(Decimal("0.01"))


def convert(key: str, kind: str, value, unit: Decimal, notes: list):
    """One cell of a mapped column → its clean value (raises CellError)."""
    if isinstance(value, float) and not math.isfinite(value):
        # A number too large for the file's format is read as infinity (or written as NaN).
        raise CellError(_("数值超出范围"), _("应为有限的数字"))
    if kind in ("name", "text"):
        text = clean_text(value)
        limit = MAX_LENGTH.get(key)
        if limit and len(text) > limit:
            raise CellError(
                _("内容过长（%(n)s字）") % {"n": len(text)}, _("应不超过%(n)s字") % {"n": limit}
            )
        return text
    if kind == "amount":
        return parse_amount(value, unit)
    if kind == "date":
        return parse_date(value, notes)
    if kind == "code":
        return _code(value)
    if kind == "uscc":
        return _uscc(value)
    if kind == "industry":
        return _industry(value)
    if kind == "area":
        return _area(value)
    if kind in CHOICES:
        table, expected = CHOICES[kind]
        return _choice(table, value, expected)
    return clean_text(value)


def kind_of(key: str) -> str:
    return FIELD_BY_KEY[key].kind
