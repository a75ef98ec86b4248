"""Headline figures of a region for a period end: what the dashboard's cards, the stage funnel,
the figures by sub-region and the briefing's overview all read. Exact Decimals; the frozen
form (`as_json`/`from_json`) keeps them as exact decimal strings."""

from datetime import date
from decimal import Decimal

from saima.core.numbers import rate
from saima.figures.indicators import shared_ledger_figures

INTEGERS = (
    "planned_projects",
    "planned_new",
    "planned_continuing",
    "started_new",
    "resumed_continuing",
    "started_or_resumed",
)
DECIMALS = (
    "total_investment_wan",
    "annual_plan_wan",
    "start_or_resume_rate",
    "start_rate",
    "resume_rate",
    "time_progress",
)


def time_progress(as_of: date, monthly: bool = True) -> Decimal:
    """序时进度: month ÷ 12 for a monthly figure, day of year ÷ days in year otherwise."""
    if monthly:
        return rate(as_of.month, 12)
    days = (date(as_of.year, 12, 31) - date(as_of.year, 1, 1)).days + 1
    return rate(as_of.timetuple().tm_yday, days)


def headline(region, year: int, as_of: date, progress: Decimal | None = None) -> dict:
    f = shared_ledger_figures(region, year, as_of)
    return {
        "region": region.code,
        "region_name": region.name,
        "year": year,
        "as_of": as_of.isoformat(),
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
        "time_progress": progress if progress is not None else time_progress(as_of),
        "stages": [
            {"stage": s.stage, "actual": s.actual, "target": s.target, "completion": s.completion}
            for s in f.stages
        ],
    }


def as_json(figures: dict) -> dict:
    def plain(value):
        return None if value is None else str(value) if isinstance(value, Decimal) else value

    data = {k: plain(v) for k, v in figures.items() if k != "stages"}
    data["stages"] = [{k: plain(v) for k, v in s.items()} for s in figures["stages"]]
    return data


def from_json(data: dict) -> dict:
    figures = dict(data)
    for key in DECIMALS:
        if figures.get(key) is not None:
            figures[key] = Decimal(figures[key])
    figures["stages"] = [
        {**s, "completion": None if s["completion"] is None else Decimal(s["completion"])}
        for s in data["stages"]
    ]
    return figures
