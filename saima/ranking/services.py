"""Changes to schemes, rankings, briefings and sentence templates: validated, written in one
transaction, recorded in the audit trail."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.figures.indicators import INDICATORS
from saima.regions.models import Department, Region

from .models import (
    Briefing,
    League,
    LeagueMember,
    Publication,
    PublishedRow,
    Rule,
    Scheme,
    SchemeIndicator,
    SentenceTemplate,
    UnitKind,
)
from .periods import Period
from .scoring import compute, current_scheme


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("应为数字，收到“%(v)s”") % {"v": value}}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({field: _("应为不小于0的数字，收到“%(v)s”") % {"v": value}})
    return number


def clean_indicators(items) -> list[dict]:
    if not items:
        raise ValidationError({"indicators": _("方案至少要有一个指标")})
    cleaned, seen = [], set()
    for n, item in enumerate(items, start=1):
        where = f"indicators[{n}]"
        key = item.get("key")
        if key not in INDICATORS:
            raise ValidationError(
                {
                    where: _("未知指标“%(k)s”，可用：%(all)s")
                    % {"k": key, "all": "、".join(INDICATORS)}
                }
            )
        if key in seen:
            raise ValidationError({where: _("指标“%(k)s”重复") % {"k": INDICATORS[key].label}})
        seen.add(key)
        rule = item.get("rule") or Rule.CAPPED
        if rule not in Rule.values:
            raise ValidationError({where: _("计分规则应为 capped 或 rank")})
        cap = item.get("cap")
        cap = None if cap in (None, "") else _decimal(cap, f"{where}.cap")
        if rule == Rule.CAPPED and cap is None:
            raise ValidationError({f"{where}.cap": _("封顶计分的指标须填写封顶值（如120）")})
        cleaned.append(
            {
                "key": key,
                "weight": _decimal(item.get("weight", ""), f"{where}.weight"),
                "rule": rule,
                "cap": cap,
            }
        )
    return cleaned


def clean_leagues(region: Region, items) -> list[dict]:
    if not items:
        raise ValidationError({"leagues": _("方案至少要有一个组别")})
    cleaned, seen_names, seen_units = [], set(), set()
    for n, item in enumerate(items, start=1):
        where = f"leagues[{n}]"
        name = (item.get("name") or "").strip()
        if not name:
            raise ValidationError({where: _("组别名称不能为空")})
        if name in seen_names:
            raise ValidationError({where: _("组别“%(n)s”重复") % {"n": name}})
        seen_names.add(name)
        kind = item.get("unit_kind") or UnitKind.REGION
        if kind not in UnitKind.values:
            raise ValidationError({where: _("参赛单位类型应为 region 或 department")})
        units = []
        for ref in item.get("members") or []:
            if kind == UnitKind.REGION:
                unit = Region.objects.filter(code=str(ref).strip()).first()
                inside = unit is not None and unit != region and region.contains(unit.code)
            else:
                unit = Department.objects.filter(pk=ref).first() if str(ref).isdigit() else None
                inside = unit is not None and region.contains(unit.region_id)
            if not inside:
                raise ValidationError(
                    {
                        where: _("“%(r)s”不是%(region)s下属的区划或部门")
                        % {"r": ref, "region": region}
                    }
                )
            if (kind, unit.pk) in seen_units:
                raise ValidationError({where: _("“%(u)s”已在其他组别中") % {"u": unit}})
            seen_units.add((kind, unit.pk))
            units.append(unit)
        if not units:
            raise ValidationError({where: _("组别“%(n)s”没有参赛单位") % {"n": name}})
        cleaned.append({"name": name, "unit_kind": kind, "units": units})
    return cleaned


def _write_parts(scheme: Scheme, indicators: list[dict], leagues: list[dict]) -> None:
    scheme.indicators.all().delete()
    scheme.leagues.all().delete()
    for order, ind in enumerate(indicators):
        SchemeIndicator.objects.create(scheme=scheme, order=order, **ind)
    for order, item in enumerate(leagues):
        league = League.objects.create(
            scheme=scheme, name=item["name"], unit_kind=item["unit_kind"], order=order
        )
        for unit in item["units"]:
            if item["unit_kind"] == UnitKind.REGION:
                LeagueMember.objects.create(league=league, region=unit)
            else:
                LeagueMember.objects.create(league=league, department=unit)


def scheme_data(scheme: Scheme) -> dict:
    """The scheme as plain data (the shape services, forms and the API exchange)."""
    return {
        "name": scheme.name,
        "note": scheme.note,
        "indicators": [
            {"key": i.key, "weight": i.weight, "rule": i.rule, "cap": i.cap}
            for i in scheme.indicators.all()
        ],
        "leagues": [
            {
                "name": league.name,
                "unit_kind": league.unit_kind,
                "members": [m.region_id or m.department_id for m in league.members.all()],
            }
            for league in scheme.leagues.all()
        ],
    }


def _audit_scheme(actor, source, action, scheme, before=None):
    after = {**snapshot(scheme), **_plain_parts(scheme)}
    record(actor, source, action, scheme, before, after)


def _plain_parts(scheme) -> dict:
    data = scheme_data(scheme)
    return {
        "indicators": [
            f"{i['key']} {i['rule']} 权重{i['weight']} 封顶{i['cap']}" for i in data["indicators"]
        ],
        "leagues": [f"{lg['name']}: {lg['members']}" for lg in data["leagues"]],
    }


def create_scheme(region: Region, year: int, data: dict, actor, source) -> Scheme:
    """A new scheme for a region and year (the next version if one exists)."""
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("方案名称不能为空")})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("年度应在2000–2100之间")})
    indicators = clean_indicators(data.get("indicators"))
    leagues = clean_leagues(region, data.get("leagues"))
    with transaction.atomic():
        latest = Scheme.objects.filter(region=region, year=year).aggregate(v=Max("version"))["v"]
        scheme = Scheme.objects.create(
            region=region,
            year=year,
            version=(latest or 0) + 1,
            name=name,
            note=(data.get("note") or "").strip(),
            created_by=actor if actor and actor.pk else None,
        )
        _write_parts(scheme, indicators, leagues)
        _audit_scheme(actor, source, Action.CREATE, scheme)
    return scheme


def revise_scheme(scheme: Scheme, data: dict, actor, source) -> Scheme:
    """Change a scheme. A draft that is the latest version is changed in place; a published
    (or superseded) version stays as it is and the change becomes the next version."""
    scheme = Scheme.objects.get(pk=scheme.pk)  # its published state as stored, not as passed
    merged = {**scheme_data(scheme), **{k: v for k, v in data.items() if v is not None}}
    latest = current_scheme(scheme.region, scheme.year)
    if scheme.is_published or latest.pk != scheme.pk:
        return create_scheme(scheme.region, scheme.year, merged, actor, source)
    name = (merged.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("方案名称不能为空")})
    indicators = clean_indicators(merged.get("indicators"))
    leagues = clean_leagues(scheme.region, merged.get("leagues"))
    with transaction.atomic():
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        before = {**snapshot(locked), **_plain_parts(locked)}
        locked.name, locked.note = name, (merged.get("note") or "").strip()
        locked.save()
        _write_parts(locked, indicators, leagues)
        _audit_scheme(actor, source, Action.UPDATE, locked, before)
    return locked


def publish_scheme(scheme: Scheme, actor, source) -> Scheme:
    with transaction.atomic():
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if locked.published_at is None:
            before = snapshot(locked)
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
            record(actor, source, Action.UPDATE, locked, before)
    return locked


def publish_ranking(region: Region, period: Period, actor, source) -> Publication:
    """Freeze the period's ranking with the region's current scheme version."""
    scheme = current_scheme(region, period.year)
    if scheme is None:
        raise ValidationError(
            {"scheme": _("%(r)s尚无%(y)s年度赛马方案") % {"r": region, "y": period.year}}
        )
    ranking = compute(scheme, period)
    with transaction.atomic():
        publish_scheme(scheme, actor, source)
        last = Publication.objects.filter(region=region, period=str(period)).aggregate(
            n=Max("number")
        )["n"]
        publication = Publication.objects.create(
            scheme=scheme,
            region=region,
            period=str(period),
            as_of=period.end,
            number=(last or 0) + 1,
            published_by=actor if actor and actor.pk else None,
        )
        PublishedRow.objects.bulk_create(
            PublishedRow(
                publication=publication,
                league=row.league,
                league_order=row.league_order,
                region_id=row.region_code,
                department_id=row.department_id,
                unit_name=row.unit_name,
                values={k: None if v is None else str(v) for k, v in row.values.items()},
                points={k: str(v) for k, v in row.points.items()},
                total=row.total,
                rank=row.rank,
                previous_rank=row.previous_rank,
            )
            for row in ranking.rows
        )
        record(actor, source, Action.CREATE, publication)
    return publication


def save_template(region: Region, key: str, text: str, actor, source) -> SentenceTemplate:
    from .sentences import DEFAULT_TEMPLATES, check_template

    if key not in DEFAULT_TEMPLATES:
        raise ValidationError({"key": _("未知句式“%(k)s”") % {"k": key}})
    check_template(key, text)
    with transaction.atomic():
        template = SentenceTemplate.objects.filter(region=region, key=key).first()
        if template is None:
            template = SentenceTemplate.objects.create(region=region, key=key, text=text)
            record(actor, source, Action.CREATE, template)
        elif template.text != text:
            before = snapshot(template)
            template.text = text
            template.save()
            record(actor, source, Action.UPDATE, template, before)
    return template


def publish_briefing(region: Region, period: Period, actor, source) -> Briefing:
    """Freeze the briefing's content. The period keeps its issue number (第N期); the issue
    numbers of a year run in order of first publication."""
    from .briefing import build_content

    with transaction.atomic():
        earlier = Briefing.objects.filter(region=region, period=str(period)).order_by("-version")
        latest = earlier.first()
        if latest is not None:
            issue, version = latest.issue, latest.version + 1
        else:
            top = Briefing.objects.filter(region=region, year=period.year).aggregate(
                n=Max("issue")
            )["n"]
            issue, version = (top or 0) + 1, 1
        content = build_content(region, period, issue=issue)
        briefing = Briefing.objects.create(
            region=region,
            period=str(period),
            year=period.year,
            issue=issue,
            version=version,
            content=content,
            published_by=actor if actor and actor.pk else None,
        )
        # The frozen content is in the row itself; the trail notes what was published.
        record(
            actor,
            source,
            Action.CREATE,
            briefing,
            after=snapshot(briefing, exclude=("id", "content")),
        )
    return briefing
