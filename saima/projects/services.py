"""Changes to the ledger. Every function validates, writes in one transaction and records the
change in the audit trail with the acting user and the channel it came through."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.core.errors import VersionConflict

from .choices import STAGE_ORDER
from .models import EARLIEST_DATE, AnnualPlan, Project, ReserveEntry, StageEvent, Target


def _apply(obj, data: dict) -> dict:
    """Set plain fields on obj; return the many-to-many values to set after saving."""
    m2m = {}
    names = {f.name for f in obj._meta.many_to_many}
    for key, value in data.items():
        if key in names:
            m2m[key] = value
        else:
            setattr(obj, key, value)
    return m2m


def create_project(data: dict, actor, source) -> Project:
    with transaction.atomic():
        project = Project()
        m2m = _apply(project, data)
        project.full_clean()
        project.save()
        for key, value in m2m.items():
            getattr(project, key).set(value)
        record(actor, source, Action.CREATE, project)
    return project


def update_project(project: Project, data: dict, actor, source, expected_version=None) -> Project:
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if expected_version is not None and int(expected_version) != locked.version:
            raise VersionConflict
        before = snapshot(locked)
        m2m = _apply(locked, data)
        locked.full_clean()
        for key, value in m2m.items():
            getattr(locked, key).set(value)
        after = snapshot(locked)
        if after != before:
            locked.version += 1
            locked.save()
            record(actor, source, Action.UPDATE, locked, before, after)
    return locked


def delete_project(project: Project, actor, source, expected_version=None) -> None:
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if expected_version is not None and int(expected_version) != locked.version:
            raise VersionConflict
        record(actor, source, Action.DELETE, locked)
        locked.delete()


def validate_stage_date(project: Project, stage: str, when: date, exclude_pk=None) -> None:
    """Dates must be plausible (not in the future, not before 1990) and follow stage order."""
    if when > timezone.localdate():
        raise ValidationError({"date": _("日期不能晚于今天")})
    if when < EARLIEST_DATE:
        raise ValidationError({"date": _("日期不能早于1990年")})
    order = STAGE_ORDER[stage]
    for event in project.stage_events.exclude(pk=exclude_pk):
        other = STAGE_ORDER[event.stage]
        if other < order and event.date > when:
            raise ValidationError(
                {
                    "date": _("%(stage)s日期不能早于%(other)s日期（%(date)s）")
                    % {"stage": stage, "other": event.stage, "date": event.date}
                }
            )
        if other > order and event.date < when:
            raise ValidationError(
                {
                    "date": _("%(stage)s日期不能晚于%(other)s日期（%(date)s）")
                    % {"stage": stage, "other": event.stage, "date": event.date}
                }
            )


def set_stage(project: Project, stage: str, when: date, actor, source, note="") -> StageEvent:
    """Record (or correct) the date the project reached a stage."""
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        event = locked.stage_events.filter(stage=stage).first()
        validate_stage_date(locked, stage, when, exclude_pk=event.pk if event else None)
        if event is None:
            event = StageEvent(project=locked, stage=stage, date=when, note=note)
            event.full_clean()
            event.save()
            record(actor, source, Action.CREATE, event)
        else:
            before = snapshot(event)
            event.date, event.note = when, note or event.note
            event.save()
            record(actor, source, Action.UPDATE, event, before)
        _refresh_stage(locked, actor, source)
    return event


def delete_stage(event: StageEvent, actor, source) -> None:
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=event.project_id)
        record(actor, source, Action.DELETE, event)
        event.delete()
        _refresh_stage(locked, actor, source)


def _refresh_stage(project: Project, actor, source) -> None:
    before = snapshot(project)
    project.refresh_stage()
    project.version += 1
    project.save(update_fields=["stage", "version", "updated_at"])
    record(actor, source, Action.UPDATE, project, before)


def _save(model, instance, data: dict, actor, source):
    """Create or update a simple ledger record with validation and audit."""
    with transaction.atomic():
        creating = instance is None
        instance = model() if creating else model.objects.select_for_update().get(pk=instance.pk)
        before = None if creating else snapshot(instance)
        _apply(instance, data)
        instance.full_clean()
        instance.save()
        if creating:
            record(actor, source, Action.CREATE, instance)
        else:
            record(actor, source, Action.UPDATE, instance, before)
    return instance


def save_plan(plan: AnnualPlan | None, data: dict, actor, source) -> AnnualPlan:
    return _save(AnnualPlan, plan, data, actor, source)


def save_target(target: Target | None, data: dict, actor, source) -> Target:
    return _save(Target, target, data, actor, source)


def save_reserve(entry: ReserveEntry | None, data: dict, actor, source) -> ReserveEntry:
    return _save(ReserveEntry, entry, data, actor, source)


def delete_record(instance, actor, source) -> None:
    """Delete a plan, target or reserve entry, with audit."""
    with transaction.atomic():
        record(actor, source, Action.DELETE, instance)
        instance.delete()
