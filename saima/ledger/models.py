from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .report import Report


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("处理中")
    PREVIEWED = "previewed", _("已预览")
    DONE = "done", _("已导入")
    FAILED = "failed", _("失败")


class ImportJob(models.Model):
    """An uploaded ledger file on its way in: previewed (dry run) first, imported on confirm.

    The work runs in the background (django-q2); the page polls `progress`. The report of the
    last preview or import is kept as JSON.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.CASCADE,
        related_name="ledger_imports",
    )
    file = models.FileField(_("文件"), upload_to="ledger/imports/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    overrides = models.JSONField(_("列对应调整"), default=dict, blank=True)
    dry_run = models.BooleanField(_("仅预览"), default=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    report = models.JSONField(_("报告"), default=dict, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    queued_at = models.DateTimeField(_("排队时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始处理时间"), null=True, blank=True)
    # How many times a worker took the job up (a killed worker's job is taken up again).
    attempts = models.PositiveSmallIntegerField(_("处理次数"), default=0)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("台账导入任务")
        verbose_name_plural = _("台账导入任务")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def busy(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def waiting_long(self) -> bool:
        """Queued for more than half a minute: is a worker (saima worker) running?"""
        from django.utils import timezone

        return (
            self.status == JobStatus.QUEUED
            and self.queued_at is not None
            and (timezone.now() - self.queued_at).total_seconds() > 30
        )

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(self.rows_done * 100 / self.rows_total))

    def get_report(self) -> Report | None:
        return Report.from_dict(self.report) if self.report else None
