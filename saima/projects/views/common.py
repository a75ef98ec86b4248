"""What the ledger pages share: fetching a project the user may see (404 otherwise) and
checking an action on it (403 otherwise)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saima.accounts.access import can
from saima.projects.models import Project


def get_project(request, pk, action: str | None = None) -> Project:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "region", "leader", "secretary", "department"
        ),
        pk=pk,
    )
    if action is not None and not can(request.user, action, project):
        raise PermissionDenied
    return project
