from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")


class Source(models.TextChoices):
    WEB = "web", _("网页")
    API = "api", _("接口")
    COMMAND = "command", _("命令行")
    JOB = "job", _("后台任务")
    IMPORT = "import", _("Excel导入")


class AuditEntry(models.Model):
    """One recorded change of ledger data: who, when, through what, and old → new values.

    `project_id` is a plain column, not a foreign key, so that the trail of a deleted project
    survives it.
    """

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人名称"), max_length=150, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    model = models.CharField(_("数据类型"), max_length=50)
    object_id = models.CharField(_("对象ID"), max_length=40)
    object_repr = models.CharField(_("对象"), max_length=200)
    project_id = models.BigIntegerField(_("项目ID"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("变更内容"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"
