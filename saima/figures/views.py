"""The region overview: the ledger figures of a region, its stages and its sub-regions."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts.access import can, can_see_region
from saima.core.replica import reads_from_replica
from saima.projects.models import AnnualPlan
from saima.regions.models import Region

from .cache import cached
from .forms import OverviewForm
from .grouped import grouped_ledger_figures
from .ledger import ledger_figures


def plan_years(region) -> list[int]:
    """The years whose key-project plans list projects of the region, newest first."""
    plans = AnnualPlan.objects.filter(project__region__code__startswith=region.prefix)
    return list(plans.order_by("-year").values_list("year", flat=True).distinct())


def default_year(years: list[int], today: date) -> int:
    """The current year, unless the region has no plan for it yet: then its latest plan year
    up to now (so a ledger kept for past years opens on its figures, not on zeros)."""
    if not years or today.year in years:
        return today.year
    past = [y for y in years if y <= today.year]
    return max(past) if past else today.year


def overview_query(form: OverviewForm, years: list[int]) -> tuple[int, date, Decimal | None]:
    """Year, as-of date and threshold from the query; defaults for what is missing or bad.

    Without an as-of date a past year is shown as at its Dec 31, the current year as of today.
    """
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    as_of = data.get("as_of")
    year = data.get("year") or (as_of.year if as_of else default_year(years, today))
    if as_of is None:
        as_of = date(year, 12, 31) if year < today.year else today
    elif as_of < date(year, 1, 1):
        form.add_error("as_of", _("截至日期不能早于所选年度的1月1日"))
        as_of = date(year, 12, 31) if year < today.year else today
    threshold = data.get("min_total_wan")
    return year, as_of, Decimal(threshold) if threshold else None


def sub_region_figures(region, year: int, as_of: date, threshold: Decimal | None) -> list:
    """The ledger figures of each direct sub-region: grouped queries (one scan of the region
    for all of them) unless a threshold asks for the per-region form."""
    children = list(region.children.all())
    if threshold is not None or not children:
        return [ledger_figures(c, year, as_of, threshold) for c in children]
    grouped = grouped_ledger_figures(children, year, as_of)
    return [grouped[c.code] for c in children]


@login_required
@reads_from_replica
def region_overview(request, code):
    region = get_object_or_404(Region, code=code)
    if not can_see_region(request.user, region):
        raise Http404
    form = OverviewForm(request.GET)
    years = cached(plan_years, region)
    year, as_of, threshold = overview_query(form, years)
    figures = cached(ledger_figures, region, year, as_of, threshold)
    children = cached(sub_region_figures, region, year, as_of, threshold)
    context = {
        "region": region,
        "breadcrumbs": [r for r in region.ancestors() if can_see_region(request.user, r)],
        "form": form,
        "year": year,
        "years": years,
        "as_of": as_of,
        "threshold": threshold,
        "figures": figures,
        "children": children,
        "query": request.GET.urlencode(),
        "can_manage_ladder": can(request.user, "manage_ladder", region=region),
    }
    return render(request, "figures/region_overview.html", context)
