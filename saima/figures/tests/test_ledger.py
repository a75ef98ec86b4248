from datetime import date
from decimal import Decimal

from saima.figures.ledger import ledger_figures
from saima.projects.models import AnnualPlan, Project, StageEvent, Target


def add(world, region, name, total, year_nature, annual, started=None, resumed=None):
    project = Project.objects.create(name=name, region=region, total_investment_wan=Decimal(total))
    AnnualPlan.objects.create(
        project=project,
        year=2022,
        nature=year_nature,
        annual_plan_wan=Decimal(annual),
        resumed_on=resumed,
    )
    if started:
        StageEvent.objects.create(project=project, stage="开工", date=started)
    return project


def test_it_counts_plans_starts_and_resumes_up_to_as_of(world):
    add(world, world.county, "A", "10000.5", "新建", "3000", started=date(2022, 2, 28))
    add(world, world.county, "B", "20000", "新建", "5000", started=date(2022, 4, 1))
    add(world, world.county, "C", "7000", "新建", "1000", started=date(2021, 10, 1))
    add(world, world.sibling, "D", "9000.25", "续建", "2000.25", resumed=date(2022, 3, 1))
    add(world, world.sibling, "E", "6000", "续建", "100", resumed=date(2022, 5, 1))
    add(world, world.other_county, "F", "99999", "新建", "1", started=date(2022, 1, 5))

    f = ledger_figures(world.city, 2022, date(2022, 3, 31))
    assert f.planned_projects == 5
    assert (f.planned_new, f.planned_continuing) == (3, 2)
    assert f.total_investment_wan == Decimal("52000.75")
    assert f.annual_plan_wan == Decimal("11100.25")
    assert f.started_new == 1  # B starts after as-of; C started last year
    assert f.resumed_continuing == 1
    assert f.start_rate.quantize(Decimal("0.0001")) == Decimal("33.3333")
    assert f.resume_rate == Decimal(50)
    assert f.start_or_resume_rate == Decimal(40)

    county = ledger_figures(world.county, 2022, date(2022, 12, 31))
    assert (county.planned_projects, county.started_new, county.resumed_continuing) == (3, 2, 0)


def test_it_restricts_to_a_minimum_total_investment(world):
    add(world, world.county, "big", "5000", "新建", "1", started=date(2022, 2, 1))
    add(world, world.county, "small", "4999.99", "新建", "1", started=date(2022, 2, 1))
    f = ledger_figures(world.county, 2022, date(2022, 12, 31), min_total_wan=Decimal(5000))
    assert (f.planned_projects, f.started_new) == (1, 1)


def test_rates_are_undefined_without_a_plan(world):
    f = ledger_figures(world.county, 2022, date(2022, 3, 31))
    assert f.planned_projects == 0
    assert f.start_or_resume_rate is None


def test_stage_counts_against_targets(world):
    # 东昌区 as published: 谋划 18 of 16, 签约 6 of 8, 落地 3 of 5, 开工 2 of 3.
    for stage, actual, target in [("谋划", 18, 16), ("签约", 6, 8), ("落地", 3, 5), ("开工", 2, 3)]:
        Target.objects.create(region=world.county, year=2022, stage=stage, count=target)
        for i in range(actual):
            p = Project.objects.create(name=f"{stage}{i}", region=world.county)
            StageEvent.objects.create(project=p, stage=stage, date=date(2022, 2, 1))
    late = Project.objects.create(name="late", region=world.county)
    StageEvent.objects.create(project=late, stage="谋划", date=date(2022, 3, 6))

    f = ledger_figures(world.county, 2022, date(2022, 3, 5))
    got = {
        s.stage: (s.actual, s.target, str(s.completion.quantize(Decimal("0.1"))))
        for s in f.stages
        if s.target
    }
    assert got == {
        "谋划": (18, 16, "112.5"),
        "签约": (6, 8, "75.0"),
        "落地": (3, 5, "60.0"),
        "开工": (2, 3, "66.7"),
    }
    # The city has no target of its own and only one of its two counties has one: no target.
    assert ledger_figures(world.city, 2022, date(2022, 3, 5)).stage("谋划").target is None
    # Once every county has one, the city's target is their sum.
    Target.objects.create(region=world.sibling, year=2022, stage="谋划", count=4)
    assert ledger_figures(world.city, 2022, date(2022, 3, 5)).stage("谋划").target == 20
