"""Amounts as offices write them, converted exactly to Decimal 万元.

A header gives the column's unit (万元, 亿元, 元); a cell may override it with its own
("1.2亿", "8000万", "三亿五千万"). Chinese numerals go through cn2an, piece by piece, so the
result stays exact (cn2an alone turns "三点五" into a float).
"""

import re
from decimal import Decimal, InvalidOperation

import cn2an
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .report import CellError

WAN = Decimal(1)
YI = Decimal(10000)
YUAN = Decimal("0.0001")
PLACES = Decimal("0.0001")
MAX_WAN = Decimal(10) ** 14

UNIT_RE = re.compile(r"(亿元|万元|千元|元)")
UNITS = {"亿元": YI, "万元": WAN, "千元": Decimal("0.1"), "元": YUAN}
UNIT_NAMES = {YI: "亿元", WAN: "万元", YUAN: "元", Decimal("0.1"): "千元"}

# Full-width ASCII (！ to ～) → half-width; the ideographic space → a space.
HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
HALF_WIDTH[0x3000] = 0x20
HALF_WIDTH[0xA0] = 0x20

NUMBER_RE = re.compile(r"^[-+]?\d+(\.\d+)?$")
ARABIC_SMALL_RE = re.compile(r"^(\d+(?:\.\d+)?)([十百千])?$")
SMALL = {"十": 10, "百": 100, "千": 1000, None: 1}
CN_DIGITS = dict(zip("零〇一二三四五六七八九", "00123456789", strict=True))
EXPECTED = gettext_lazy("应为金额，如 12345.67、1.2亿、8000万 或 三亿五千万")


def half_width(text: str) -> str:
    return text.translate(HALF_WIDTH)


def unit_of(text: str) -> Decimal | None:
    """The unit named in a header or title ("总投资（亿元）" → 10000), or None."""
    match = UNIT_RE.search(half_width(text or ""))
    return UNITS[match.group(1)] if match else None


def _small_number(text: str) -> Decimal:
    """A number below 万: "2000", "1.5千", "五千", "三点五"."""
    if not text:
        return Decimal(0)
    if match := ARABIC_SMALL_RE.match(text):
        return Decimal(match.group(1)) * SMALL[match.group(2)]
    whole, _dot, fraction = text.partition("点")
    if fraction and not all(c in CN_DIGITS for c in fraction):
        raise CellError(_("无法识别的数字“%(text)s”") % {"text": text}, EXPECTED)
    try:
        number = Decimal(cn2an.cn2an(whole.lstrip("零") or "零", "smart")) if whole else Decimal(0)
    except (ValueError, KeyError, IndexError, TypeError):
        raise CellError(_("无法识别的数字“%(text)s”") % {"text": text}, EXPECTED) from None
    if fraction:
        number += Decimal("0." + "".join(CN_DIGITS[c] for c in fraction))
    return number


def _with_big_units(text: str) -> Decimal:
    """ "1亿2000万" or "三亿五千万" → the amount in 元."""
    yi, _sep, rest = text.rpartition("亿") if "亿" in text else ("", "", text)
    wan, _sep, rest = rest.rpartition("万") if "万" in rest else ("", "", rest)
    total = _small_number(rest)
    if wan:
        total += _small_number(wan) * 10000
    if yi:
        total += _small_number(yi) * 100000000
    return total


def parse_amount(value, unit: Decimal = WAN) -> Decimal | None:
    """A cell → Decimal 万元 (None for a blank cell). Raises CellError."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("不是金额"), EXPECTED)
    if isinstance(value, int):
        amount = Decimal(value) * unit
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_("不是金额"), EXPECTED)
        amount = Decimal(repr(value)) * unit
    elif isinstance(value, Decimal):
        amount = value * unit
    elif isinstance(value, str):
        amount = _parse_text(value, unit)
        if amount is None:
            return None
    else:
        raise CellError(_("不是金额（%(value)s）") % {"value": value}, EXPECTED)
    return _checked(amount)


def _parse_text(value: str, unit: Decimal) -> Decimal | None:
    text = half_width(value).replace(",", "").replace("，", "").replace(" ", "").strip()
    if text in ("", "-", "—", "/", "无"):
        return None
    if text.endswith("元"):
        text = text[:-1]
    try:
        if NUMBER_RE.match(text):
            return Decimal(text) * unit
        if "亿" in text or "万" in text:
            return _with_big_units(text) / 10000
        return _small_number(text) * unit
    except InvalidOperation:
        raise CellError(_("无法识别的金额“%(value)s”") % {"value": value}, EXPECTED) from None
    except CellError as err:
        raise CellError(_("无法识别的金额“%(value)s”") % {"value": value}, err.expected) from None


def _checked(amount: Decimal) -> Decimal:
    if amount < 0:
        raise CellError(_("金额不能为负数"), _("应为0或正数"))
    if amount >= MAX_WAN:
        raise CellError(_("金额过大"), _("应小于10^14万元，请检查单位"))
    if amount != amount.quantize(PLACES):
        raise CellError(_("金额精确到了1元以下"), _("万元金额最多4位小数（精确到1元）"))
    return amount.quantize(PLACES)
