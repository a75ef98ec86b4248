"""The letter sections that read the dispatch cycle: investment behind time progress and
missing progress reports."""

from datetime import date
from decimal import Decimal

from saima.dispatch.choices import FilingState, PeriodState, Rhythm
from saima.dispatch.models import Filing, Period
from saima.letters.sections import behind_time_progress, missing_filings
from saima.projects.models import AnnualPlan


def _period(region, seq, start, end, deadline):
    return Period.objects.create(
        region=region,
        year=2022,
        rhythm=Rhythm.MONTHLY,
        seq=seq,
        start=start,
        end=end,
        deadline=deadline,
        state=PeriodState.CLOSED,
    )


def test_it_lists_projects_behind_time_progress_by_more_than_the_threshold(world, settings):
    settings.LETTER_BEHIND_POINTS = 10
    AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal(1000)
    )
    march = _period(world.city, 3, date(2022, 3, 1), date(2022, 3, 31), date(2022, 4, 6))
    Filing.objects.create(
        project=world.project, period=march, amount_wan=Decimal(100), state=FilingState.ACCEPTED
    )
    # Time progress at March end is 25%; 100 of 1000 is 10%: 15 points behind.
    section = behind_time_progress(world.county, None, date(2022, 3, 31))
    assert len(section.items) == 1
    assert "占年度计划的10.0%，低于序时进度15.0个百分点" in section.items[0]
    settings.LETTER_BEHIND_POINTS = 15
    assert behind_time_progress(world.county, None, date(2022, 3, 31)).items == []


def test_it_lists_missing_reports_of_periods_past_their_deadline(world):
    AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal(1000)
    )
    _period(world.city, 3, date(2022, 3, 1), date(2022, 3, 31), date(2022, 4, 6))
    section = missing_filings(world.county, None, date(2022, 4, 10))
    assert section.items == ["2022年3月：东昌区 医药文化创意孵化园基础设施"]
    assert missing_filings(world.county, None, date(2022, 4, 5)).items == []
    assert missing_filings(world.county, world.unit, date(2022, 4, 10)).items == section.items
