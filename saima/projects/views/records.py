"""Pages that change a project's records: stage dates, annual plan entries, reserve entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from saima.accounts.access import can
from saima.audit.models import Source
from saima.core.forms import add_service_errors
from saima.projects import services
from saima.projects.forms import PlanForm, ReserveForm, StageForm
from saima.projects.models import Project, ReserveEntry

from .common import get_project


def _render(request, form, project, title, template="projects/record_form.html"):
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "project": project, "title": title}
    return render(request, template, context, status=status)


@login_required
def project_stage(request, pk):
    """Record or correct the date the project reached a stage."""
    project = get_project(request, pk, "add_stage")
    form = StageForm(request.POST or None, initial={"stage": request.GET.get("stage")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_stage(
                project, data["stage"], data["date"], request.user, Source.WEB, data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("已记录%(stage)s日期：%(date)s。")
                % {"stage": data["stage"], "date": data["date"]},
            )
            return redirect("project_detail", pk=project.pk)
    return _render(request, form, project, _("记录阶段日期"))


@login_required
def plan_edit(request, pk, plan_pk=None):
    """Put the project on a year's plan, or correct its entry."""
    project = get_project(request, pk, "manage_plan")
    plan = get_object_or_404(project.plans, pk=plan_pk) if plan_pk else None
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "project": project}
        try:
            saved = services.save_plan(plan, data, request.user, Source.WEB)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存%(year)s年度计划。") % {"year": saved.year})
            return redirect("project_detail", pk=project.pk)
    title = _("修改年度计划") if plan else _("列入年度计划")
    return _render(request, form, project, title)


@login_required
def reserve_create(request, pk):
    """Put the project into a funding channel's reserve pool."""
    project = get_project(request, pk, "manage_reserve")
    form = ReserveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "project": project}
        try:
            services.save_reserve(None, data, request.user, Source.WEB)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已加入储备库。"))
            return redirect("project_detail", pk=project.pk)
    return _render(request, form, project, _("加入储备库"))


@login_required
def reserve_edit(request, entry_pk):
    """Move a reserve entry along 储备 → 争取 → 推进, or correct it."""
    visible = Project.objects.visible_to(request.user)
    entry = get_object_or_404(
        ReserveEntry.objects.filter(project__in=visible).select_related("project", "channel"),
        pk=entry_pk,
    )
    if not can(request.user, "manage_reserve", entry.project):
        raise PermissionDenied
    form = ReserveForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "project": entry.project}
        try:
            services.save_reserve(entry, data, request.user, Source.WEB)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已更新储备库状态。"))
            if request.POST.get("next") == "pool":
                pool = reverse("reserve_pool") + f"?region={entry.project.region_id}"
                return redirect(pool)
            return redirect("project_detail", pk=entry.project_id)
    return _render(request, form, entry.project, _("修改储备库状态"))
