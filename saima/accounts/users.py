"""Creating people and granting roles, shared by the `saima user` command and the demo."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saima.accounts.models import Role, RoleGrant, User
from saima.regions.models import Region


def check_role(role: str) -> str:
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("未知角色 %(role)s，可选：%(roles)s")
                % {"role": role, "roles": ", ".join(Role.values)}
            }
        )
    return role


def find_region(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({"region": _("未知行政区划代码 %(code)s") % {"code": code}})
    return region


def grant_role(user: User, role: str, region_code: str) -> tuple[RoleGrant, bool]:
    """Grant `role` on a region; an administrator also gets Django's staff/superuser flags."""
    check_role(role)
    region = find_region(region_code)
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, region=region)
        if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return grant, created


def add_user(
    username: str, role: str, region_code: str, password: str | None = None, full_name: str = ""
) -> User:
    """Create a person with one role grant. Without a password the account cannot sign in
    until one is set."""
    check_role(role)
    find_region(region_code)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("用户名 %(name)s 已存在") % {"name": username}})
    with transaction.atomic():
        user = User(username=username, full_name=full_name)
        user.full_clean(exclude=["password"])
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        grant_role(user, role, region_code)
    return user
