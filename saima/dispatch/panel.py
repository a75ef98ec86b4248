"""The investment-pace panel of a region page: pace against time progress, filing figures,
the snapshot it comes from and year-on-year (`dispatch/_pace_panel.html`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saima.figures import snapshots

from .choices import PeriodState
from .models import Period

# Labels of the figures a snapshot may hold (other families add theirs).
LABELS = {
    "completed_wan": _("累计完成投资"),
    "annual_plan_wan": _("年度计划投资"),
    "completion_rate": _("投资完成率"),
    "time_progress": _("时间进度"),
    "ahead_points": _("快于（+）/慢于（−）时间进度"),
    "filings_due": _("应报"),
    "filings_on_time": _("按时报送"),
    "filings_late": _("迟报"),
    "filings_missing": _("未报"),
    "approvals_rate": _("前期手续完成率"),
}


def default_period(region):
    """The latest closed period covering the region, else the latest that has ended."""
    periods = Period.objects.filter(region__in=[region, *region.ancestors()])
    return (
        periods.filter(state=PeriodState.CLOSED).order_by("-end").first()
        or periods.filter(end__lte=timezone.localdate()).order_by("-end").first()
    )


def pace_panel(region, period=None) -> dict:
    period = period or default_period(region)
    if period is None:
        return {"region": region, "period": None}
    figures, snap = snapshots.figures_for(region, period)
    yoy = snapshots.year_on_year(region, period)
    rows = [
        {"key": k, "label": LABELS.get(k, k), "kind": c.kind, "c": c}
        for k, c in yoy.items()
        if k in LABELS
    ]
    return {
        "region": region,
        "period": period,
        "figures": figures,
        "snapshot": snap,
        "rows": rows,
        "bar_rate": min(figures.get("completion_rate") or 0, 100),
        "bar_time": min(figures.get("time_progress") or 0, 100),
    }
