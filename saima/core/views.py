from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from saima.accounts.access import home_region


@login_required
def home(request):
    region = home_region(request.user)
    if region is None:
        return render(request, "core/no_scope.html")
    return redirect("region_overview", code=region.code)
