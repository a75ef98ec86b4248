"""The audit trail made readable: field names shown by their Chinese labels, values as text."""

from contextlib import suppress
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from .models import AuditEntry


@dataclass
class Change:
    label: str
    old: str
    new: str


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(entry: AuditEntry) -> str:
    model = _model(entry.model)
    return str(model._meta.verbose_name) if model is not None else entry.model


def changes(entry: AuditEntry) -> list[Change]:
    model = _model(entry.model)
    rows = []
    for name, pair in entry.changes.items():
        if name == "project":  # the trail is shown on the project's own page
            continue
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        label = name
        if model is not None:
            with suppress(FieldDoesNotExist):
                field = model._meta.get_field(name)
                label = str(field.verbose_name)
                if field.choices:
                    labels = {k: str(v) for k, v in field.flatchoices}
                    old, new = labels.get(old, old), labels.get(new, new)
        change = Change(label, _text(old), _text(new))
        if change.old != change.new:  # blank before and after: nothing worth showing
            rows.append(change)
    return rows


def project_trail(project_id: int, limit: int = 200) -> list[dict]:
    """The newest `limit` entries of a project's trail, each with its readable changes."""
    entries = AuditEntry.objects.filter(project_id=project_id)[:limit]
    return [{"entry": e, "what": model_label(e), "changes": changes(e)} for e in entries]
