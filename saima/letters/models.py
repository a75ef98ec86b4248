from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NOTICE = "提示函", _("提示函")
    SUPERVISION = "督办函", _("督办函")


# The character of the reference number for each kind: 通项目提〔2022〕3号 / 通项目督〔2022〕1号.
KIND_MARK = {Kind.NOTICE: "提", Kind.SUPERVISION: "督"}


class Sequence(models.Model):
    """The last number issued by one issuer in one year (numbers restart each year)."""

    issuer = models.CharField(_("发文代字"), max_length=20)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用号"), default=0)

    class Meta:
        ordering = ["issuer", "year"]
        verbose_name = _("发文编号")
        verbose_name_plural = _("发文编号")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="sequence_unique_issuer_year")
        ]

    def __str__(self):
        return f"{self.issuer}〔{self.year}〕{self.last}"


class LetterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Letters to regions whose whole ledger the user reads (a letter names the region's
        lagging projects and problems), and letters to the user's unit."""
        from saima.accounts.access import is_admin, regions_where

        if is_admin(user):
            return self
        q = Q(region__in=regions_where(user, "view"))
        if user.department_id:
            q |= Q(unit=user.department_id)
        return self.filter(q)


class Letter(models.Model):
    """A reminder (提示函) or supervision letter (督办函) to a lagging region or unit."""

    kind = models.CharField(_("文种"), max_length=3, choices=Kind.choices, default=Kind.NOTICE)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("致送区划"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "regions.Department",
        verbose_name=_("致送单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
    )
    period = models.CharField(_("期间"), max_length=7, help_text=_("如 2022-10"))
    issuer = models.CharField(_("发文代字"), max_length=20)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("序号"))
    reference = models.CharField(_("发文字号"), max_length=40)
    issued_on = models.DateField(_("发文日期"))
    reply_due = models.DateField(_("回复期限"))
    sections = models.JSONField(_("内容"), default=list)
    file = models.FileField(_("文件"), upload_to="letters/%Y/")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply = models.TextField(_("回复内容"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    bulk_run = models.ForeignKey(
        "BulkRun",
        verbose_name=_("批量发函"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("提示函")
        verbose_name_plural = _("提示函")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                name="letter_unique_reference",
                violation_error_message=_("发文字号重复"),
            ),
            models.UniqueConstraint(
                fields=["kind", "region", "period"],
                condition=Q(unit__isnull=True),
                name="letter_once_per_region_period",
                violation_error_message=_("该区划本期已发过此类函件"),
            ),
            models.UniqueConstraint(
                fields=["kind", "unit", "period"],
                condition=Q(unit__isnull=False),
                name="letter_once_per_unit_period",
                violation_error_message=_("该单位本期已发过此类函件"),
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def addressee(self):
        return self.unit or self.region

    @property
    def status(self) -> str:
        if self.replied_at:
            return _("已回复")
        if self.read_at:
            return _("已阅")
        return _("已发送")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("处理中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class BulkRun(models.Model):
    """Letters to every lagging county under a region, issued by the worker. Kept so the
    letters page can say how it went, and so a run whose task was lost (Redis forgets a task
    its killed worker held) is queued again (`saima.letters.jobs.recover_jobs`)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("文种"), max_length=3, choices=Kind.choices)
    as_of = models.DateField(_("截至日期"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("处理次数"), default=0)
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    queued_at = models.DateTimeField(_("排队时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    issued = models.JSONField(_("发出的函件"), default=list)
    skipped = models.JSONField(_("跳过的县区"), default=list)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("批量发函")
        verbose_name_plural = _("批量发函")

    def __str__(self):
        return f"{self.region} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def skipped_lines(self) -> list[str]:
        """Each county skipped and why ("东昌区 没有滞后事项，无需发函"), its name once."""
        return [why if why.startswith(name) else f"{name}：{why}" for name, why in self.skipped]
