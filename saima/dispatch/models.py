import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saima.projects.models import MONEY

from .choices import TEN_DAY_NAMES, FilingState, PeriodState, Rhythm


class ReportingSchedule(models.Model):
    """A region's filing rhythm for one year. Its periods cover the projects of the region and
    of every region below it that has no schedule of its own."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    rhythm = models.CharField(
        _("填报频次"), max_length=4, choices=Rhythm.choices, default=Rhythm.MONTHLY
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["region", "-year"]
        verbose_name = _("填报安排")
        verbose_name_plural = _("填报安排")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="schedule_unique_region_year",
                violation_error_message=_("该区划该年度已有填报安排"),
            )
        ]

    def __str__(self):
        return f"{self.region} {self.year} {self.get_rhythm_display()}"


class PeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Periods of regions the user can see, and of the regions above them (a county's
        projects file in the city's periods)."""
        from saima.accounts.access import grants_of, is_admin

        if is_admin(user):
            return self
        q = Q(pk__in=[])
        for grant in grants_of(user):
            q |= Q(region__code__startswith=grant.prefix)
            q |= Q(region__code__in=[grant.code[:n].ljust(6, "0") for n in (2, 4, 6)])
        if user.is_authenticated and user.assigned_projects.exists():
            codes = user.assigned_projects.values_list("region", flat=True)
            q |= Q(region__code__in=_codes_above(codes))
        return self.filter(q)


def _codes_above(codes) -> list[str]:
    """In order: the same user's query is the same SQL in every process (cached counts)."""
    out = set()
    for code in codes:
        out |= {code, *(code[:n].ljust(6, "0") for n in (2, 4, 6))}
    return sorted(out)


class Period(models.Model):
    """One reporting period of a region's schedule: a month, a week or a ten-day part."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    rhythm = models.CharField(_("填报频次"), max_length=4, choices=Rhythm.choices)
    seq = models.PositiveSmallIntegerField(_("期次"))
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    deadline = models.DateField(_("填报截止日期"))
    state = models.CharField(
        _("状态"), max_length=4, choices=PeriodState.choices, default=PeriodState.UPCOMING
    )
    opened_at = models.DateTimeField(_("开放时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["region", "year", "rhythm", "seq"]
        verbose_name = _("填报期")
        verbose_name_plural = _("填报期")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "rhythm", "seq"],
                name="period_unique_seq",
                violation_error_message=_("该区划该年度已有此期"),
            ),
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")) & Q(end__lt=models.F("deadline")),
                name="period_dates_in_order",
                violation_error_message=_("填报期的开始、结束和截止日期应依次排列"),
            ),
        ]
        indexes = [models.Index(fields=["state", "end"], name="period_state_end_idx")]

    def __str__(self):
        return f"{self.region} {self.label}"

    @property
    def label(self) -> str:
        if self.rhythm == Rhythm.MONTHLY:
            return _("%(y)s年%(m)s月") % {"y": self.year, "m": self.start.month}
        if self.rhythm == Rhythm.TEN_DAY:
            part = TEN_DAY_NAMES[(self.seq - 1) % 3 + 1]
            return _("%(y)s年%(m)s月%(part)s") % {
                "y": self.year,
                "m": self.start.month,
                "part": part,
            }
        return _("%(y)s年第%(n)s周（%(a)s–%(b)s）") % {
            "y": self.year,
            "n": self.seq,
            "a": f"{self.start.month}.{self.start.day}",
            "b": f"{self.end.month}.{self.end.day}",
        }

    @property
    def is_open(self) -> bool:
        return self.state == PeriodState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == PeriodState.CLOSED


class FilingQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view"):
        from saima.accounts.access import project_scope_q

        return self.filter(project_scope_q(user, action, "project__region__code"))


class Filing(models.Model):
    """A project's progress report for one period (项目调度填报)."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("项目"), on_delete=models.CASCADE, related_name="filings"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("填报期"), on_delete=models.PROTECT, related_name="filings"
    )
    state = models.CharField(
        _("状态"), max_length=4, choices=FilingState.choices, default=FilingState.DRAFT
    )
    amount_wan = models.DecimalField(
        _("本期完成投资（万元）"), **MONEY, validators=[MinValueValidator(0)], default=0
    )
    progress = models.TextField(_("形象进度"), blank=True)
    next_steps = models.TextField(_("下步计划"), blank=True)
    first_submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    is_late = models.BooleanField(_("迟报"), default=False)
    return_reason = models.TextField(_("退回原因"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_note = models.TextField(_("更正说明"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        ordering = ["-period__end", "project"]
        verbose_name = _("调度填报")
        verbose_name_plural = _("调度填报")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"],
                name="filing_unique_project_period",
                violation_error_message=_("该项目本期已有填报"),
            ),
            models.CheckConstraint(
                condition=Q(amount_wan__gte=0),
                name="filing_amount_not_negative",
                violation_error_message=_("本期完成投资不能为负数"),
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="filing_period_state_idx")]

    def __str__(self):
        return f"{self.project} · {self.period.label}"

    @property
    def is_editable(self) -> bool:
        return self.state in (FilingState.DRAFT, FilingState.RETURNED)


def photo_path(instance, filename) -> str:
    """A random name: nothing of the uploaded name (or its extension) reaches the disk."""
    ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[instance.content_type]
    return f"dispatch/photos/{secrets.token_hex(16)}.{ext}"


class FilingPhoto(models.Model):
    """A site photo of a filing, re-encoded (resized, metadata stripped) on upload."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("照片"), upload_to=photo_path, max_length=200)
    content_type = models.CharField(_("类型"), max_length=20)
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["filing", "id"]
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")

    def __str__(self):
        return f"{self.filing} #{self.pk}"

    @property
    def project_id(self):
        return self.filing.project_id


class PeriodSnapshot(models.Model):
    """The figures of a region for a closed period, frozen. A correction after close adds a
    new version; the current one is what figures for that period read."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="snapshots")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("当前版本"), default=True)
    figures = models.JSONField(_("指标"), default=dict)
    reason = models.CharField(_("说明"), max_length=300, blank=True)
    source = models.CharField(_("来源"), max_length=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("冻结时间"), auto_now_add=True)

    class Meta:
        ordering = ["period", "region", "-version"]
        verbose_name = _("期末快照")
        verbose_name_plural = _("期末快照")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "region", "version"],
                name="snapshot_unique_version",
                violation_error_message=_("该期该区划已有此版本快照"),
            ),
            models.UniqueConstraint(
                fields=["period", "region"],
                condition=Q(is_current=True),
                name="snapshot_one_current",
                violation_error_message=_("该期该区划只能有一个当前版本快照"),
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.period.label} v{self.version}"
