"""Changes to a region's escalation ladder (三级会商): validate the whole ladder, then write it
in one transaction with an audit entry per rung, refusing a stale edit (optimistic locking
on a fingerprint of the rungs the editor read)."""

import hashlib
import json
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from saima.accounts import access
from saima.accounts.models import User
from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.core.errors import VersionConflict
from saima.projects.forms import related_regions_q
from saima.regions.models import Region

from .choices import Holder
from .ladder import resolve
from .models import EscalationLevel

# A time limit beyond a year of working days is a typing error, not a policy.
MAX_WORKING_DAYS = 250
FIELDS = ("level", "holder", "title", "person", "working_days")


def ladder_people(region):
    """Who may be named to hold a rung of the region's ladder: active people with a role in
    the region, below it or above it (a county's top rung may be a city leader), and whoever
    the ladder in force names already."""
    named = [r.person_id for r in resolve(region)[1] if r.person_id]
    q = related_regions_q([region], "grants__region__code") & Q(is_active=True)
    return User.objects.filter(q | Q(pk__in=named)).distinct().order_by("full_name", "username")


def own_levels(region) -> list[EscalationLevel]:
    return list(EscalationLevel.objects.filter(region=region).order_by("level"))


def fingerprint(region) -> str:
    """A short digest of the region's own rungs: what an editor read, to detect a change made
    in between (the ladder has no row of its own to carry a version)."""
    rows = [[r.level, r.holder, r.title, r.person_id, r.working_days] for r in own_levels(region)]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def _label(field: str) -> str:
    return str(EscalationLevel._meta.get_field(field).verbose_name)


def validate(region, rows: list[dict]) -> list[dict]:
    """The rows (level, holder, title, person, working_days; optionally "row", the number the
    editor shows for it) as a ladder, sorted by level; ValidationError({"levels": [...]})
    with every problem, each naming its level (or row) and field. The error's `marks` lists
    (row, field) of each, for an editor to highlight."""
    if not rows:
        raise ValidationError({"levels": [_("请至少设置一级")]})
    levels = [row.get("level") for row in rows]
    counts = Counter(n for n in levels if isinstance(n, int) and n >= 1)
    people = ladder_people(region)  # lazy: asked only about rows that name someone
    errors, marks = [], []
    for index, row in enumerate(rows, start=1):
        level, number = row.get("level"), row.get("row", index)
        if isinstance(level, int) and counts[level] == 1:
            where = _("第%(level)s级") % {"level": level}
        else:
            where = _("第%(row)s行") % {"row": number}
        for field, message in _row_errors(people, region, row):
            errors.append(f"{where}“{_label(field)}”：{message}")
            marks.append((number, field))
        if isinstance(level, int) and counts[level] > 1:
            marks.append((number, "level"))
    errors += [
        _("第%(level)s级出现了%(n)s次，每级只能设置一次") % {"level": level, "n": n}
        for level, n in sorted(counts.items())
        if n > 1
    ]
    missing = [str(n) for n in range(1, len(rows) + 1) if n not in counts]
    if missing and sum(counts.values()) == len(rows):
        errors.append(
            _("级别应从1起连续编号（1至%(n)s），缺少第%(missing)s级")
            % {"n": len(rows), "missing": "、".join(missing)}
        )
    if errors:
        error = ValidationError({"levels": errors})
        error.marks = marks
        raise error
    cleaned = [{**row, "title": row["title"].strip()} for row in rows]
    return sorted(cleaned, key=lambda row: row["level"])


def _row_errors(people, region, row: dict) -> list[tuple[str, str]]:
    """(field, message) for each rule one rung breaks on its own."""
    errors = []
    level, holder, person = row.get("level"), row.get("holder"), row.get("person")
    if not isinstance(level, int) or level < 1:
        errors.append(("level", _("应为正整数")))
    if holder not in Holder.values:
        errors.append(("holder", _("请选择责任人类型")))
    title = (row.get("title") or "").strip()
    limit = EscalationLevel._meta.get_field("title").max_length
    if not title:
        errors.append(("title", _("请填写称谓，如“包保领导”")))
    elif len(title) > limit:
        errors.append(("title", _("不能超过%(n)s个字") % {"n": limit}))
    days = row.get("working_days")
    if not isinstance(days, int) or not 1 <= days <= MAX_WORKING_DAYS:
        message = _("应为1至%(max)s之间的整数（每级从上一级期限起计）")
        errors.append(("working_days", message % {"max": MAX_WORKING_DAYS}))
    if person is not None and holder != Holder.PERSON:
        errors.append(("person", _("只有责任人类型为“指定人员”时才能指定人员")))
    elif person is not None and not people.filter(pk=person.pk).exists():
        message = _("%(person)s 不在%(region)s及其上下级区划的人员中")
        errors.append(("person", message % {"person": person, "region": region}))
    return errors


def _require(actor, region) -> None:
    if not access.can(actor, "manage_ladder", region=region):
        raise PermissionDenied(_("您无权设置该区划的升级规则"))


def _lock(region, expected) -> list[EscalationLevel]:
    """Serialise writers of one region's ladder (a lock on the region row that does not block
    rows referring to the region) and refuse a stale edit."""
    Region.objects.select_for_update(no_key=True).get(pk=region.pk)
    if expected is not None and expected != fingerprint(region):
        raise VersionConflict
    return own_levels(region)


def save_ladder(region, rows: list[dict], actor, source, expected=None) -> list[EscalationLevel]:
    """Make `rows` the region's own ladder: rungs are changed in place by level, added and
    removed, all or nothing. `expected` is the fingerprint the editor read."""
    _require(actor, region)
    rows = validate(region, rows)
    with transaction.atomic():
        current = {r.level: r for r in _lock(region, expected)}
        wanted = {row["level"] for row in rows}
        for level, rung in sorted(current.items()):
            if level not in wanted:
                _delete(rung, actor, source)
        for row in rows:
            values = {f: row[f] for f in FIELDS if f != "level"}
            rung = current.get(row["level"])
            if rung is None:
                rung = EscalationLevel(region=region, level=row["level"], **values)
                rung.full_clean()
                rung.save()
                record(actor, source, Action.CREATE, rung)
                continue
            before = snapshot(rung)
            for field, value in values.items():
                setattr(rung, field, value)
            rung.full_clean()
            rung.save()
            record(actor, source, Action.UPDATE, rung, before)
    return own_levels(region)


def inherit_ladder(region, actor, source, expected=None) -> None:
    """Drop the region's own ladder: it uses the ladder above it (or the default) again."""
    _require(actor, region)
    with transaction.atomic():
        current = _lock(region, expected)
        if not current:
            raise ValidationError({"levels": [_("本区划没有单独设置升级规则，无需恢复")]})
        for rung in current:
            _delete(rung, actor, source)


def _delete(rung, actor, source) -> None:
    record(actor, source, Action.DELETE, rung)
    rung.delete()
