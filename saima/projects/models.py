from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saima.core.validators import validate_project_code, validate_uscc
from saima.regions.models import prefix_q

from .choices import (
    INDUSTRY_CHOICES,
    STAGE_ORDER,
    Category,
    ConstructionNature,
    PlanLevel,
    ReserveStatus,
    Stage,
    YearNature,
)

MONEY = {"max_digits": 18, "decimal_places": 4}
EARLIEST_DATE = date(1990, 1, 1)


class FundingChannel(models.Model):
    """A source of money for projects (专项债券, 中央预算内 …)."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("资金渠道")
        verbose_name_plural = _("资金渠道")

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view"):
        """The one access rule (saima.accounts.access) applied to projects."""
        from saima.accounts.access import project_scope_q

        return self.filter(project_scope_q(user, action))

    def within(self, region):
        return self.filter(prefix_q("region__code", region.prefix))


class Project(models.Model):
    """A key investment project: one row of the ledger (项目台账)."""

    code = models.CharField(
        _("项目代码"),
        max_length=24,
        null=True,
        blank=True,
        validators=[validate_project_code],
        help_text=_("全国投资项目在线审批监管平台赋予的24位代码"),
    )
    name = models.CharField(_("项目名称"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    content = models.TextField(_("建设内容"), blank=True)
    industry = models.CharField(
        _("国民经济行业"), max_length=1, choices=INDUSTRY_CHOICES, blank=True
    )
    nature = models.CharField(
        _("建设性质"), max_length=10, choices=ConstructionNature.choices, blank=True
    )
    category = models.CharField(_("项目类别"), max_length=10, choices=Category.choices, blank=True)
    owner_name = models.CharField(_("项目单位"), max_length=200, blank=True)
    owner_uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    total_investment_wan = models.DecimalField(
        _("总投资（万元）"), **MONEY, validators=[MinValueValidator(0)], default=0
    )
    land_mu = models.DecimalField(
        _("用地面积（亩）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    location = models.CharField(_("建设地点"), max_length=200, blank=True)
    funding_channels = models.ManyToManyField(
        FundingChannel, verbose_name=_("资金渠道"), blank=True, related_name="projects"
    )
    plan_level = models.CharField(
        _("计划级别"), max_length=2, choices=PlanLevel.choices, blank=True
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("包保领导"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("责任单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("项目秘书"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_projects",
    )
    stage = models.CharField(
        _("当前阶段"), max_length=4, choices=Stage.choices, blank=True, editable=False
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    is_generated = models.BooleanField(
        _("生成数据"), default=False, help_text=_("演示数据中为补足公开总数而生成的项目")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "name", "id"]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(code__isnull=False),
                name="project_unique_code",
                violation_error_message=_("项目代码已被其他项目使用"),
            ),
            models.CheckConstraint(
                condition=Q(total_investment_wan__gte=0),
                name="project_investment_not_negative",
                violation_error_message=_("总投资不能为负数"),
            ),
        ]
        indexes = [models.Index(fields=["region", "name"], name="project_region_name_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.code and self.region_id and self.code[5:11] != self.region_id[:6]:
            raise ValidationError(
                {
                    "code": _("项目代码中的行政区划代码应与项目所在区划一致（%(code)s）")
                    % {"code": self.region_id[:6]}
                }
            )

    def refresh_stage(self):
        """The current stage is the furthest stage reached in the stage history."""
        stages = [e.stage for e in self.stage_events.all()]
        self.stage = max(stages, key=STAGE_ORDER.__getitem__) if stages else ""


class StageEvent(models.Model):
    """The date a project reached a stage of the pipeline 谋划 → 签约 → 落地 → 开工 → 竣工 → 投产."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_events")
    stage = models.CharField(_("阶段"), max_length=4, choices=Stage.choices)
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["project", "date", "id"]
        verbose_name = _("阶段记录")
        verbose_name_plural = _("阶段记录")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "stage"],
                name="stageevent_unique_stage",
                violation_error_message=_("该项目已有此阶段的记录"),
            )
        ]
        indexes = [models.Index(fields=["stage", "date"], name="stageevent_stage_date_idx")]

    def __str__(self):
        return f"{self.stage} {self.date}"


class AnnualPlan(models.Model):
    """A project's entry on year Y's key-project plan."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("年度"))
    nature = models.CharField(_("年度性质"), max_length=2, choices=YearNature.choices)
    annual_plan_wan = models.DecimalField(
        _("年度计划投资（万元）"), **MONEY, validators=[MinValueValidator(0)], default=0
    )
    resumed_on = models.DateField(_("复工日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "project"]
        verbose_name = _("年度计划")
        verbose_name_plural = _("年度计划")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="annualplan_unique_year",
                violation_error_message=_("该项目已列入该年度计划"),
            )
        ]
        indexes = [models.Index(fields=["year", "nature"], name="annualplan_year_nature_idx")]

    def __str__(self):
        return f"{self.year} {self.project}"

    def clean(self):
        errors = {}
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("年度应在2000–2100之间")
        if self.resumed_on:
            if self.nature != YearNature.CONTINUING:
                errors["resumed_on"] = _("只有续建项目才有复工日期")
            elif self.year and self.resumed_on.year != self.year:
                errors["resumed_on"] = _("复工日期应在计划年度（%(year)s年）内") % {
                    "year": self.year
                }
            elif self.resumed_on > date.today():
                errors["resumed_on"] = _("复工日期不能晚于今天")
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    """A region's target for one stage in one year (count, optionally investment)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    stage = models.CharField(_("阶段"), max_length=4, choices=Stage.choices)
    count = models.PositiveIntegerField(_("目标个数"))
    investment_wan = models.DecimalField(
        _("目标投资（万元）"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["region", "-year", "stage"]
        verbose_name = _("目标任务")
        verbose_name_plural = _("目标任务")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "stage"],
                name="target_unique",
                violation_error_message=_("该区划该年度已有此阶段的目标"),
            )
        ]

    def __str__(self):
        return f"{self.region} {self.year} {self.stage} {self.count}"


class ReserveEntry(models.Model):
    """A project in a reserve pool (储备库) for one funding channel, with its rolling status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reserve_entries")
    channel = models.ForeignKey(
        FundingChannel, verbose_name=_("资金渠道"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=2, choices=ReserveStatus.choices, default=ReserveStatus.RESERVED
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["channel", "status", "project"]
        verbose_name = _("储备库项目")
        verbose_name_plural = _("储备库项目")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "channel"],
                name="reserveentry_unique",
                violation_error_message=_("该项目已在此资金渠道的储备库中"),
            )
        ]

    def __str__(self):
        return f"{self.channel} · {self.project}"
