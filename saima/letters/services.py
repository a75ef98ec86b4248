"""Issuing letters, tracking reading and replies."""

from dataclasses import asdict
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts import access
from saima.accounts.models import Role, User
from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.notifications.services import notify
from saima.problems.workdays import add_working_days
from saima.regions.models import RegionLevel

from . import docx
from .models import KIND_MARK, Kind, Letter, Sequence
from .sections import lagging_sections


def issuing_region(region):
    """Letters to a county are issued by its city (the dispatcher's level)."""
    if region.level in (RegionLevel.CITY, RegionLevel.PROVINCE):
        return region
    return next((r for r in region.ancestors() if r.level == RegionLevel.CITY), region)


def issuer_code(region, kind: str) -> str:
    """发文代字: the city's first character + 项目 + 提/督, e.g. 通项目提."""
    return f"{issuing_region(region).name[0]}项目{KIND_MARK[kind]}"


def next_number(issuer: str, year: int) -> int:
    """The next number of an issuer's yearly sequence. The UPDATE locks the row until the
    caller's transaction ends, so concurrent letters never share a number."""
    Sequence.objects.get_or_create(issuer=issuer, year=year)
    Sequence.objects.filter(issuer=issuer, year=year).update(last=F("last") + 1)
    return Sequence.objects.get(issuer=issuer, year=year).last


def existing(kind, region, unit, period) -> Letter | None:
    letters = Letter.objects.filter(kind=kind, period=period)
    if unit is not None:
        return letters.filter(unit=unit).first()
    return letters.filter(region=region, unit__isnull=True).first()


def _duplicate_error(letter: Letter) -> ValidationError:
    return ValidationError(
        {
            "period": _("%(to)s %(period)s 已发过%(kind)s（%(ref)s），不能重复发函")
            % {"to": letter.addressee, "period": letter.period, "kind": letter.kind, "ref": letter}
        }
    )


def recipients(letter: Letter) -> list:
    if letter.unit_id:
        people = list(User.objects.filter(department=letter.unit_id, is_active=True))
        return people + ([letter.unit.head] if letter.unit.head else [])
    return list(
        User.objects.filter(
            grants__role=Role.COUNTY_ADMIN, grants__region=letter.region, is_active=True
        )
    )


def issue_letter(
    region, actor, source, unit=None, kind=Kind.NOTICE, as_of=None, period=None, bulk_run=None
):
    """Build and issue a letter listing what lags in the region (or unit)."""
    if not access.can(actor, "send_letters", region=region):
        raise PermissionDenied(_("您无权向该区划发函"))
    as_of = as_of or timezone.localdate()
    period = period or f"{as_of:%Y-%m}"
    if unit is not None and not region.contains(unit.region_id):
        raise ValidationError({"unit": _("单位“%(u)s”不属于%(r)s") % {"u": unit, "r": region}})
    if (found := existing(kind, region, unit, period)) is not None:
        raise _duplicate_error(found)
    sections = lagging_sections(region, unit, as_of)
    if not sections:
        raise ValidationError(
            {"region": _("%(to)s 没有滞后事项，无需发函") % {"to": unit or region}}
        )
    today = timezone.localdate()
    issuer = issuer_code(region, kind)
    try:
        with transaction.atomic():
            number = next_number(issuer, today.year)
            letter = Letter(
                kind=kind,
                region=region,
                unit=unit,
                period=period,
                issuer=issuer,
                year=today.year,
                number=number,
                reference=f"{issuer}〔{today.year}〕{number}号",
                issued_on=today,
                reply_due=add_working_days(today, settings.LETTER_REPLY_WORKING_DAYS),
                sections=[asdict(s) for s in sections],
                issued_by=actor,
                bulk_run=bulk_run,
                sent_at=timezone.now(),
            )
            content = docx.build(letter_text(letter, sections))
            letter.file.save(f"{letter.reference}.docx", ContentFile(content), save=False)
            letter.save()
            record(actor, source, Action.CREATE, letter)
            notify(
                recipients(letter),
                _("收到%(kind)s %(ref)s，请于%(due)s前回复")
                % {"kind": kind, "ref": letter.reference, "due": letter.reply_due},
                "",
                reverse("letter_detail", kwargs={"pk": letter.pk}),
            )
    except IntegrityError:
        found = existing(kind, region, unit, period)
        if found is not None:
            raise _duplicate_error(found) from None
        raise
    return letter


def letter_text(letter: Letter, sections) -> docx.LetterText:
    city = issuing_region(letter.region)
    to = letter.unit.name if letter.unit_id else f"{letter.region.name}人民政府"
    subject = letter.unit.name if letter.unit_id else letter.region.name
    return docx.LetterText(
        issuer_name=settings.LETTER_ISSUER_NAME.format(city=city.name),
        reference=letter.reference,
        title=_("关于%(s)s重点项目推进滞后事项的%(k)s") % {"s": subject, "k": letter.kind},
        addressee=f"{to}：",
        opening=_(
            "根据全市重点项目调度情况，截至%(d)s，%(s)s以下事项推进滞后，现函告如下，请高度重视，"
            "逐项研究解决。"
        )
        % {"d": docx.cn_date(letter.issued_on), "s": subject},
        sections=sections,
        closing=_("请于%(due)s前将整改落实情况书面报送%(issuer)s。")
        % {
            "due": docx.cn_date(letter.reply_due),
            "issuer": settings.LETTER_ISSUER_NAME.format(city=city.name),
        },
        signature=settings.LETTER_ISSUER_NAME.format(city=city.name),
        date_text=docx.cn_date(letter.issued_on),
    )


def mark_read(letter: Letter, user) -> bool:
    """The first recipient who opens the letter marks it read."""
    if letter.read_at or not access.can_on_letter(user, "reply_letter", letter):
        return False
    return bool(
        Letter.objects.filter(pk=letter.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=user
        )
    )


def reply(letter: Letter, text: str, actor, source) -> Letter:
    if not access.can_on_letter(actor, "reply_letter", letter):
        raise PermissionDenied(_("只有受函单位可以回复"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reply": _("请填写回复内容（整改落实情况）")})
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.replied_at:
            raise ValidationError({"reply": _("该函件已回复")})
        before = snapshot(locked)
        now = timezone.now()
        locked.reply, locked.replied_at, locked.replied_by = text, now, actor
        if not locked.read_at:
            locked.read_at, locked.read_by = now, actor
        locked.save()
        record(actor, source, Action.UPDATE, locked, before)
        if locked.issued_by:
            notify(
                [locked.issued_by],
                _("%(ref)s 已回复") % {"ref": locked.reference},
                text,
                reverse("letter_detail", kwargs={"pk": locked.pk}),
            )
    return locked


def issue_for_lagging(
    region, actor, source, kind=Kind.NOTICE, as_of: date | None = None, bulk_run=None
):
    """A letter to every county under `region` that lags and has none for the period yet
    (each marked as `bulk_run`'s). Returns (issued letters, names skipped with the reason)."""
    as_of = as_of or timezone.localdate()
    issued, skipped = [], []
    for county in region.children.order_by("code"):
        try:
            issued.append(
                issue_letter(county, actor, source, kind=kind, as_of=as_of, bulk_run=bulk_run)
            )
        except ValidationError as exc:
            skipped.append((county.name, "; ".join(exc.messages)))
    return issued, skipped
