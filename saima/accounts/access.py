"""The one access rule: who sees which projects and regions, and who may do what.

Every page, API endpoint and export asks this module. Scope comes from role grants: a role
granted on a region covers it and every region below (GB/T 2260 codes share a prefix). A
secretary and a leader also see the projects assigned to them. A project outside one's scope
does not exist (404); an action one's role does not allow is refused (403).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from saima.accounts.models import Role

# What each action needs: the roles that may do it within their regions. "assigned" roles may
# do it only on projects assigned to them (as secretary or leader).
ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    "view": {
        "region": frozenset(Role.values),
        "assigned": frozenset({Role.SECRETARY, Role.LEADER}),
    },
    "change_project": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "delete_project": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "add_stage": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset({Role.SECRETARY}),
    },
    "manage_plan": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "manage_target": {
        "region": frozenset({Role.CITY_DISPATCHER}),
        "assigned": frozenset(),
    },
    "manage_reserve": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "import_ledger": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "manage_scheme": {
        "region": frozenset({Role.CITY_DISPATCHER}),
        "assigned": frozenset(),
    },
    "publish": {
        "region": frozenset({Role.CITY_DISPATCHER}),
        "assigned": frozenset(),
    },
}


@dataclass(frozen=True)
class Grant:
    role: str
    code: str
    prefix: str


def is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or Role.ADMIN in roles_of(user)))


def grants_of(user) -> list[Grant]:
    """The user's grants, read once per user object (i.e. once per request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_saima_grants", None)
    if cached is None:
        cached = [
            Grant(g.role, g.region.code, g.region.prefix)
            for g in user.grants.select_related("region")
        ]
        user._saima_grants = cached
    return cached


def roles_of(user) -> set[str]:
    return {g.role for g in grants_of(user)}


def _prefixes(user, roles) -> set[str]:
    return {g.prefix for g in grants_of(user) if g.role in roles}


def _prefix_q(field: str, prefixes) -> Q | None:
    if not prefixes:
        return None
    return reduce(or_, (Q(**{f"{field}__startswith": p}) for p in sorted(prefixes)))


def project_scope_q(user, action: str = "view", region_field: str = "region__code") -> Q:
    """A Q over projects: those on which `user` may do `action`. Q(pk__in=[]) when none."""
    if is_admin(user):
        return Q()
    rule = ACTIONS[action]
    parts = []
    if (q := _prefix_q(region_field, _prefixes(user, rule["region"]))) is not None:
        parts.append(q)
    assigned = roles_of(user) & rule["assigned"]
    base = region_field.removesuffix("region__code")
    if Role.SECRETARY in assigned:
        parts.append(Q(**{f"{base}secretary": user}))
    if Role.LEADER in assigned:
        parts.append(Q(**{f"{base}leader": user}))
    if not parts:
        return Q(pk__in=[])
    return reduce(or_, parts)


def visible_regions(user):
    """Regions the user can see: those in scope of any of their grants (and, for context,
    the regions above them are not included)."""
    from saima.regions.models import Region

    if is_admin(user):
        return Region.objects.all()
    q = _prefix_q("code", {g.prefix for g in grants_of(user)})
    return Region.objects.filter(q) if q is not None else Region.objects.none()


def can_see_region(user, region) -> bool:
    return is_admin(user) or any(region.code.startswith(g.prefix) for g in grants_of(user))


def can(user, action: str, project=None, region=None) -> bool:
    """May `user` do `action` on `project` (or, without a project, in `region`)?"""
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    rule = ACTIONS[action]
    code = project.region_id if project is not None else region.code
    if any(code.startswith(p) for p in _prefixes(user, rule["region"])):
        return True
    if project is None:
        return False
    assigned = roles_of(user) & rule["assigned"]
    return (Role.SECRETARY in assigned and project.secretary_id == user.pk) or (
        Role.LEADER in assigned and project.leader_id == user.pk
    )


def can_anywhere(user, action: str) -> bool:
    """Does the user hold any role that allows `action` somewhere (to show a button)?"""
    if is_admin(user):
        return True
    rule = ACTIONS[action]
    return bool(roles_of(user) & (rule["region"] | rule["assigned"]))


def home_region(user):
    """The broadest region the user holds a grant on (where their overview starts)."""
    from saima.regions.models import Region

    grants = grants_of(user)
    if is_admin(user) and not grants:
        return Region.objects.filter(parent__isnull=True).first()
    if not grants:
        return None
    code = min(grants, key=lambda g: (len(g.prefix), g.code)).code
    return Region.objects.get(code=code)
