"""What an import found: counts, problems and warnings, in the form shown to the user.

Every problem reads "第N行 第M列（列名）: what is wrong — what was expected", so the user can
find the cell in their own file, fix it and try again.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

# A broken file can have a problem in every cell; the first ones are enough to fix it.
MAX_ISSUES = 500


class CellError(ValueError):
    """A cell's value cannot be used: `problem` says why, `expected` what would do."""

    def __init__(self, problem: str, expected: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.expected = expected


@dataclass
class Issue:
    row: int | None
    column: int | None
    label: str
    problem: str
    expected: str = ""

    def __str__(self):
        where = []
        if self.row:
            where.append(_("第%(n)s行") % {"n": self.row})
        if self.column:
            where.append(_("第%(n)s列（%(label)s）") % {"n": self.column, "label": self.label})
        text = f"{' '.join(where)}: {self.problem}" if where else self.problem
        return f"{text} — {self.expected}" if self.expected else text


@dataclass
class Report:
    """The outcome of a preview (dry run) or an import; stored as JSON on the import job."""

    dry_run: bool = True
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rows: int = 0
    year: int | None = None
    title: str = ""
    columns: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    error_count: int = 0
    stored: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row, column, label, problem, expected=""):
        self.error_count += 1
        if len(self.errors) < MAX_ISSUES:
            self.errors.append(str(Issue(row, column, label, problem, expected)))

    def warn(self, row, column, label, problem, expected=""):
        if len(self.warnings) < MAX_ISSUES:
            self.warnings.append(str(Issue(row, column, label, problem, expected)))

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        return cls(**data)

    def summary(self) -> str:
        return _(
            "新增%(created)s个，更新%(updated)s个，无变化%(unchanged)s个，跳过%(skipped)s行，"
            "错误%(errors)s处，提示%(warnings)s条"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": self.error_count,
            "warnings": len(self.warnings),
        }
