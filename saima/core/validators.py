"""Validators for national identifiers (CONVENTIONS.md: identifiers)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

PROJECT_CODE_RE = re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")
# GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z.
USCC_RE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$")


def validate_project_code(value: str) -> None:
    """投资项目代码 (GB/T 40058-2021): shape only, plus a known region segment.

    The check digit's algorithm is not public, so it is not verified.
    """
    if not PROJECT_CODE_RE.match(value):
        raise ValidationError(
            _("项目代码格式应为 YYMM-RRRRRR-DD-TT-NNNNNN（24位，如 2201-220502-04-01-123456）"),
            code="project_code_shape",
        )
    month = int(value[2:4])
    if not 1 <= month <= 12:
        raise ValidationError(_("项目代码的时间码月份应在01–12之间"), code="project_code_month")
    from saima.regions.models import Region

    if not Region.objects.filter(code=value[5:11]).exists():
        raise ValidationError(
            _("项目代码中的行政区划代码 %(code)s 不是已知的行政区划"),
            params={"code": value[5:11]},
            code="project_code_region",
        )


def validate_uscc(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015).

    python-stdnum's validate() rejects codes starting with a letter (A 军队, N 农业, Y 其他),
    so the shape is checked here and only its check-digit calculation is used.
    """
    if not USCC_RE.match(value):
        raise ValidationError(
            _("统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）"),
            code="uscc_shape",
        )
    if uscc.calc_check_digit(value[:-1]) != value[-1]:
        raise ValidationError(_("统一社会信用代码校验位不正确"), code="uscc_check")
