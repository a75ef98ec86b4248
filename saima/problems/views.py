from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.audit.models import Source
from saima.core.errors import VersionConflict
from saima.figures.problems import problem_figures
from saima.projects.models import Project
from saima.regions.models import Region

from . import actions, ladder_services, services
from .filtersets import MINE, ProblemFilterSet, mine_q, overdue_q
from .forms import AssignForm, AttachForm, LadderFormSet, NoteForm, RaiseForm
from .ladder import ladder_for, regions_with_own_ladders, resolve, rung_initial, rung_rows
from .models import Attachment, Problem

LADDER_CONFLICT = gettext_lazy(
    "未保存：升级规则在您打开本页之后已被他人修改。请重新打开本页查看最新设置后再修改。"
)
LIST_RELATED = ("project__region", "category", "assigned_unit", "raised_by", "escalated_to")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return exc.messages


@login_required
def my_problems(request):
    base = Problem.objects.visible_to(request.user).select_related(*LIST_RELATED)
    tabs = [(key, label, base.filter(mine_q(request.user, key)).count()) for key, label in MINE]
    which = request.GET.get("mine")
    if which not in dict(MINE):  # the first tab that holds something (an officer's: assigned)
        which = next((key for key, _label, count in tabs if count), MINE[0][0])
    problems = base.filter(mine_q(request.user, which))[:200]
    raisable = access.can_anywhere(request.user, "raise_problem")
    projects = (
        Project.objects.visible_to(request.user, "raise_problem").select_related("region")
        if raisable
        else Project.objects.none()
    )
    return render(
        request,
        "problems/mine.html",
        {
            "problems": problems,
            "tabs": tabs,
            "which": which,
            "raisable": raisable,
            "raisable_projects": projects[:500],
        },
    )


@login_required
def raise_pick(request):
    project = request.GET.get("project", "")
    if not project.isdigit():
        messages.error(request, _("请选择项目"))
        return redirect("my_problems")
    return redirect("problem_raise", project_pk=int(project))


def _region(request, code) -> Region:
    """A region the user may see (else 404, as if it did not exist)."""
    region = get_object_or_404(Region, code=code)
    if not access.can_see_region(request.user, region):
        raise Http404
    return region


@login_required
def board(request, code):
    region = _region(request, code)
    scoped = Problem.objects.visible_to(request.user).filter(
        project__region__code__startswith=region.prefix
    )
    filterset = ProblemFilterSet(request.GET, queryset=scoped, request=request)
    problems = filterset.qs.select_related(*LIST_RELATED) if filterset.is_valid() else scoped.none()
    open_ = scoped.open()
    today = timezone.localdate()
    context = {
        "region": region,
        "filter": filterset,
        "problems": problems[:300],
        "by_level": open_.values("level").annotate(n=Count("id")).order_by("level"),
        "by_category": open_.values("category__name").annotate(n=Count("id")).order_by("-n"),
        "overdue": scoped.filter(overdue_q()).count(),
        "open_count": open_.count(),
        "ladder": ladder_for(region),
        "can_manage_ladder": access.can(request.user, "manage_ladder", region=region),
        "figures": problem_figures(region, date(today.year, 1, 1), date(today.year, 12, 31), today),
    }
    template = "problems/_board_table.html" if request.htmx else "problems/board.html"
    return render(request, template, context)


@login_required
def raise_problem(request, project_pk):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_pk)
    if not access.can(request.user, "raise_problem", project=project):
        raise PermissionDenied
    form = RaiseForm(request.POST or None, request.FILES or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.raise_problem(
                project, form.cleaned_data, request.user, Source.WEB, form.cleaned_data["files"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("问题已提出，期限%(d)s") % {"d": problem.deadline})
            return redirect("problem_detail", pk=problem.pk)
    return render(request, "problems/raise.html", {"project": project, "form": form})


def _visible(request, pk) -> Problem:
    return get_object_or_404(
        Problem.objects.visible_to(request.user).select_related(*LIST_RELATED, "project__leader"),
        pk=pk,
    )


@login_required
def detail(request, pk):
    problem = _visible(request, pk)
    allowed = actions.available(request.user, problem)
    return render(
        request,
        "problems/detail.html",
        {
            "problem": problem,
            "events": problem.events.all(),
            "steps": problem.steps.all(),
            "attachments": problem.attachments.all(),
            "allowed": allowed,
            "assign_form": AssignForm(project=problem.project) if "assign" in allowed else None,
            "note_form": NoteForm(),
            "attach_form": AttachForm(),
            "ladder": ladder_for(problem.project.region),
        },
    )


@login_required
@require_POST
def act(request, pk, action):
    problem = _visible(request, pk)
    if action not in actions.ACTION_NAMES:
        raise Http404
    unit = assignee = None
    if action == "assign":
        if not access.can_on_problem(request.user, "assign_problem", problem):
            raise PermissionDenied
        form = AssignForm(request.POST, project=problem.project)
        if not form.is_valid():
            messages.error(request, _("请选择项目所在区划及上级的责任单位"))
            return redirect("problem_detail", pk=pk)
        unit, assignee = form.cleaned_data["assigned_unit"], form.cleaned_data["assignee"]
    try:
        actions.perform(
            action,
            problem,
            request.user,
            Source.WEB,
            text=request.POST.get("text", ""),
            unit=unit,
            assignee=assignee,
            version=request.POST.get("version") or None,
        )
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    except VersionConflict:
        messages.error(request, _("问题已被他人处理，请查看最新状态"))
    else:
        messages.success(request, _("已办理"))
    return redirect("problem_detail", pk=pk)


@login_required
@require_POST
def attach(request, pk):
    problem = _visible(request, pk)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            for upload in form.cleaned_data["files"]:
                services.add_attachment(problem, upload, request.user, Source.WEB)
        except ValidationError as exc:
            for message in _messages(exc):
                messages.error(request, message)
    else:
        messages.error(request, _("请选择要上传的文件"))
    return redirect("problem_detail", pk=pk)


@login_required
def attachment(request, pk, attachment_pk):
    problem = _visible(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, problem=problem)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
def ladder(request, code):
    """A region's escalation ladder: everyone who sees the region reads it; its dispatcher or
    county administrator edits it in one form (a region without its own ladder starts from the
    one it inherits)."""
    region = _region(request, code)
    can_manage = access.can(request.user, "manage_ladder", region=region)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    source, rungs = resolve(region)
    people = {u.pk: u for u in ladder_services.ladder_people(region)} if can_manage else {}
    formset, errors, status = None, [], 200
    version = request.POST.get("version", "")
    if request.method == "POST":
        formset = LadderFormSet(request.POST, people=people)
        if formset.is_valid():
            try:
                ladder_services.save_ladder(
                    region, formset.rows(), request.user, Source.WEB, expected=version
                )
            except ValidationError as exc:
                errors = _messages(exc)
                formset.mark(getattr(exc, "marks", ()))
            except VersionConflict:
                status, errors = 409, [LADDER_CONFLICT]
            else:
                messages.success(request, _("已保存%(r)s的升级规则") % {"r": region})
                return redirect("problem_ladder", code=region.code)
        errors = formset.summary() + errors
    elif can_manage:
        formset = LadderFormSet(initial=rung_initial(rungs), people=people)
        version = ladder_services.fingerprint(region)
    context = {
        "region": region,
        "source": source,
        "own": source is not None and source.code == region.code,
        "rungs": rung_rows(rungs),
        "below": regions_with_own_ladders(region),
        "can_manage": can_manage,
        "formset": formset,
        "errors": errors,
        "version": version,
    }
    return render(request, "problems/ladder.html", context, status=status)


@login_required
@require_POST
def ladder_inherit(request, code):
    """Drop the region's own ladder, to use the one above it (or the default) again."""
    region = _region(request, code)
    if not access.can(request.user, "manage_ladder", region=region):
        raise PermissionDenied
    try:
        ladder_services.inherit_ladder(
            region, request.user, Source.WEB, expected=request.POST.get("version", "")
        )
    except VersionConflict:
        messages.error(request, LADDER_CONFLICT)
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("已恢复沿用上级区划的升级规则"))
    return redirect("problem_ladder", code=region.code)
