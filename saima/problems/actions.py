"""Which actions a person may take on a problem now (for buttons, the API and the views), and
how each is carried out. The access decision itself is saima.accounts.access."""

from saima.accounts import access

from . import services
from .choices import State


def available(user, problem) -> list[str]:
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
        nxt, _ = services.next_rung(problem)
        if nxt is not None:
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
