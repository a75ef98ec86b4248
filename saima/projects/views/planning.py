"""Region-level planning pages: targets per year and stage, and the reserve pools."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts.access import action_regions, can, can_see_region, home_region
from saima.audit.models import Source
from saima.core.forms import add_service_errors
from saima.projects import services
from saima.projects.choices import ReserveStatus, Stage
from saima.projects.forms import TargetForm
from saima.projects.models import Project, ReserveEntry, Target
from saima.regions.models import Region


def _region(request) -> Region | None:
    """The region named by ?region=, or the user's home region; 404 outside the scope."""
    code = request.GET.get("region")
    if not code:
        return home_region(request.user)
    region = get_object_or_404(Region, code=code)
    if not can_see_region(request.user, region):
        raise Http404
    return region


def _parent(user, region) -> Region | None:
    parent = region.parent
    return parent if parent is not None and can_see_region(user, parent) else None


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def target_list(request):
    region = _region(request)
    if region is None:
        return render(request, "core/no_scope.html")
    year = _year(request)
    targets = Target.objects.filter(region__code__startswith=region.prefix, year=year)
    rows: dict[str, dict] = {}
    for target in targets.select_related("region").order_by("region_id"):
        row = rows.setdefault(target.region_id, {"region": target.region, "targets": {}})
        row["targets"][target.stage] = target
    table = [
        {"region": row["region"], "cells": [row["targets"].get(s) for s in Stage.values]}
        for row in rows.values()
    ]
    context = {
        "region": region,
        "year": year,
        "years": range(year - 2, year + 2),
        "stages": Stage.values,
        "table": table,
        "can_set": can(request.user, "manage_target", region=region)
        or action_regions(request.user, "manage_target")
        .filter(code__startswith=region.prefix)
        .exists(),
        "children": region.children.all(),
        "parent": _parent(request.user, region),
    }
    return render(request, "projects/target_list.html", context)


@login_required
def target_set(request):
    """Set a region's target for a year and stage; an existing one is replaced."""
    if not action_regions(request.user, "manage_target").exists():
        raise PermissionDenied
    initial = {k: request.GET.get(k) for k in ("region", "year", "stage") if request.GET.get(k)}
    if len(initial) == 3 and initial["year"].isdigit():
        existing = Target.objects.filter(
            region_id=initial["region"], year=int(initial["year"]), stage=initial["stage"]
        ).first()
        if existing is not None:
            initial.update(count=existing.count, investment_wan=existing.investment_wan)
    form = TargetForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = Target.objects.filter(
            region=data["region"], year=data["year"], stage=data["stage"]
        ).first()
        try:
            saved = services.save_target(target, data, request.user, Source.WEB)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("已设定%(region)s %(year)s年%(stage)s目标：%(count)s个。")
                % {
                    "region": saved.region,
                    "year": saved.year,
                    "stage": saved.stage,
                    "count": saved.count,
                },
            )
            url = reverse("target_list") + f"?region={saved.region_id}&year={saved.year}"
            return redirect(url)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": _("设定目标任务")}
    return render(request, "projects/record_form.html", context, status=status)


@login_required
def reserve_pool(request):
    """The reserve pools of a region: visible projects grouped by funding channel."""
    region = _region(request)
    if region is None:
        return render(request, "core/no_scope.html")
    status = request.GET.get("status", "")
    visible = Project.objects.visible_to(request.user).within(region)
    entries = ReserveEntry.objects.filter(project__in=visible).select_related(
        "channel", "project", "project__region"
    )
    counts = Counter((e.channel_id, e.status) for e in entries)
    if status in ReserveStatus.values:
        entries = [e for e in entries if e.status == status]
    groups: dict[int, dict] = {}
    for entry in entries:
        entry.can_edit = can(request.user, "manage_reserve", entry.project)
        group = groups.setdefault(entry.channel_id, {"channel": entry.channel, "entries": []})
        group["entries"].append(entry)
    for group in groups.values():
        cid = group["channel"].pk
        group["counts"] = [(s, counts[(cid, s)]) for s in ReserveStatus.values]
    context = {
        "region": region,
        "status": status,
        "statuses": ReserveStatus.values,
        "groups": list(groups.values()),
        "can_manage": can(request.user, "manage_reserve", region=region),
        "children": region.children.all(),
        "parent": _parent(request.user, region),
    }
    return render(request, "projects/reserve_pool.html", context)
