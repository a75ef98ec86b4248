from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.audit.models import Source
from saima.figures.events import campaign_progress, event_totals, started_in, totals_of
from saima.projects.choices import Stage
from saima.projects.models import Project, StageEvent
from saima.regions.models import Region

from . import services
from .forms import AddProjectsForm, CampaignForm, EventForm
from .models import Campaign, GroundbreakingEvent


def _region(request, code):
    region = get_object_or_404(Region, code=code)
    if not access.can_see_region(request.user, region):
        raise PermissionDenied
    return region


def _save_form(request, form, save, region, instance=None):
    """Run the service on a valid form; put its errors back on the form. True when saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(instance, {**form.cleaned_data, "region": region}, request.user, Source.WEB)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    messages.success(request, _("已保存"))
    return True


@login_required
def event_home(request):
    """The groundbreakings of the user's home region (the menu entry)."""
    region = access.home_region(request.user)
    if region is None:
        return render(request, "core/no_scope.html")
    return redirect("event_list", code=region.code)


@login_required
def event_list(request, code):
    region = _region(request, code)
    can_add = access.can(request.user, "manage_event", region=region)
    form = EventForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if _save_form(request, form, services.save_event, region):
            return redirect("event_list", code=region.code)
    events = list(GroundbreakingEvent.objects.within(region).select_related("region"))
    totals = event_totals(events)
    rows = [(event, totals[event.pk]) for event in events]
    return render(request, "events/event_list.html", {"region": region, "rows": rows, "form": form})


@login_required
def event_detail(request, pk):
    visible = Project.objects.visible_to(request.user)
    event = get_object_or_404(
        GroundbreakingEvent.objects.filter(region__in=access.visible_regions(request.user)), pk=pk
    )
    can_manage = access.can(request.user, "manage_event", region=event.region)
    form = None
    if can_manage:
        # Candidates: projects of the region in the user's scope, not started or started that day.
        candidates = (
            Project.objects.visible_to(request.user, "manage_event")
            .within(event.region)
            .exclude(groundbreakings=event)
            .exclude(
                Exists(
                    StageEvent.objects.filter(project=OuterRef("pk"), stage=Stage.STARTED).exclude(
                        date=event.date
                    )
                )
            )
        )
        form = AddProjectsForm(request.POST or None, candidates=candidates)
        if request.method == "POST" and form.is_valid():
            try:
                services.add_projects(
                    event, form.cleaned_data["projects"], request.user, Source.WEB
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("已加入项目并登记开工日期"))
                return redirect("event_detail", pk=event.pk)
    elif request.method == "POST":
        raise PermissionDenied
    projects = (
        event.projects.filter(pk__in=visible)
        .select_related("region", "leader", "department")
        .prefetch_related(Prefetch("plans"))
    )
    year = event.date.year
    rows = [
        (p, next((plan for plan in p.plans.all() if plan.year == year), None)) for p in projects
    ]
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "totals": totals_of(event),
            "rows": rows,
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def event_remove_project(request, pk, project_pk):
    event = get_object_or_404(
        GroundbreakingEvent.objects.filter(region__in=access.visible_regions(request.user)), pk=pk
    )
    if not access.can(request.user, "manage_event", region=event.region):
        raise PermissionDenied
    project = get_object_or_404(event.projects.all(), pk=project_pk)
    services.remove_project(event, project, request.user, Source.WEB)
    messages.success(request, _("已移出项目（开工日期保留在台账中）"))
    return redirect("event_detail", pk=event.pk)


@login_required
def campaign_list(request, code):
    region = _region(request, code)
    can_add = access.can(request.user, "manage_campaign", region=region)
    form = CampaignForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if _save_form(request, form, services.save_campaign, region):
            return redirect("campaign_list", code=region.code)
    today = timezone.localdate()
    campaigns = Campaign.objects.within(region).select_related("region")
    rows = [campaign_progress(c, today) for c in campaigns]
    return render(
        request, "events/campaign_list.html", {"region": region, "rows": rows, "form": form}
    )


@login_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.filter(region__in=access.visible_regions(request.user)), pk=pk
    )
    today = timezone.localdate()
    projects = (
        started_in(campaign, today)
        .filter(pk__in=Project.objects.visible_to(request.user))
        .select_related("region")
        .distinct()
    )
    return render(
        request,
        "events/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": campaign_progress(campaign, today),
            "projects": projects,
        },
    )
