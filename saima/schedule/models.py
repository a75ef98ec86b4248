from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saima.projects.choices import Category
from saima.projects.models import EARLIEST_DATE

from .choices import MilestoneKind

# A planned date further ahead than this many years is taken for a typing error.
PLANNED_YEARS_AHEAD = 15


def validate_dates(obj, planned_field: str, actual_field: str) -> None:
    """Actual dates are not in the future; all dates are plausible (1990 … today + 15 years)."""
    errors = {}
    today = timezone.localdate()
    planned, actual = getattr(obj, planned_field), getattr(obj, actual_field)
    for name, value in ((planned_field, planned), (actual_field, actual)):
        if value is not None and value < EARLIEST_DATE:
            errors[name] = _("日期不能早于1990年")
    if actual is not None and actual > today and actual_field not in errors:
        errors[actual_field] = _("实际日期不能晚于今天")
    if planned is not None and planned_field not in errors:
        latest = date(today.year + PLANNED_YEARS_AHEAD, 12, 31)
        if planned > latest:
            errors[planned_field] = _("计划日期不合理：不能晚于%(date)s") % {"date": latest}
    if errors:
        raise ValidationError(errors)


class ApprovalType(models.Model):
    """A kind of pre-construction approval (前期手续): 立项（可研）, 用地预审, 环评 …"""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("前期手续类型")
        verbose_name_plural = _("前期手续类型")

    def __str__(self):
        return self.name


class ApprovalRequirementQuerySet(models.QuerySet):
    def for_category(self, category: str):
        """The requirement set of a project category, or the default set ("") if it has none."""
        own = self.filter(category=category) if category else self.none()
        return own if own.exists() else self.filter(category="")


class ApprovalRequirement(models.Model):
    """One approval type in the requirement set of a kind of project (keyed by category;
    the blank category is the default set)."""

    category = models.CharField(
        _("项目类别"),
        max_length=10,
        choices=Category.choices,
        blank=True,
        help_text=_("留空为默认要求，适用于没有单独要求的类别"),
    )
    approval_type = models.ForeignKey(
        ApprovalType, verbose_name=_("前期手续"), on_delete=models.CASCADE, related_name="+"
    )

    objects = ApprovalRequirementQuerySet.as_manager()

    class Meta:
        ordering = ["category", "approval_type__order"]
        verbose_name = _("前期手续要求")
        verbose_name_plural = _("前期手续要求")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "approval_type"],
                name="approvalrequirement_unique",
                violation_error_message=_("该类别已要求此项前期手续"),
            )
        ]

    def __str__(self):
        return f"{self.category or _('默认')} · {self.approval_type}"


class ProjectApproval(models.Model):
    """An approval a project requires, with its planned and actual (obtained) dates and the
    office responsible for it (a responsible unit, or free text for an outside office)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="approvals"
    )
    approval_type = models.ForeignKey(
        ApprovalType, verbose_name=_("前期手续"), on_delete=models.PROTECT, related_name="+"
    )
    planned_on = models.DateField(_("计划办结日期"), null=True, blank=True)
    obtained_on = models.DateField(_("实际办结日期"), null=True, blank=True)
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("责任单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    office = models.CharField(_("办理部门"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["project", "approval_type__order", "approval_type__name"]
        verbose_name = _("项目前期手续")
        verbose_name_plural = _("项目前期手续")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "approval_type"],
                name="projectapproval_unique",
                violation_error_message=_("该项目已有此项前期手续"),
            )
        ]
        indexes = [models.Index(fields=["obtained_on"], name="projectapproval_obtained_idx")]

    def __str__(self):
        return f"{self.project} · {self.approval_type}"

    def clean(self):
        validate_dates(self, "planned_on", "obtained_on")

    @property
    def responsible(self) -> str:
        return str(self.department) if self.department_id else self.office

    def is_overdue(self, today: date) -> bool:
        return self.obtained_on is None and self.planned_on is not None and self.planned_on < today


class Milestone(models.Model):
    """A construction milestone (主体封顶, 设备安装, 竣工验收, 投产 …) with planned and actual
    dates and who owns it."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("节点"), max_length=10, choices=MilestoneKind.choices)
    planned_on = models.DateField(_("计划日期"), null=True, blank=True)
    actual_on = models.DateField(_("实际日期"), null=True, blank=True)
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("责任单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.CharField(_("责任人"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["project", "planned_on", "id"]
        verbose_name = _("建设节点")
        verbose_name_plural = _("建设节点")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                name="milestone_unique_kind",
                violation_error_message=_("该项目已有此节点"),
            )
        ]

    def __str__(self):
        return f"{self.project} · {self.kind}"

    def clean(self):
        validate_dates(self, "planned_on", "actual_on")

    @property
    def responsible(self) -> str:
        parts = [str(self.department) if self.department_id else "", self.owner]
        return " ".join(p for p in parts if p)

    def is_overdue(self, today: date) -> bool:
        return self.actual_on is None and self.planned_on is not None and self.planned_on < today
