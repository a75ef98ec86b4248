"""Reading a ledger file as a stream of rows, and finding its title and header.

.xlsx (and .xls/.ods) are read with python-calamine; .csv with the csv module, in UTF-8 (with
or without BOM) or GB18030 (what Excel and WPS save on Chinese Windows). Rows are yielded one
at a time as (row number in the file, cells), so a large file is never held as Python objects.
"""

import codecs
import csv
import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from .amounts import half_width, unit_of
from .mapping import Column, header_score, map_columns, match_column, year_in

HEADER_SEARCH_ROWS = 20
SNIFF_BYTES = 1 << 16
NUMERIC_RE = re.compile(r"^\s*[-+]?[\d,]+(\.\d+)?\s*$")


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, encoding, no header)."""


@dataclass
class Layout:
    """What precedes the data: title rows, the header (one or two rows) and its columns."""

    title: str
    first_data_row: int
    columns: list[Column]
    year: int | None
    header_rows: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)


class Source:
    """An opened ledger: `rows` yields (row number, cells); `total` is the row count if known."""

    def __init__(self, rows, total: int | None, merges=(), close=None):
        self.rows = rows
        self.total = total
        self.merges = list(merges or ())
        self._close = close

    def close(self):
        if self._close:
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_source(path) -> Source:
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _open_workbook(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise FileProblem(_("文件不是有效的Excel工作簿，请用Excel或WPS另存为.xlsx后重试"))
    return _open_csv(path)


def _open_workbook(path: Path) -> Source:
    try:
        book = CalamineWorkbook.from_path(str(path))
        visible = [
            i for i, m in enumerate(book.sheets_metadata) if str(m.visible).endswith("Visible")
        ]
        sheet = book.get_sheet_by_index(visible[0] if visible else 0)
    except (CalamineError, OSError, ValueError) as err:
        raise FileProblem(_("无法读取Excel文件：%(err)s") % {"err": err}) from None
    first_row, first_col = sheet.start or (0, 0)
    pad = [""] * first_col

    def rows():
        # iter_rows() starts at the sheet's first row but at its first used column.
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            yield number, (pad + cells if first_col else cells)

    merges = [((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return Source(rows(), first_row + sheet.height, merges, book.close)


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _open_csv(path: Path) -> Source:
    with path.open("rb") as fh:
        sample = fh.read(SNIFF_BYTES)
        lines = sample.count(b"\n")
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
    encoding = detect_encoding(sample)
    stream = path.open("r", encoding=encoding, newline="")
    try:
        dialect = csv.Sniffer().sniff(sample.decode(encoding, "ignore")[:4096], ",\t;")
    except csv.Error:
        dialect = csv.excel

    def rows():
        try:
            yield from enumerate(csv.reader(stream, dialect), start=1)
        except UnicodeDecodeError:
            raise FileProblem(_("CSV文件编码无法识别，请另存为UTF-8或GB18030编码")) from None

    return Source(rows(), lines + 1, (), stream.close)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_layout(source: Source, overrides=None):
    """Consume the title and header rows; return (layout, iterator over the remaining rows)."""
    seen = []
    header_at = None
    for number, cells in source.rows:
        seen.append((number, cells))
        named = any(match_column(c, "")[0] == "name" for c in cells if isinstance(c, str))
        filled = sum(1 for c in cells if not _blank(c))
        if named and (header_score(cells) >= 2 or filled >= 3):
            header_at = len(seen) - 1
            break
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if header_at is None:
        raise FileProblem(
            _("在前%(n)s行中没有找到表头 — 表头应包含“项目名称”及至少一个其他列名（如“总投资”）")
            % {"n": HEADER_SEARCH_ROWS}
        )
    titles = [
        " ".join(str(c).strip() for c in cells if not _blank(c)) for _n, cells in seen[:header_at]
    ]
    title = next((t for t in titles if t), "")
    header_number, top = seen[header_at]
    top = list(top)
    rest = iter(source.rows)
    following = next(rest, None)
    bottom, header_rows = [], (header_number,)
    if following is not None and _is_sub_header(source, header_number, top, following[1]):
        bottom = list(following[1])
        header_rows = (header_number, following[0])
        following = None
    width = max(len(top), len(bottom))
    top += [""] * (width - len(top))
    bottom += [""] * (width - len(bottom))
    _fill_groups(source, header_number, top, bottom)
    default_unit = next((u for t in titles if (u := unit_of(t))), None)
    columns = map_columns(
        [(_text(a), _text(b)) for a, b in zip(top, bottom, strict=True)], default_unit, overrides
    )
    year = year_in(
        *(c.label for c in columns if c.key and c.key.startswith(("annual", "year")))
    ) or (year_in(*titles))
    data_rows = chain([following], rest) if following is not None else rest
    first = following[0] if following else header_rows[-1] + 1
    return Layout(title, first, columns, year, header_rows), data_rows


def _text(cell) -> str:
    if _blank(cell):
        return ""
    return str(cell).replace("\n", "").strip()


def _is_sub_header(source: Source, header_number: int, top, cells) -> bool:
    row0 = header_number - 1
    for (r0, c0), (r1, c1) in source.merges:
        if r0 == row0 and (r1 > r0 or c1 > c0):
            return True
    if not any(not _blank(c) for c in cells):
        return False
    if any(isinstance(c, int | float) or NUMERIC_RE.match(half_width(str(c))) for c in cells):
        return False
    name_col = next((i for i, c in enumerate(top) if match_column(_text(c), "")[0] == "name"), None)
    if name_col is not None and name_col < len(cells) and not _blank(cells[name_col]):
        return False
    # Lower labels sit under a group label, or under a blank (merged or empty in a CSV).
    return any(
        not _blank(c)
        and (i >= len(top) or _blank(top[i]) or match_column(_text(top[i]), _text(c))[0])
        for i, c in enumerate(cells)
    )


def _fill_groups(source: Source, header_number: int, top, bottom) -> None:
    """Spread a merged group label over the columns it spans."""
    row0 = header_number - 1
    for (r0, c0), (_r1, c1) in source.merges:
        if r0 == row0 and c1 > c0:
            for col in range(c0 + 1, min(c1, len(top) - 1) + 1):
                top[col] = top[c0]
    if source.merges:
        return
    # A CSV has no merges: a blank upper cell over a lower label belongs to the group on its left.
    for col in range(1, len(top)):
        if _blank(top[col]) and not _blank(bottom[col]) and not _blank(bottom[col - 1]):
            top[col] = top[col - 1]
