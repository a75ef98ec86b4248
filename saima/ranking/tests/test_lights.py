from datetime import date
from decimal import Decimal

from saima.figures import lights
from saima.figures.lights import GREEN, RED, YELLOW, pace_light, start_light

D = Decimal


def test_pace_is_green_at_or_ahead_of_time_progress_and_red_far_behind():
    assert pace_light(D(25), D(25)) == GREEN
    assert pace_light(D(40), D(25)) == GREEN
    assert pace_light(D("24.9"), D(25)) == YELLOW
    assert pace_light(D(0), D(30)) == YELLOW  # exactly 30 points behind
    assert pace_light(D("19.9"), D(50)) == RED
    assert pace_light(None, D(25)) is None


def test_pace_thresholds_are_settings(settings):
    settings.LIGHT_GREEN_MARGIN = 10
    settings.LIGHT_RED_MARGIN = 20
    assert pace_light(D(15), D(25)) == GREEN
    assert pace_light(D(4), D(25)) == RED


def test_a_late_start_is_yellow_and_three_months_late_red():
    due = date(2022, 3, 31)
    assert start_light(due, None, date(2022, 3, 31)) == GREEN  # not yet late
    assert start_light(due, None, date(2022, 4, 1)) == YELLOW
    assert start_light(due, None, date(2022, 6, 29)) == YELLOW
    assert start_light(due, None, date(2022, 6, 30)) == RED
    assert start_light(due, date(2022, 5, 1), date(2022, 7, 31)) == GREEN
    assert start_light(None, None, date(2022, 7, 31)) == GREEN


def test_months_late_for_red_is_a_setting(settings):
    settings.LIGHT_LATE_RED_MONTHS = 1
    assert start_light(date(2022, 3, 31), None, date(2022, 4, 30)) == RED


def test_project_lights_come_from_start_and_resume_dates(tonghua, settings):
    settings.LIGHT_START_DUE_MONTH = 2
    got = {p.name: p.light for p in lights.project_lights(tonghua.city, 2022, date(2022, 3, 31))}
    # 东昌丁 resumed 3-20, after the end of February: it is late but started by as-of → green.
    assert got["东昌乙"] == YELLOW and got["辉南乙"] == YELLOW
    assert got["东昌丙"] == GREEN and got["东昌丁"] == GREEN
    assert lights.counts(lights.project_lights(tonghua.city, 2022, date(2022, 5, 31))) == {
        GREEN: 5,
        YELLOW: 0,
        RED: 2,
    }


def test_a_region_is_lit_by_its_indicator_against_time_progress(tonghua):
    # 东昌区 开复工率 80% vs 25%; 辉南县 50% (1 of 2).
    assert lights.region_light(tonghua.county, 2022, date(2022, 3, 31), D(25)) == GREEN
    assert lights.region_light(tonghua.sibling, 2022, date(2022, 12, 31), D(100)) == RED
