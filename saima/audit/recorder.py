"""Explicit audit: domain functions call these for every change of ledger data, whether it
comes from a page, the API, a command, an import or a background job."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from .models import Action, AuditEntry


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return str(value)


def snapshot(obj: models.Model, exclude=("id", "version", "created_at", "updated_at")) -> dict:
    """Field name → JSON-safe value, foreign keys shown by their text, many-to-many as lists."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            data[field.name] = None if related is None else str(related)
        else:
            data[field.name] = _plain(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(str(o) for o in getattr(obj, field.name).all())
    return data


def diff(before: dict, after: dict) -> dict:
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def _project_id(obj) -> int | None:
    if obj._meta.label == "projects.Project":
        return obj.pk
    return getattr(obj, "project_id", None)


def make_entry(actor, source, action, obj, changes, project_id=None) -> AuditEntry:
    """An unsaved entry (for bulk writers such as the Excel import)."""
    return AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(str(actor) if actor is not None else "") or "system",
        source=source,
        action=action,
        model=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        project_id=project_id if project_id is not None else _project_id(obj),
        changes=changes,
    )


def record(actor, source, action, obj, before=None, after=None) -> AuditEntry | None:
    """Record a change; an update that changed nothing records nothing."""
    if action == Action.CREATE:
        changes = diff({}, after if after is not None else snapshot(obj))
    elif action == Action.DELETE:
        changes = diff(before if before is not None else snapshot(obj), {})
    else:
        changes = diff(before or {}, after if after is not None else snapshot(obj))
        if not changes:
            return None
    entry = make_entry(actor, source, action, obj, changes)
    entry.save()
    return entry
