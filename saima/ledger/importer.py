"""Importing a ledger file: read, map, validate, match and store — or, in a dry run, only tell.

The file is read once, in chunks of rows. Each chunk is matched to existing projects (by
project code, or by name + region when the code is missing) with a few queries, compared field
by field, and — in a real import, while no error has been found — written with bulk queries
and bulk audit entries. Everything happens in one transaction that is rolled back if any row of
the file has an error, so a broken file changes nothing. Blank cells never clear stored values.
"""

from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts import access
from saima.audit.models import Source
from saima.core import faults
from saima.regions.models import Region

from .mapping import PLAN_KEYS, STAGE_FIELDS
from .parse import FileProblem, open_source, read_layout
from .report import CellError, Report
from .rows import DATA, SECTION, SUBTOTAL, TOTAL, Departments, Regions, classify, convert, kind_of
from .store import ChunkStore
from .totals import Totals

CHUNK = 2000
MEMO_KINDS = {"industry", "nature", "category", "plan_level", "year_nature", "region", "department"}
MEMO_SIZE = 5000
EARLIEST_YEAR = 1990


@dataclass
class Row:
    number: int
    values: dict
    region: Region
    department: object = None
    stages: dict = field(default_factory=dict)


def import_ledger(
    path,
    *,
    user=None,
    region: Region | None = None,
    year: int | None = None,
    dry_run: bool = True,
    overrides=None,
    progress=None,
    source: str = Source.IMPORT,
) -> Report:
    """Import (or, with dry_run, preview) the ledger at `path` as `user`; return the report.

    `progress(done, total)` is called after each chunk of rows.
    """
    report = Report(dry_run=dry_run)
    try:
        with open_source(path) as src:
            layout, rows = read_layout(src, overrides)
            report.title = layout.title
            report.columns = [c.as_dict() for c in layout.columns]
            report.year = year or layout.year
            if year and layout.year and year != layout.year:
                report.warn(
                    None,
                    None,
                    "",
                    _("导入时指定的年度（%(y)s）与文件中的年度（%(f)s）不同")
                    % {"y": year, "f": layout.year},
                    _("年度计划按%(y)s年导入") % {"y": year},
                )
            importer = Importer(layout, report, user, region, report.year, dry_run, source)
            if dry_run:
                importer.run(rows, src.total, progress)
            else:
                with transaction.atomic():
                    importer.run(rows, src.total, progress)
                    if report.ok:
                        report.stored = True
                    else:
                        transaction.set_rollback(True)
    except FileProblem as err:
        report.error(None, None, "", str(err))
    if not report.ok:
        report.stored = False
    return report


class Importer:
    def __init__(self, layout, report, user, region, year, dry_run, source):
        self.report, self.user, self.region, self.year = report, user, region, year
        self.columns = [c for c in layout.columns if c.key and c.key != "seq"]
        self.cells = [(c.index, c.key, kind_of(c.key), c.unit_factor, c) for c in self.columns]
        self.column_of = {c.key: c for c in self.columns}
        # Columns of few distinct values (nature, industry, region …) are converted once per
        # distinct value.
        self.memo = {i: {} for i, _k, kind, _u, _c in self.cells if kind in MEMO_KINDS}
        name = self.column_of.get("name")
        self.name_index = name.index if name else None
        self.regions = Regions()
        self.departments = Departments()
        self.section_region = None
        self.default_region = region or self._single_region()
        self.totals = Totals(self.columns, report)
        self.seen_codes, self.seen_names, self.scope = {}, {}, {}
        self.today = timezone.localdate()
        self.store = ChunkStore(self, user, source, write=not dry_run)
        if name is None:
            report.error(None, None, "", _("没有“项目名称”列"), _("请在预览中指定哪一列是项目名称"))
        if year is None and any(k in self.column_of for k in PLAN_KEYS):
            report.error(
                None,
                None,
                "",
                _("文件有年度计划列，但不知道是哪一年"),
                _("请在表头或标题中写明年度（如“2022年度计划”），或导入时指定年度"),
            )

    def _single_region(self):
        if self.user is None:
            return None
        allowed = access.ACTIONS["import_ledger"]["region"]
        codes = {g.code for g in access.grants_of(self.user) if g.role in allowed}
        return Region.objects.get(code=codes.pop()) if len(codes) == 1 else None

    def run(self, rows, total, progress) -> None:
        done = 0
        rows = iter(rows)
        while batch := list(islice(rows, CHUNK)):
            self.feed(batch)
            done = batch[-1][0]
            if progress:
                progress(done, total)
            faults.pause("ledger.chunk")
        self.totals.finish()

    def feed(self, batch) -> None:
        if not self.report.ok and self.name_index is None:
            return
        rows = []
        for number, cells in batch:
            kind, text = classify(cells, self.name_index, self.regions)
            if kind == DATA:
                self.report.rows += 1
                row = self.read_row(number, cells)
                if row is not None:
                    rows.append(row)
                continue
            if kind == SECTION:
                self.section_region = self.regions.leading(text) or self.section_region
                self.totals.section()
            elif kind == SUBTOTAL:
                self.totals.subtotal(number, cells)
            elif kind == TOTAL:
                self.totals.total(number, cells)
            else:
                continue
            self.report.skipped += 1
        self.store.save(rows)

    def error(self, number, key, problem, expected=""):
        column = self.column_of.get(key)
        if column is None:
            self.report.error(number, None, "", problem, expected)
        else:
            self.report.error(number, column.number, column.label, problem, expected)

    def read_row(self, number, cells) -> Row | None:
        values, notes, bad = {}, [], False
        width = len(cells)
        for index, key, kind, unit, column in self.cells:
            cell = cells[index] if index < width else None
            if cell is None or cell == "" or (isinstance(cell, str) and not cell.strip()):
                continue
            memo = self.memo.get(index)
            if memo is not None and cell in memo:
                values[key] = memo[cell]
                continue
            try:
                values[key] = convert(key, kind, cell, unit, notes)
            except CellError as err:
                self.report.error(number, column.number, column.label, err.problem, err.expected)
                bad = True
                continue
            if notes:
                for note in notes:
                    self.report.warn(number, column.number, column.label, note)
                notes.clear()
            elif memo is not None and len(memo) < MEMO_SIZE:
                memo[cell] = values[key]
        self.totals.add(values)
        region = self._region(number, values)
        if region is None or bad:
            return None
        return self._checked(Row(number, values, region))

    def _region(self, number, values):
        raw = values.pop("region", None)
        if raw is not None:
            try:
                region = self.regions.find(raw, within=self.default_region)
            except CellError as err:
                self.error(number, "region", err.problem, err.expected)
                return None
        else:
            region = self.section_region or self.default_region
        if region is None:
            self.error(
                number,
                None,
                _("不知道这一行属于哪个区划"),
                _("请在文件中加“所在区划”列，或导入时选择区划"),
            )
            return None
        if self.region is not None and not region.code.startswith(self.region.prefix):
            self.error(
                number,
                "region",
                _("%(r)s不在本次导入的区划（%(in)s）内")
                % {"r": region.name, "in": self.region.name},
                _("只能导入%(in)s及其下级区划的项目") % {"in": self.region.name},
            )
            return None
        if not self._may_import(region):
            self.error(
                number,
                "region",
                _("%(r)s不在您的管理范围内") % {"r": region.name},
                _("只能导入您所管理区划的项目"),
            )
            return None
        return region

    def _may_import(self, region) -> bool:
        if self.user is None:
            return True
        if region.code not in self.scope:
            self.scope[region.code] = access.can(self.user, "import_ledger", region=region)
        return self.scope[region.code]

    def _checked(self, row: Row) -> Row | None:
        values, number, ok = row.values, row.number, True
        name = values.get("name")
        if not name:
            self.error(number, "name", _("项目名称为空"), _("每个项目行都应有项目名称"))
            return None
        code = values.get("code")
        if code:
            if code[5:11] != row.region.code[:6]:
                self.error(
                    number,
                    "code",
                    _("项目代码中的区划代码%(c)s与所在区划%(r)s不一致")
                    % {"c": code[5:11], "r": f"{row.region.name}（{row.region.code}）"},
                    _("项目代码第6–11位应为所在区划代码"),
                )
                ok = False
            elif (first := self.seen_codes.setdefault(code, number)) != number:
                self.error(
                    number,
                    "code",
                    _("与第%(n)s行的项目代码重复") % {"n": first},
                    _("每个项目只应出现一次"),
                )
                ok = False
        key = (row.region.code, name)
        if (first := self.seen_names.setdefault(key, number)) != number:
            self.error(
                number,
                "name",
                _("与第%(n)s行的项目同名同区划") % {"n": first},
                _("每个项目只应出现一次"),
            )
            ok = False
        if dept := values.pop("department", None):
            try:
                row.department = self.departments.find(dept, row.region, self.regions)
            except CellError as err:
                self.error(number, "department", err.problem, err.expected)
                ok = False
        for key, stage in STAGE_FIELDS.items():
            if (when := values.pop(key, None)) is not None:
                if when > self.today or when.year < EARLIEST_YEAR:
                    self.error(
                        number, key, _("日期%(d)s不合理") % {"d": when}, _("应在1990年至今天之间")
                    )
                    ok = False
                row.stages[stage] = when
        resumed = values.get("resumed_on")
        if (
            resumed is not None
            and self.year
            and (resumed.year != self.year or resumed > self.today)
        ):
            self.error(
                number,
                "resumed_on",
                _("复工日期%(d)s不在%(y)s年内或晚于今天") % {"d": resumed, "y": self.year},
                _("应为计划年度内、不晚于今天的日期"),
            )
            ok = False
        return row if ok else None
