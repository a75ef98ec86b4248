"""Fill a PostgreSQL database with N generated projects for the load and figures benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saima_bench \
        python bench/scale.py --projects 100000 [--filings 12] [--city 220500] [--year 2025]

Regions, responsible units and the demo people come from the demo's own steps (so the demo
logins work); everything else is written server-side with INSERT … SELECT over
generate_series, not through the ORM, so 1,000,000 projects and 12,000,000 filings take
minutes. Values are derived from a hash of the row id, so a run is reproducible.

What it makes, for year Y (default: last year, a complete one):
- projects spread over the demo regions' counties (weights below; `--city` puts them all in
  one city's counties), each with its stage history up to a furthest stage and `stage` set
  to match; the first projects of 东昌区 are assigned to the demo `secretary`;
- an annual plan of year Y for every project (40 % 新建, 60 % 续建, most 续建 resumed);
- targets for every county and stage of year Y;
- a monthly reporting schedule of every city for Y with 12 periods: January–November closed,
  December open;
- `--filings` monthly filings per project (12 → one per period): accepted for closed months;
  December submitted, except a draft for the secretary's projects (which the load test edits).
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from saima.audit.models import Source  # noqa: E402
from saima.demo.loader import Demo  # noqa: E402
from saima.demo.people import load_people  # noqa: E402
from saima.demo.regions import load_departments, load_regions  # noqa: E402
from saima.dispatch.choices import Rhythm  # noqa: E402
from saima.dispatch.models import Period  # noqa: E402
from saima.dispatch.services import set_rhythm  # noqa: E402
from saima.regions.models import Region  # noqa: E402

# Relative number of key projects per county (roughly population and economy: city districts
# and county-level cities carry more than mountain counties).
WEIGHTS = {
    "220502": 9, "220503": 4, "220521": 5, "220523": 5, "220524": 5, "220581": 8, "220582": 4,
    "220602": 7, "220605": 4, "220621": 5, "220622": 3, "220623": 2, "220681": 4,
    "222401": 10, "222402": 3, "222403": 6, "222404": 6, "222405": 3, "222406": 3,
    "222424": 3, "222426": 3,
}  # fmt: skip
SECRETARY_PROJECTS = 200  # first projects of 东昌区 assigned to the demo secretary

# h(id, salt) in [0, 1): a cheap deterministic hash of a row id (Knuth multiplicative).
H = "(mod({id}::bigint * 2654435761 + {salt} * 40503, 1000003)::float8 / 1000003)"


def h(col: str, salt: int) -> str:
    return H.format(id=col, salt=salt)


def say(message: str, started: float) -> None:
    print(f"  {message} ({time.monotonic() - started:.1f}s)", flush=True)


def counties(city: str | None) -> dict[str, int]:
    if city is None:
        return WEIGHTS
    return {code: w for code, w in WEIGHTS.items() if code[:4] == city[:4]}


def split(n: int, weights: dict[str, int]) -> dict[str, int]:
    total = sum(weights.values())
    counts = {code: n * w // total for code, w in weights.items()}
    first = next(iter(counts))
    counts[first] += n - sum(counts.values())
    return counts


def insert_projects(cur, n: int, weights: dict[str, int], secretary_id: int) -> None:
    cur.execute("SELECT coalesce(max(id), 0) FROM projects_project")
    base = cur.fetchone()[0]
    stages = "ARRAY['谋划','签约','落地','开工','竣工','投产']"
    for code, count in split(n, weights).items():
        if not count:
            continue
        cur.execute(
            f"""
            INSERT INTO projects_project (id, code, name, region_id, content, industry, nature,
                category, owner_name, owner_uscc, total_investment_wan, land_mu, location,
                plan_level, stage, version, is_generated, created_at, updated_at,
                department_id, leader_id, secretary_id)
            SELECT i, NULL, r.name || (ARRAY['产业园','物流园','新材料','道路改造','供热管网',
                    '污水处理','学校','医院','文旅小镇','光伏电站'])[1 + mod(i, 10)] || '项目' || i,
                r.code, '', (ARRAY['C','D','E','G','N','R'])[1 + mod(i, 6)],
                (ARRAY['新建','扩建','改建和技术改造'])[1 + mod(i, 3)],
                (ARRAY['产业','基础设施','社会民生','生态环保','其他'])[1 + mod(i, 5)],
                r.name || '投资有限公司', '',
                round((3000 + {h("i", 1)} ^ 3 * 300000)::numeric, 2), NULL, r.name,
                (ARRAY['省','市','县'])[1 + mod(i, 3)],
                ({stages})[1 + floor({h("i", 2)} * 6)::int], 1, true, now(), now(),
                (SELECT d.id FROM regions_department d WHERE d.region_id = r.code
                 ORDER BY d.id LIMIT 1),
                NULL,
                CASE WHEN r.code = '220502' AND i - %(base)s <= %(sec)s THEN %(secretary)s END
            FROM generate_series(%(base)s + 1, %(base)s + %(count)s) AS i,
                 regions_region r
            WHERE r.code = %(code)s
            """,
            {"base": base, "count": count, "code": code, "sec": SECRETARY_PROJECTS,
             "secretary": secretary_id},
        )  # fmt: skip
        base += count
    cur.execute(
        "SELECT setval(pg_get_serial_sequence('projects_project', 'id'), "
        "(SELECT max(id) FROM projects_project))"
    )


def insert_stage_events(cur, year: int, first_id: int) -> None:
    # Stage k (1..6) of a project reached on d0 + (k−1)·60 days, d0 in the 18 months before
    # mid-year Y; every stage up to the project's `stage` has its event.
    cur.execute(
        f"""
        INSERT INTO projects_stageevent (project_id, stage, date, note, created_at)
        SELECT p.id, s.stage,
               DATE '{year - 1}-01-01' + floor({h("p.id", 3)} * 540)::int + (s.k::int - 1) * 60,
               '', now()
        FROM projects_project p
        JOIN unnest(ARRAY['谋划','签约','落地','开工','竣工','投产']) WITH ORDINALITY
             AS s(stage, k)
          ON s.k <= array_position(ARRAY['谋划','签约','落地','开工','竣工','投产'], p.stage)
        WHERE p.id > %s
        """,
        [first_id],
    )


def insert_plans(cur, year: int, first_id: int) -> None:
    cur.execute(
        f"""
        INSERT INTO projects_annualplan (project_id, year, nature, annual_plan_wan, resumed_on)
        SELECT p.id, %(year)s, CASE WHEN {h("p.id", 4)} < 0.4 THEN '新建' ELSE '续建' END,
               round(p.total_investment_wan * (0.2 + 0.4 * {h("p.id", 5)})::numeric, 2),
               CASE WHEN {h("p.id", 4)} >= 0.4 AND {h("p.id", 6)} < 0.8
                    THEN DATE '{year}-03-01' + floor({h("p.id", 7)} * 120)::int END
        FROM projects_project p WHERE p.id > %(first)s
        """,
        {"year": year, "first": first_id},
    )


def insert_targets(cur, year: int) -> None:
    cur.execute(
        """
        INSERT INTO projects_target (region_id, year, stage, count, investment_wan)
        SELECT p.region_id, %(year)s, e.stage, greatest(1, (count(*) * 0.9)::int),
               round(sum(p.total_investment_wan) * 0.9, 2)
        FROM projects_stageevent e
        JOIN projects_project p ON p.id = e.project_id
        WHERE e.date BETWEEN make_date(%(year)s, 1, 1) AND make_date(%(year)s, 12, 31)
        GROUP BY p.region_id, e.stage
        ON CONFLICT DO NOTHING
        """,
        {"year": year},
    )


def make_periods(year: int, actor, cities) -> list[int]:
    ids = []
    for city in cities:
        set_rhythm(city, year, Rhythm.MONTHLY, actor, Source.COMMAND)
        periods = Period.objects.filter(region=city, year=year, rhythm=Rhythm.MONTHLY)
        periods.filter(seq__lt=12).update(state="已关闭")
        periods.filter(seq=12).update(state="填报中")
        ids += list(periods.values_list("id", flat=True))
    return ids


def insert_filings(cur, year: int, first_id: int, per_project: int, secretary_id: int) -> None:
    # One filing per project and month (the last `per_project` months of the year); the
    # amounts add up to about 85 % of the annual plan.
    cur.execute(
        f"""
        INSERT INTO dispatch_filing (project_id, period_id, state, amount_wan, progress,
            next_steps, first_submitted_at, submitted_at, is_late, return_reason, reviewed_at,
            correction_note, version, created_at, updated_at, filed_by_id, reviewed_by_id)
        SELECT p.id, per.id,
               CASE WHEN per.seq < 12 THEN '已通过'
                    WHEN p.secretary_id IS NOT NULL THEN '草稿' ELSE '已提交' END,
               round(a.annual_plan_wan * 0.85 / 12
                     * (0.5 + {h("p.id * 13 + per.seq", 8)})::numeric, 2),
               '按计划推进', '',
               CASE WHEN per.seq < 12 OR p.secretary_id IS NULL THEN per.deadline::timestamptz END,
               CASE WHEN per.seq < 12 OR p.secretary_id IS NULL THEN per.deadline::timestamptz END,
               {h("p.id * 7 + per.seq", 9)} < 0.1, '',
               CASE WHEN per.seq < 12 THEN per.deadline::timestamptz + interval '2 days' END,
               '', 1, now(), now(), p.secretary_id, NULL
        FROM projects_project p
        JOIN projects_annualplan a ON a.project_id = p.id AND a.year = %(year)s
        JOIN dispatch_period per
          ON per.region_id = left(p.region_id, 4) || '00' AND per.year = %(year)s
         AND per.rhythm = '月报' AND per.seq > 12 - %(n)s
        WHERE p.id > %(first)s
        """,
        {"year": year, "first": first_id, "n": per_project},
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--filings", type=int, default=12, help="filings per project (0–12)")
    parser.add_argument("--city", help="put every project in this city's counties (e.g. 220500)")
    parser.add_argument("--year", type=int, default=date.today().year - 1)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        sys.exit("bench/scale.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    if not 0 <= args.filings <= 12:
        sys.exit("--filings must be between 0 and 12")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    demo = Demo()
    with transaction.atomic():
        for step in (load_regions, load_departments, load_people):
            step(demo)
    say("regions, units and demo people", started)
    secretary = demo.users["secretary"]
    weights = counties(args.city)
    if not weights:
        sys.exit(f"no demo county in city {args.city}")
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT coalesce(max(id), 0) FROM projects_project")
        first_id = cur.fetchone()[0]
        insert_projects(cur, args.projects, weights, secretary.pk)
        say(f"{args.projects} projects", started)
        insert_stage_events(cur, args.year, first_id)
        say("stage events", started)
        insert_plans(cur, args.year, first_id)
        say(f"{args.year} annual plans", started)
        insert_targets(cur, args.year)
        say("targets", started)
        cities = Region.objects.filter(code__in={c[:4] + "00" for c in weights})
        make_periods(args.year, demo.actor, cities)
        say("monthly periods", started)
        if args.filings:
            insert_filings(cur, args.year, first_id, args.filings, secretary.pk)
            say(f"{args.filings} filings per project", started)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    say("done (analyzed)", started)


if __name__ == "__main__":
    main()
