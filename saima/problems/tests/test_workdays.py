from datetime import date

from saima.problems.ladder import ladder_for
from saima.problems.models import EscalationLevel
from saima.problems.workdays import add_working_days, is_workday, working_days_between


def test_it_skips_national_day_and_counts_make_up_saturday_and_sunday():
    assert is_workday(date(2022, 10, 8)) and is_workday(date(2022, 10, 9))
    assert not is_workday(date(2022, 10, 3))
    # 9-30, 10-8 (Sat), 10-9 (Sun), 10-10, 10-11
    assert add_working_days(date(2022, 9, 29), 5) == date(2022, 10, 11)
    # 10 working days from 10-11: 10-12 … 10-25 skipping the weekend of 15/16 and 22/23
    assert add_working_days(date(2022, 10, 11), 10) == date(2022, 10, 25)


def test_it_skips_spring_festival_with_its_make_up_days():
    # 2022 Spring Festival: 1-31 … 2-6 off; 1-29 and 1-30 (Sat/Sun) are make-up working days.
    assert add_working_days(date(2022, 1, 27), 3) == date(2022, 1, 30)  # 1-28, 1-29, 1-30
    assert add_working_days(date(2022, 1, 27), 4) == date(2022, 2, 7)
    assert working_days_between(date(2022, 1, 27), date(2022, 2, 7)) == 4


def test_it_falls_back_to_weekdays_for_years_the_calendar_does_not_know():
    assert add_working_days(date(2099, 1, 2), 1) == date(2099, 1, 5)  # Friday → Monday


def test_a_region_without_a_ladder_uses_the_nearest_one_above(world):
    assert [r.working_days for r in ladder_for(world.county)] == [5, 5, 10]
    EscalationLevel.objects.create(
        region=world.city, level=1, holder="unit_head", title="部门主管", working_days=3
    )
    EscalationLevel.objects.create(
        region=world.city, level=2, holder="leader", title="包保领导", working_days=4
    )
    assert [(r.title, r.working_days) for r in ladder_for(world.county)] == [
        ("部门主管", 3),
        ("包保领导", 4),
    ]
