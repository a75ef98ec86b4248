"""Scoring a scheme for a period: values, points, totals, ranks within leagues and the change
in rank since the previous period. Everything exact; rounding only at display."""

from dataclasses import dataclass, field
from decimal import Decimal

from saima.core.numbers import HUNDRED, ZERO, to_decimal
from saima.figures.indicators import INDICATORS, SCORE, display, prefetch, shared_figures

from .models import Publication, Rule, Scheme
from .periods import Period


@dataclass
class Row:
    league: str
    league_order: int
    unit_key: str  # "region:220502" or "department:7"
    unit_name: str
    region_code: str | None
    department_id: int | None
    values: dict[str, Decimal | None]
    points: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO
    rank: int = 0
    previous_rank: int | None = None

    @property
    def change(self) -> str:
        """↑2, ↓1, — (unchanged) or 新 (not ranked last period)."""
        if self.previous_rank is None:
            return "新"
        delta = self.previous_rank - self.rank
        if delta > 0:
            return f"↑{delta}"
        if delta < 0:
            return f"↓{-delta}"
        return "—"

    @property
    def change_class(self) -> str:
        return {"↑": "up", "↓": "down", "新": "new"}.get(self.change[0], "same")


@dataclass
class Ranking:
    scheme: Scheme
    period: Period
    rows: list[Row]
    publication: Publication | None = None

    @property
    def leagues(self) -> list[tuple[str, list[Row]]]:
        grouped: dict[str, list[Row]] = {}
        for row in sorted(self.rows, key=lambda r: (r.league_order, r.rank, r.unit_name)):
            grouped.setdefault(row.league, []).append(row)
        return list(grouped.items())

    def display_leagues(self) -> list[tuple[str, list[dict]]]:
        """For pages: each row's displayed value and points per indicator."""
        columns = self.columns()
        return [
            (
                name,
                [
                    {
                        "rank": row.rank,
                        "unit_name": row.unit_name,
                        "cells": [
                            {
                                "value": display(row.values.get(c["key"]), c["kind"]),
                                "points": display(row.points.get(c["key"]), SCORE),
                            }
                            for c in columns
                        ],
                        "total_text": display(row.total, SCORE),
                        "change": row.change,
                        "change_class": row.change_class,
                    }
                    for row in rows
                ],
            )
            for name, rows in self.leagues
        ]

    def columns(self) -> list[dict]:
        return [
            {
                "key": ind.key,
                "label": str(INDICATORS[ind.key].label) if ind.key in INDICATORS else ind.key,
                "kind": INDICATORS[ind.key].kind if ind.key in INDICATORS else "rate",
                "weight": ind.weight,
            }
            for ind in self.scheme.indicators.all()
        ]

    def row_for(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.region_code == code), None)


def competition_ranks(scores: list[Decimal | None]) -> list[int | None]:
    """Standard competition ranking (1, 1, 3): higher is better; None is unranked."""
    valued = sorted((s for s in scores if s is not None), reverse=True)
    return [None if s is None else valued.index(s) + 1 for s in scores]


def indicator_points(indicator, values: list[Decimal | None]) -> list[Decimal]:
    weight = to_decimal(indicator.weight)
    if indicator.rule == Rule.CAPPED:
        cap = to_decimal(indicator.cap)
        return [ZERO if v is None else max(ZERO, min(v, cap)) / HUNDRED * weight for v in values]
    # Rank-based: the first of n units gets the full weight, the last weight ÷ n, tied units
    # the same; a unit without a value gets nothing.
    n = len(values)
    return [ZERO if r is None else weight * (n - r + 1) / n for r in competition_ranks(values)]


def unit_value(key: str, member, year: int, as_of) -> Decimal | None:
    indicator = INDICATORS.get(key)
    if indicator is None:
        return None
    if member.region_id is None:
        # Department units score only on indicators that define a department figure.
        func = indicator.department_value
        return func(member.department, year, as_of) if func else None
    return indicator.value(member.region, year, as_of)


def compute(scheme: Scheme, period: Period, with_previous: bool = True) -> Ranking:
    with shared_figures():
        return _compute(scheme, period, with_previous)


def _compute(scheme: Scheme, period: Period, with_previous: bool) -> Ranking:
    as_of = period.end
    indicators = list(scheme.indicators.all())
    leagues = list(scheme.leagues.prefetch_related("members__region", "members__department"))
    prefetch(
        [m.region for lg in leagues for m in lg.members.all() if m.region_id], scheme.year, as_of
    )
    rows: list[Row] = []
    for league in leagues:
        members = list(league.members.all())
        league_rows = [
            Row(
                league=league.name,
                league_order=league.order,
                unit_key=f"region:{m.region_id}"
                if m.region_id
                else f"department:{m.department_id}",
                unit_name=str(m.unit),
                region_code=m.region_id,
                department_id=m.department_id,
                values={ind.key: unit_value(ind.key, m, scheme.year, as_of) for ind in indicators},
            )
            for m in members
        ]
        for ind in indicators:
            points = indicator_points(ind, [r.values[ind.key] for r in league_rows])
            for row, p in zip(league_rows, points, strict=True):
                row.points[ind.key] = p
        for row in league_rows:
            row.total = sum(row.points.values(), ZERO)
        for row, rank in zip(
            league_rows, competition_ranks([r.total for r in league_rows]), strict=True
        ):
            row.rank = rank
        rows.extend(league_rows)
    ranking = Ranking(scheme, period, rows)
    if with_previous:
        attach_previous(ranking)
    return ranking


def previous_ranking(scheme: Scheme, period: Period) -> Ranking | None:
    """The previous period's ranking: its latest publication, or else computed now with the
    same scheme when that period lies in the scheme's year."""
    prior = period.previous()
    published = latest_publication(scheme.region, prior)
    if published is not None:
        return from_publication(published)
    if prior.year == scheme.year:
        return compute(scheme, prior, with_previous=False)
    return None


def attach_previous(ranking: Ranking) -> None:
    previous = previous_ranking(ranking.scheme, ranking.period)
    if previous is None:
        return
    ranks = {(r.league, r.unit_key): r.rank for r in previous.rows}
    for row in ranking.rows:
        row.previous_rank = ranks.get((row.league, row.unit_key))


def latest_publication(region, period: Period) -> Publication | None:
    return (
        Publication.objects.filter(region=region, period=str(period))
        .select_related("scheme")
        .order_by("-number")
        .first()
    )


def from_publication(publication: Publication) -> Ranking:
    def decimals(data):
        return {k: None if v is None else Decimal(v) for k, v in data.items()}

    rows = [
        Row(
            league=r.league,
            league_order=r.league_order,
            unit_key=f"region:{r.region_id}" if r.region_id else f"department:{r.department_id}",
            unit_name=r.unit_name,
            region_code=r.region_id,
            department_id=r.department_id,
            values=decimals(r.values),
            points=decimals(r.points),
            total=r.total,
            rank=r.rank,
            previous_rank=r.previous_rank,
        )
        for r in publication.rows.all()
    ]
    return Ranking(publication.scheme, Period.parse(publication.period), rows, publication)


def current_scheme(region, year: int) -> Scheme | None:
    return (
        Scheme.objects.filter(region=region, year=year)
        .prefetch_related("indicators")
        .order_by("-version")
        .first()
    )


def ranking_for(region, period: Period) -> Ranking | None:
    """What pages show: the latest publication of the period, else a live preview with the
    region's current scheme, else None (no scheme for that year)."""
    published = latest_publication(region, period)
    if published is not None:
        return from_publication(published)
    scheme = current_scheme(region, period.year)
    return compute(scheme, period) if scheme else None


def row_cells(ranking: Ranking, row: Row) -> list[str]:
    """A row as displayed text (for tables, CSV and the briefing)."""
    cells = [str(row.rank), row.unit_name]
    for col in ranking.columns():
        cells.append(display(row.values.get(col["key"]), col["kind"]))
    cells += [display(row.total, SCORE), row.change]
    return cells
