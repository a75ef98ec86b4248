"""Ledger columns: what Saima reads and writes, and how offices name them.

Each field has the header Saima writes on export and the patterns by which it recognises the
names other offices use. A header may be two rows ("投资（万元）" over "总投资" / "计划投资"): the
upper label is tried together with the lower one, then the lower one alone. A match through a
weak pattern (e.g. "性质", which could mean 建设性质 or 新建/续建) is shown to the user in the
preview as unsure, and the user may map any column to any field there.
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.projects.choices import Stage

from .amounts import WAN, half_width, unit_of


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str
    strong: tuple[str, ...]
    weak: tuple[str, ...] = ()
    group: str = ""
    width: int = 0

    @property
    def regexes(self):
        return [re.compile(f"^(?:{p})$") for p in self.strong], [
            re.compile(f"^(?:{p})$") for p in self.weak
        ]


Y = r"(?:\d{4}年?)?"
FIELDS = [
    Field("seq", gettext_lazy("序号"), "seq", ("序号", "序", "编号", "no\\.?")),
    Field(
        "code",
        gettext_lazy("项目代码"),
        "code",
        (
            "项目代码",
            "项目编码",
            "投资项目代码",
            "项目统一代码",
            "统一项目代码",
            "项目赋码",
            "审批监管平台代码",
        ),
        ("代码",),
    ),
    Field(
        "name",
        gettext_lazy("项目名称"),
        "name",
        ("项目名称", "项目名", "工程名称", "项目"),
        ("名称",),
    ),
    Field(
        "region",
        gettext_lazy("所在区划"),
        "region",
        (
            "所在区划",
            "所属区划",
            "行政区划",
            "行政区划代码",
            "县",
            "县区",
            "县市区",
            "区县",
            "所在县区",
            "所属县区",
            "所在地区",
            "所属地区",
            "属地",
        ),
        ("地区", "区域", "区划"),
    ),
    Field(
        "content",
        gettext_lazy("建设内容"),
        "text",
        (
            "建设内容",
            "建设内容及规模",
            "建设规模及内容",
            "建设规模和内容",
            "主要建设内容",
            "项目概况",
            "建设规模",
        ),
        width=40,
    ),
    Field(
        "industry",
        gettext_lazy("国民经济行业"),
        "industry",
        ("国民经济行业", "国民经济行业分类", "所属行业", "行业分类", "行业类别", "行业"),
    ),
    Field("nature", gettext_lazy("建设性质"), "nature", ("建设性质", "项目建设性质"), ("性质",)),
    Field(
        "category",
        gettext_lazy("项目类别"),
        "category",
        ("项目类别", "项目类型", "项目分类", "类别"),
        ("类型",),
    ),
    Field(
        "owner_name",
        gettext_lazy("项目单位"),
        "text",
        (
            "项目单位",
            "建设单位",
            "业主单位",
            "项目业主",
            "项目法人",
            "项目建设单位",
            "建设主体",
            "实施单位",
        ),
    ),
    Field(
        "owner_uscc",
        gettext_lazy("统一社会信用代码"),
        "uscc",
        ("统一社会信用代码", "社会信用代码", "信用代码"),
    ),
    Field(
        "location",
        gettext_lazy("建设地点"),
        "text",
        ("建设地点", "项目地点", "建设地址", "项目位置", "所在位置", "地点"),
    ),
    Field(
        "land_mu",
        gettext_lazy("用地面积（亩）"),
        "area",
        ("用地面积", "占地面积", "用地规模", "用地", "占地"),
    ),
    Field(
        "plan_level", gettext_lazy("计划级别"), "plan_level", ("计划级别", "项目级别"), ("级别",)
    ),
    Field(
        "department",
        gettext_lazy("责任单位"),
        "department",
        ("责任单位", "牵头单位", "责任部门", "包保单位"),
        ("主管部门",),
    ),
    Field(
        "total_investment_wan",
        gettext_lazy("总投资（万元）"),
        "amount",
        (
            "总投资",
            "计划总投资",
            "项目总投资",
            "投资总额",
            "总投资计划",
            "估算总投资",
            "投资总投资",
        ),
        ("投资规模",),
    ),
    Field(
        "year_nature",
        gettext_lazy("新建/续建"),
        "year_nature",
        (
            "年度性质",
            "新建续建",
            "新续建",
            "续建新建",
            "年度建设性质",
            Y + "年度计划性质",
            Y + "年度计划新建续建",
            Y + "计划新建续建",
        ),
        ("建设阶段",),
        group="plan",
    ),
    Field(
        "annual_plan_wan",
        gettext_lazy("计划投资（万元）"),
        "amount",
        (
            Y + "(?:年度|本年度|本年|当年|全年)计划(?:完成)?投资(?:额)?",
            Y + "年度投资计划",
            Y + "年度计划",
            r"\d{4}年?计划(?:完成)?投资(?:额)?",
            Y + "年度计划(?:计划投资|投资|计划投资额|年度计划投资|计划完成投资|投资计划)",
        ),
        ("计划投资", "计划完成投资"),
        group="plan",
    ),
    Field(
        "resumed_on",
        gettext_lazy("复工日期"),
        "date",
        ("(?:实际)?复工(?:日期|时间)", Y + "年度计划复工(?:日期|时间)?"),
        group="plan",
    ),
    *[
        Field(
            f"stage_{stage}",
            f"{stage}日期",
            "date",
            (
                f"(?:实际)?{stage}(?:日期|时间)?",
                f"项目节点{stage}(?:日期|时间)?",
                f"时间节点{stage}(?:日期|时间)?",
            ),
            group=gettext_lazy("项目节点"),
        )
        for stage in Stage.values
    ],
]
FIELD_BY_KEY = {f.key: f for f in FIELDS}
STAGE_FIELDS = {f"stage_{stage}": stage for stage in Stage.values}
PLAN_KEYS = ("year_nature", "annual_plan_wan", "resumed_on")
AMOUNT_KEYS = ("total_investment_wan", "annual_plan_wan")
_COMPILED = [(f, *f.regexes) for f in FIELDS]

BRACKETS_RE = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
NOISE_RE = re.compile(r"[\s*＊/、，,:：.·_\-—]+")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
PLANNED_WORDS = ("计划", "预计", "拟")


def normalize(label) -> str:
    """A header label reduced to what identifies it: no spaces, units or brackets."""
    text = half_width(str(label or "")).lower()
    return NOISE_RE.sub("", BRACKETS_RE.sub("", text))


def match_label(text: str) -> tuple[str | None, bool]:
    """The field key a normalised label names, and whether the match is sure."""
    if not text:
        return None, False
    for field, strong, _weak in _COMPILED:
        if any(r.match(text) for r in strong):
            return field.key, True
    for field, _strong, weak in _COMPILED:
        if any(r.match(text) for r in weak):
            return field.key, False
    return None, False


def match_column(top, bottom) -> tuple[str | None, bool]:
    upper, lower = normalize(top), normalize(bottom)
    if not lower:
        return match_label(upper)
    key, sure = match_label(upper + lower)
    if key:
        return key, sure
    key, sure = match_label(lower)
    if (
        key
        and (key.startswith("stage_") or key == "resumed_on")
        and any(w in str(top) for w in PLANNED_WORDS)
    ):
        # "计划" over "开工" is the planned start, which the ledger does not keep.
        return None, False
    return key, sure


@dataclass
class Column:
    """One column of the file and the field it feeds (key None: ignored)."""

    index: int
    top: str
    bottom: str
    key: str | None
    sure: bool
    unit: str = "万元"
    note: str = ""

    @property
    def label(self) -> str:
        top, bottom = self.top.strip(), self.bottom.strip()
        return f"{top} / {bottom}" if top and bottom and top != bottom else (bottom or top)

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def unit_factor(self) -> Decimal:
        return {"亿元": Decimal(10000), "元": Decimal("0.0001"), "千元": Decimal("0.1")}.get(
            self.unit, WAN
        )

    def as_dict(self) -> dict:
        return asdict(self)


def map_columns(header, default_unit: Decimal | None = None, overrides=None) -> list[Column]:
    """header: (top, bottom) per column. overrides: {column index: field key or ""}."""
    overrides = {int(k): v for k, v in (overrides or {}).items()}
    columns, taken = [], {}
    for index, (top, bottom) in enumerate(header):
        top, bottom = str(top or "").strip(), str(bottom or "").strip()
        if index in overrides:
            key = overrides[index] or None
            if key is not None and key not in FIELD_BY_KEY:
                key = None
            sure = True
        else:
            key, sure = match_column(top, bottom)
        unit = unit_of(bottom) or unit_of(top) or default_unit or WAN
        column = Column(index, top, bottom, key, sure, _unit_name(unit))
        if key and key in taken and index not in overrides:
            first = taken[key]
            column.note = _("与第%(n)s列同为“%(field)s”，已忽略") % {
                "n": first.number,
                "field": FIELD_BY_KEY[key].label,
            }
            column.key, column.sure = None, False
        elif key:
            taken[key] = column
        if not column.key and not column.note and (top or bottom):
            column.note = _("未识别，导入时忽略")
        columns.append(column)
    return columns


def _unit_name(unit: Decimal) -> str:
    return {Decimal(10000): "亿元", Decimal("0.0001"): "元", Decimal("0.1"): "千元"}.get(
        unit, "万元"
    )


def header_score(row) -> int:
    """How many cells of a row read as known column names (to find the header row)."""
    return sum(1 for cell in row if isinstance(cell, str) and match_label(normalize(cell))[1])


def year_in(*texts) -> int | None:
    for text in texts:
        if match := YEAR_RE.search(half_width(str(text or ""))):
            return int(match.group(1))
    return None


def field_choices():
    """(key, label) pairs for the preview's column selects."""
    return [("", _("（忽略此列）"))] + [(f.key, str(f.label)) for f in FIELDS if f.key != "seq"]
