from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.audit.models import Source
from saima.core.replica import reads_from_replica
from saima.figures.approvals import approval_figures
from saima.projects.models import Project
from saima.regions.models import Region

from . import services, wallchart
from .filtersets import WallChartFilterSet
from .forms import ApprovalForm, MilestoneForm


def _region_or_403(request, code):
    region = get_object_or_404(Region, code=code)
    if not access.can_see_region(request.user, region):
        raise PermissionDenied
    return region


@login_required
def wall_home(request):
    """The wall chart of the user's home region (the menu entry)."""
    region = access.home_region(request.user)
    if region is None:
        return render(request, "core/no_scope.html")
    return redirect("wall_chart", code=region.code)


@login_required
@reads_from_replica
def wall_chart(request, code):
    region = _region_or_403(request, code)
    base = Project.objects.visible_to(request.user).within(region)
    filterset = WallChartFilterSet(request.GET, queryset=base)
    projects = filterset.qs if filterset.is_valid() else base.none()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    today = timezone.localdate()
    everything = request.GET.get("all") == "1"
    chart = wallchart.build(wallchart.chart_projects(projects), today, year, everything)
    figures = approval_figures(region, today, projects=projects)
    return render(
        request,
        "schedule/wall_chart.html",
        {
            "region": region,
            "chart": chart,
            "filterset": filterset,
            "year": year,
            "figures": figures,
        },
    )


def _project(request, pk):
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related("region"), pk=pk
    )


@login_required
def project_schedule(request, pk):
    project = _project(request, pk)
    can_edit = access.can(request.user, "manage_schedule", project=project)
    context = {
        "project": project,
        "approvals": project.approvals.select_related("approval_type", "department"),
        "milestones": project.milestones.select_related("department"),
        "can_edit": can_edit,
        "today": timezone.localdate(),
    }
    if can_edit:
        context["approval_form"] = ApprovalForm(project=project)
        context["milestone_form"] = MilestoneForm(project=project)
    return render(request, "schedule/project_schedule.html", context)


def _edit(request, pk, form_class, model_attr, item_pk, save):
    project = _project(request, pk)
    if not access.can(request.user, "manage_schedule", project=project):
        raise PermissionDenied
    instance = get_object_or_404(getattr(project, model_attr), pk=item_pk) if item_pk else None
    form = form_class(request.POST or None, instance=instance, project=project)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            save(instance, data, request.user, Source.WEB, project=project)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已保存"))
            return redirect("project_schedule", pk=project.pk)
    return render(
        request, "schedule/item_form.html", {"project": project, "form": form, "instance": instance}
    )


@login_required
def approval_edit(request, pk, item_pk=None):
    return _edit(request, pk, ApprovalForm, "approvals", item_pk, services.save_approval)


@login_required
def milestone_edit(request, pk, item_pk=None):
    return _edit(request, pk, MilestoneForm, "milestones", item_pk, services.save_milestone)


@login_required
@require_POST
def add_required(request, pk):
    project = _project(request, pk)
    if not access.can(request.user, "manage_schedule", project=project):
        raise PermissionDenied
    created = services.add_required_approvals(project, request.user, Source.WEB)
    messages.success(request, _("已按要求添加%(n)s项前期手续") % {"n": len(created)})
    return redirect("project_schedule", pk=project.pk)
