"""A worker killed in the middle of the escalation job: what it finished stays, what it was doing
is rolled back, and the next run escalates the rest — none lost, none doubled. (The kill is
simulated in process by an exception that nothing catches, raised while the job writes;
saima/core/tests/test_faults_sigkill.py sends SIGKILL to a real `saima worker`.)"""

from datetime import date

import pytest

from saima.notifications.models import Notification
from saima.problems import jobs
from saima.problems.choices import EventKind
from saima.problems.models import EscalationStep, Problem


class Killed(BaseException):
    """Like SIGKILL: not an Exception, so no handler in the job catches it."""


@pytest.mark.parametrize("die_after", [0, 1, 2])
def test_a_killed_escalation_run_loses_and_doubles_nothing(
    world, raise_land, clock, monkeypatch, die_after
):
    problems = [raise_land(description=f"问题{i}") for i in range(3)]
    clock.day = date(2022, 10, 12)
    real_notify, sent = jobs.climb.__globals__["_notify"], []

    def notify_then_die(problem, *args, **kwargs):
        if len(sent) == die_after:
            raise Killed
        sent.append(problem.pk)
        return real_notify(problem, *args, **kwargs)

    monkeypatch.setitem(jobs.climb.__globals__, "_notify", notify_then_die)
    with pytest.raises(Killed):
        jobs.escalate_due()
    assert EscalationStep.objects.count() == die_after  # the interrupted one rolled back
    monkeypatch.setitem(jobs.climb.__globals__, "_notify", real_notify)

    assert jobs.escalate_due()["escalated"] == 3 - die_after
    assert jobs.escalate_due()["escalated"] == 0
    for problem in problems:
        problem.refresh_from_db()
        assert problem.level == 2
        assert EscalationStep.objects.filter(problem=problem).count() == 1
        assert problem.events.filter(kind=EventKind.ESCALATED).count() == 1
    titles = Notification.objects.filter(user=world.leader, title__contains="问题升级")
    assert titles.count() == 3
    assert Problem.objects.filter(level=2).count() == 3
