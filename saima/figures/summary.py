"""The figures of a region, year and as-of date as a plain dict: what the API returns.

`figures_dict` is the one place the public figures document is assembled. Other families of
figures (pace, problems, reports …) add their own section here as a new key, computed by their
own module in saima/figures/; existing keys are a public contract and keep their names.
Amounts are decimal strings in 万元 and rates percent strings to four places (unrounded for
display: 10 of 11 → "90.9091"); an undefined rate is null.
"""

from datetime import date
from decimal import Decimal

from saima.core.numbers import api_decimal
from saima.regions.models import Region

from .ledger import LedgerFigures, StageFigure, ledger_figures


def _stage(s: StageFigure) -> dict:
    return {
        "stage": s.stage,
        "actual": s.actual,
        "target": s.target,
        "completion": api_decimal(s.completion),
        "actual_investment_wan": api_decimal(s.actual_investment_wan),
        "target_investment_wan": api_decimal(s.target_investment_wan),
        "investment_completion": api_decimal(s.investment_completion),
    }


def ledger_section(f: LedgerFigures) -> dict:
    return {
        "planned_projects": f.planned_projects,
        "planned_new": f.planned_new,
        "planned_continuing": f.planned_continuing,
        "total_investment_wan": api_decimal(f.total_investment_wan),
        "annual_plan_wan": api_decimal(f.annual_plan_wan),
        "started_new": f.started_new,
        "resumed_continuing": f.resumed_continuing,
        "started_or_resumed": f.started_or_resumed,
        "start_rate": api_decimal(f.start_rate),
        "resume_rate": api_decimal(f.resume_rate),
        "start_or_resume_rate": api_decimal(f.start_or_resume_rate),
        "stages": [_stage(s) for s in f.stages],
    }


def figures_dict(
    region: Region, year: int, as_of: date, min_total_wan: Decimal | None = None, **opts
) -> dict:
    """Figures for `region` (with everything below it) in `year` up to `as_of`.

    `min_total_wan` restricts the plan to projects of at least that total investment.
    """
    figures = ledger_figures(region, year, as_of, min_total_wan=min_total_wan)
    return {
        "region": {"code": region.code, "name": region.name, "level": region.level},
        "year": year,
        "as_of": as_of.isoformat(),
        "min_total_wan": api_decimal(min_total_wan),
        **ledger_section(figures),
    }
