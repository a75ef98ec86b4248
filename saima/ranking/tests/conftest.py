"""A small Tonghua ledger for the ranking tests, shaped like the demo: 东昌区 谋划 18/16,
签约 6/8, 落地 3/5, 开工 2/3 as of 2022-03-05 (the published rates 112.5% / 75% / 60% /
66.7%), 辉南县 谋划 18/16 and 开工 2/3, 二道江区 谋划 17 of 20."""

from datetime import date
from decimal import Decimal

import pytest

from saima.projects.models import AnnualPlan, Project, StageEvent, Target
from saima.regions.models import Region, RegionLevel

STAGES = {
    "220502": [("谋划", 18, 16), ("签约", 6, 8), ("落地", 3, 5), ("开工", 2, 3)],
    "220523": [("谋划", 18, 16), ("签约", 2, 4), ("开工", 2, 3)],
    "220503": [("谋划", 17, 20), ("签约", 3, 4), ("落地", 2, 3)],
}


def stage_counts(region, stages, when=date(2022, 3, 5)):
    for stage, actual, target in stages:
        Target.objects.create(region=region, year=2022, stage=stage, count=target)
        for i in range(actual):
            project = Project.objects.create(
                name=f"{region.name}{stage}{i}", region=region, total_investment_wan=Decimal(6000)
            )
            StageEvent.objects.create(project=project, stage=stage, date=when)


def plan(region, name, nature, total, annual, started=None, resumed=None, year=2022):
    project = Project.objects.create(name=name, region=region, total_investment_wan=Decimal(total))
    AnnualPlan.objects.create(
        project=project,
        year=year,
        nature=nature,
        annual_plan_wan=Decimal(annual),
        resumed_on=resumed,
    )
    if started:
        StageEvent.objects.create(project=project, stage="开工", date=started)
    return project


@pytest.fixture
def tonghua(world):
    world.district = Region.objects.create(
        code="220503", name="二道江区", level=RegionLevel.COUNTY, parent=world.city
    )
    for code, stages in STAGES.items():
        stage_counts(Region.objects.get(code=code), stages)
    # Plans: 东昌区 5 projects (its two started ones among them), 4 started or resumed by
    # March; 辉南县 2, 1 resumed.
    for project, annual in zip(
        Project.objects.filter(region=world.county, stage_events__stage="开工"),
        ("10000", "3000"),
        strict=True,
    ):
        AnnualPlan.objects.create(
            project=project, year=2022, nature="新建", annual_plan_wan=Decimal(annual)
        )
    plan(world.county, "东昌乙", "新建", "8000", "3000")
    plan(world.county, "东昌丙", "续建", "30000", "6000", resumed=date(2022, 3, 1))
    plan(world.county, "东昌丁", "续建", "12000.5", "2000", resumed=date(2022, 3, 20))
    plan(world.sibling, "辉南甲", "续建", "9000", "4000", resumed=date(2022, 3, 10))
    plan(world.sibling, "辉南乙", "新建", "7000", "1500")
    return world
