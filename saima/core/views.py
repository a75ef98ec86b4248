from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from saima.accounts.access import home_region, ledger_reach, roles_of
from saima.accounts.models import Role


@login_required
def home(request):
    """Where a user starts: their work, when their role is one piece of work (a secretary's
    filings, a department officer's problems), else the overview of their broadest region."""
    user = request.user
    reach = ledger_reach(user)
    if reach == "none" and home_region(user) is not None:
        return redirect("my_problems")
    if reach == "assigned" and Role.SECRETARY in roles_of(user):
        return redirect("dispatch:my_filings")
    return overview(request)


@login_required
def overview(request):
    """The overview of the user's broadest region (the menu's 概览, whatever home is)."""
    region = home_region(request.user)
    if region is None:
        return render(request, "core/no_scope.html")
    return redirect("region_overview", code=region.code)
