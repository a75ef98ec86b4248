from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from saima.audit.models import AuditEntry, Source
from saima.notifications.models import Notification
from saima.problems import services
from saima.problems.choices import EventKind, State
from saima.problems.models import Problem
from saima.regions.models import Department


def test_a_secretary_raises_a_problem_for_the_unit_with_a_working_day_deadline(world, raise_land):
    problem = raise_land()
    assert problem.state == State.OPEN and problem.level == 1
    assert problem.assigned_unit == world.unit and problem.escalated_to == world.officer
    assert problem.deadline == date(2022, 10, 11)
    assert [e.kind for e in problem.events.all()] == [EventKind.RAISED]
    assert AuditEntry.objects.filter(model="problems.Problem", object_id=str(problem.pk)).exists()
    assert Notification.objects.filter(user=world.officer).count() == 1


@pytest.mark.parametrize("who", ["secretary", "county_admin", "dispatcher"])
def test_these_roles_may_raise(world, raise_land, who):
    assert raise_land(getattr(world, who)).pk


@pytest.mark.parametrize("who", ["viewer", "officer", "leader", "other_admin", "outsider"])
def test_others_may_not_raise(world, raise_land, who):
    with pytest.raises(PermissionDenied):
        raise_land(getattr(world, who))
    assert not Problem.objects.exists()


def test_it_refuses_a_unit_outside_the_project_region(world, raise_land):
    far = Department.objects.create(region=world.sibling, name="辉南县自然资源局")
    with pytest.raises(ValidationError) as err:
        raise_land(assigned_unit=far)
    assert "不在项目所在区划" in str(err.value.message_dict["assigned_unit"])
    assert not Problem.objects.exists()


def test_it_refuses_a_deadline_in_the_past_and_an_empty_description(world, raise_land):
    with pytest.raises(ValidationError) as err:
        raise_land(deadline=date(2022, 9, 28))
    assert "deadline" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        raise_land(description="  ")
    assert "description" in err.value.message_dict
    assert not Problem.objects.exists()


def test_the_whole_loop_start_resolve_confirm(world, raise_land, clock):
    problem = raise_land()
    with pytest.raises(PermissionDenied):
        services.start(problem, world.secretary, Source.WEB)
    services.start(problem, world.officer, Source.WEB)
    with pytest.raises(ValidationError) as err:
        services.resolve(problem, "", world.officer, Source.WEB)
    assert "resolution" in err.value.message_dict
    clock.day = date(2022, 10, 10)
    services.resolve(problem, "协调自然资源局调剂用地指标", world.officer, Source.WEB)
    problem.refresh_from_db()
    assert problem.state == State.RESOLVED and problem.resolved_on == date(2022, 10, 10)
    for stranger in (world.officer, world.dispatcher, world.admin):
        with pytest.raises(PermissionDenied):
            services.confirm(problem, stranger, Source.WEB)
    services.confirm(problem, world.secretary, Source.WEB)
    problem.refresh_from_db()
    assert problem.state == State.CONFIRMED
    assert [e.kind for e in problem.events.all()] == [
        EventKind.RAISED,
        EventKind.STARTED,
        EventKind.RESOLVED,
        EventKind.CONFIRMED,
    ]


def test_the_raiser_rejects_with_a_reason_back_to_in_progress(world, raise_land):
    problem = raise_land()
    services.resolve(problem, "已协调", world.officer, Source.WEB)
    with pytest.raises(ValidationError) as err:
        services.reject(problem, "", world.secretary, Source.WEB)
    assert "reason" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        services.reject(problem, "没解决", world.officer, Source.WEB)
    services.reject(problem, "指标仍未下达", world.secretary, Source.WEB)
    problem.refresh_from_db()
    assert problem.state == State.IN_PROGRESS and problem.resolved_on is None
    assert problem.events.last().note == "指标仍未下达"


def test_transitions_out_of_order_are_refused(world, raise_land):
    problem = raise_land()
    with pytest.raises(ValidationError):
        services.confirm(problem, world.secretary, Source.WEB)
    services.resolve(problem, "已协调", world.officer, Source.WEB)
    with pytest.raises(ValidationError):
        services.start(problem, world.officer, Source.WEB)
    with pytest.raises(ValidationError):
        services.resolve(problem, "再办一次", world.officer, Source.WEB)
    with pytest.raises(ValidationError):
        services.escalate_by_hand(problem, "升级", world.secretary, Source.WEB)


def test_manual_escalation_needs_a_reason_and_goes_to_the_leader(world, raise_land, clock):
    problem = raise_land()
    with pytest.raises(ValidationError):
        services.escalate_by_hand(problem, "", world.secretary, Source.WEB)
    with pytest.raises(PermissionDenied):
        services.escalate_by_hand(problem, "太慢", world.viewer, Source.WEB)
    services.escalate_by_hand(problem, "涉及跨部门协调", world.secretary, Source.WEB)
    problem.refresh_from_db()
    assert problem.level == 2 and problem.escalated_to == world.leader
    assert problem.deadline == date(2022, 10, 11)  # 5 working days from 9-29 again
    assert problem.steps.get().reason == "涉及跨部门协调"
    # the leader it is escalated to may now act; the top level has no further rung
    services.resolve(problem, "包保领导召开专题会解决", world.leader, Source.WEB)


def test_only_region_roles_reassign_within_scope(world, raise_land):
    problem = raise_land()
    city_unit = Department.objects.create(region=world.city, name="通化市自然资源局")
    with pytest.raises(PermissionDenied):
        services.assign(problem, city_unit, None, world.secretary, Source.WEB)
    services.assign(problem, city_unit, None, world.county_admin, Source.WEB)
    problem.refresh_from_db()
    assert problem.assigned_unit == city_unit
    far = Department.objects.create(region=world.other_city, name="白山市自然资源局")
    with pytest.raises(ValidationError):
        services.assign(problem, far, None, world.dispatcher, Source.WEB)
    with pytest.raises(ValidationError):
        services.assign(problem, city_unit, world.officer, world.dispatcher, Source.WEB)
