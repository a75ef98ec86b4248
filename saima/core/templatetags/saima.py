from django import template

from saima.accounts.access import ledger_reach
from saima.core import numbers

register = template.Library()


@register.filter
def wan(value, places=2):
    """{{ amount|wan }} → 12,345.60 (万元)."""
    if value is None or value == "":
        return "—"
    return numbers.fmt_wan(value, int(places))


@register.filter
def yi(value, places=2):
    """{{ amount_wan|yi }} → 1,023.50 (亿元)."""
    if value is None or value == "":
        return "—"
    return numbers.fmt_yi(value, int(places))


@register.filter
def pct(value, places=1):
    """{{ rate|pct }} → 90.9%, or — when undefined."""
    return numbers.fmt_percent(value, int(places))


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some parameters replaced (for sorting and paging links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


@register.inclusion_tag("core/_reach_note.html", takes_context=True)
def reach_note(context, region=None):
    """{% reach_note region %} above a list of projects (or their filings, problems,
    approvals) on a page whose totals are the region's: says when the user sees only what is
    assigned to them there (without a region: in any of the regions of their grants)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"reach": ledger_reach(user, region) if user is not None else "region"}
