"""Changes in the dispatch cycle. Every function checks who may act (when an actor is given;
a background job or command acts as the system with actor None), validates, writes in one
transaction and records the change in the audit trail."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts import access
from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.core.errors import VersionConflict
from saima.figures import snapshots
from saima.figures.pace import project_completed_total

from .choices import FilingState, PeriodState, Rhythm
from .models import Filing, FilingPhoto, Period, ReportingSchedule
from .periods import deadline_for, governed_regions, governs, period_ranges
from .photos import process_photo


def _require(actor, action, project=None, region=None):
    if actor is not None and not access.can(actor, action, project=project, region=region):
        raise PermissionDenied(_("您没有权限进行此操作"))


# Periods --------------------------------------------------------------------------------


def set_rhythm(region, year: int, rhythm: str, actor, source) -> ReportingSchedule:
    """Choose a region's rhythm for a year and create its periods. The rhythm can change only
    while none of the year's periods has a filing."""
    _require(actor, "close_period", region=region)
    if rhythm not in Rhythm.values:
        raise ValidationError({"rhythm": _("填报频次应为月报、周报或旬报")})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("年度应在2000–2100之间")})
    with transaction.atomic():
        schedule = (
            ReportingSchedule.objects.select_for_update().filter(region=region, year=year).first()
        )
        if schedule is not None and schedule.rhythm != rhythm:
            periods = Period.objects.filter(region=region, year=year)
            if periods.filter(filings__isnull=False).exists():
                raise ValidationError(
                    {"rhythm": _("%(year)s年已有填报，不能再更改填报频次") % {"year": year}}
                )
            for period in periods:
                record(actor, source, Action.DELETE, period)
            periods.delete()
            before = snapshot(schedule)
            schedule.rhythm = rhythm
            schedule.save()
            record(actor, source, Action.UPDATE, schedule, before)
        elif schedule is None:
            schedule = ReportingSchedule.objects.create(region=region, year=year, rhythm=rhythm)
            record(actor, source, Action.CREATE, schedule)
        ensure_periods(schedule, actor, source)
    return schedule


def ensure_periods(schedule: ReportingSchedule, actor, source) -> list[Period]:
    """Create the schedule's periods that do not exist yet (idempotent)."""
    existing = set(
        Period.objects.filter(
            region=schedule.region, year=schedule.year, rhythm=schedule.rhythm
        ).values_list("seq", flat=True)
    )
    made = []
    for seq, start, end in period_ranges(schedule.year, schedule.rhythm):
        if seq in existing:
            continue
        period = Period.objects.create(
            region=schedule.region,
            year=schedule.year,
            rhythm=schedule.rhythm,
            seq=seq,
            start=start,
            end=end,
            deadline=deadline_for(end),
        )
        record(actor, source, Action.CREATE, period)
        made.append(period)
    return made


def open_period(period: Period, actor, source) -> Period:
    _require(actor, "close_period", region=period.region)
    with transaction.atomic():
        locked = Period.objects.select_for_update().get(pk=period.pk)
        if locked.state != PeriodState.UPCOMING:
            raise ValidationError(
                {"state": _("只有未开始的填报期可以开放（当前：%(s)s）") % {"s": locked.state}}
            )
        before = snapshot(locked)
        locked.state, locked.opened_at = PeriodState.OPEN, timezone.now()
        locked.save()
        record(actor, source, Action.UPDATE, locked, before)
    return locked


def close_period(period: Period, actor, source, freeze=True) -> Period:
    """Close a period and freeze its figures for every region it governs. `freeze=False` is
    for past periods loaded as history, whose figures the platform cannot compute."""
    _require(actor, "close_period", region=period.region)
    with transaction.atomic():
        locked = Period.objects.select_for_update().get(pk=period.pk)
        if locked.state == PeriodState.CLOSED:
            raise ValidationError({"state": _("该填报期已关闭")})
        before = snapshot(locked)
        locked.state, locked.closed_at = PeriodState.CLOSED, timezone.now()
        locked.opened_at = locked.opened_at or locked.closed_at
        locked.save()
        record(actor, source, Action.UPDATE, locked, before)
        if freeze:
            snapshots.freeze(locked, actor, source, _("期末关闭时冻结"))
    return locked


# Filings --------------------------------------------------------------------------------


def _clean_amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount_wan": _("本期完成投资应为数字（万元）")}) from None
    if not amount.is_finite():
        raise ValidationError({"amount_wan": _("本期完成投资应为数字（万元）")})
    if amount < 0:
        raise ValidationError({"amount_wan": _("本期完成投资不能为负数")})
    if amount.as_tuple().exponent < -4:
        raise ValidationError({"amount_wan": _("本期完成投资最多保留4位小数（万元）")})
    return amount


def check_remaining(project, amount: Decimal, exclude_pk=None, confirmed=False) -> None:
    """An amount above the project's remaining investment (total − everything filed so far)
    is implausible: it needs an explicit confirmation."""
    remaining = project.total_investment_wan - project_completed_total(project, exclude_pk)
    if amount > remaining and not confirmed:
        raise ValidationError(
            {
                "amount_wan": ValidationError(
                    _(
                        "本期完成投资%(amount)s万元超过项目剩余投资%(remaining)s万元"
                        "（总投资减去已填报累计），请核实；确认无误请勾选“确认金额”后再提交"
                    )
                    % {"amount": _plain(amount), "remaining": _plain(remaining)},
                    code="needs_confirmation",
                )
            }
        )


def _plain(amount: Decimal) -> str:
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_project_period(project, period):
    if not governs(period, project):
        raise ValidationError(
            {"project": _("%(p)s不在%(period)s的填报范围内") % {"p": project, "period": period}}
        )
    if not project.plans.filter(year=period.year).exists():
        raise ValidationError(
            {"project": _("%(p)s未列入%(y)s年度计划，无需填报") % {"p": project, "y": period.year}}
        )


def _apply_fields(filing: Filing, data: dict):
    if "amount_wan" in data:
        filing.amount_wan = _clean_amount(data["amount_wan"])
    for key in ("progress", "next_steps"):
        if key in data:
            value = (data[key] or "").strip()
            if len(value) > 2000:
                raise ValidationError({key: _("内容不能超过2000字")})
            setattr(filing, key, value)


def save_draft(
    project, period, data: dict, actor, source, photos=(), confirmed=False, expected_version=None
) -> Filing:
    """Create or change the filing of `project` for `period` while it is a draft or returned."""
    return file_filing(
        project, period, data, actor, source, photos, confirmed, expected_version=expected_version
    )


def _save_fields(project, period, data, actor, source, confirmed, expected_version) -> Filing:
    _require(actor, "file", project=project)
    with transaction.atomic():
        locked_period = (
            Period.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=period.pk)
        )
        if locked_period.state == PeriodState.CLOSED:
            raise ValidationError(
                {"period": _("%(p)s已关闭，只能由县区管理员以上进行更正") % {"p": period.label}}
            )
        if locked_period.state == PeriodState.UPCOMING:
            raise ValidationError({"period": _("%(p)s尚未开始填报") % {"p": period.label}})
        _check_project_period(project, locked_period)
        filing = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("period__region", "project", "reviewed_by", "filed_by")
            .filter(project=project, period=period)
            .first()
        )
        creating = filing is None
        if creating:
            filing = Filing(project=project, period=locked_period, filed_by=_user(actor))
        elif not filing.is_editable:
            raise ValidationError(
                {"state": _("填报已%(s)s，不能再修改") % {"s": filing.get_state_display()}}
            )
        elif expected_version is not None and int(expected_version) != filing.version:
            raise VersionConflict
        before = None if creating else snapshot(filing)
        _apply_fields(filing, data)
        check_remaining(project, filing.amount_wan, filing.pk, confirmed)
        if not creating:
            filing.version += 1
        filing.save()
        if creating:
            record(actor, source, Action.CREATE, filing)
        else:
            record(actor, source, Action.UPDATE, filing, before)
    return filing


def file_filing(
    project,
    period,
    data,
    actor,
    source,
    photos=(),
    confirmed=False,
    submit_now=False,
    expected_version=None,
) -> Filing:
    """Save the filing with its new photos and, when asked, submit it — all or nothing.
    Photos are checked and re-encoded before the transaction, so no lock waits on Pillow."""
    _require(actor, "file", project=project)
    processed = prepare_photos(photos)
    written = []
    try:
        with transaction.atomic():
            filing = _save_fields(project, period, data, actor, source, confirmed, expected_version)
            _store_photos(filing, processed, actor, source, written)
            if submit_now:
                filing = submit(filing, actor, source, confirmed)
    except BaseException:
        _delete_files(written)
        raise
    return filing


def _user(actor):
    return actor if actor is not None and actor.pk else None


def _transition(filing: Filing, allowed: tuple, change, actor, source) -> Filing:
    with transaction.atomic():
        locked = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("period__region", "project", "reviewed_by", "filed_by")
            .get(pk=filing.pk)
        )
        if locked.period.state == PeriodState.CLOSED:
            raise ValidationError(
                {
                    "period": _("%(p)s已关闭，只能由县区管理员以上进行更正")
                    % {"p": locked.period.label}
                }
            )
        if locked.state not in allowed:
            raise ValidationError(
                {"state": _("当前状态为%(s)s，不能进行此操作") % {"s": locked.get_state_display()}}
            )
        before = snapshot(locked)
        change(locked)
        locked.version += 1
        locked.save()
        record(actor, source, Action.UPDATE, locked, before)
    return locked


def submit(filing: Filing, actor, source, confirmed=False, at=None) -> Filing:
    """draft/returned → submitted. The first submission after the deadline marks it late."""
    _require(actor, "file", project=filing.project)
    at = at or timezone.now()

    def change(f):
        if not (f.progress or "").strip():
            raise ValidationError({"progress": _("请填写形象进度")})
        check_remaining(f.project, f.amount_wan, f.pk, confirmed)
        if f.first_submitted_at is None:
            f.first_submitted_at = at
            f.is_late = timezone.localdate(at) > f.period.deadline
        f.state, f.submitted_at = FilingState.SUBMITTED, at
        f.filed_by = f.filed_by or _user(actor)

    return _transition(filing, (FilingState.DRAFT, FilingState.RETURNED), change, actor, source)


def return_filing(filing: Filing, reason: str, actor, source) -> Filing:
    """submitted → returned, with the reason the secretary will read."""
    _require(actor, "review", project=filing.project)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("退回时必须填写退回原因")})

    def change(f):
        f.state, f.return_reason = FilingState.RETURNED, reason[:2000]
        f.reviewed_at, f.reviewed_by = timezone.now(), _user(actor)

    return _transition(filing, (FilingState.SUBMITTED,), change, actor, source)


def accept(filing: Filing, actor, source, at=None) -> Filing:
    """submitted → accepted by the county administrator."""
    _require(actor, "review", project=filing.project)

    def change(f):
        f.state, f.reviewed_at, f.reviewed_by = (
            FilingState.ACCEPTED,
            at or timezone.now(),
            _user(actor),
        )

    return _transition(filing, (FilingState.SUBMITTED,), change, actor, source)


def correct(project, period, data: dict, reason: str, actor, source, confirmed=False) -> Filing:
    """An audited correction of a closed period's filing (or of a missing one) by a county
    administrator or above. The filing ends accepted, and the period's snapshots of the
    regions containing the project gain a new version."""
    _require(actor, "correct", project=project)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("更正时必须填写更正原因")})
    with transaction.atomic():
        locked_period = Period.objects.select_for_update().get(pk=period.pk)
        if locked_period.state != PeriodState.CLOSED:
            raise ValidationError({"period": _("填报期未关闭，请直接修改或审核填报")})
        _check_project_period(project, locked_period)
        filing = Filing.objects.select_for_update().filter(project=project, period=period).first()
        creating = filing is None
        now = timezone.now()
        if creating:
            filing = Filing(project=project, period=locked_period, filed_by=_user(actor))
        before = None if creating else snapshot(filing)
        _apply_fields(filing, data)
        check_remaining(project, filing.amount_wan, filing.pk, confirmed)
        if filing.first_submitted_at is None:
            filing.first_submitted_at = now
            filing.is_late = True
        filing.state, filing.submitted_at = FilingState.ACCEPTED, filing.submitted_at or now
        filing.reviewed_at, filing.reviewed_by = now, _user(actor)
        filing.correction_note = reason[:2000]
        filing.version += 0 if creating else 1
        filing.save()
        record(actor, source, Action.CREATE if creating else Action.UPDATE, filing, before)
        regions = [r for r in governed_regions(locked_period) if r.contains(project.region_id)]
        snapshots.refreeze(locked_period, regions, actor, source, _("更正：%(r)s") % {"r": reason})
    return filing


# Photos ---------------------------------------------------------------------------------


def prepare_photos(uploads) -> list[tuple]:
    """Check and re-encode every upload (all must pass before anything is stored)."""
    uploads = list(uploads or [])
    limit = settings.DISPATCH_PHOTOS_PER_FILING
    if len(uploads) > limit:
        raise ValidationError({"photos": _("每次填报最多%(n)s张照片") % {"n": limit}})
    return [process_photo(upload) for upload in uploads]


def _store_photos(filing: Filing, processed, actor, source, written: list) -> list[FilingPhoto]:
    limit = settings.DISPATCH_PHOTOS_PER_FILING
    if processed and filing.photos.count() + len(processed) > limit:
        raise ValidationError({"photos": _("每次填报最多%(n)s张照片") % {"n": limit}})
    made = []
    for content, content_type, width, height in processed:
        photo = FilingPhoto(
            filing=filing,
            content_type=content_type,
            width=width,
            height=height,
            size=content.size,
            uploaded_by=_user(actor),
        )
        photo.image.save("photo", content, save=False)
        written.append(photo.image.name)
        photo.save()
        record(actor, source, Action.CREATE, photo)
        made.append(photo)
    return made


def _delete_files(names) -> None:
    """Files written by a transaction that rolled back (their rows never existed)."""
    for name in names:
        default_storage.delete(name)


def upload_photos(filing: Filing, uploads, actor, source) -> list[FilingPhoto]:
    """Add photos to a filing that can still be changed (draft or returned)."""
    _require(actor, "file", project=filing.project)
    processed = prepare_photos(uploads)
    written = []
    try:
        with transaction.atomic():
            locked = (
                Filing.objects.select_for_update(of=("self",))
                .select_related("period")
                .get(pk=filing.pk)
            )
            if locked.period.state == PeriodState.CLOSED or not locked.is_editable:
                raise ValidationError({"photos": _("该填报已提交或该期已关闭，不能再添加照片")})
            return _store_photos(locked, processed, actor, source, written)
    except BaseException:
        _delete_files(written)
        raise


def delete_photo(photo: FilingPhoto, actor, source) -> None:
    _require(actor, "file", project=photo.filing.project)
    with transaction.atomic():
        filing = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("period")
            .get(pk=photo.filing_id)
        )
        if filing.period.state == PeriodState.CLOSED or not filing.is_editable:
            raise ValidationError({"photos": _("该填报已提交或该期已关闭，不能再删除照片")})
        record(actor, source, Action.DELETE, photo)
        storage, name = photo.image.storage, photo.image.name
        photo.delete()
        transaction.on_commit(lambda: storage.delete(name))
