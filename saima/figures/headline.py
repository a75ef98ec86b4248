"""Headline figures of a region for a period end: what the dashboard's cards, the stage funnel,
the figures by sub-region and the briefing's overview all read. Exact Decimals; the frozen
form (`as_json`/`from_json`) keeps them as exact decimal strings.

The keys are those of the period snapshots (saima.figures.snapshots) wherever a snapshot has
the same figure, so last year's snapshot can stand in for last year's headline:
ledger figures, investment pace (completed_wan, completion_rate, time_progress,
ahead_points), approvals_rate, problems_* and filings_*. Each comes from its own figures
module (ledger, pace, approvals, problems); nothing is computed here.
"""

from datetime import date
from decimal import Decimal

from saima.figures.approvals import approval_figures
from saima.figures.indicators import shared_ledger_figures
from saima.figures.pace import PaceFigures, basis_for, completed_investment, filing_figures
from saima.figures.problems import problem_figures

INTEGERS = (
    "planned_projects",
    "planned_new",
    "planned_continuing",
    "started_new",
    "resumed_continuing",
    "started_or_resumed",
    "problems_raised",
    "problems_resolved",
    "problems_resolved_on_time",
    "problems_overdue",
    "filings_due",
    "filings_on_time",
    "filings_late",
    "filings_missing",
)
DECIMALS = (
    "total_investment_wan",
    "annual_plan_wan",
    "start_or_resume_rate",
    "start_rate",
    "resume_rate",
    "time_progress",
    "completed_wan",
    "completion_rate",
    "ahead_points",
    "approvals_rate",
    "problems_on_time_rate",
    "filings_on_time_rate",
)
# Lists of rows (each a dict) and the keys of their Decimal values.
ROW_LISTS = {
    "stages": ("completion",),
    "problem_levels": ("on_time_rate",),
    "problem_categories": ("on_time_rate",),
    "pace_months": ("completed_wan", "completion_rate", "time_progress", "ahead_points"),
}


def pace(region, year: int, as_of: date, basis: str, annual_plan_wan=None) -> PaceFigures:
    """saima.figures.pace's figures, with the annual plan from the shared ledger figures (or
    given: the year's annual plan does not depend on the as-of date)."""
    if annual_plan_wan is None:
        annual_plan_wan = shared_ledger_figures(region, year, as_of).annual_plan_wan
    return PaceFigures(
        region=region,
        year=year,
        as_of=as_of,
        basis=basis,
        completed_wan=completed_investment(region, year, as_of),
        annual_plan_wan=annual_plan_wan,
    )


def dispatch_period(region, as_of: date):
    """The reporting period (saima.dispatch) that governs the region and ends on `as_of`."""
    from saima.dispatch.models import Period

    candidates = Period.objects.filter(end=as_of).select_related("region")
    covering = [p for p in candidates if region.code.startswith(p.region.prefix)]
    return max(covering, key=lambda p: len(p.region.prefix), default=None)


def _problem_row(row) -> dict:
    return {
        "label": row.label,
        "raised": row.raised,
        "resolved": row.resolved,
        "resolved_on_time": row.resolved_on_time,
        "on_time_rate": row.on_time_rate,
        "overdue": row.overdue,
    }


def headline(
    region, year: int, as_of: date, basis: str | None = None, detail: bool = False
) -> dict:
    """The region's figures at `as_of`. `basis` is time progress's basis (month ÷ 12 or day
    of year, saima.figures.pace); `detail` adds the rows the region's own outputs show
    (problems by level and by category, the pace month by month)."""
    as_of = min(as_of, date(year, 12, 31))
    basis = basis or basis_for(as_of)
    f = shared_ledger_figures(region, year, as_of)
    p = pace(region, year, as_of, basis)
    problems = problem_figures(region, date(year, 1, 1), as_of, as_of)
    total = problems.total
    period = dispatch_period(region, as_of)
    filings = filing_figures(region, period) if period is not None else None
    figures = {
        "region": region.code,
        "region_name": region.name,
        "year": year,
        "as_of": as_of.isoformat(),
        "basis": basis,
        "planned_projects": f.planned_projects,
        "planned_new": f.planned_new,
        "planned_continuing": f.planned_continuing,
        "total_investment_wan": f.total_investment_wan,
        "annual_plan_wan": f.annual_plan_wan,
        "started_new": f.started_new,
        "resumed_continuing": f.resumed_continuing,
        "started_or_resumed": f.started_or_resumed,
        "start_or_resume_rate": f.start_or_resume_rate,
        "start_rate": f.start_rate,
        "resume_rate": f.resume_rate,
        "time_progress": p.time_progress,
        "completed_wan": p.completed_wan,
        "completion_rate": p.completion_rate,
        "ahead_points": p.ahead_points,
        "approvals_rate": approval_figures(region, as_of, new_of_year=year).completion,
        "problems_raised": total.raised,
        "problems_resolved": total.resolved,
        "problems_resolved_on_time": total.resolved_on_time,
        "problems_on_time_rate": total.on_time_rate,
        "problems_overdue": total.overdue,
        "filings_due": filings.due if filings else None,
        "filings_on_time": filings.on_time if filings else None,
        "filings_late": filings.late if filings else None,
        "filings_missing": filings.missing if filings else None,
        "filings_on_time_rate": filings.on_time_rate if filings else None,
        "stages": [
            {"stage": s.stage, "actual": s.actual, "target": s.target, "completion": s.completion}
            for s in f.stages
        ],
    }
    if detail:
        figures["problem_levels"] = [_problem_row(r) for r in problems.by_level]
        figures["problem_categories"] = [_problem_row(r) for r in problems.by_category]
        figures["pace_months"] = pace_months(region, year, as_of)
    return figures


def pace_months(region, year: int, as_of: date) -> list[dict]:
    """The investment pace at the end of each month of the year up to `as_of` (month ÷ 12)."""
    from saima.figures.pace import MONTHLY

    plan = shared_ledger_figures(region, year, as_of).annual_plan_wan
    rows = []
    for month in range(1, as_of.month + 1):
        end = _month_end(year, month) if month < as_of.month else as_of
        p = pace(region, year, end, MONTHLY, plan)
        rows.append(
            {
                "month": month,
                "completed_wan": p.completed_wan,
                "completion_rate": p.completion_rate,
                "time_progress": p.time_progress,
                "ahead_points": p.ahead_points,
            }
        )
    return rows


def _month_end(year: int, month: int) -> date:
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])


def as_json(figures: dict) -> dict:
    def plain(value):
        return None if value is None else str(value) if isinstance(value, Decimal) else value

    data = {k: plain(v) for k, v in figures.items() if k not in ROW_LISTS}
    for key in ROW_LISTS:
        if key in figures:
            data[key] = [{k: plain(v) for k, v in row.items()} for row in figures[key]]
    return data


def from_json(data: dict) -> dict:
    """The frozen form back to Decimals. A briefing frozen before a figure existed lacks its
    key: it reads as unknown (None), never 0."""
    figures = dict(data)
    for key in DECIMALS:
        if figures.get(key) is not None:
            figures[key] = Decimal(figures[key])
    for key, decimals in ROW_LISTS.items():
        if key in data:
            figures[key] = [
                {k: Decimal(v) if k in decimals and v is not None else v for k, v in row.items()}
                for row in data[key]
            ]
    return figures


def from_snapshot(figures: dict) -> dict:
    """A decoded period snapshot (saima.figures.snapshots.decode) in headline form: the
    same keys, the stages gathered from `stage_<name>` / `stage_<name>_rate`."""
    out = {k: v for k, v in figures.items() if not k.startswith("stage_")}
    stages = []
    for key, value in figures.items():
        if key.startswith("stage_") and not key.endswith("_rate"):
            name = key[len("stage_") :]
            stages.append(
                {
                    "stage": name,
                    "actual": value,
                    "target": None,
                    "completion": figures.get(f"stage_{name}_rate"),
                }
            )
    out["stages"] = stages
    return out
