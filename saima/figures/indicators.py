"""The indicators a ranking scheme can score, keyed by a stable name.

Each entry: a label, a function (region, year, as_of) → exact Decimal or None (undefined),
and a kind: "rate" (percent, e.g. 开复工率 112.5) or "points" (percentage points, e.g. ahead
of time progress by +5.2). Other figure families add their indicators here, e.g.::

    "investment_completion": Indicator(_("投资完成率"), pace.completion_rate, RATE),

and their function is then available to every scheme, ranking, dashboard and briefing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from saima.core.numbers import round_half_up
from saima.figures.ledger import ledger_figures, stage_figures
from saima.projects.choices import Stage

RATE = "rate"
POINTS = "points"
SCORE = "score"  # not an indicator kind: ranking points, shown to two decimals


@dataclass(frozen=True)
class Indicator:
    label: str
    value: Callable[..., Decimal | None]  # (region, year, as_of) -> Decimal | None
    kind: str = RATE


def _ledger(attribute):
    def value(region, year: int, as_of: date) -> Decimal | None:
        return getattr(ledger_figures(region, year, as_of), attribute)

    return value


def _stage_completion(stage):
    def value(region, year: int, as_of: date) -> Decimal | None:
        figure = next(s for s in stage_figures(region, year, as_of) if s.stage == stage)
        return figure.completion

    return value


INDICATORS: dict[str, Indicator] = {
    "start_or_resume_rate": Indicator(_("开复工率"), _ledger("start_or_resume_rate")),
    "start_rate": Indicator(_("开工率"), _ledger("start_rate")),
    "resume_rate": Indicator(_("复工率"), _ledger("resume_rate")),
    "target_planning": Indicator(_("谋划目标完成率"), _stage_completion(Stage.PLANNING)),
    "target_signed": Indicator(_("签约目标完成率"), _stage_completion(Stage.SIGNED)),
    "target_landed": Indicator(_("落地目标完成率"), _stage_completion(Stage.LANDED)),
    "target_started": Indicator(_("开工目标完成率"), _stage_completion(Stage.STARTED)),
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
