"""Changes to problems. Each function checks who may act (the one access rule), validates,
writes in one transaction, keeps the timeline and the audit trail, and queues notices."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts import access
from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.core.errors import VersionConflict
from saima.figures import versions
from saima.notifications.services import notify

from .choices import EventKind, State
from .ladder import holder_of, ladder_for
from .models import Attachment, Category, EscalationStep, Event, Problem
from .workdays import add_working_days

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("您无权进行此操作"))


def _event(problem, actor, kind, note="") -> Event:
    return Event.objects.create(
        problem=problem,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=str(actor) if actor is not None else _("系统"),
        kind=kind,
        state=problem.state,
        level=problem.level,
        note=note,
    )


def involved(problem) -> list:
    """Everyone a change of this problem concerns."""
    unit = problem.assigned_unit
    people = [problem.raised_by, problem.assignee, unit.head if unit else None]
    people.append(problem.escalated_to)
    if problem.level >= 2:
        people.append(problem.project.leader)
    return [p for p in people if p is not None]


def _notify(problem, title, body="", exclude=None) -> None:
    url = reverse("problem_detail", kwargs={"pk": problem.pk})
    people = [p for p in involved(problem) if exclude is None or p.pk != exclude.pk]
    notify(people, title, body or problem.description, url)


def _lock(problem, expected_version=None) -> Problem:
    locked = (
        Problem.objects.select_for_update(of=("self",))
        .select_related("project", "assigned_unit", "raised_by")
        .get(pk=problem.pk)
    )
    if expected_version is not None and int(expected_version) != locked.version:
        raise VersionConflict
    return locked


def _save(locked, actor, source, before, fields) -> None:
    locked.version += 1
    locked.save(update_fields=[*fields, "version", "updated_at"])
    record(actor, source, Action.UPDATE, locked, before)


def _check_unit(project, unit) -> None:
    """A problem goes to a unit of the project's region or of a region above it."""
    if unit is None:
        return
    chain = {project.region_id, *(r.code for r in project.region.ancestors())}
    if unit.region_id not in chain:
        raise ValidationError(
            {
                "assigned_unit": _("责任单位“%(unit)s”不在项目所在区划（%(region)s）及其上级范围内")
                % {"unit": unit, "region": project.region}
            }
        )


def _check_assignee(unit, assignee) -> None:
    if assignee is not None and unit is not None and assignee.department_id != unit.pk:
        raise ValidationError(
            {
                "assignee": _("责任人“%(user)s”不属于责任单位“%(unit)s”")
                % {"user": assignee, "unit": unit}
            }
        )


def _check_deadline(deadline) -> None:
    if deadline is not None and deadline < timezone.localdate():
        raise ValidationError({"deadline": _("办理期限不能早于今天")})


def raise_problem(project, data: dict, actor, source, files=()) -> Problem:
    """Raise a problem on a project: level 1, deadline from the region's ladder unless given."""
    _require(access.can(actor, "raise_problem", project=project))
    category, description = data.get("category"), (data.get("description") or "").strip()
    unit = data.get("assigned_unit") or project.department
    assignee = data.get("assignee")
    errors = {}
    if not isinstance(category, Category) or not category.active:
        errors["category"] = _("请选择有效的问题类别")
    if not description:
        errors["description"] = _("请填写问题描述")
    if unit is None and assignee is None:
        errors["assigned_unit"] = _("请指定责任单位或责任人（项目未设责任单位）")
    if errors:
        raise ValidationError(errors)
    _check_unit(project, unit)
    _check_assignee(unit, assignee)
    _check_deadline(data.get("deadline"))
    today = timezone.localdate()
    first = ladder_for(project.region)[0]
    with transaction.atomic():
        problem = Problem(
            project=project,
            category=category,
            description=description,
            raised_by=actor,
            raised_on=today,
            assigned_unit=unit,
            assignee=assignee,
            level=first.level,
            deadline=data.get("deadline") or add_working_days(today, first.working_days),
        )
        problem.escalated_to = holder_of(problem, first)
        problem.full_clean()
        problem.save()
        record(actor, source, Action.CREATE, problem)
        _event(problem, actor, EventKind.RAISED, description)
        for upload in files:
            _attach(problem, upload, actor, source)
        _notify(
            problem,
            _("新问题待办：%(project)s（%(category)s），请于%(deadline)s前办结")
            % {"project": project, "category": category, "deadline": problem.deadline},
            exclude=actor,
        )
    return problem


def assign(problem, unit, assignee, actor, source, expected_version=None) -> Problem:
    """Give the problem to another unit (or person) of the project's region chain."""
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "assign_problem", locked))
        if not locked.is_open:
            raise ValidationError({"state": _("只能交办待办或办理中的问题")})
        if unit is None:
            raise ValidationError({"assigned_unit": _("请选择责任单位")})
        _check_unit(locked.project, unit)
        _check_assignee(unit, assignee)
        before = snapshot(locked)
        locked.assigned_unit, locked.assignee = unit, assignee
        if locked.level == ladder_for(locked.project.region)[0].level:
            locked.escalated_to = holder_of(locked, ladder_for(locked.project.region)[0])
        _save(locked, actor, source, before, ["assigned_unit", "assignee", "escalated_to"])
        _event(locked, actor, EventKind.ASSIGNED, _("交办至%(unit)s") % {"unit": unit})
        _notify(locked, _("问题已交办：%(p)s") % {"p": locked.project}, exclude=actor)
    return locked


def start(problem, actor, source, note="", expected_version=None) -> Problem:
    """待办 → 办理中."""
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "handle_problem", locked))
        if locked.state != State.OPEN:
            raise ValidationError({"state": _("只有待办的问题可以开始办理")})
        before = snapshot(locked)
        locked.state = State.IN_PROGRESS
        _save(locked, actor, source, before, ["state"])
        _event(locked, actor, EventKind.STARTED, note)
    return locked


def resolve(problem, resolution: str, actor, source, expected_version=None) -> Problem:
    """待办/办理中 → 已办结, saying what was done."""
    resolution = (resolution or "").strip()
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "handle_problem", locked))
        if not locked.is_open:
            raise ValidationError({"state": _("只有待办或办理中的问题可以办结")})
        if not resolution:
            raise ValidationError({"resolution": _("办结时请填写办理情况（做了什么）")})
        before = snapshot(locked)
        locked.state, locked.resolution = State.RESOLVED, resolution
        locked.resolved_on = timezone.localdate()
        _save(locked, actor, source, before, ["state", "resolution", "resolved_on"])
        _event(locked, actor, EventKind.RESOLVED, resolution)
        notify(
            [locked.raised_by],
            _("问题已办结，请确认：%(p)s") % {"p": locked.project},
            resolution,
            reverse("problem_detail", kwargs={"pk": locked.pk}),
        )
    return locked


def confirm(problem, actor, source, note="", expected_version=None) -> Problem:
    """已办结 → 已确认, by the raiser only."""
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "confirm_problem", locked))
        if locked.state != State.RESOLVED:
            raise ValidationError({"state": _("只有已办结的问题可以确认")})
        before = snapshot(locked)
        locked.state, locked.confirmed_on, locked.is_overdue = (
            State.CONFIRMED,
            timezone.localdate(),
            False,
        )
        _save(locked, actor, source, before, ["state", "confirmed_on", "is_overdue"])
        _event(locked, actor, EventKind.CONFIRMED, note)
        _notify(locked, _("问题已确认办结：%(p)s") % {"p": locked.project}, exclude=actor)
    return locked


def reject(problem, reason: str, actor, source, expected_version=None) -> Problem:
    """已办结 → 办理中, by the raiser, with a reason."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "confirm_problem", locked))
        if locked.state != State.RESOLVED:
            raise ValidationError({"state": _("只有已办结的问题可以退回")})
        if not reason:
            raise ValidationError({"reason": _("退回时请填写理由")})
        before = snapshot(locked)
        locked.state, locked.resolved_on = State.IN_PROGRESS, None
        _save(locked, actor, source, before, ["state", "resolved_on"])
        _event(locked, actor, EventKind.REJECTED, reason)
        _notify(locked, _("问题被退回重办：%(p)s") % {"p": locked.project}, reason, exclude=actor)
    return locked


def escalate_by_hand(problem, reason: str, actor, source, expected_version=None) -> Problem:
    """Climb one level now, with a reason; the new deadline counts from today."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(problem, expected_version)
        _require(access.can_on_problem(actor, "escalate_problem", locked))
        if not reason:
            raise ValidationError({"reason": _("手动升级时请填写理由")})
        if not locked.is_open:
            raise ValidationError({"state": _("只有待办或办理中的问题可以升级")})
        if climb(locked, timezone.localdate(), actor, source, reason) is None:
            raise ValidationError({"level": _("问题已在最高级别，不能再升级")})
    return locked


def climb(locked: Problem, count_from, actor, source, reason="") -> EscalationStep | None:
    """Move a locked problem one rung up (None at the top). The UPDATE is conditional on the
    level and deadline read, and the step row is unique per (problem, level, deadline): the
    same escalation can never be applied twice."""
    ladder = ladder_for(locked.project.region)
    nxt = next((r for r in ladder if r.level > locked.level), None)
    if nxt is None:
        return None
    before = snapshot(locked)
    old_level, old_deadline = locked.level, locked.deadline
    new_deadline = add_working_days(count_from, nxt.working_days)
    holder = holder_of(locked, nxt)
    changed = Problem.objects.filter(pk=locked.pk, level=old_level, deadline=old_deadline).update(
        level=nxt.level,
        deadline=new_deadline,
        escalated_to=holder,
        version=locked.version + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        return None
    versions.touch(locked)
    step = EscalationStep.objects.create(
        problem=locked,
        from_level=old_level,
        to_level=nxt.level,
        from_deadline=old_deadline,
        to_deadline=new_deadline,
        automatic=actor is None,
        reason=reason,
        by=actor,
    )
    locked.refresh_from_db()
    record(actor, source, Action.UPDATE, locked, before)
    kind = EventKind.ESCALATED if actor is None else EventKind.ESCALATED_MANUAL
    note = _("升级至第%(level)s级（%(title)s：%(who)s），新期限%(deadline)s") % {
        "level": nxt.level,
        "title": nxt.title,
        "who": holder or _("未指定"),
        "deadline": new_deadline,
    }
    _event(locked, actor, kind, f"{note}。{reason}" if reason else note)
    _notify(
        locked,
        _("问题升级至%(title)s：%(p)s，请于%(deadline)s前办结")
        % {"title": nxt.title, "p": locked.project, "deadline": new_deadline},
        exclude=actor,
    )
    return step


def add_attachment(problem, upload, actor, source) -> Attachment:
    _require(access.can_attach(actor, problem))
    with transaction.atomic():
        return _attach(problem, upload, actor, source)


def _attach(problem, upload, actor, source) -> Attachment:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"files": _("附件“%(name)s”超过20MB") % {"name": upload.name}})
    attachment = Attachment.objects.create(
        problem=problem, file=upload, name=upload.name[:200], uploaded_by=actor
    )
    record(actor, source, Action.CREATE, attachment)
    _event(problem, actor, EventKind.ATTACHED, upload.name)
    return attachment
