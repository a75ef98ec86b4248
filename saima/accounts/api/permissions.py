"""The access rule (saima.accounts.access) spoken in API terms: refusals become 403."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from saima.accounts import access

DENIED = {
    "change_project": _("您的角色无权修改该项目"),
    "delete_project": _("您的角色无权删除该项目"),
    "add_stage": _("您的角色无权登记该项目的阶段"),
    "manage_plan": _("您的角色无权维护该项目的年度计划"),
    "manage_target": _("您的角色无权设定该区划的目标任务"),
    "manage_reserve": _("您的角色无权维护该项目的储备库信息"),
}


def require(user, action: str, project=None, region=None) -> None:
    """Refuse with 403 unless the user may do `action` on the project (or in the region)."""
    if not access.can(user, action, project=project, region=region):
        raise PermissionDenied(DENIED.get(action))


def require_anywhere(user, action: str) -> None:
    """Refuse early when no role of the user allows `action` anywhere."""
    if not access.can_anywhere(user, action):
        raise PermissionDenied(DENIED.get(action))
