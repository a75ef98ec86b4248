"""Saima's figures for a city against the same figures in hand-written SQL, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saima_bench_figures \
        python bench/figures.py --city 220500 [--year 2025] [--repeat 3]

Times `saima.figures.ledger.ledger_figures` (plan totals, start/resume counts and the stage
figures against targets) and `saima.figures.pace.pace_figures` (completed investment from
the counted filings and the annual plan) for the city, and the same numbers computed by
hand-written SQL against the same tables, alternating the two so caches favour neither.
Checks the answers are equal, prints the best of `--repeat` runs and the ratio (target
≤ 1.5×). With saima/ranking present it also times the city's briefing (target < 3 s).
"""

import argparse
import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from saima.dispatch.choices import COUNTED_STATES  # noqa: E402
from saima.figures.ledger import ledger_figures  # noqa: E402
from saima.figures.pace import pace_figures  # noqa: E402
from saima.projects.choices import Stage  # noqa: E402
from saima.regions.models import Region  # noqa: E402

LEDGER_SQL = """
SELECT count(*),
       count(*) FILTER (WHERE a.nature = '新建'),
       count(*) FILTER (WHERE a.nature = '续建'),
       coalesce(sum(p.total_investment_wan), 0),
       coalesce(sum(a.annual_plan_wan), 0),
       count(*) FILTER (WHERE a.nature = '新建' AND EXISTS (
           SELECT 1 FROM projects_stageevent e
           WHERE e.project_id = a.project_id AND e.stage = '开工'
             AND e.date BETWEEN %(start)s AND %(end)s)),
       count(*) FILTER (WHERE a.nature = '续建' AND a.resumed_on BETWEEN %(start)s AND %(end)s)
FROM projects_annualplan a JOIN projects_project p ON p.id = a.project_id
WHERE a.year = %(year)s AND p.region_id LIKE %(prefix)s
"""
STAGES_SQL = """
SELECT e.stage, count(*), coalesce(sum(p.total_investment_wan), 0)
FROM projects_stageevent e JOIN projects_project p ON p.id = e.project_id
WHERE p.region_id LIKE %(prefix)s AND e.date BETWEEN %(start)s AND %(end)s
GROUP BY e.stage
"""
TARGETS_SQL = """
SELECT stage, count, investment_wan FROM projects_target WHERE region_id = %(code)s AND year = %(year)s
"""
BELOW_SQL = """
SELECT t.stage, sum(t.count), sum(t.investment_wan), count(*),
       (SELECT count(*) FROM regions_region WHERE parent_id = %(code)s)
FROM projects_target t JOIN regions_region r ON r.code = t.region_id
WHERE r.parent_id = %(code)s AND t.year = %(year)s GROUP BY t.stage
"""
PACE_SQL = """
SELECT coalesce(sum(f.amount_wan), 0)
FROM dispatch_filing f
JOIN dispatch_period per ON per.id = f.period_id
JOIN projects_project p ON p.id = f.project_id
WHERE f.state = ANY(%(states)s) AND per.year = %(year)s AND per."end" <= %(end)s
  AND p.region_id LIKE %(prefix)s
"""
PLAN_SQL = """
SELECT coalesce(sum(a.annual_plan_wan), 0)
FROM projects_annualplan a JOIN projects_project p ON p.id = a.project_id
WHERE a.year = %(year)s AND p.region_id LIKE %(prefix)s
"""


def sql_ledger(region: Region, year: int, as_of: date) -> dict:
    end = min(as_of, date(year, 12, 31))
    args = {"year": year, "prefix": region.prefix + "%", "start": date(year, 1, 1), "end": end,
            "code": region.code}  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(LEDGER_SQL, args)
        planned, new, cont, total, annual, started, resumed = cur.fetchone()
        cur.execute(STAGES_SQL, args)
        reached = {stage: (n, inv) for stage, n, inv in cur.fetchall()}
        cur.execute(TARGETS_SQL, args)
        own = {stage: count for stage, count, _ in cur.fetchall()}
        cur.execute(BELOW_SQL, args)
        below = {stage: count for stage, count, _, n, children in cur.fetchall() if n == children}
    stages = {
        s: (reached.get(s, (0, 0))[0], own.get(s, below.get(s)), reached.get(s, (0, 0))[1])
        for s in Stage.values
    }
    return {"planned": planned, "new": new, "continuing": cont, "total": total,
            "annual": annual, "started": started, "resumed": resumed, "stages": stages}  # fmt: skip


def saima_ledger(region: Region, year: int, as_of: date) -> dict:
    f = ledger_figures(region, year, as_of)
    return {
        "planned": f.planned_projects, "new": f.planned_new, "continuing": f.planned_continuing,
        "total": f.total_investment_wan, "annual": f.annual_plan_wan,
        "started": f.started_new, "resumed": f.resumed_continuing,
        "stages": {s.stage: (s.actual, s.target, s.actual_investment_wan) for s in f.stages},
    }  # fmt: skip


def sql_pace(region: Region, year: int, as_of: date) -> dict:
    args = {"year": year, "prefix": region.prefix + "%", "end": min(as_of, date(year, 12, 31)),
            "states": [str(s) for s in COUNTED_STATES]}  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(PACE_SQL, args)
        completed = cur.fetchone()[0]
        cur.execute(PLAN_SQL, args)
        annual = cur.fetchone()[0]
    return {"completed": completed, "annual": annual}


def saima_pace(region: Region, year: int, as_of: date) -> dict:
    f = pace_figures(region, year, as_of)
    return {"completed": f.completed_wan, "annual": f.annual_plan_wan}


def best_of(fn, repeat: int, *args):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def normal(value):
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(normal(v) for v in value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def compare(name, saima_fn, sql_fn, repeat, *args) -> float:
    sql_fn(*args)  # warm the cache for both
    t_saima = t_sql = float("inf")
    for _ in range(repeat):  # alternate, best of each
        a, saima_result = best_of(saima_fn, 1, *args)
        b, sql_result = best_of(sql_fn, 1, *args)
        t_saima, t_sql = min(t_saima, a), min(t_sql, b)
    if normal(saima_result) != normal(sql_result):
        print(f"  MISMATCH in {name}:\n    saima {saima_result}\n    sql   {sql_result}")
    ratio = t_saima / t_sql
    verdict = "met" if ratio <= 1.5 else "missed"
    print(
        f"{name:8} saima {t_saima * 1000:9.1f} ms   sql {t_sql * 1000:9.1f} ms   "
        f"ratio {ratio:4.2f}× (target ≤ 1.5×: {verdict})",
        flush=True,
    )
    return ratio


def briefing_region(target: int = 10_000) -> tuple[Region, int]:
    """The county whose project count is closest to `target`."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT region_id, count(*) FROM projects_project GROUP BY region_id "
            "ORDER BY abs(count(*) - %s) LIMIT 1",
            [target],
        )
        code, n = cur.fetchone()
    return Region.objects.get(code=code), n


def briefing(year: int, repeat: int) -> None:
    """The December briefing of the county closest to 10,000 projects: its content built
    from the live figures (ranking, pace, problems, major projects) and the .docx rendered."""
    try:
        from saima.ranking import document
        from saima.ranking.briefing import build_content
        from saima.ranking.periods import Period
    except ImportError:
        print("briefing: saima/ranking is not on this branch — not measured")
        return
    region, n = briefing_region()
    period = Period.parse(f"{year}-12")
    seconds, docx = best_of(lambda: document.render(build_content(region, period, issue=1)), repeat)
    verdict = "met" if seconds < 3 else "missed"
    print(
        f"briefing {region.name} {period}: {n} projects, {seconds:.2f} s, {len(docx)} bytes "
        f"(target < 3 s: {verdict})",
        flush=True,
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", default="220500")
    parser.add_argument("--year", type=int, default=date.today().year - 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        sys.exit("bench/figures.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    region = Region.objects.get(code=args.city)
    as_of = date(args.year, 12, 31)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM projects_project WHERE region_id LIKE %s",
                    [region.prefix + "%"])  # fmt: skip
        projects = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM dispatch_filing")
        filings = cur.fetchone()[0]
    print(f"{region.name} {args.year}: {projects} projects, {filings} filings, "
          f"best of {args.repeat}")  # fmt: skip
    compare("ledger", saima_ledger, sql_ledger, args.repeat, region, args.year, as_of)
    compare("pace", saima_pace, sql_pace, args.repeat, region, args.year, as_of)
    briefing(args.year, args.repeat)


if __name__ == "__main__":
    main()
