import pytest
from django.core.exceptions import ValidationError

from saima.core import numbers
from saima.core.validators import validate_project_code, validate_uscc


def test_project_code_shape_and_region(world):
    validate_project_code("2201-220502-04-01-123456")
    for bad in ["2201-220502-04-01-12345", "2213-220502-04-01-123456", "220122050204011234567890"]:
        with pytest.raises(ValidationError):
            validate_project_code(bad)
    with pytest.raises(ValidationError, match="220999"):
        validate_project_code("2201-220999-04-01-123456")


def test_uscc_accepts_letter_prefixes_and_checks_digit():
    validate_uscc("91110000802100433B")
    # A code starting with a letter (N 农业) that stdnum's validate() would reject.
    from stdnum.cn import uscc

    body = "N2220502MA0000000"
    validate_uscc(body + uscc.calc_check_digit(body))
    with pytest.raises(ValidationError):
        validate_uscc("91110000802100433C")
    with pytest.raises(ValidationError):
        validate_uscc("91110000802100433")


def test_display_rounding_is_half_up():
    assert numbers.fmt_percent(numbers.rate(18, 16)) == "112.5%"
    assert numbers.fmt_percent(numbers.rate(2, 3)) == "66.7%"
    assert numbers.fmt_percent(numbers.rate(30, 33)) == "90.9%"
    assert numbers.fmt_percent(numbers.rate(1, 8)) == "12.5%"
    assert numbers.fmt_percent(numbers.rate(1, 16), 1) == "6.3%"  # 6.25 → 6.3, not banker's 6.2
    assert numbers.fmt_yi(10235000) == "1,023.50"
    assert numbers.fmt_percent(None) == "—"
    assert numbers.api_decimal(numbers.rate(30, 33)) == "90.9091"
