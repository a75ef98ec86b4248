import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts.access import can, can_see_region, home_region, visible_regions
from saima.audit.models import Source
from saima.core.replica import reads_from_replica
from saima.regions.models import Region, RegionLevel

from . import dashboard as boards
from . import document, services
from .briefing import content_for
from .forms import SchemeForm, TemplateForm
from .models import Briefing, Publication, Scheme
from .periods import MONTH, QUARTER, YEAR, Period
from .scoring import current_scheme, from_publication, ranking_for, row_cells
from .sentences import DEFAULT_TEMPLATES, LABELS, templates_for


def _region(request, code) -> Region:
    """A region the user may see (else 404, as if it did not exist)."""
    region = get_object_or_404(Region, code=code)
    if not can_see_region(request.user, region):
        raise Http404
    return region


def _require(request, action, region) -> None:
    if not can(request.user, action, region=region):
        raise PermissionDenied


def default_period(region) -> Period:
    """The latest period with anything published for the region or above it, else this
    month."""
    codes = [region.code] + [r.code for r in region.ancestors()]
    latest = max(
        [
            p
            for p in (
                Publication.objects.filter(region__in=codes).order_by("-as_of").first(),
                Briefing.objects.filter(region__in=codes).order_by("-period").first(),
            )
            if p is not None
        ],
        key=lambda p: Period.parse(p.period).end,
        default=None,
    )
    if latest is not None:
        return Period.parse(latest.period)
    from django.utils import timezone

    today = timezone.localdate()
    return Period(MONTH, today.year, today.month)


def _period(request, region) -> Period:
    """From ?period=2022-03, or from the filter form's ?year=2022&part=03|Q1|Y."""
    try:
        if text := request.GET.get("period"):
            return Period.parse(text)
        if year := request.GET.get("year"):
            part = request.GET.get("part") or "Y"
            return Period.parse(year if part == "Y" else f"{year}-{part}")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return default_period(region)


def _filter_context(request, region, period) -> dict:
    regions = visible_regions(request.user).filter(
        level__in=[RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY]
    )
    parts = [(f"{m:02d}", _("%(m)s月") % {"m": m}) for m in range(1, 13)]
    parts += [(f"Q{q}", _("第%(q)s季度") % {"q": q}) for q in range(1, 5)] + [("Y", _("全年"))]
    selected = {MONTH: f"{period.number:02d}", QUARTER: f"Q{period.number}", YEAR: "Y"}
    return {
        "filter_regions": regions,
        "years": range(period.year - 3, period.year + 2),
        "parts": parts,
        "selected_part": selected.get(period.kind, ""),
        "region": region,
        "period": period,
    }


@login_required
def index(request):
    region = home_region(request.user)
    if region is None:
        return render(request, "core/no_scope.html")
    return redirect("ranking:dashboard", code=region.code)


@login_required
@reads_from_replica
def dashboard(request, code):
    region = _region(request, request.GET.get("region") or code)
    if region.code != code:
        query = request.GET.copy()
        query.pop("region")
        url = reverse("ranking:dashboard", args=[region.code])
        return redirect(f"{url}?{query.urlencode()}")
    period = _period(request, region)
    board = boards.build(region, period, request.user)
    children_links = [
        (
            c["figures"]["region_name"],
            c["figures"]["region"],
            boards.project_list_url(c["figures"]["region"]),
        )
        for c in board.figures.children
    ]
    return render(
        request,
        "ranking/dashboard.html",
        {
            **_filter_context(request, region, period),
            "board": board,
            "cards": board.tables["cards"]["rows"],
            "warned": list(
                zip(board.tables["warned"]["rows"], board.tables["warned"]["links"], strict=True)
            ),
            "children_links": children_links,
            "projects_url": boards.project_list_url(region.code),
            "parent": region.parent
            if region.parent and can_see_region(request.user, region.parent)
            else None,
            "can_publish": can(request.user, "publish", region=region),
        },
    )


@login_required
@reads_from_replica
def dashboard_csv(request, code, chart):
    region = _region(request, code)
    period = _period(request, region)
    table = boards.build(region, period, request.user).tables.get(chart)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-{period}-{chart}.csv"'
    response.write("\ufeff")  # so Excel opens UTF-8 Chinese text correctly
    writer = csv.writer(response)
    writer.writerow(table["columns"])
    for row in table["rows"]:
        writer.writerow([_neutral(cell) for cell in row])
    return response


def _neutral(cell: str) -> str:
    """Cells starting like a formula are prefixed so spreadsheets show them as text; a
    negative number stays a number."""
    text = str(cell)
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not text[1:2].isdigit()):
        return "'" + text
    return text


@login_required
@reads_from_replica
def ranking(request, code):
    region = _region(request, code)
    period = _period(request, region)
    publications = Publication.objects.filter(region=region, period=str(period)).select_related(
        "scheme", "published_by"
    )
    chosen = request.GET.get("publication")
    if chosen and chosen.isdigit():
        result = from_publication(get_object_or_404(publications, pk=chosen))
    else:
        result = ranking_for(region, period)
    own = None
    if result is None and region.parent is not None:
        # A unit without a scheme of its own sees its line in the ranking above it.
        above = ranking_for(region.parent, period)
        row = above.row_for(region.code) if above else None
        if row is not None:
            own = {
                "row": row,
                "columns": [_("名次"), _("单位")]
                + [c["label"] for c in above.columns()]
                + [_("总分"), _("名次变化")],
                "cells": row_cells(above, row),
                "ranking": above,
            }
    return render(
        request,
        "ranking/ranking.html",
        {
            **_filter_context(request, region, period),
            "ranking": result,
            "own": own,
            "publications": publications,
            "can_publish": can(request.user, "publish", region=region),
            "can_manage": can(request.user, "manage_scheme", region=region),
        },
    )


@login_required
@require_POST
def publish_ranking(request, code):
    region = _region(request, code)
    _require(request, "publish", region)
    period = _period(request, region)
    try:
        publication = services.publish_ranking(region, period, request.user, Source.WEB)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request,
            _("已发布%(p)s赛马排名（第%(n)s次）") % {"p": period.label, "n": publication.number},
        )
    return redirect(f"{reverse('ranking:ranking', args=[region.code])}?period={period}")


@login_required
def schemes(request, code):
    region = _region(request, code)
    return render(
        request,
        "ranking/schemes.html",
        {
            "region": region,
            "schemes": Scheme.objects.filter(region=region).prefetch_related("indicators"),
            "can_manage": can(request.user, "manage_scheme", region=region),
        },
    )


@login_required
def scheme_edit(request, code, pk=None):
    """Create a scheme, or change one (a published version is kept; the change becomes the
    next version)."""
    region = _region(request, code)
    _require(request, "manage_scheme", region)
    scheme = get_object_or_404(Scheme, pk=pk, region=region) if pk else None
    initial = services.scheme_data(scheme) if scheme else None
    if scheme is None and (latest := current_scheme(region, _year(request))):
        initial = services.scheme_data(latest)
    form = SchemeForm(request.POST or None, region=region, initial_data=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if scheme is None:
                saved = services.create_scheme(
                    region, _year(request), form.scheme_data(), request.user, Source.WEB
                )
            else:
                saved = services.revise_scheme(scheme, form.scheme_data(), request.user, Source.WEB)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("已保存：%(s)s") % {"s": saved})
            return redirect("ranking:schemes", code=region.code)
    return render(
        request,
        "ranking/scheme_form.html",
        {"region": region, "scheme": scheme, "form": form, "year": _year(request)},
    )


def _year(request) -> int:
    value = request.GET.get("year") or request.POST.get("year") or ""
    if value.isdigit():
        return int(value)
    from django.utils import timezone

    return timezone.localdate().year


@login_required
@reads_from_replica
def briefing(request, code):
    region = _region(request, code)
    period = _period(request, region)
    content, published = content_for(region, period, request.user)
    return render(
        request,
        "ranking/briefing.html",
        {
            **_filter_context(request, region, period),
            "content": content,
            "published": published,
            "can_publish": can(request.user, "publish", region=region),
            "can_manage": can(request.user, "manage_scheme", region=region),
        },
    )


@login_required
@reads_from_replica
def briefing_docx(request, code):
    region = _region(request, code)
    period = _period(request, region)
    content, _published = content_for(region, period, request.user)
    if content is None:
        raise Http404
    response = HttpResponse(
        document.render(content),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="briefing-{code}-{period}.docx"'
    return response


@login_required
@require_POST
def publish_briefing(request, code):
    region = _region(request, code)
    _require(request, "publish", region)
    period = _period(request, region)
    briefing = services.publish_briefing(region, period, request.user, Source.WEB)
    messages.success(
        request,
        _("已发布简报第%(n)s期（版本%(v)s）") % {"n": briefing.issue, "v": briefing.version},
    )
    return redirect(f"{reverse('ranking:briefing', args=[region.code])}?period={period}")


@login_required
def sentence_templates(request, code):
    region = _region(request, code)
    _require(request, "manage_scheme", region)
    current = templates_for(region)
    forms = {
        key: TemplateForm(
            request.POST if request.POST.get("key") == key else None,
            prefix=key,
            initial={"text": current[key]},
        )
        for key in DEFAULT_TEMPLATES
    }
    if request.method == "POST":
        key = request.POST.get("key")
        form = forms.get(key)
        if form is not None and form.is_valid():
            try:
                services.save_template(
                    region, key, form.cleaned_data["text"], request.user, Source.WEB
                )
            except ValidationError as error:
                form.add_error("text", error.message_dict.get("text", error.messages))
            else:
                messages.success(request, _("已保存句式：%(k)s") % {"k": LABELS[key]})
                return redirect("ranking:templates", code=region.code)
    return render(
        request,
        "ranking/templates.html",
        {
            "region": region,
            "rows": [(key, LABELS[key], forms[key], DEFAULT_TEMPLATES[key]) for key in forms],
        },
    )
