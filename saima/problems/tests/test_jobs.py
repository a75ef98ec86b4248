from datetime import date

from saima.audit.models import Source
from saima.notifications.models import Notification
from saima.problems import services
from saima.problems.choices import EventKind, State
from saima.problems.jobs import escalate_due
from saima.problems.models import EscalationStep


def test_the_done_when_story_across_national_day(world, raise_land, clock):
    problem = raise_land()  # 2022-09-29, deadline 2022-10-11
    clock.day = date(2022, 10, 11)
    assert escalate_due() == {"escalated": 0, "overdue": 0}  # deadline is the end of the day
    clock.day = date(2022, 10, 12)
    assert escalate_due()["escalated"] == 1
    problem.refresh_from_db()
    assert problem.level == 2 and problem.escalated_to == world.leader
    assert problem.deadline == date(2022, 10, 18)
    assert Notification.objects.filter(user=world.leader, title__contains="包保领导").exists()
    services.resolve(problem, "包保领导协调解决用地指标", world.leader, Source.WEB)
    services.confirm(problem, world.secretary, Source.WEB)
    problem.refresh_from_db()
    assert problem.state == State.CONFIRMED


def test_running_the_job_twice_escalates_once(world, raise_land, clock):
    problem = raise_land()
    clock.day = date(2022, 10, 12)
    assert escalate_due()["escalated"] == 1
    assert escalate_due()["escalated"] == 0
    assert EscalationStep.objects.filter(problem=problem).count() == 1
    assert problem.events.filter(kind=EventKind.ESCALATED).count() == 1


def test_a_stale_read_cannot_escalate_again(world, raise_land, clock):
    """A worker that read the problem before another escalated it changes nothing."""
    problem = raise_land()
    stale = type(problem).objects.get(pk=problem.pk)
    clock.day = date(2022, 10, 12)
    escalate_due()
    assert services.climb(stale, stale.deadline, None, Source.JOB) is None
    problem.refresh_from_db()
    assert problem.level == 2


def test_a_worker_away_for_weeks_climbs_every_missed_rung_then_flags_overdue(
    world, raise_land, clock
):
    problem = raise_land()
    clock.day = date(2022, 12, 1)
    assert escalate_due() == {"escalated": 2, "overdue": 1}
    problem.refresh_from_db()
    assert problem.level == 3 and problem.is_overdue
    assert problem.escalated_to == world.county_admin  # nobody named: the county administrator
    # deadlines as if the job had run on time: 10-11 → 10-18 → 11-01
    assert list(problem.steps.values_list("to_deadline", flat=True)) == [
        date(2022, 10, 18),
        date(2022, 11, 1),
    ]
    assert escalate_due() == {"escalated": 0, "overdue": 0}
    assert problem.events.filter(kind=EventKind.OVERDUE).count() == 1


def test_resolved_problems_do_not_escalate(world, raise_land, clock):
    problem = raise_land()
    services.resolve(problem, "已解决", world.officer, Source.WEB)
    clock.day = date(2022, 12, 1)
    assert escalate_due() == {"escalated": 0, "overdue": 0}


def test_it_reminds_once_on_the_last_working_day(world, raise_land, clock):
    from saima.problems.jobs import remind_due

    problem = raise_land()  # deadline 2022-10-11 (Tuesday)
    clock.day = date(2022, 10, 10)
    assert remind_due() == 0
    clock.day = date(2022, 10, 11)
    assert remind_due() == 1
    assert remind_due() == 0
    reminded = Notification.objects.filter(title__contains="办理期限将至")
    assert sorted(n.user.username for n in reminded) == ["officer", "secretary"]
    assert problem.events.count() == 1  # a reminder is not a step of the timeline
