"""Ranking periods: a week, a month, a quarter or a year, written 2022-W10, 2022-03, 2022-Q1,
2022. A period's figures are taken as of its last day."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEEK, MONTH, QUARTER, YEAR = "week", "month", "quarter", "year"
_PATTERNS = [
    (YEAR, re.compile(r"^(\d{4})$")),
    (MONTH, re.compile(r"^(\d{4})-(\d{1,2})$")),
    (QUARTER, re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)),
    (WEEK, re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)),
]


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # month 1–12, quarter 1–4, ISO week, or 1 for a year

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = (text or "").strip()
        for kind, pattern in _PATTERNS:
            if m := pattern.match(text):
                year = int(m.group(1))
                number = int(m.group(2)) if kind != YEAR else 1
                period = cls(kind, year, number)
                if not 2000 <= year <= 2100 or not 1 <= number <= period.count_in_year():
                    break
                return period
        raise ValidationError(
            {
                "period": _(
                    "期间“%(text)s”无效，应写作2022-03（月）、2022-Q1（季）、2022（年）或2022-W10（周）"
                )
                % {"text": text}
            }
        )

    def count_in_year(self) -> int:
        if self.kind == MONTH:
            return 12
        if self.kind == QUARTER:
            return 4
        if self.kind == WEEK:
            return date(self.year, 12, 28).isocalendar()[1]
        return 1

    def __str__(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == WEEK:
            return f"{self.year}-W{self.number:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("%(y)s年%(m)s月") % {"y": self.year, "m": self.number}
        if self.kind == QUARTER:
            return _("%(y)s年第%(q)s季度") % {"y": self.year, "q": self.number}
        if self.kind == WEEK:
            return _("%(y)s年第%(w)s周") % {"y": self.year, "w": self.number}
        return _("%(y)s年") % {"y": self.year}

    @property
    def end(self) -> date:
        """The as-of date: the period's last day."""
        if self.kind == MONTH:
            return date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])
        if self.kind == QUARTER:
            month = self.number * 3
            return date(self.year, month, calendar.monthrange(self.year, month)[1])
        if self.kind == WEEK:
            return date.fromisocalendar(self.year, self.number, 7)
        return date(self.year, 12, 31)

    @property
    def end_month(self) -> int:
        return self.end.month if self.end.year == self.year else 12

    def previous(self) -> "Period":
        if self.kind == YEAR:
            return Period(YEAR, self.year - 1, 1)
        if self.kind == WEEK:
            prior = self.end - timedelta(days=7)
            iso = prior.isocalendar()
            return Period(WEEK, iso[0], iso[1])
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1)
        return Period(self.kind, self.year - 1, 12 if self.kind == MONTH else 4)

    def same_last_year(self) -> "Period":
        return Period(
            self.kind,
            self.year - 1,
            min(self.number, Period(self.kind, self.year - 1, 1).count_in_year()),
        )

    def time_progress(self):
        """序时进度 in percent: month ÷ 12 for months, quarters and years; day of year ÷ days
        in year for weeks."""
        from saima.core.numbers import rate

        if self.kind == WEEK:
            end = self.end
            days = 366 if calendar.isleap(end.year) else 365
            return rate(end.timetuple().tm_yday, days)
        return rate(self.end_month, 12)
