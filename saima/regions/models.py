from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县区")
    TOWN = "town", _("乡镇街道")


# How many leading digits of a GB/T 2260 code identify a region at each level; every region
# below it shares that prefix (22 吉林省 → 2205 通化市 → 220502 东昌区 → 220502001 …).
PREFIX_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWN: 12,
}


# Codes are 2 to 12 ASCII digits, checked by the database too: a prefix written as a range of
# codes (`prefix_q`) selects exactly the codes that start with it only if no code holds a
# character that sorts among the digits or above them. (`\Z`: no trailing newline either.)
CODE_PATTERN = r"^[0-9]{2,12}\Z"
CODE_RULE = _("行政区划代码应为2至12位数字")


def _successor(prefix: str) -> str | None:
    """The smallest code string above every code that starts with `prefix` (2205 → 2206,
    2209 → 221); None when there is none (9999) or the prefix is not all digits."""
    head = prefix.rstrip("9")
    if not head or not (prefix.isascii() and prefix.isdigit()):
        return None
    return head[:-1] + str(int(head[-1]) + 1)


def prefix_q(field: str, prefix: str) -> Q:
    """`field`, a region code, starts with `prefix`, written as a range of codes
    (`>= '2205' AND < '2206'`): codes are digits, so the two say the same, but the range
    lets PostgreSQL walk an ordinary index on the code in order (a page of a list sorted by
    region reads its 25 rows, not the whole region) and estimate how many rows match (a
    LIKE beside it made the estimate of a county inside a city's scope 30 times too small,
    and the plan sort the whole county)."""
    if (upper := _successor(prefix)) is None:
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})


class RegionQuerySet(models.QuerySet):
    def within(self, region: "Region"):
        """The region and every region below it."""
        return self.filter(prefix_q("code", region.prefix))


class Region(models.Model):
    """An administrative division, keyed by its GB/T 2260 code."""

    code = models.CharField(
        _("行政区划代码"),
        max_length=12,
        primary_key=True,
        validators=[RegexValidator(CODE_PATTERN, CODE_RULE)],
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=CODE_PATTERN),
                name="region_code_digits",
                violation_error_message=CODE_RULE,
            )
        ]

    def __str__(self):
        return self.name

    @property
    def prefix(self) -> str:
        return self.code[: PREFIX_LENGTH[self.level]]

    def contains(self, code: str) -> bool:
        return code.startswith(self.prefix)

    def ancestors(self) -> list["Region"]:
        chain, region = [], self.parent
        while region is not None:
            chain.append(region)
            region = region.parent
        return chain[::-1]


class Department(models.Model):
    """A responsible unit (责任单位) of a region: a bureau, a town, a development zone."""

    region = models.ForeignKey(
        Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("名称"), max_length=100)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="department_unique_name_per_region",
                violation_error_message=_("该区划下已有同名责任单位"),
            )
        ]

    def __str__(self):
        return self.name
