"""Bad input at scale: generated and adversarial ledger files never crash the importer, always
get a readable Chinese error or a clean report, and never store part of a file.

The number of generated files is tuned for CI; `SAIMA_FUZZ_SCALE=N` multiplies it."""

import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saima.audit.models import AuditEntry
from saima.core.tests.fuzzing import fuzz_settings
from saima.ledger.importer import import_ledger
from saima.projects.models import AnnualPlan, Project, StageEvent

from .files import write_openpyxl, write_xlsx

HEADER = ["序号", "项目名称", "所在区划", "总投资（万元）", "签约日期", "开工日期", "项目代码"]
CJK = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 200))
cells = st.one_of(
    st.none(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=CJK + "0123456789.,-+=@亿万元年月日 ", max_size=30),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20),
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "@SUM(A1)", "东昌区", "辉南县", "1.2亿"]),
    st.dates(),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=12)


def _state():
    return (
        list(Project.objects.order_by("id").values_list("name", "total_investment_wan", "version")),
        StageEvent.objects.count(),
        AnnualPlan.objects.count(),
        AuditEntry.objects.count(),
    )


def _check(report, before, stored_ok=True):
    """A readable outcome: either stored cleanly, or errors in Chinese and nothing changed."""
    if report.stored:
        assert stored_ok and report.ok
    else:
        assert _state() == before
    for message in report.errors:
        assert isinstance(message, str) and message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        assert "Traceback" not in message


@pytest.fixture
def importing(world, tmp_path):
    counter = iter(range(10**9))

    def run(write, data, suffix):
        path = tmp_path / f"f{next(counter)}{suffix}"
        write(path, data)
        before = _state()
        report = import_ledger(path, user=world.county_admin, year=2022, dry_run=False)
        return report, before

    return run


@fuzz_settings(60)
@given(data=rows)
def test_random_workbooks_never_crash_nor_half_store(importing, data):
    report, before = importing(write_openpyxl, [HEADER, *data], ".xlsx")
    _check(report, before)


@fuzz_settings(60)
@given(data=rows, header=st.lists(st.sampled_from(HEADER + ["", "备注", "年度计划"]), max_size=9))
def test_random_csv_in_odd_encodings_never_crash(importing, data, header):
    def write(path, rows):
        out = io.StringIO()
        csv.writer(out).writerows([[("" if c is None else c) for c in r] for r in rows])
        text = out.getvalue()
        for encoding in ("utf-8", "gb18030", "utf-16", "big5", "latin-1"):
            try:
                path.write_bytes(text.encode(encoding))
                return
            except UnicodeEncodeError:
                continue
        path.write_bytes(text.encode("utf-8", "replace"))

    report, before = importing(write, [header or HEADER, *data], ".csv")
    _check(report, before)


@fuzz_settings(100)
@given(blob=st.binary(max_size=4000), suffix=st.sampled_from([".xlsx", ".csv", ".xls", ".ods"]))
def test_random_bytes_are_refused_readably(importing, blob, suffix):
    report, before = importing(lambda p, b: p.write_bytes(b), blob, suffix)
    _check(report, before, stored_ok=False)


@fuzz_settings(60)
@given(cut=st.integers(min_value=0, max_value=5000), flip=st.integers(min_value=0, max_value=255))
def test_truncated_and_corrupted_workbooks_are_refused_readably(importing, tmp_path, cut, flip):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, [1, "好项目", "东昌区", 1000]])
    raw = bytearray(good.read_bytes())
    raw[cut % len(raw)] ^= flip
    report, before = importing(lambda p, b: p.write_bytes(bytes(b[: max(cut, 30)])), raw, ".xlsx")
    _check(report, before)


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)


@pytest.mark.parametrize(
    "members",
    [
        pytest.param({"[Content_Types].xml": "<Types", "xl/workbook.xml": "<<<"}, id="broken-xml"),
        pytest.param({"xl/workbook.xml": "<workbook/>"}, id="no-content-types"),
        pytest.param({"a.txt": b"0" * (200 * 1024 * 1024)}, id="zip-bomb-200MB"),
        pytest.param(
            {
                "[Content_Types].xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Types>&c;</Types>'
            },
            id="billion-laughs",
        ),
    ],
)
def test_hostile_archives_are_refused_readably(importing, members):
    report, before = importing(_zip, members, ".xlsx")
    assert not report.ok and not report.stored
    _check(report, before, stored_ok=False)


def test_formulas_are_never_evaluated_nor_stored_as_text(importing, world):
    data = [
        HEADER,
        [1, "公式项目", "东昌区", "=1000*2"],
        [2, "注入", "东昌区", "=cmd|' /C calc'!A0"],
    ]
    report, before = importing(write_openpyxl, data, ".xlsx")
    _check(report, before)
    stored = Project.objects.filter(name__in=["公式项目", "注入"])
    assert not stored.filter(total_investment_wan=2000).exists()
    assert not Project.objects.filter(name__startswith="=").exists()


def test_a_huge_sheet_with_one_bad_row_at_the_end_stores_nothing(importing):
    data = [HEADER] + [[i, f"项目{i}", "东昌区", 100 + i] for i in range(1, 5001)]
    data.append([5001, "坏金额", "东昌区", "很多"])
    report, before = importing(write_xlsx, data, ".xlsx")
    assert not report.stored and report.error_count == 1
    assert report.errors[0].startswith("第5002行")
    assert _state() == before


PLACEHOLDER = 123456789.25


def _with_number(text: str):
    """A writer that puts `text` (e.g. "NaN", "1.797693134862316e+308") in a number cell."""

    def write(path, rows):
        write_openpyxl(path, rows)
        with zipfile.ZipFile(path) as src:
            members = {name: src.read(name) for name in src.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        members[sheet] = members[sheet].replace(
            f"<v>{PLACEHOLDER}</v>".encode(), f"<v>{text}</v>".encode()
        )
        with zipfile.ZipFile(path, "w") as out:
            for name, data in members.items():
                out.writestr(name, data)
        return path

    return write


@pytest.mark.parametrize(
    "text", ["1.797693134862316e+308", "-1.797693134862316e+308", "NaN", "inf"]
)
@pytest.mark.parametrize("column", range(1, len(HEADER)))
def test_infinite_and_not_a_number_cells_are_refused_readably(importing, text, column):
    """A number too large for a float (read as infinity), or NaN, in any column: an error that
    names the cell, never a crash (found by SAIMA_FUZZ_SCALE=5)."""
    row = [1, "无穷项目", "东昌区", 100, "2022-03-01", "2022-04-01", ""]
    row[column] = PLACEHOLDER
    report, before = importing(_with_number(text), [HEADER, row], ".xlsx")
    _check(report, before)
    assert not report.stored and report.errors[0].startswith("第2行")


@pytest.mark.parametrize(
    "area", [PLACEHOLDER, 1e30, "NaN", "inf", "Infinity", "1e30", "-0.5", "12.345"]
)
def test_odd_land_areas_are_refused_readably(importing, area):
    header = [*HEADER[:4], "用地面积（亩）"]
    row = [1, "面积项目", "东昌区", 100, area]
    write = _with_number("1.797693134862316e+308") if area == PLACEHOLDER else write_openpyxl
    report, before = importing(write, [header, row], ".xlsx")
    _check(report, before)
    assert not report.stored and report.errors[0].startswith("第2行")
