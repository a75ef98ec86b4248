"""The one access rule: who sees which projects and regions, and who may do what.

Every page, API endpoint and export asks this module. Scope comes from role grants: a role
granted on a region covers it and every region below (GB/T 2260 codes share a prefix).

- The ledger (projects and all that belongs to them: plans, stages, filings, photos,
  approvals, milestones, problems) is read across the region by the city dispatcher, the
  county administrator and the viewer; a secretary and a leader read only the projects
  assigned to them (SPEC: "the projects assigned to them", "the projects they hold"); a
  department officer reads no project ledger, only the problems assigned to the unit (and
  those raised by, assigned or escalated to them).
- Region-wide figures (overviews, rankings, briefings, targets) are read by every role
  granted on the region.

A project outside one's scope does not exist (404); an action one's role does not allow is
refused (403).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from saima.accounts.models import Role
from saima.regions.models import prefix_q

# What each action needs: the roles that may do it within their regions. "assigned" roles may
# do it only on projects assigned to them (as secretary or leader).
ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    "view": {
        "region": frozenset({Role.ADMIN, Role.CITY_DISPATCHER, Role.COUNTY_ADMIN, Role.VIEWER}),
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
    # Approvals (前期手续) and milestones of a project; its secretary keeps them up to date.
    "manage_schedule": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset({Role.SECRETARY}),
    },
    "manage_event": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "manage_campaign": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    # Problems. "problem" lists the relations to the problem itself that allow the action:
    # raiser (raised it), assignee (it is assigned to them), unit (a member of the assigned
    # unit), escalated_to (holds the level it has climbed to). Relation-only actions are not
    # overridden by the administrator role: only the raiser confirms.
    "raise_problem": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset({Role.SECRETARY}),
    },
    "assign_problem": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "handle_problem": {
        "region": frozenset(),
        "assigned": frozenset(),
        "problem": frozenset({"assignee", "unit", "escalated_to"}),
    },
    "escalate_problem": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
        "problem": frozenset({"raiser", "assignee", "unit", "escalated_to"}),
    },
    "confirm_problem": {
        "region": frozenset(),
        "assigned": frozenset(),
        "problem": frozenset({"raiser"}),
    },
    # A region's escalation ladder (三级会商), a setting of the region: its dispatcher or
    # county administrator sets it for the region and the regions below.
    "manage_ladder": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    # Letters: the city dispatcher issues them; the addressed county (its administrator) or
    # unit (its members) reads and replies.
    "send_letters": {
        "region": frozenset({Role.CITY_DISPATCHER}),
        "assigned": frozenset(),
    },
    "reply_letter": {
        "region": frozenset({Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
        "letter": frozenset({"unit"}),
    },
    # Dispatch cycle: the secretary files for their projects (a county administrator may file
    # for them); the county administrator reviews; periods are opened, closed and given their
    # rhythm by the dispatcher or county administrator of the period's region; a closed
    # period changes only through a correction by a county administrator or above.
    "file": {
        "region": frozenset({Role.COUNTY_ADMIN}),
        "assigned": frozenset({Role.SECRETARY}),
    },
    "review": {
        "region": frozenset({Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "close_period": {
        "region": frozenset({Role.CITY_DISPATCHER, Role.COUNTY_ADMIN}),
        "assigned": frozenset(),
    },
    "correct": {
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


_WHOLE = ACTIONS["view"]["region"]  # the roles that read a region's whole ledger


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
    return reduce(or_, (prefix_q(field, p) for p in sorted(prefixes)))


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


def regions_where(user, action: str):
    """Regions in which the user's roles allow `action` (e.g. where they may send letters)."""
    from saima.regions.models import Region

    if is_admin(user):
        return Region.objects.all()
    q = _prefix_q("code", _prefixes(user, ACTIONS[action]["region"]))
    return Region.objects.filter(q) if q is not None else Region.objects.none()


def ledger_reach(user, region=None) -> str:
    """How far the user reads the project ledger, in `region` (with what is below it) or,
    without one, across their grants: "region" (every project), "assigned" (only the
    projects assigned to them as secretary or leader), "none" (no project), or "partial"
    (every project in some of their regions, only assigned ones or none in others)."""
    if is_admin(user):
        return "region"
    grants = grants_of(user)
    if region is not None:
        if any(region.code.startswith(g.prefix) for g in grants if g.role in _WHOLE):
            return "region"
        # Grants above the region, and those below it (a county's on a city's page).
        grants = [
            g
            for g in grants
            if region.code.startswith(g.prefix) or g.prefix.startswith(region.prefix)
        ]
    whole = {g.prefix for g in grants if g.role in _WHOLE}
    if whole:
        covered = all(any(g.prefix.startswith(p) for p in whole) for g in grants)
        return "region" if covered else "partial"
    if {g.role for g in grants} & ACTIONS["view"]["assigned"]:
        return "assigned"
    return "none"


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


def action_regions(user, action: str):
    """Regions in which `user` may do `action` by a regional grant (e.g. the regions a new
    project may be filed under); assigned-project rights do not count here."""
    from saima.regions.models import Region

    if is_admin(user):
        return Region.objects.all()
    q = _prefix_q("code", _prefixes(user, ACTIONS[action]["region"]))
    return Region.objects.filter(q) if q is not None else Region.objects.none()


def _problem_relations(user, problem) -> set[str]:
    relations = set()
    if problem.raised_by_id == user.pk:
        relations.add("raiser")
    if problem.assignee_id == user.pk:
        relations.add("assignee")
    if problem.assigned_unit_id and problem.assigned_unit_id == user.department_id:
        relations.add("unit")
    if problem.escalated_to_id == user.pk:
        relations.add("escalated_to")
    return relations


def can_on_problem(user, action: str, problem) -> bool:
    """May `user` do `action` on this problem: by role over its project's region, or by their
    relation to the problem (ACTIONS[action]["problem"])."""
    if not user.is_authenticated:
        return False
    rule = ACTIONS[action]
    if rule["region"] | rule["assigned"] and can(user, action, project=problem.project):
        return True
    return bool(_problem_relations(user, problem) & rule.get("problem", frozenset()))


def can_attach(user, problem) -> bool:
    """May `user` attach files to this problem: whoever handles or confirms it, or may raise
    problems on its project."""
    return any(
        can_on_problem(user, action, problem) for action in ("handle_problem", "confirm_problem")
    ) or can(user, "raise_problem", project=problem.project)


def problem_scope_q(user) -> Q:
    """A Q over problems the user sees: those on visible projects, and those they raised or
    that are assigned or escalated to them."""
    if is_admin(user):
        return Q()
    q = project_scope_q(user, "view", "project__region__code")
    q |= Q(raised_by=user.pk) | Q(assignee=user.pk) | Q(escalated_to=user.pk)
    if user.department_id:
        q |= Q(assigned_unit=user.department_id)
    return q


def can_on_letter(user, action: str, letter) -> bool:
    """Letters are addressed to a region (its administrators) or a unit (its members)."""
    if not user.is_authenticated:
        return False
    if can(user, action, region=letter.region):
        return True
    rule = ACTIONS[action]
    return bool(
        "unit" in rule.get("letter", frozenset())
        and letter.unit_id
        and letter.unit_id == user.department_id
    )
