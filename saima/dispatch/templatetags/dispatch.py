from django import template
from django.utils.translation import gettext

from saima.core import numbers
from saima.dispatch.panel import default_period
from saima.dispatch.panel import pace_panel as build_panel
from saima.figures.cache import cached

register = template.Library()


@register.inclusion_tag("dispatch/_pace_panel.html")
def pace_panel(region, period=None):
    """{% load dispatch %}{% pace_panel region %}: the region's investment pace panel."""
    return cached(build_panel, region, period or default_period(region))


@register.filter
def figure(value, key):
    """A snapshot figure for display: amounts in 亿元, points signed, rates in percent, counts
    as they are; "—" when unknown."""
    if value is None:
        return "—"
    if key.endswith("_wan"):
        return f"{numbers.fmt_yi(value)}{gettext('亿元')}"
    if key.endswith("_points"):
        return _signed(value, gettext("个百分点"))
    if key.endswith(("_rate", "_progress")):
        return numbers.fmt_percent(value)
    return value


def _signed(value, unit):
    text = numbers.fmt_points(value)
    return text if value is None else f"{'+' if value > 0 else ''}{text}{unit}"


@register.filter
def yoy(comparison):
    """Growth of an amount in percent, change of a rate in points, change of a count."""
    if comparison.change is None:
        return "—"
    if comparison.kind == "rate":
        return _signed(comparison.change, gettext("个百分点"))
    if comparison.growth is not None:
        return _signed(comparison.growth, "%")
    return f"{'+' if comparison.change > 0 else ''}{comparison.change}"


@register.filter
def pace_verdict(points):
    """ "高于序时进度2.5个百分点" / "低于…" / "与序时进度持平"; "—" when undefined."""
    if points is None:
        return gettext("投资完成率：—（无年度计划）")
    rounded = numbers.round_half_up(points, 1)
    if rounded == 0:
        return gettext("与序时进度持平")
    key = (
        gettext("高于序时进度%(n)s个百分点")
        if rounded > 0
        else gettext("低于序时进度%(n)s个百分点")
    )
    return key % {"n": abs(rounded)}
