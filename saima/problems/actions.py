"""Which actions a person may take on a problem now (for buttons, the API and the views), and
how each is carried out. The access decision itself is saima.accounts.access."""

from saima.accounts import access

from . import services
from .choices import State
from .ladder import ladder_for


def available(user, problem, ladders: dict | None = None) -> list[str]:
    """`ladders` (region code → ladder) lets a list reuse each region's ladder."""
    acts = []
    handle = access.can_on_problem(user, "handle_problem", problem)
    confirm = access.can_on_problem(user, "confirm_problem", problem)
    if problem.state == State.OPEN and handle:
        acts.append("start")
    if problem.is_open and handle:
        acts.append("resolve")
    if problem.state == State.RESOLVED and confirm:
        acts += ["confirm", "reject"]
    if problem.is_open and access.can_on_problem(user, "escalate_problem", problem):
        region = problem.project.region
        if ladders is None:
            ladders = {}
        if region.code not in ladders:
            ladders[region.code] = ladder_for(region)
        if any(r.level > problem.level for r in ladders[region.code]):
            acts.append("escalate")
    if problem.is_open and access.can_on_problem(user, "assign_problem", problem):
        acts.append("assign")
    return acts


def perform(action: str, problem, user, source, text="", unit=None, assignee=None, version=None):
    """Carry out one action; raises PermissionDenied / ValidationError / VersionConflict."""
    if action == "start":
        return services.start(problem, user, source, text, version)
    if action == "resolve":
        return services.resolve(problem, text, user, source, version)
    if action == "confirm":
        return services.confirm(problem, user, source, text, version)
    if action == "reject":
        return services.reject(problem, text, user, source, version)
    if action == "escalate":
        return services.escalate_by_hand(problem, text, user, source, version)
    if action == "assign":
        return services.assign(problem, unit, assignee, user, source, version)
    raise ValueError(action)


ACTION_NAMES = ["start", "resolve", "confirm", "reject", "escalate", "assign"]
