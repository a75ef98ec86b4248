"""Period snapshots: the region figures of a period, frozen when the period closes.

A snapshot stores a flat dict of figures that can gain keys: each function in `PROVIDERS`
returns some keys for (region, period). The kind of a figure follows from its key and says
how year-on-year reads it:

- keys ending in `_wan` are amounts in 万元 → growth in percent;
- keys ending in `_rate`, `_progress` or `_points` are percentages → change in points;
- integer values are counts → difference (and growth in percent);
- anything else (`as_of`, `basis`) is information, not compared.

Decimals are stored as strings so they round-trip exactly. A figure that is unknown is
stored as None and shown as "—", never as 0.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from saima.audit.models import Action
from saima.audit.recorder import record
from saima.core.numbers import rate
from saima.dispatch.models import Period, PeriodSnapshot
from saima.dispatch.periods import governed_regions
from saima.figures.approvals import approval_figures
from saima.figures.ledger import ledger_figures
from saima.figures.pace import filing_figures, period_pace
from saima.figures.problems import problem_figures

AMOUNT, RATE, COUNT, INFO = "amount", "rate", "count", "info"


def _dec(value: Decimal | None) -> str | None:
    """Exact and canonical, so that equal figures store equal text on every database."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def pace_provider(region, period) -> dict:
    pace = period_pace(region, period)
    return {
        "as_of": pace.as_of.isoformat(),
        "basis": pace.basis,
        "completed_wan": _dec(pace.completed_wan),
        "annual_plan_wan": _dec(pace.annual_plan_wan),
        "completion_rate": _dec(pace.completion_rate),
        "time_progress": _dec(pace.time_progress),
        "ahead_points": _dec(pace.ahead_points),
    }


def filing_provider(region, period) -> dict:
    f = filing_figures(region, period)
    return {
        "filings_due": f.due,
        "filings_on_time": f.on_time,
        "filings_late": f.late,
        "filings_missing": f.missing,
    }


def ledger_provider(region, period) -> dict:
    f = ledger_figures(region, period.year, period.end)
    return {
        "planned_projects": f.planned_projects,
        "planned_new": f.planned_new,
        "planned_continuing": f.planned_continuing,
        "total_investment_wan": _dec(f.total_investment_wan),
        "started_new": f.started_new,
        "resumed_continuing": f.resumed_continuing,
        "started_or_resumed": f.started_or_resumed,
        "start_rate": _dec(f.start_rate),
        "resume_rate": _dec(f.resume_rate),
        "start_or_resume_rate": _dec(f.start_or_resume_rate),
        **{f"stage_{s.stage}": s.actual for s in f.stages},
        **{f"stage_{s.stage}_rate": _dec(s.completion) for s in f.stages if s.target},
    }


def approvals_provider(region, period) -> dict:
    figures = approval_figures(region, period.end, new_of_year=period.year)
    return {"approvals_rate": _dec(figures.completion)}


def problems_provider(region, period) -> dict:
    total = problem_figures(region, date(period.year, 1, 1), period.end, period.end).total
    return {
        "problems_raised": total.raised,
        "problems_resolved": total.resolved,
        "problems_resolved_on_time": total.resolved_on_time,
        "problems_overdue": total.overdue,
        "problems_on_time_rate": _dec(total.on_time_rate),
    }


# Each family of figures adds its provider here.
PROVIDERS = [ledger_provider, pace_provider, filing_provider, approvals_provider, problems_provider]


def kind_of(key: str, value) -> str:
    if key.endswith("_wan"):
        return AMOUNT
    if key.endswith(("_rate", "_progress", "_points")):
        return RATE
    if isinstance(value, int) and not isinstance(value, bool):
        return COUNT
    return INFO


def decode(figures: dict) -> dict:
    """Stored figures → Python values (Decimal for amounts and rates)."""
    out = {}
    for key, value in figures.items():
        if value is not None and kind_of(key, value) in (AMOUNT, RATE):
            value = Decimal(value)
        out[key] = value
    return out


def compute(region, period) -> dict:
    figures = {}
    for provider in PROVIDERS:
        figures.update(provider(region, period))
    return figures


def current(region, period) -> PeriodSnapshot | None:
    return PeriodSnapshot.objects.filter(period=period, region=region, is_current=True).first()


def figures_for(region, period) -> tuple[dict, PeriodSnapshot | None]:
    """The figures of a period: frozen ones when the period has a snapshot, else live ones."""
    snap = current(region, period)
    if snap is not None:
        return decode(snap.figures), snap
    return decode(compute(region, period)), None


def _write(region, period, figures, actor, source, reason) -> PeriodSnapshot:
    last = (
        PeriodSnapshot.objects.select_for_update()
        .filter(period=period, region=region)
        .order_by("-version")
        .first()
    )
    if last is not None:
        PeriodSnapshot.objects.filter(pk=last.pk).update(is_current=False)
    snap = PeriodSnapshot.objects.create(
        period=period,
        region=region,
        version=(last.version + 1) if last else 1,
        figures=figures,
        reason=reason[:300],
        source=source,
        created_by=actor if actor is not None and actor.pk else None,
    )
    record(actor, source, Action.CREATE, snap)
    return snap


def freeze(period: Period, actor, source, reason="") -> list[PeriodSnapshot]:
    """Freeze the period's figures for every region it governs. Idempotent: a region that
    already has a snapshot for the period keeps it (a change needs `refreeze`)."""
    made = []
    with transaction.atomic():
        for region in governed_regions(period):
            if current(region, period) is None:
                made.append(_write(region, period, compute(region, period), actor, source, reason))
    return made


def refreeze(period: Period, regions, actor, source, reason: str) -> list[PeriodSnapshot]:
    """After an audited correction: a new version for each region whose figures changed."""
    made = []
    with transaction.atomic():
        for region in regions:
            old = current(region, period)
            figures = compute(region, period)
            if old is not None:
                figures = {**old.figures, **figures}  # keep keys other providers froze
                if figures == old.figures:
                    continue
            made.append(_write(region, period, figures, actor, source, reason))
    return made


def import_snapshot(period: Period, region, figures: dict, actor, source, reason) -> PeriodSnapshot:
    """Store figures known from before the platform (published figures of a past year)."""
    with transaction.atomic():
        return _write(region, period, figures, actor, source, reason)


@dataclass
class Comparison:
    key: str
    kind: str
    value: object
    last: object
    change: Decimal | int | None  # difference; for rates in percentage points
    growth: Decimal | None  # growth in percent, for amounts and counts


def same_period_last_year(period: Period) -> Period | None:
    return Period.objects.filter(
        region=period.region, year=period.year - 1, rhythm=period.rhythm, seq=period.seq
    ).first()


def year_on_year(region, period) -> dict[str, Comparison]:
    """Each figure against the frozen figure of the same period last year; None where last
    year is unknown (no snapshot, or the figure missing from it)."""
    figures, _snap = figures_for(region, period)
    last_period = same_period_last_year(period)
    last_snap = current(region, last_period) if last_period else None
    last = decode(last_snap.figures) if last_snap else {}
    out = {}
    for key, value in figures.items():
        kind = kind_of(key, value)
        if kind == INFO:
            continue
        before = last.get(key)
        change = growth = None
        if value is not None and before is not None:
            change = value - before
            if kind in (AMOUNT, COUNT):
                growth = rate(change, before)
        out[key] = Comparison(key, kind, value, before, change, growth)
    return out
