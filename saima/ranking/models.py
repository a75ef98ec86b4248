from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

POINTS = {"max_digits": 12, "decimal_places": 4}


class Rule(models.TextChoices):
    CAPPED = "capped", _("封顶完成率×权重")
    RANK = "rank", _("按名次赋分")


class UnitKind(models.TextChoices):
    REGION = "region", _("区划")
    DEPARTMENT = "department", _("部门")


class Scheme(models.Model):
    """One version of a region's scoring scheme (赛马方案) for a year.

    A scheme is edited in place while it is a draft; once published (explicitly or by a
    published ranking that used it) it is frozen, and editing it creates the next version.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    name = models.CharField(_("名称"), max_length=100)
    note = models.CharField(_("修订说明"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["region", "-year", "-version"]
        verbose_name = _("赛马方案")
        verbose_name_plural = _("赛马方案")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "version"],
                name="scheme_unique_version",
                violation_error_message=_("该区划该年度已有此版本的方案"),
            )
        ]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class SchemeIndicator(models.Model):
    """An indicator of a scheme (a key of saima.figures.indicators.INDICATORS) with its weight
    and the rule that turns its value into points."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(_("指标"), max_length=50)
    weight = models.DecimalField(_("权重（分）"), **POINTS, validators=[MinValueValidator(0)])
    rule = models.CharField(_("计分规则"), max_length=10, choices=Rule.choices)
    cap = models.DecimalField(
        _("封顶（%）"),
        **POINTS,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("完成率超过此值按此值计分，例如120"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["scheme", "order", "id"]
        verbose_name = _("方案指标")
        verbose_name_plural = _("方案指标")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "key"],
                name="schemeindicator_unique_key",
                violation_error_message=_("方案中已有此指标"),
            ),
            models.CheckConstraint(
                condition=~Q(rule="capped") | Q(cap__isnull=False),
                name="schemeindicator_capped_has_cap",
                violation_error_message=_("封顶计分的指标须填写封顶值"),
            ),
        ]

    def __str__(self):
        return f"{self.key} × {self.weight}"

    @property
    def label(self) -> str:
        from saima.figures.indicators import INDICATORS

        indicator = INDICATORS.get(self.key)
        return str(indicator.label) if indicator else self.key


class League(models.Model):
    """A group of units that compete with each other (e.g. 县市区 vs 开发区)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="leagues")
    name = models.CharField(_("组别"), max_length=50)
    unit_kind = models.CharField(
        _("参赛单位类型"), max_length=10, choices=UnitKind.choices, default=UnitKind.REGION
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["scheme", "order", "id"]
        verbose_name = _("赛马组别")
        verbose_name_plural = _("赛马组别")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"],
                name="league_unique_name",
                violation_error_message=_("方案中已有同名组别"),
            )
        ]

    def __str__(self):
        return self.name


class LeagueMember(models.Model):
    """A unit in a league: a region (county, development zone) or a department."""

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="members")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["league", "region", "department", "id"]
        verbose_name = _("参赛单位")
        verbose_name_plural = _("参赛单位")
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False, department__isnull=True)
                | Q(region__isnull=True, department__isnull=False),
                name="leaguemember_one_unit",
                violation_error_message=_("参赛单位须为一个区划或一个部门"),
            )
        ]

    def __str__(self):
        return str(self.region or self.department)

    @property
    def unit(self):
        return self.region or self.department


class Publication(models.Model):
    """A published (frozen) ranking for a period. Re-publishing creates the next number and
    keeps the old one."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("方案版本"), on_delete=models.PROTECT, related_name="publications"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("期间"), max_length=10)
    as_of = models.DateField(_("截至日期"))
    number = models.PositiveIntegerField(_("发布序号"), default=1)
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["region", "-period", "-number"]
        verbose_name = _("赛马排名发布")
        verbose_name_plural = _("赛马排名发布")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "number"],
                name="publication_unique_number",
                violation_error_message=_("该期间已有此序号的发布"),
            )
        ]

    def __str__(self):
        return f"{self.region} {self.period} #{self.number}"


class PublishedRow(models.Model):
    """One unit's frozen line in a published ranking. Values and points are stored as exact
    decimal strings keyed by indicator."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="rows")
    league = models.CharField(_("组别"), max_length=50)
    league_order = models.PositiveSmallIntegerField(default=0)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "regions.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit_name = models.CharField(_("单位"), max_length=100)
    values = models.JSONField(_("指标值"), default=dict)
    points = models.JSONField(_("得分明细"), default=dict)
    total = models.DecimalField(_("总分"), **POINTS)
    rank = models.PositiveIntegerField(_("名次"))
    previous_rank = models.PositiveIntegerField(_("上期名次"), null=True, blank=True)

    class Meta:
        ordering = ["publication", "league_order", "rank", "unit_name"]
        verbose_name = _("排名明细")
        verbose_name_plural = _("排名明细")

    def __str__(self):
        return f"{self.league} {self.rank} {self.unit_name}"


class Briefing(models.Model):
    """A published monthly briefing (简报): its frozen content, so regenerating it gives the
    same document. Re-publishing a period keeps its issue number and adds a version."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("期间"), max_length=10)
    year = models.PositiveSmallIntegerField(_("年度"))
    issue = models.PositiveIntegerField(_("期号"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    content = models.JSONField(_("内容"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["region", "-period", "-version"]
        verbose_name = _("简报")
        verbose_name_plural = _("简报")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "version"],
                name="briefing_unique_version",
                violation_error_message=_("该期间已有此版本的简报"),
            )
        ]

    def __str__(self):
        return f"{self.region} {self.period} 第{self.issue}期"


class SentenceTemplate(models.Model):
    """A region's wording of one briefing sentence (str.format named fields)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("句式"), max_length=30)
    text = models.TextField(_("模板"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["region", "key"]
        verbose_name = _("简报句式")
        verbose_name_plural = _("简报句式")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "key"],
                name="sentencetemplate_unique_key",
                violation_error_message=_("该区划已有此句式"),
            )
        ]

    def __str__(self):
        return f"{self.region} {self.key}"
