from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from saima.projects.models import EARLIEST_DATE, MONEY


class RegionalQuerySet(models.QuerySet):
    def within(self, region):
        """Records of the region and every region below it."""
        return self.filter(region__code__startswith=region.prefix)


class GroundbreakingEvent(models.Model):
    """A concentrated groundbreaking (集中开工): the projects of a region that start on one
    announced day. Its totals are computed from the ledger (saima.figures.events)."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("区划"),
        on_delete=models.PROTECT,
        related_name="groundbreakings",
    )
    date = models.DateField(_("开工日期"))
    name = models.CharField(_("名称"), max_length=200)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("项目"), blank=True, related_name="groundbreakings"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionalQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "region", "name"]
        verbose_name = _("集中开工活动")
        verbose_name_plural = _("集中开工活动")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "date", "name"],
                name="groundbreaking_unique",
                violation_error_message=_("该区划当天已有同名集中开工活动"),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.date and self.date < EARLIEST_DATE:
            raise ValidationError({"date": _("日期不能早于1990年")})


class Campaign(models.Model):
    """A campaign (e.g. 百日攻坚) of a region over a date range, with targets; its progress is
    computed from the ledger (saima.figures.events)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField(_("名称"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    target_started = models.PositiveIntegerField(_("目标开工项目数"), null=True, blank=True)
    target_investment_wan = models.DecimalField(
        _("目标开工项目总投资（万元）"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionalQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "region", "name"]
        verbose_name = _("攻坚行动")
        verbose_name_plural = _("攻坚行动")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="campaign_unique_name",
                violation_error_message=_("该区划已有同名攻坚行动"),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_dates_in_order",
                violation_error_message=_("结束日期不能早于开始日期"),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.starts_on < EARLIEST_DATE:
            errors["starts_on"] = _("日期不能早于1990年")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("结束日期不能早于开始日期")
        elif self.starts_on and self.ends_on and (self.ends_on - self.starts_on).days > 3 * 366:
            errors["ends_on"] = _("攻坚行动不能超过三年")
        if self.target_started is None and self.target_investment_wan is None:
            errors["target_started"] = _("至少填写一项目标（开工项目数或总投资）")
        if errors:
            raise ValidationError(errors)
