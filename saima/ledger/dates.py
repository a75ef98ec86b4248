"""Dates as offices write them: 2022-03-15, 2022/3/15, 2022.3, 2022年3月, 2022年3月15日,
20220315, real date cells and Excel serial numbers. A month without a day means its first day.
"""

import math
import re
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .amounts import half_width
from .report import CellError

EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 1990-01-01 and 2100-12-31: anything else is not a plausible ledger date.
SERIAL_MIN, SERIAL_MAX = 32874, 73415
EXPECTED = gettext_lazy("应为日期，如 2022-03-15、2022/3/15、2022.3、2022年3月 或 2022年3月15日")

DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*(?:月)?\s*(?:[-/.]?\s*(?P<d>\d{1,2})\s*[日号]?)?)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
COMPACT_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")


class Ambiguous(UserWarning):
    """The date was read, but the cell may not mean what it seems (2022.1 may be 2022.10)."""


def _make(year: int, month: int, day: int, text) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("日期“%(text)s”不存在") % {"text": text}, EXPECTED) from None


def parse_date(value, warnings: list | None = None) -> date | None:
    """A cell → date (None for a blank cell). Raises CellError; appends notes to `warnings`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(_("不是日期"), EXPECTED)
    if isinstance(value, int | float):
        return _from_number(value, warnings)
    if not isinstance(value, str):
        raise CellError(_("不是日期（%(value)s）") % {"value": value}, EXPECTED)
    text = half_width(value).strip()
    if text in ("", "-", "—", "/", "无"):
        return None
    if match := COMPACT_RE.match(text):
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), value)
    if match := DATE_RE.match(text):
        if match["m"] is None:
            raise CellError(_("日期“%(text)s”缺少月份") % {"text": value}, EXPECTED)
        return _make(int(match["y"]), int(match["m"]), int(match["d"] or 1), value)
    raise CellError(_("无法识别的日期“%(text)s”") % {"text": value}, EXPECTED)


def _from_number(value, warnings) -> date:
    if not math.isfinite(value):
        raise CellError(_("数值超出范围"), EXPECTED)
    if 1990 <= value < 2101 and value != int(value):
        # 2022.3 typed into a number cell: year.month. Excel drops a trailing zero, so
        # 2022.1 may have been typed as 2022.10.
        year, _dot, month = repr(float(value)).partition(".")
        if month == "1" and warnings is not None:
            warnings.append(
                _("“%(v)s”读作%(y)s年1月；若指10月，请把单元格写成文本“%(v)s0”")
                % {"v": value, "y": year}
            )
        return _make(int(year), int(month), 1, value)
    if SERIAL_MIN <= value <= SERIAL_MAX:
        return EXCEL_EPOCH + timedelta(days=int(value))
    if value == int(value) and 19900101 <= value <= 21001231:
        text = str(int(value))
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]), value)
    raise CellError(_("数字%(value)s不是有效的日期") % {"value": value}, EXPECTED)
