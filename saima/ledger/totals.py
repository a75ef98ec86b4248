"""The file's own subtotals (小计) and totals (合计), checked against the sum of its rows.

A subtotal closes the rows since the previous subtotal or section heading; a total covers every
row. Offices also put the 合计 row first, right under the header: such a leading total is
checked at the end of the file (a leading subtotal at the end of its group).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from saima.core.numbers import fmt_wan

from .amounts import parse_amount
from .mapping import AMOUNT_KEYS
from .report import CellError


class Totals:
    def __init__(self, columns, report):
        self.columns = [c for c in columns if c.key in AMOUNT_KEYS]
        self.report = report
        self.group = dict.fromkeys(AMOUNT_KEYS, Decimal(0))
        self.all = dict.fromkeys(AMOUNT_KEYS, Decimal(0))
        self.group_rows = self.all_rows = 0
        self.leading_subtotal = self.leading_total = None

    def add(self, values: dict) -> None:
        for key in AMOUNT_KEYS:
            if (value := values.get(key)) is not None:
                self.group[key] += value
                self.all[key] += value
        self.group_rows += 1
        self.all_rows += 1

    def section(self) -> None:
        self._close_group()

    def subtotal(self, number: int, cells) -> None:
        stated = self._stated(number, cells)
        if self.group_rows == 0:
            self.leading_subtotal = (number, stated)
            return
        self._compare(number, stated, self.group, _("小计"))
        self._reset_group()

    def total(self, number: int, cells) -> None:
        stated = self._stated(number, cells)
        if self.all_rows == 0:
            self.leading_total = (number, stated)
        else:
            self._compare(number, stated, self.all, _("合计"))

    def finish(self) -> None:
        self._close_group()
        if self.leading_total:
            self._compare(*self.leading_total, self.all, _("合计"))

    def _close_group(self) -> None:
        if self.leading_subtotal and self.group_rows:
            self._compare(*self.leading_subtotal, self.group, _("小计"))
        self.leading_subtotal = None
        self._reset_group()

    def _reset_group(self) -> None:
        self.group = dict.fromkeys(AMOUNT_KEYS, Decimal(0))
        self.group_rows = 0

    def _stated(self, number, cells) -> dict:
        stated = {}
        for column in self.columns:
            cell = cells[column.index] if column.index < len(cells) else None
            try:
                stated[column.key] = (column, parse_amount(cell, column.unit_factor))
            except CellError as err:
                self.report.warn(number, column.number, column.label, err.problem, err.expected)
        return stated

    def _compare(self, number, stated, sums, what) -> None:
        for key, (column, value) in stated.items():
            if value is not None and value != sums[key]:
                self.report.warn(
                    number,
                    column.number,
                    column.label,
                    _("文件中的%(what)s为%(stated)s万元，逐行相加为%(sum)s万元")
                    % {"what": what, "stated": _wan(value), "sum": _wan(sums[key])},
                    _("请核对%(what)s或明细行") % {"what": what},
                )


def _wan(value) -> str:
    """12000 → "12,000"; 301.5 → "301.5" (exact, up to the four places stored)."""
    text = fmt_wan(value, 4)
    return text.rstrip("0").rstrip(".") if "." in text else text
