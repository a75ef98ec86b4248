from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saima.ranking.periods import Period


@pytest.mark.parametrize(
    "text, end, previous",
    [
        ("2022-03", date(2022, 3, 31), "2022-02"),
        ("2022-01", date(2022, 1, 31), "2021-12"),
        ("2022-Q1", date(2022, 3, 31), "2021-Q4"),
        ("2022-q3", date(2022, 9, 30), "2022-Q2"),
        ("2022", date(2022, 12, 31), "2021"),
        ("2022-W10", date(2022, 3, 13), "2022-W09"),
        ("2022-W01", date(2022, 1, 9), "2021-W52"),
    ],
)
def test_it_parses_periods_with_their_end_and_previous(text, end, previous):
    period = Period.parse(text)
    assert period.end == end
    assert str(period.previous()) == previous


def test_time_progress_is_months_over_twelve():
    assert Period.parse("2022-03").time_progress() == Decimal(25)
    assert Period.parse("2022-Q2").time_progress() == Decimal(50)


@pytest.mark.parametrize("text", ["2022-13", "2022-Q5", "22-03", "三月", "", "2022-W60"])
def test_it_rejects_a_bad_period_with_the_expected_form(text):
    with pytest.raises(ValidationError) as error:
        Period.parse(text)
    assert "2022-03" in str(error.value)
