from datetime import date
from decimal import Decimal

import pytest

from saima.ledger.amounts import WAN, YI, YUAN, parse_amount
from saima.ledger.dates import parse_date
from saima.ledger.mapping import match_column
from saima.ledger.report import CellError
from saima.ledger.rows import BLANK, DATA, SECTION, SUBTOTAL, TOTAL, Regions, classify


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        ("1.2亿", WAN, "12000"),
        ("8000万", YI, "8000"),
        ("三亿五千万", WAN, "35000"),
        ("三点五亿", WAN, "35000"),
        ("1亿2000万元", WAN, "12000"),
        ("８０００", WAN, "8000"),
        (" 12,345.67 ", WAN, "12345.67"),
        (1.2, YI, "12000"),
        (0.1, YI, "1000"),
        (123456789, YUAN, "12345.6789"),
        ("五千", WAN, "5000"),
        ("", WAN, None),
    ],
)
def test_it_reads_amounts_exactly(value, unit, wan):
    result = parse_amount(value, unit)
    assert result == (Decimal(wan) if wan else None)
    assert result is None or isinstance(result, Decimal)


@pytest.mark.parametrize("value", ["abc", "-5", "0.5元", "1.00001"])
def test_it_refuses_bad_amounts(value):
    with pytest.raises(CellError):
        parse_amount(value, YUAN if value == "0.5元" else WAN)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-15", date(2022, 3, 15)),
        ("2022/3/15", date(2022, 3, 15)),
        ("2022.3", date(2022, 3, 1)),
        ("2022年3月", date(2022, 3, 1)),
        ("2022年3月15日", date(2022, 3, 15)),
        ("２０２２年３月１５日", date(2022, 3, 15)),
        (44635, date(2022, 3, 15)),
        (2022.3, date(2022, 3, 1)),
        ("20220315", date(2022, 3, 15)),
    ],
)
def test_it_reads_dates_as_offices_write_them(value, expected):
    assert parse_date(value) == expected


def test_a_year_dot_one_number_warns_that_it_may_mean_october():
    notes = []
    assert parse_date(2022.1, notes) == date(2022, 1, 1)
    assert "10月" in notes[0]


@pytest.mark.parametrize(
    ("top", "bottom", "key", "sure"),
    [
        ("项目", "", "name", True),
        ("计划总投资（亿元）", "", "total_investment_wan", True),
        ("总投资", "计划", "total_investment_wan", True),
        ("总投资", "完成", None, False),
        ("计划", "开工", None, False),
        ("性质", "", "nature", False),
        ("2022年度计划", "新建/续建", "year_nature", True),
        ("县（市、区）", "", "region", True),
    ],
)
def test_it_maps_the_names_offices_use(top, bottom, key, sure):
    assert match_column(top, bottom) == (key, sure)


def test_it_tells_data_rows_from_sections_and_totals(world):
    regions = Regions()
    assert classify(["", None, " "], 1, regions)[0] == BLANK
    assert classify(["一、产业项目"], 1, regions)[0] == SECTION
    assert classify([None, "东昌区（25个）"], 1, regions)[0] == SECTION
    assert regions.leading("一、东昌区") == world.county
    assert classify([None, "东昌区小计", 5], 1, regions)[0] == SUBTOTAL
    assert classify(["合计", None, 5], 1, regions)[0] == TOTAL
    assert classify([1, "综合计量检测中心", 5], 1, regions)[0] == DATA
    assert classify([None, "东昌区医药产业园"], 1, regions)[0] == DATA
