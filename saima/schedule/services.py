"""Changes to approvals and milestones: validate, write in one transaction, audit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.projects.choices import Stage

from .models import ApprovalRequirement, Milestone, ProjectApproval

APPROVAL_FIELDS = {"approval_type", "planned_on", "obtained_on", "department", "office", "note"}
MILESTONE_FIELDS = {"kind", "planned_on", "actual_on", "department", "owner", "note"}


def _check_department(obj) -> None:
    """The responsible unit belongs to the project's region or a region above it."""
    department = obj.department
    if department is not None and not obj.project.region_id.startswith(department.region.prefix):
        raise ValidationError(
            {
                "department": _("责任单位“%(name)s”不属于项目所在区划或其上级区划")
                % {"name": department}
            }
        )


def _check_after_start(milestone: Milestone) -> None:
    if milestone.actual_on is None:
        return
    start = milestone.project.stage_events.filter(stage=Stage.STARTED).first()
    if start is not None and milestone.actual_on < start.date:
        raise ValidationError(
            {
                "actual_on": _("%(kind)s实际日期不能早于开工日期（%(date)s）")
                % {"kind": milestone.kind, "date": start.date}
            }
        )


def _save(model, instance, project, data: dict, allowed: set, actor, source, checks=()):
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("不能修改此字段") for name in sorted(unknown)})
    with transaction.atomic():
        creating = instance is None
        if creating:
            instance = model(project=project)
        else:
            instance = model.objects.select_for_update().get(pk=instance.pk)
        before = None if creating else snapshot(instance)
        for key, value in data.items():
            setattr(instance, key, value)
        instance.full_clean()
        for check in checks:
            check(instance)
        instance.save()
        record(actor, source, Action.CREATE if creating else Action.UPDATE, instance, before)
    return instance


def save_approval(approval: ProjectApproval | None, data: dict, actor, source, project=None):
    """Create (give `project`) or change one approval of a project."""
    project = project if approval is None else approval.project
    return _save(
        ProjectApproval,
        approval,
        project,
        data,
        APPROVAL_FIELDS,
        actor,
        source,
        [_check_department],
    )


def save_milestone(milestone: Milestone | None, data: dict, actor, source, project=None):
    project = project if milestone is None else milestone.project
    return _save(
        Milestone,
        milestone,
        project,
        data,
        MILESTONE_FIELDS,
        actor,
        source,
        [_check_department, _check_after_start],
    )


def delete_item(instance, actor, source) -> None:
    """Delete an approval or a milestone, with audit."""
    with transaction.atomic():
        record(actor, source, Action.DELETE, instance)
        instance.delete()


def add_required_approvals(project, actor, source) -> list[ProjectApproval]:
    """Give the project the approvals its requirement set lists and it does not have yet."""
    with transaction.atomic():
        have = set(project.approvals.values_list("approval_type_id", flat=True))
        created = []
        for requirement in ApprovalRequirement.objects.for_category(project.category):
            if requirement.approval_type_id in have:
                continue
            approval = ProjectApproval(project=project, approval_type=requirement.approval_type)
            approval.save()
            record(actor, source, Action.CREATE, approval)
            created.append(approval)
    return created
