from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import OPEN_STATES, EventKind, Holder, State

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Category(models.Model):
    """A kind of problem (用地, 征迁, 资金 …): a list the administrator can extend."""

    name = models.CharField(_("名称"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("问题类别")
        verbose_name_plural = _("问题类别")

    def __str__(self):
        return self.name


class EscalationLevel(models.Model):
    """One rung of a region's escalation ladder (三级会商): who holds it and its time limit in
    working days. A region without rungs uses the ladder of the nearest region above it, and
    failing that the default 5 / 5 / 10."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("区划"),
        on_delete=models.CASCADE,
        related_name="escalation_levels",
    )
    level = models.PositiveSmallIntegerField(_("级别"))
    holder = models.CharField(_("责任人类型"), max_length=10, choices=Holder.choices)
    title = models.CharField(
        _("称谓"), max_length=30, help_text=_("如：部门主管、包保领导、书记区长")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("指定人员"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    working_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"))

    class Meta:
        ordering = ["region", "level"]
        verbose_name = _("升级层级")
        verbose_name_plural = _("升级层级")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "level"],
                name="escalationlevel_unique",
                violation_error_message=_("该区划已设置此级别"),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(working_days__gte=1),
                name="escalationlevel_positive",
                violation_error_message=_("级别和时限都应至少为1"),
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.level} {self.title} {self.working_days}"


class ProblemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Problems on projects the user sees, and problems assigned or escalated to them."""
        from saima.accounts.access import problem_scope_q

        return self.filter(problem_scope_q(user))

    def open(self):
        return self.filter(state__in=OPEN_STATES)


class Problem(models.Model):
    """A problem blocking a project (问题清单), with its place on the escalation ladder."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("项目"),
        on_delete=models.CASCADE,
        related_name="problems",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="problems"
    )
    description = models.TextField(_("问题描述"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        on_delete=models.PROTECT,
        related_name="raised_problems",
    )
    raised_on = models.DateField(_("提出日期"))
    assigned_unit = models.ForeignKey(
        "regions.Department",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_problems",
    )
    level = models.PositiveSmallIntegerField(_("级别"), default=1)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("当前层级责任人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_problems",
    )
    deadline = models.DateField(_("办理期限"), help_text=_("当日24时（北京时间）截止"))
    state = models.CharField(_("状态"), max_length=4, choices=State.choices, default=State.OPEN)
    is_overdue = models.BooleanField(_("超期"), default=False)
    reminded_for = models.DateField(
        _("已提醒的期限"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("已就该期限发过到期提醒（每个期限只提醒一次）"),
    )
    resolution = models.TextField(_("办理情况"), blank=True)
    resolved_on = models.DateField(_("办结日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        indexes = [
            models.Index(fields=["state", "deadline"], name="problem_state_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1),
                name="problem_level_positive",
                violation_error_message=_("级别至少为1"),
            )
        ]

    def __str__(self):
        return f"{self.project} · {self.category} · {self.description[:30]}"

    @property
    def deadline_at(self) -> datetime:
        """The deadline ends at the end of its day in Asia/Shanghai."""
        return datetime.combine(self.deadline, time.max, tzinfo=SHANGHAI)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Attachment(models.Model):
    """A file attached to a problem (a photo from the site, a document)."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="problems/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["problem", "uploaded_at", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.name


class Event(models.Model):
    """One step in a problem's timeline: who did what, when, and at which level."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人名称"), max_length=150)
    kind = models.CharField(_("类型"), max_length=20, choices=EventKind.choices)
    state = models.CharField(_("状态"), max_length=4, choices=State.choices)
    level = models.PositiveSmallIntegerField(_("级别"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["problem", "at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_kind_display()}"


class EscalationStep(models.Model):
    """One climb of the ladder. The unique constraint on (problem, from level, deadline) makes
    an escalation happen once however often the job runs."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="steps")
    from_level = models.PositiveSmallIntegerField(_("原级别"))
    to_level = models.PositiveSmallIntegerField(_("新级别"))
    from_deadline = models.DateField(_("原期限"))
    to_deadline = models.DateField(_("新期限"))
    automatic = models.BooleanField(_("自动升级"))
    reason = models.TextField(_("升级理由"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["problem", "from_level"]
        verbose_name = _("升级记录")
        verbose_name_plural = _("升级记录")
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "from_level", "from_deadline"],
                name="escalationstep_once",
                violation_error_message=_("该问题已从此级别升级"),
            )
        ]

    def __str__(self):
        return f"{self.problem_id}: {self.from_level} → {self.to_level}"
