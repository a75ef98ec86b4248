"""The audit trail made readable: field names shown by their Chinese labels, values as users
see them elsewhere (money as `wan` shows it, dates 2022年3月5日, 是/否, choice labels, — for
blank). Every page that shows audit entries goes through `value_text`; the API keeps the stored
values exactly."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from saima.core.numbers import fmt_wan

from .models import AuditEntry

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
EXACT_DATETIME_FORMAT = "Y年n月j日 H:i:s"
MONEY_PLACES = 2  # as the `wan` filter shows amounts
EXACT_MONEY_PLACES = 4  # as they are stored


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


def _is_money(field) -> bool:
    """Amounts in 万元 (see docs/development.md: money is `*_wan`, 18 digits, 4 places)."""
    return isinstance(field, models.DecimalField) and field.name.endswith("_wan")


def _typed_text(field, value, exact: bool) -> str | None:
    """The value in its field's display form, or None when it is not of that form."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return None
    if isinstance(field, models.DecimalField):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        if _is_money(field):
            return fmt_wan(number, EXACT_MONEY_PLACES if exact else MONEY_PLACES)
        return f"{number.normalize():,f}"
    if not isinstance(value, str):
        return None
    if isinstance(field, models.DateTimeField):
        with suppress(ValueError):
            moment = datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return dateformat.format(moment, EXACT_DATETIME_FORMAT if exact else DATETIME_FORMAT)
    elif isinstance(field, models.DateField):
        with suppress(ValueError):
            return dateformat.format(date.fromisoformat(value), DATE_FORMAT)
    return None


def value_text(field, value, exact: bool = False) -> str:
    """A value as the audit trail stored it, shown for people; `field` is the model field it
    was recorded for (None when the model or field no longer exists: plain text). `exact`
    shows money to the stored 4 places and times to the second."""
    if value is None or value == "" or value == []:
        return "—"
    if field is not None and field.choices:
        labels = {k: str(v) for k, v in field.flatchoices}
        if isinstance(value, list):
            value = [labels.get(v, v) for v in value]
        elif not isinstance(value, dict):
            value = labels.get(value, value)
    elif field is not None:
        typed = _typed_text(field, value, exact)
        if typed is not None:
            return typed
    return _text(value)


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(entry: AuditEntry) -> str:
    model = _model(entry.model)
    return str(model._meta.verbose_name) if model is not None else entry.model


def _field(model, name: str):
    """The model field a change was recorded for, or None (model or field gone since)."""
    if model is None:
        return None
    with suppress(FieldDoesNotExist):
        field = model._meta.get_field(name)
        if isinstance(field, models.Field):  # not a reverse relation
            return field
    return None


def changes(entry: AuditEntry) -> list[Change]:
    model = _model(entry.model)
    rows = []
    for name, pair in entry.changes.items():
        if name == "project":  # the trail is shown on the project's own page
            continue
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        change = Change(label, value_text(field, old), value_text(field, new))
        if change.old == change.new:  # display rounding must never hide a change
            change = Change(label, value_text(field, old, True), value_text(field, new, True))
        if change.old != change.new:  # blank or equal before and after: nothing to show
            rows.append(change)
    return rows


def project_trail(project_id: int, limit: int = 200) -> list[dict]:
    """The newest `limit` entries of a project's trail, each with its readable changes."""
    entries = AuditEntry.objects.filter(project_id=project_id)[:limit]
    return [{"entry": e, "what": model_label(e), "changes": changes(e)} for e in entries]
