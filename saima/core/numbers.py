"""Exact arithmetic and display rounding for money and rates.

Amounts are Decimals in 万元 everywhere; rates are Decimals in percent. Rounding happens only
here, at display time, and always half-up (四舍五入).
"""

from decimal import ROUND_HALF_UP, Decimal

WAN_PER_YI = Decimal(10000)
ZERO = Decimal(0)
HUNDRED = Decimal(100)
API_PLACES = Decimal("0.0001")


def to_decimal(value) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def rate(part, whole) -> Decimal | None:
    """part ÷ whole in percent, exact; None when the whole is zero (the rate is undefined)."""
    whole = to_decimal(whole)
    if whole == 0:
        return None
    return to_decimal(part) * HUNDRED / whole


def round_half_up(value: Decimal, places: int) -> Decimal:
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def api_decimal(value: Decimal | None) -> str | None:
    """Decimals in the API: four places, so 10 ÷ 11 reads 90.9091."""
    if value is None:
        return None
    return str(round_half_up(value, 4))


def fmt_percent(value: Decimal | None, places: int = 1) -> str:
    """18 of 16 → '112.5%'; 2 of 3 → '66.7%'; an undefined rate → '—'."""
    if value is None:
        return "—"
    return f"{round_half_up(value, places)}%"


def fmt_wan(value, places: int = 2) -> str:
    """An amount in 万元 with thousands separators: 12345.6 → '12,345.60'."""
    return f"{round_half_up(to_decimal(value), places):,}"


def fmt_yi(value_wan, places: int = 2) -> str:
    """An amount given in 万元 shown in 亿元: 10235000 → '1,023.50'."""
    return f"{round_half_up(to_decimal(value_wan) / WAN_PER_YI, places):,}"


def fmt_points(value: Decimal | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{round_half_up(value, places)}"
