"""The ledger pages: project list (with HTMX partial updates), detail, create and edit."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from saima.accounts.access import action_regions, can, ledger_reach, visible_regions
from saima.accounts.models import User
from saima.audit.display import project_trail
from saima.audit.models import Source
from saima.core.errors import VersionConflict
from saima.core.forms import add_service_errors
from saima.core.paginator import Paginator
from saima.figures.cache import cached_over
from saima.projects import services
from saima.projects.choices import Stage
from saima.projects.filtersets import ProjectFilterSet
from saima.projects.forms import ProjectForm, ReserveForm, StageForm
from saima.projects.models import AnnualPlan, Project
from saima.regions.models import Department

from .common import get_project

PAGE_SIZE = 25


def _limit_filter_choices(form, user, projects) -> None:
    """Offer only regions, leaders and units the user can see."""
    regions = visible_regions(user).order_by("code")
    form.fields["region"].widget = forms.Select(
        choices=[("", _("全部区划"))] + [(r.code, r.name) for r in regions]
    )
    leaders = User.objects.filter(led_projects__in=projects).distinct()
    form.fields["leader"].queryset = User.objects.filter(pk__in=cached_over(leaders, _ids))
    form.fields["department"].queryset = Department.objects.filter(region__in=regions)
    for name in ("year_nature", "stage", "industry", "nature", "leader", "department"):
        field = form.fields[name]
        field.empty_label = _("全部")
        field.widget.choices = field.choices  # the widget keeps its own copy of the choices


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _total_investment(queryset):
    return queryset.aggregate(total=Sum("total_investment_wan"))["total"]


def _filtered(filterset):
    """The filtered queryset, or none with the errors on the form when a filter is invalid."""
    if not filterset.is_valid():
        return filterset.queryset.none()
    try:
        return filterset.qs
    except ValidationError as error:
        add_service_errors(filterset.form, error)
        return filterset.queryset.none()


def _with_plan_of(projects, year: int):
    """Each project with its nature and annual planned investment on year's plan."""
    plan = AnnualPlan.objects.filter(project=OuterRef("pk"), year=year)
    return projects.annotate(
        year_nature=Subquery(plan.values("nature")[:1]),
        year_plan_wan=Subquery(plan.values("annual_plan_wan")[:1]),
    )


@login_required
def project_list(request):
    projects = Project.objects.visible_to(request.user)
    filterset = ProjectFilterSet(
        request.GET, queryset=projects.select_related("region", "leader", "department")
    )
    _limit_filter_choices(filterset.form, request.user, projects)
    results = _filtered(filterset)
    year = filterset.form.cleaned_data.get("year") if filterset.is_valid() else None
    if year:
        results = _with_plan_of(results, int(year))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "total_wan": cached_over(results, _total_investment),
        "sort": request.GET.get("sort", ""),
        "year": year,
        "can_create": action_regions(request.user, "change_project").exists(),
        "reach": ledger_reach(request.user),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "projects/_results.html" if partial else "projects/project_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def project_detail(request, pk):
    project = get_project(request, pk)
    user = request.user
    allowed = {
        action: can(user, action, project)
        for action in ("change_project", "add_stage", "manage_plan", "manage_reserve")
    }
    context = {
        "project": project,
        "channels": project.funding_channels.all(),
        "plans": project.plans.all(),
        "pipeline": _pipeline(project),
        "reserve_entries": project.reserve_entries.select_related("channel"),
        "trail": project_trail(project.pk),
        "allowed": allowed,
        "stage_form": StageForm(auto_id="stage_%s") if allowed["add_stage"] else None,
        "reserve_form": ReserveForm(auto_id="reserve_%s") if allowed["manage_reserve"] else None,
    }
    return render(request, "projects/project_detail.html", context)


def _pipeline(project) -> list[tuple[str, object]]:
    """Every stage of the pipeline with the event that reached it (None when not reached)."""
    reached = {event.stage: event for event in project.stage_events.all()}
    return [(stage, reached.get(stage)) for stage in Stage.values]


@login_required
def project_create(request):
    if not action_regions(request.user, "change_project").exists():
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(form.service_data(), request.user, Source.WEB)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新建项目“%(name)s”。") % {"name": project.name})
            return redirect("project_detail", pk=project.pk)
    return _render_form(request, form, None)


@login_required
def project_edit(request, pk):
    project = get_project(request, pk, "change_project")
    name = project.name  # the form writes the posted values onto the instance
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    form.fields["version"].required = True
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(
                project,
                form.service_data(),
                request.user,
                Source.WEB,
                expected_version=form.cleaned_data["version"],
            )
        except VersionConflict:
            conflict = True
            form.add_error(
                None,
                _(
                    "保存失败：该项目在您打开编辑页之后已被他人修改。本次修改未保存，请重新打开编辑页查看最新内容后再修改。"
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存对“%(name)s”的修改。") % {"name": project.name})
            return redirect("project_detail", pk=project.pk)
    return _render_form(request, form, project, name, status=409 if conflict else None)


def _render_form(request, form, project, name="", status=None):
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "project": project, "name": name}
    return render(request, "projects/project_form.html", context, status=status)
