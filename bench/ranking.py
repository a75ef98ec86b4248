"""Benchmark: a city's ranking and briefing at scale, against hand-written SQL for the same
figures in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saima_bench \
        .venv/bin/python bench/ranking.py --projects 1000000

Builds (once; reused when the row count matches) a city with ten counties, N projects on the
2022 plan, stage history and targets, then times:

- ranking: saima.ranking.scoring.compute for the city's scheme (ten counties, five
  indicators), against one hand-written SQL query per figure family grouped by county;
- briefing: building the content and rendering the .docx for a city of --briefing-projects.

Filings (investment completed per period) are not part of this branch; their figures join
this benchmark when the dispatch app is merged.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from saima.audit.models import Source  # noqa: E402
from saima.projects.models import AnnualPlan, Project, StageEvent, Target  # noqa: E402
from saima.ranking import document  # noqa: E402
from saima.ranking.briefing import build_content  # noqa: E402
from saima.ranking.models import Scheme  # noqa: E402
from saima.ranking.periods import Period  # noqa: E402
from saima.ranking.scoring import compute  # noqa: E402
from saima.ranking.services import create_scheme  # noqa: E402
from saima.regions.models import Region  # noqa: E402

STAGES = ["谋划", "签约", "落地", "开工"]
PERIOD = Period.parse("2022-03")


def build(city_code: str, n: int, seed: int) -> Region:
    """A city (code ending 00) with ten counties and n planned projects."""
    rnd = random.Random(seed)
    province, _ = Region.objects.get_or_create(
        code=city_code[:2] + "0000", defaults={"name": "省", "level": "province"}
    )
    city, _ = Region.objects.get_or_create(
        code=city_code, defaults={"name": f"市{city_code}", "level": "city", "parent": province}
    )
    if AnnualPlan.objects.filter(project__region__code__startswith=city.prefix).count() == n:
        return city
    counties = [
        Region.objects.get_or_create(
            code=f"{city_code[:4]}{i:02d}",
            defaults={"name": f"县{i:02d}", "level": "county", "parent": city},
        )[0]
        for i in range(1, 11)
    ]
    batch = 20000
    print(f"building {n} projects under {city}…", flush=True)
    with transaction.atomic():
        for county in counties:
            for stage in STAGES:
                Target.objects.get_or_create(
                    region=county, year=2022, stage=stage, defaults={"count": n // 200 + 1}
                )
        for start in range(0, n, batch):
            size = min(batch, n - start)
            projects = Project.objects.bulk_create(
                Project(
                    name=f"项目{start + i}",
                    region=counties[(start + i) % 10],
                    total_investment_wan=Decimal(rnd.randint(5000, 500000)),
                    is_generated=True,
                )
                for i in range(size)
            )
            plans, events = [], []
            for p in projects:
                nature = "新建" if rnd.random() < 0.5 else "续建"
                resumed = None
                if nature == "续建" and rnd.random() < 0.6:
                    resumed = date(2022, 1, 1) + timedelta(days=rnd.randint(0, 150))
                plans.append(
                    AnnualPlan(
                        project=p,
                        year=2022,
                        nature=nature,
                        annual_plan_wan=Decimal(rnd.randint(100, 50000)),
                        resumed_on=resumed,
                    )
                )
                day = date(2021, 11, 1) + timedelta(days=rnd.randint(0, 200))
                for stage in STAGES[: rnd.randint(0, 4)]:
                    events.append(StageEvent(project=p, stage=stage, date=day))
                    day += timedelta(days=rnd.randint(0, 20))
            AnnualPlan.objects.bulk_create(plans)
            StageEvent.objects.bulk_create(events)
            print(f"  {start + size}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None
    return city


def scheme_for(city: Region) -> Scheme:
    existing = Scheme.objects.filter(region=city, year=2022).first()
    if existing:
        return existing
    counties = [r.code for r in Region.objects.filter(parent=city)]
    indicators = [
        {"key": "start_or_resume_rate", "weight": "30", "rule": "capped", "cap": "120"},
        {"key": "target_planning", "weight": "20", "rule": "capped", "cap": "120"},
        {"key": "target_signed", "weight": "20", "rule": "capped", "cap": "120"},
        {"key": "target_landed", "weight": "15", "rule": "rank"},
        {"key": "target_started", "weight": "15", "rule": "capped", "cap": "120"},
    ]
    leagues = [
        {"name": "甲组", "members": counties[:5]},
        {"name": "乙组", "members": counties[5:]},
    ]
    return create_scheme(
        city,
        2022,
        {"name": "bench", "indicators": indicators, "leagues": leagues},
        None,
        Source.COMMAND,
    )


HAND_SQL = [
    # Plans, starts and resumes per county.
    """
    SELECT p.region_id, COUNT(*),
           COUNT(*) FILTER (WHERE a.nature = '新建' AND EXISTS (
               SELECT 1 FROM projects_stageevent e WHERE e.project_id = a.project_id
               AND e.stage = '开工' AND e.date BETWEEN %(start)s AND %(end)s)),
           COUNT(*) FILTER (WHERE a.nature = '续建' AND a.resumed_on BETWEEN %(start)s AND %(end)s)
    FROM projects_annualplan a JOIN projects_project p ON p.id = a.project_id
    WHERE a.year = %(year)s AND p.region_id LIKE %(prefix)s
    GROUP BY p.region_id
    """,
    # Projects reaching each stage per county, against the targets.
    """
    SELECT p.region_id, e.stage, COUNT(DISTINCT e.project_id), MAX(t.count)
    FROM projects_stageevent e JOIN projects_project p ON p.id = e.project_id
    LEFT JOIN projects_target t ON t.region_id = p.region_id AND t.year = %(year)s
         AND t.stage = e.stage
    WHERE e.date BETWEEN %(start)s AND %(end)s AND p.region_id LIKE %(prefix)s
    GROUP BY p.region_id, e.stage
    """,
]


def hand_written(city: Region, period: Period) -> None:
    params = {
        "start": date(period.year, 1, 1),
        "end": period.end,
        "year": period.year,
        "prefix": city.prefix + "%",
    }
    with connection.cursor() as cursor:
        for sql in HAND_SQL:
            cursor.execute(sql, params)
            cursor.fetchall()


def timed(label: str, func, repeat: int = 3) -> float:
    best = min(_once(func) for _ in range(repeat))
    print(f"{label:<40} {best:8.3f} s", flush=True)
    return best


def _once(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100000)
    parser.add_argument("--briefing-projects", type=int, default=10000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("note: the hand-written SQL uses PostgreSQL's FILTER; set DATABASE_URL", flush=True)
    call_command("migrate", verbosity=0)
    city = build("229900", args.projects, seed=1)
    scheme = scheme_for(city)
    ours = timed(f"ranking, {args.projects} projects (ORM)", lambda: compute(scheme, PERIOD))
    theirs = timed("same figures, hand-written SQL", lambda: hand_written(city, PERIOD))
    # compute() also ranks the previous period (February) for the change arrows: the fair
    # comparison is against the hand-written SQL run for both periods.
    both = timed(
        "hand-written SQL, March and February",
        lambda: (hand_written(city, PERIOD), hand_written(city, PERIOD.previous())),
    )
    print(
        f"ratio ORM / hand-written (two periods): {ours / both:.2f}  (one period: "
        f"{ours / theirs:.2f})"
    )
    small = build("229800", args.briefing_projects, seed=2)
    scheme_for(small)
    timed(
        f"briefing, {args.briefing_projects} projects (.docx)",
        lambda: document.render(build_content(small, PERIOD, issue=1)),
        repeat=2,
    )


if __name__ == "__main__":
    main()
