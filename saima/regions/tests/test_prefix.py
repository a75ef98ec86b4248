"""Region prefixes are matched as ranges of codes (`prefix_q`): the same rows as "starts with"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from saima.projects.models import Project
from saima.regions.models import Region, RegionLevel, _successor, prefix_q

digits = st.text(alphabet="0123456789", min_size=1, max_size=12)


@given(prefix=digits, code=digits)
def test_a_code_is_in_the_range_exactly_when_it_starts_with_the_prefix(prefix, code):
    upper = _successor(prefix)
    in_range = prefix <= code and (upper is None or code < upper)
    assert in_range == code.startswith(prefix)


@given(code=digits)
def test_a_code_extended_by_digits_stays_in_its_prefix_range(code):
    upper = _successor(code)
    for tail in ("", "0", "9", "999999"):
        assert code <= code + tail and (upper is None or code + tail < upper)


def test_a_prefix_that_is_not_all_digits_falls_back_to_starts_with():
    assert _successor("22a9") is None
    assert _successor("２２０５") is None  # full-width digits are not code digits
    assert prefix_q("code", "22a9").children == [("code__startswith", "22a9")]
    assert prefix_q("code", "2209").children == [("code__gte", "2209"), ("code__lt", "221")]


@pytest.mark.django_db
def test_within_a_region_selects_what_starts_with_its_prefix(world):
    for code in ("220599", "220601", "2205999", "22059"):
        Region.objects.create(code=code, name=code, level=RegionLevel.COUNTY, parent=world.city)
        Project.objects.create(name=f"项目{code}", region_id=code)
    for region in Region.objects.all():
        expected = set(Project.objects.filter(region__code__startswith=region.prefix))
        assert set(Project.objects.within(region)) == expected, region.code


def test_a_region_code_is_two_to_twelve_digits():
    field = Region._meta.get_field("code")
    for bad in ("2", "22a500", "2205000000001", "２２０５", "220502\n"):
        with pytest.raises(ValidationError, match="行政区划代码应为2至12位数字"):
            field.run_validators(bad)
    field.run_validators("220502001")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["220A01", "2209:1", "220５01", "220502\n", "2"])
def test_the_database_refuses_a_code_that_is_not_two_to_twelve_digits(world, code):
    # A code with a character above '9' would fall inside the range of a prefix ending in 9s
    # (2209 → [2209, 221) holds 220A01) and widen someone's scope; it cannot be stored.
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code=code, name="错", level=RegionLevel.COUNTY, parent=world.city)
    assert not Region.objects.filter(code=code).exists()
