"""The ledger as offices print it: a title row, a two-row header, rows grouped by region with a
小计 row per region and a 合计 row, amounts in 万元 with two decimals, header frozen, A3
landscape with the header repeated on every page.

Written with xlsxwriter in constant-memory mode from one streaming query, so a large ledger
never sits in memory. Text is always written as text; text that Excel would take for a formula
(= + - @) also gets the quote prefix, so Excel shows it and never runs it.
"""

import unicodedata
from decimal import Decimal

import xlsxwriter
from django.db.models import FilteredRelation, Min, Q
from django.utils.translation import gettext as _

from saima.projects.choices import INDUSTRY_SECTIONS, Stage

from .mapping import FIELD_BY_KEY

SINGLE = [
    "seq",
    "code",
    "name",
    "region",
    "content",
    "industry",
    "nature",
    "category",
    "owner_name",
    "owner_uscc",
    "location",
    "land_mu",
    "plan_level",
    "department",
    "total_investment_wan",
]
PLAN = ["year_nature", "annual_plan_wan", "resumed_on"]
STAGES = [f"stage_{s}" for s in Stage.values]
KEYS = SINGLE + PLAN + STAGES
VALUES = [
    "code",
    "name",
    "region_id",
    "region__name",
    "content",
    "industry",
    "nature",
    "category",
    "owner_name",
    "owner_uscc",
    "location",
    "land_mu",
    "plan_level",
    "department__name",
    "total_investment_wan",
    "plan_y__nature",
    "plan_y__annual_plan_wan",
    "plan_y__resumed_on",
    *[f"ev_{i}__date" for i in range(len(Stage.values))],
]
TEXT, NUMBER, AREA, DATE = "text", "number", "area", "date"
KIND = {
    "land_mu": AREA,
    "total_investment_wan": NUMBER,
    "annual_plan_wan": NUMBER,
    "resumed_on": DATE,
}
KIND.update(dict.fromkeys(STAGES, DATE))
MAX_WIDTH = {"content": 40, "name": 36, "owner_name": 28, "location": 24}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INDUSTRY = {code: f"{code} {name}" for code, name in INDUSTRY_SECTIONS}
THRESHOLD_WAN = Decimal(5000)


def text_width(text: str) -> int:
    """Columns a text needs: CJK (wide and full-width) characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ledger_rows(queryset, year: int):
    """The projects, grouped by region, with this year's plan and the stage dates."""
    relations = {"plan_y": FilteredRelation("plans", condition=Q(plans__year=year))}
    for i, stage in enumerate(Stage.values):
        relations[f"ev_{i}"] = FilteredRelation(
            "stage_events", condition=Q(stage_events__stage=stage)
        )
    ordering = [o for o in queryset.query.order_by if o.lstrip("-") not in ("region_id", "region")]
    return (
        queryset.annotate(**relations)
        .order_by("region_id", *(ordering or ["name"]), "id")
        .values_list(*VALUES)
    )


def ledger_title(region, year: int, queryset) -> str:
    lowest = queryset.aggregate(low=Min("total_investment_wan"))["low"]
    threshold = "5000万元以上" if lowest is not None and lowest >= THRESHOLD_WAN else ""
    where = region.name if region is not None else ""
    return _("%(year)s年%(where)s%(threshold)s重点项目台账") % {
        "year": year,
        "where": where,
        "threshold": threshold,
    }


class Sheet:
    """One worksheet being written row by row, keeping each column's width."""

    def __init__(self, book, year):
        self.book = book
        self.ws = book.add_worksheet(_("%(year)s年台账") % {"year": year})
        base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
        self.f_title = book.add_format(
            {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        )
        self.f_head = book.add_format(
            {**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}
        )
        self.f_text = book.add_format(base)
        self.f_quoted = book.add_format({**base, "quote_prefix": True})
        self.f_wrap = book.add_format({**base, "text_wrap": True})
        self.f_money = book.add_format({**base, "num_format": "#,##0.00"})
        self.f_area = book.add_format({**base, "num_format": "0.00"})
        self.f_date = book.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"})
        self.f_grid = book.add_format({"border": 1})
        self.f_sum_text = book.add_format({**base, "bold": True})
        self.f_sum_money = book.add_format({**base, "bold": True, "num_format": "#,##0.00"})
        self.widths = [4] * len(KEYS)
        self.row = 0

    def text(self, col, value, fmt=None):
        if not value:
            return
        if fmt is None:
            fmt = self.f_quoted if value.startswith(FORMULA_START) else None
        self.ws.write_string(self.row, col, value, fmt)
        if 2 * len(value) > self.widths[col]:
            self.widths[col] = max(self.widths[col], text_width(value))

    def header(self, title: str, year: int) -> None:
        ws, last = self.ws, len(KEYS) - 1
        ws.merge_range(0, 0, 0, last, title, self.f_title)
        ws.set_row(0, 30)
        groups = [
            (len(SINGLE), len(SINGLE) + len(PLAN) - 1, _("%(y)s年度计划") % {"y": year}),
            (len(SINGLE) + len(PLAN), last, _("项目节点")),
        ]
        self.row = 1
        for col, key in enumerate(SINGLE):
            self.text(col, str(FIELD_BY_KEY[key].label), self.f_head)
        for first, end, label in groups:
            ws.merge_range(1, first, 1, end, label, self.f_head)
        self.row = 2
        for col in range(len(SINGLE)):
            ws.write_blank(2, col, None, self.f_head)
        for col in range(len(SINGLE), len(KEYS)):
            self.text(col, str(FIELD_BY_KEY[KEYS[col]].label), self.f_head)
        # Constant-memory mode cannot go back to row 1 once row 2 is written, so the vertical
        # merges of the single-row labels are registered directly; their cells are in place.
        ws.merge.extend([1, col, 2, col] for col in range(len(SINGLE)))
        ws.set_row(1, 22)
        ws.set_row(2, 22)
        ws.freeze_panes(3, 3)
        ws.repeat_rows(1, 2)
        self.row = 3

    def project(self, seq: int, r) -> None:
        ws, row = self.ws, self.row
        ws.write_number(row, 0, seq)
        self.text(1, r[0] or "")
        self.text(2, r[1])
        self.text(3, r[3])
        self.text(4, r[4], self.f_quoted if r[4].startswith(FORMULA_START) else self.f_wrap)
        self.text(5, INDUSTRY.get(r[5], ""))
        for col, value in zip(range(6, 11), r[6:11], strict=True):
            self.text(col, value)
        if r[11] is not None:
            ws.write_number(row, 11, float(r[11]), self.f_area)
        self.text(12, r[12])
        self.text(13, r[13] or "")
        ws.write_number(row, 14, float(r[14]), self.f_money)
        self.text(15, r[15] or "")
        if r[16] is not None:
            ws.write_number(row, 16, float(r[16]), self.f_money)
        for col, value in enumerate(r[17:], start=17):
            if value is not None:
                ws.write_datetime(row, col, value, self.f_date)
        self.row += 1

    def sums(self, label: str, count: int, total: Decimal, plan: Decimal) -> None:
        ws, row = self.ws, self.row
        for col in range(len(KEYS)):
            ws.write_blank(row, col, None, self.f_sum_text)
        self.text(2, _("%(label)s（%(n)s个）") % {"label": label, "n": count}, self.f_sum_text)
        ws.write_number(row, 14, float(total), self.f_sum_money)
        ws.write_number(row, 16, float(plan), self.f_sum_money)
        self.row += 1

    def finish(self) -> None:
        ws = self.ws
        # Empty cells are not written (that is most of the cost); one conditional format
        # draws the grid over the whole table instead, so the printout has no gaps.
        ws.conditional_format(
            3, 0, self.row - 1, len(KEYS) - 1, {"type": "no_errors", "format": self.f_grid}
        )
        for col, key in enumerate(KEYS):
            if KIND.get(key) == NUMBER:
                width = 14
            elif KIND.get(key) == DATE:
                width = 11
            else:
                width = min(self.widths[col] + 2, MAX_WIDTH.get(key, 30))
            ws.set_column(col, col, max(width, 6))
        ws.set_landscape()
        ws.set_paper(8)  # A3
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C" + _("第 &P 页 共 &N 页"))


def export_ledger(queryset, output, *, year: int, region=None) -> int:
    """Write the projects of `queryset` to `output` (a path); return the number of projects."""
    # Plain text cells carry no format of their own (the workbook's default font, and the grid
    # from the conditional format): a style on every cell would cost a third of the time.
    book = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "default_format_properties": {"font_name": "宋体", "font_size": 10},
        },
    )
    sheet = Sheet(book, year)
    sheet.header(ledger_title(region, year, queryset), year)
    count, current, current_name, group = 0, None, "", [0, Decimal(0), Decimal(0)]
    total, plan_total = Decimal(0), Decimal(0)
    for r in ledger_rows(queryset, year).iterator(chunk_size=2000):
        if r[2] != current:
            if current is not None:
                sheet.sums(_("%(r)s小计") % {"r": current_name}, *group)
            current, current_name, group = r[2], r[3], [0, Decimal(0), Decimal(0)]
        count += 1
        sheet.project(count, r)
        group[0] += 1
        group[1] += r[14]
        group[2] += r[16] or 0
        total += r[14]
        plan_total += r[16] or 0
    if current is not None:
        sheet.sums(_("%(r)s小计") % {"r": current_name}, *group)
    sheet.sums(_("合计"), count, total, plan_total)
    sheet.finish()
    book.close()
    return count
