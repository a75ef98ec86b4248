import pytest

from saima.accounts.access import can_on_problem
from saima.problems.models import Problem

PERSONAS = [
    "admin",
    "dispatcher",
    "county_admin",
    "other_admin",
    "secretary",
    "leader",
    "officer",
    "viewer",
    "outsider",
]

# Who may do what on a fresh level-1 problem raised by the secretary and assigned to 东昌区发改局.
EXPECTED = {
    "handle_problem": {"officer"},
    "confirm_problem": {"secretary"},
    "escalate_problem": {"admin", "dispatcher", "county_admin", "secretary", "officer"},
    "assign_problem": {"admin", "dispatcher", "county_admin"},
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_who_may_act_on_a_problem(world, raise_land, action):
    problem = raise_land()
    allowed = {p for p in PERSONAS if can_on_problem(getattr(world, p), action, problem)}
    assert allowed == EXPECTED[action]


def test_the_leader_may_handle_once_it_is_escalated_to_them(world, raise_land):
    problem = raise_land()
    assert not can_on_problem(world.leader, "handle_problem", problem)
    problem.level, problem.escalated_to = 2, world.leader
    assert can_on_problem(world.leader, "handle_problem", problem)


def test_visibility_follows_scope_and_relations(world, raise_land):
    problem = raise_land()
    seen = {
        p
        for p in PERSONAS
        if Problem.objects.visible_to(getattr(world, p)).filter(pk=problem.pk).exists()
    }
    assert seen == {
        "admin",
        "dispatcher",
        "county_admin",
        "secretary",
        "leader",
        "officer",
        "viewer",
    }
