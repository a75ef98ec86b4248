"""The indicators a ranking scheme can score, keyed by a stable name.

Each entry: a label, a function (region, year, as_of) → exact Decimal or None (undefined),
and a kind: "rate" (percent, e.g. 开复工率 112.5) or "points" (percentage points, e.g. ahead
of time progress by +5.2). Other figure families add their indicators here, e.g.::

    "investment_completion": Indicator(_("投资完成率"), pace.completion_rate, RATE),

and their function is then available to every scheme, ranking, dashboard and briefing.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from saima.core.numbers import rate, round_half_up
from saima.figures.ledger import ledger_figures, stage_figures
from saima.projects.choices import Stage, YearNature
from saima.projects.models import AnnualPlan, StageEvent

RATE = "rate"
POINTS = "points"
SCORE = "score"  # not an indicator kind: ranking points, shown to two decimals


@dataclass(frozen=True)
class Indicator:
    label: str
    value: Callable[..., Decimal | None]  # (region, year, as_of) -> Decimal | None
    kind: str = RATE
    # For indicators that apply to departments too: (department, year, as_of) -> Decimal | None
    department_value: Callable[..., Decimal | None] | None = None


_memo: ContextVar[dict | None] = ContextVar("indicator_memo", default=None)


@contextmanager
def shared_figures() -> Iterator[None]:
    """Within the block, indicators of the same region, year and date share one computation
    of the ledger figures (a ranking asks for several indicators of each unit)."""
    if _memo.get() is not None:  # already sharing: keep the outer block's figures
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _once(name: str, compute, region, year: int, as_of: date):
    store = _memo.get()
    if store is None:
        return compute(region, year, as_of)
    key = (name, region.code, year, as_of)
    if key not in store:
        store[key] = compute(region, year, as_of)
    return store[key]


def prefetch(regions, year: int, as_of: date) -> None:
    """Inside `shared_figures()`: compute the ledger figures of many regions with grouped
    queries (saima.figures.grouped) so their indicators need no further queries."""
    from saima.figures.grouped import grouped_ledger_figures

    store = _memo.get()
    if store is None:
        return
    missing = [r for r in regions if ("ledger", r.code, year, as_of) not in store]
    if len(missing) < 2:
        return
    for code, figures in grouped_ledger_figures(missing, year, as_of).items():
        store[("ledger", code, year, as_of)] = figures


def shared_ledger_figures(region, year: int, as_of: date):
    return _once("ledger", ledger_figures, region, year, as_of)


def _ledger(attribute):
    def value(region, year: int, as_of: date) -> Decimal | None:
        return getattr(_once("ledger", ledger_figures, region, year, as_of), attribute)

    return value


def _stage_completion(stage):
    def value(region, year: int, as_of: date) -> Decimal | None:
        if _memo.get() is not None:  # the shared ledger figures include the stages
            figures = shared_ledger_figures(region, year, as_of).stages
        else:
            figures = stage_figures(region, year, as_of)
        return next(s for s in figures if s.stage == stage).completion

    return value


def department_start_or_resume_rate(department, year: int, as_of: date) -> Decimal | None:
    """开复工率 over the planned projects the department is responsible for."""
    start, end = date(year, 1, 1), min(as_of, date(year, 12, 31))
    started = Exists(
        StageEvent.objects.filter(
            project=OuterRef("project"), stage=Stage.STARTED, date__gte=start, date__lte=end
        )
    )
    totals = (
        AnnualPlan.objects.filter(year=year, project__department=department)
        .annotate(started=started)
        .aggregate(
            planned=Count("id"),
            done=Count(
                "id",
                filter=Q(nature=YearNature.NEW, started=True)
                | Q(nature=YearNature.CONTINUING, resumed_on__gte=start, resumed_on__lte=end),
            ),
        )
    )
    return rate(totals["done"], totals["planned"])


def _investment_completion(region, year, as_of):
    from saima.figures.pace import pace_figures

    return pace_figures(region, year, as_of).completion_rate


def _investment_ahead(region, year, as_of):
    from saima.figures.pace import pace_figures

    return pace_figures(region, year, as_of).ahead_points


def _approvals_completion(region, year, as_of):
    from saima.figures.approvals import approval_figures

    return approval_figures(region, as_of, new_of_year=year).completion


def _problems_on_time(region, year, as_of):
    from saima.figures.problems import problem_figures

    total = problem_figures(region, date(year, 1, 1), as_of, as_of).total
    return rate(total.resolved_on_time, total.resolved)


def _filings_on_time(region, year, as_of):
    """填报及时率: reports filed on time ÷ reports due, over the periods of the year whose
    filing deadline has passed by as_of."""
    from saima.dispatch.models import Period
    from saima.figures.pace import filing_figures

    due = on_time = 0
    for period in Period.objects.filter(year=year, deadline__lte=as_of).select_related("region"):
        if not (
            region.code.startswith(period.region.prefix)
            or period.region_id.startswith(region.prefix)
        ):
            continue
        figures = filing_figures(region, period)
        due, on_time = due + figures.due, on_time + figures.on_time
    return rate(on_time, due)


INDICATORS: dict[str, Indicator] = {
    "start_or_resume_rate": Indicator(
        _("开复工率"), _ledger("start_or_resume_rate"), RATE, department_start_or_resume_rate
    ),
    "start_rate": Indicator(_("开工率"), _ledger("start_rate")),
    "resume_rate": Indicator(_("复工率"), _ledger("resume_rate")),
    "target_planning": Indicator(_("谋划目标完成率"), _stage_completion(Stage.PLANNING)),
    "target_signed": Indicator(_("签约目标完成率"), _stage_completion(Stage.SIGNED)),
    "target_landed": Indicator(_("落地目标完成率"), _stage_completion(Stage.LANDED)),
    "target_started": Indicator(_("开工目标完成率"), _stage_completion(Stage.STARTED)),
    "investment_completion": Indicator(_("投资完成率"), _investment_completion),
    "investment_ahead": Indicator(_("投资完成率与时间进度之差"), _investment_ahead, POINTS),
    "approvals_completion": Indicator(_("前期手续完成率"), _approvals_completion),
    "problems_on_time": Indicator(_("问题按期办结率"), _problems_on_time),
    "filings_on_time": Indicator(_("填报及时率"), _filings_on_time),
}


def indicator_choices() -> list[tuple[str, str]]:
    return [(key, str(ind.label)) for key, ind in INDICATORS.items()]


def display(value: Decimal | None, kind: str = RATE) -> str:
    """The one way an indicator value is shown (pages, tables, briefing text): half-up to one
    decimal with a trailing .0 dropped, as the press writes it (112.5%, 75%, 66.7%); points
    carry a sign (+5.2, -3); scores have two decimals at most. Undefined → —."""
    if value is None:
        return "—"
    if kind == SCORE:
        return short(value, 2)
    text = short(value)
    if kind == POINTS:
        return text if text.startswith("-") or text == "0" else f"+{text}"
    return f"{text}%"


def short(value: Decimal, places: int = 1) -> str:
    """Half-up to `places`, trailing zeros dropped: 75.00 → '75', 66.666 → '66.7'."""
    rounded = round_half_up(value, places)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
