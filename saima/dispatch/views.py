"""Pages of the dispatch cycle. Each view checks access, validates a form, calls one service
and renders or redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.audit.models import Source
from saima.figures.pace import project_cumulative
from saima.projects.models import Project
from saima.regions.models import Region

from . import queries, services
from .forms import CorrectionForm, FilingForm, ReturnForm, RhythmForm
from .models import Filing, FilingPhoto, Period, PeriodSnapshot
from .panel import pace_panel

FORM_FIELDS = {"amount_wan", "progress", "next_steps", "photos", "reason"}


def _add_errors(form, error: ValidationError) -> bool:
    """Put a service's errors on the form; True when the amount needs a confirmation."""
    needs_confirmation = False
    for field, errors in error.error_dict.items() if hasattr(error, "error_dict") else []:
        for e in errors:
            needs_confirmation |= e.code == "needs_confirmation"
            form.add_error(field if field in form.fields else None, e.messages)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
    return needs_confirmation


def _filing_or_404(user, pk):
    qs = Filing.objects.visible_to(user).select_related("project__region", "period__region")
    return get_object_or_404(qs, pk=pk)


@login_required
def my_filings(request):
    items = queries.due_for(request.user)
    can_review = access.can_anywhere(request.user, "review")
    return render(request, "dispatch/my_filings.html", {"items": items, "can_review": can_review})


@login_required
def filing_form(request, period_pk, project_pk):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_pk)
    period = get_object_or_404(Period.objects.visible_to(request.user), pk=period_pk)
    if not access.can(request.user, "file", project=project):
        raise PermissionDenied
    filing = Filing.objects.filter(project=project, period=period).first()
    initial = {}
    if filing:
        initial = {k: getattr(filing, k) for k in ("amount_wan", "progress", "next_steps")}
    form = FilingForm(request.POST or None, request.FILES or None, initial=initial)
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("amount_wan", "progress", "next_steps")}
        try:
            filing = services.file_filing(
                project,
                period,
                data,
                request.user,
                Source.WEB,
                photos=form.cleaned_data["photos"],
                confirmed=form.cleaned_data["confirm_amount"],
                submit_now=request.POST.get("action") == "submit",
            )
        except ValidationError as error:
            needs_confirmation = _add_errors(form, error)
        else:
            messages.success(request, _("已提交") if filing.state == "已提交" else _("已保存草稿"))
            return redirect("dispatch:filing_detail", pk=filing.pk)
    cumulative = project_cumulative(project, period.year, period.end, filing.pk if filing else None)
    return render(
        request,
        "dispatch/filing_form.html",
        {
            "form": form,
            "project": project,
            "period": period,
            "filing": filing,
            "cumulative_before": cumulative,
            "needs_confirmation": needs_confirmation,
        },
    )


@login_required
def filing_detail(request, pk):
    filing = _filing_or_404(request.user, pk)
    user, project = request.user, filing.project
    context = {
        "filing": filing,
        "photos": filing.photos.all(),
        "cumulative": project_cumulative(project, filing.period.year, filing.period.end),
        "can_file": access.can(user, "file", project=project)
        and filing.is_editable
        and filing.period.is_open,
        "can_review": access.can(user, "review", project=project)
        and filing.state == "已提交"
        and filing.period.is_open,
        "can_correct": access.can(user, "correct", project=project) and filing.period.is_closed,
        "return_form": ReturnForm(),
        "correction_form": CorrectionForm(
            initial={k: getattr(filing, k) for k in ("amount_wan", "progress", "next_steps")}
        ),
    }
    return render(request, "dispatch/filing_detail.html", context)


@login_required
@require_POST
def filing_review(request, pk):
    filing = _filing_or_404(request.user, pk)
    try:
        if request.POST.get("action") == "accept":
            services.accept(filing, request.user, Source.WEB)
            messages.success(request, _("已通过"))
        else:
            form = ReturnForm(request.POST)
            reason = form.data.get("reason", "")
            services.return_filing(filing, reason, request.user, Source.WEB)
            messages.success(request, _("已退回"))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    if request.POST.get("next") == "detail":
        return redirect("dispatch:filing_detail", pk=filing.pk)
    return redirect("dispatch:review_queue")


@login_required
def filing_correct(request, pk):
    filing = _filing_or_404(request.user, pk)
    return _correction(request, filing.project, filing.period, filing)


@login_required
def missing_correct(request, period_pk, project_pk):
    """Supply a filing that was missing when the period closed (an audited correction)."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_pk)
    period = get_object_or_404(Period.objects.visible_to(request.user), pk=period_pk)
    filing = Filing.objects.filter(project=project, period=period).first()
    return _correction(request, project, period, filing)


def _correction(request, project, period, filing):
    if not access.can(request.user, "correct", project=project):
        raise PermissionDenied
    initial = {}
    if filing:
        initial = {k: getattr(filing, k) for k in ("amount_wan", "progress", "next_steps")}
    form = CorrectionForm(request.POST or None, initial=initial)
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("amount_wan", "progress", "next_steps")}
        try:
            filing = services.correct(
                project,
                period,
                data,
                form.cleaned_data["reason"],
                request.user,
                Source.WEB,
                confirmed=form.cleaned_data["confirm_amount"],
            )
        except ValidationError as error:
            needs_confirmation = _add_errors(form, error)
        else:
            messages.success(request, _("已更正，期末快照已生成新版本"))
            return redirect("dispatch:filing_detail", pk=filing.pk)
    context = {
        "project": project,
        "period": period,
        "filing": filing,
        "form": form,
        "needs_confirmation": needs_confirmation,
    }
    return render(request, "dispatch/filing_correct.html", context)


@login_required
def review_queue(request):
    if not access.can_anywhere(request.user, "review"):
        raise PermissionDenied
    return render(
        request, "dispatch/review_queue.html", {"filings": queries.review_queue(request.user)}
    )


@login_required
def period_list(request):
    periods = Period.objects.visible_to(request.user).select_related("region")
    region_code, year = request.GET.get("region", ""), request.GET.get("year", "")
    if region_code:
        periods = periods.filter(region__code=region_code)
    if year.isdigit():
        periods = periods.filter(year=int(year))
    years = sorted(set(periods.values_list("year", flat=True)), reverse=True)
    if not year and years:
        periods = periods.filter(year=years[0])
    form = RhythmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = Region.objects.filter(code=form.cleaned_data["region"]).first()
        if region is None or not access.can_see_region(request.user, region):
            form.add_error("region", _("未知的行政区划代码或不在您的权限范围内"))
        else:
            try:
                services.set_rhythm(
                    region,
                    form.cleaned_data["year"],
                    form.cleaned_data["rhythm"],
                    request.user,
                    Source.WEB,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("已设置填报频次并生成填报期"))
                return redirect(
                    f"{request.path}?region={region.code}&year={form.cleaned_data['year']}"
                )
    return render(
        request,
        "dispatch/period_list.html",
        {
            "rows": queries.period_rows(periods),
            "years": years,
            "form": form,
            "can_manage": access.can_anywhere(request.user, "close_period"),
        },
    )


@login_required
def period_detail(request, pk):
    period = get_object_or_404(
        Period.objects.visible_to(request.user).select_related("region"), pk=pk
    )
    snaps = PeriodSnapshot.objects.filter(period=period).select_related("region", "created_by")
    visible = {r.code for r in access.visible_regions(request.user)}
    snaps = [s for s in snaps if access.is_admin(request.user) or s.region_id in visible]
    return render(
        request,
        "dispatch/period_detail.html",
        {
            "period": period,
            "rows": queries.project_rows(period, request.user),
            "snapshots": snaps,
            "can_manage": access.can(request.user, "close_period", region=period.region),
            "can_correct": period.is_closed and access.can_anywhere(request.user, "correct"),
        },
    )


@login_required
@require_POST
def period_state(request, pk):
    period = get_object_or_404(Period.objects.visible_to(request.user), pk=pk)
    try:
        if request.POST.get("action") == "open":
            services.open_period(period, request.user, Source.WEB)
            messages.success(request, _("已开放填报"))
        else:
            services.close_period(period, request.user, Source.WEB)
            messages.success(request, _("已关闭并冻结本期指标"))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("dispatch:period_detail", pk=period.pk)


@login_required
def photo(request, pk):
    """A site photo, only for those who may see the filing, never rendered as HTML."""
    item = get_object_or_404(FilingPhoto.objects.select_related("filing"), pk=pk)
    if not Filing.objects.visible_to(request.user).filter(pk=item.filing_id).exists():
        raise Http404
    return photo_response(item)


def photo_response(item):
    response = FileResponse(item.image.open("rb"), content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_delete(request, pk):
    item = get_object_or_404(FilingPhoto.objects.select_related("filing__project"), pk=pk)
    if not Filing.objects.visible_to(request.user).filter(pk=item.filing_id).exists():
        raise Http404
    try:
        services.delete_photo(item, request.user, Source.WEB)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(
        "dispatch:filing_form", period_pk=item.filing.period_id, project_pk=item.filing.project_id
    )


@login_required
def region_pace(request, code):
    region = get_object_or_404(Region, code=code)
    if not access.can_see_region(request.user, region):
        raise Http404
    period = None
    if request.GET.get("period", "").isdigit():
        period = get_object_or_404(
            Period.objects.visible_to(request.user), pk=request.GET["period"]
        )
    periods = Period.objects.filter(region__in=[region, *region.ancestors()]).order_by("-end")[:36]
    template = "dispatch/_pace_panel.html" if request.htmx else "dispatch/region_pace.html"
    return render(request, template, {**pace_panel(region, period), "periods": periods})
