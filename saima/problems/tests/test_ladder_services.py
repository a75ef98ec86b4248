"""Editing a region's escalation ladder: validation naming the level and field, one
transaction with audit, a stale edit refused, and the escalation job using the result."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from saima.audit.models import Action, AuditEntry, Source
from saima.core.errors import VersionConflict
from saima.problems import ladder_services
from saima.problems.choices import Holder
from saima.problems.jobs import escalate_due
from saima.problems.ladder import ladder_for, resolve
from saima.problems.ladder_services import fingerprint, inherit_ladder, save_ladder
from saima.problems.models import EscalationLevel
from saima.regions.models import Region, RegionLevel


def rows(*days, holders=(Holder.UNIT_HEAD, Holder.LEADER, Holder.PERSON)):
    titles = {Holder.UNIT_HEAD: "部门主管", Holder.LEADER: "包保领导", Holder.PERSON: "书记区长"}
    return [
        {"level": n, "holder": h, "title": titles[h], "person": None, "working_days": d}
        for n, (h, d) in enumerate(zip(holders, days, strict=False), start=1)
    ]


def own(region):
    return [
        (r.level, r.holder, r.title, r.person_id, r.working_days)
        for r in EscalationLevel.objects.filter(region=region).order_by("level")
    ]


def ladder_audit(action=None):
    entries = AuditEntry.objects.filter(model="problems.EscalationLevel")
    return entries.filter(action=action) if action else entries


def test_a_county_without_a_ladder_makes_its_own_from_the_default(world):
    assert resolve(world.county)[0] is None
    save_ladder(world.county, rows(3, 4, 8), world.county_admin, Source.WEB)
    assert [(r.level, r.working_days) for r in ladder_for(world.county)] == [(1, 3), (2, 4), (3, 8)]
    assert resolve(world.county)[0] == world.county
    assert ladder_audit(Action.CREATE).count() == 3
    entry = ladder_audit().first()
    assert entry.actor == world.county_admin and entry.source == Source.WEB
    # The sibling county still uses the default; nothing else moved.
    assert [r.working_days for r in ladder_for(world.sibling)] == [5, 5, 10]


def test_a_town_inherits_the_ladder_its_county_sets(world):
    town = Region.objects.create(
        code="220502001000", name="东昌区某街道", level=RegionLevel.TOWN, parent=world.county
    )
    save_ladder(world.city, rows(2, 2, 2), world.dispatcher, Source.WEB)
    assert resolve(town)[0] == world.city
    save_ladder(world.county, rows(4, 6), world.county_admin, Source.WEB)
    assert resolve(town)[0] == world.county
    assert [r.working_days for r in ladder_for(town)] == [4, 6]


def test_it_changes_rungs_in_place_adds_and_removes_with_audit(world):
    save_ladder(world.county, rows(3, 4, 8), world.county_admin, Source.WEB)
    first = EscalationLevel.objects.get(region=world.county, level=1)
    AuditEntry.objects.all().delete()
    # Level 1 unchanged, level 2 longer, level 3 another holder, a new level 4.
    new = rows(3, 6, 5, 10, holders=[Holder.UNIT_HEAD, Holder.LEADER, Holder.LEADER, Holder.PERSON])
    new[2]["title"] = "分管市领导"
    save_ladder(world.county, new, world.dispatcher, Source.WEB, fingerprint(world.county))
    assert own(world.county) == [
        (1, Holder.UNIT_HEAD, "部门主管", None, 3),
        (2, Holder.LEADER, "包保领导", None, 6),
        (3, Holder.LEADER, "分管市领导", None, 5),
        (4, Holder.PERSON, "书记区长", None, 10),
    ]
    assert EscalationLevel.objects.get(region=world.county, level=1).pk == first.pk
    updates = ladder_audit(Action.UPDATE)
    assert sorted(e.changes.get("working_days", [None])[0] for e in updates) == [4, 8]
    assert ladder_audit(Action.CREATE).count() == 1  # level 4
    assert not ladder_audit(Action.DELETE).exists()  # level 3 was changed, not replaced
    # Unchanged level 1 leaves no entry.
    assert not updates.filter(object_id=str(first.pk)).exists()
    save_ladder(world.county, rows(3, 6), world.dispatcher, Source.WEB)
    assert [level for level, *_ in own(world.county)] == [1, 2]
    assert ladder_audit(Action.DELETE).count() == 2


def test_rows_may_come_in_any_order(world):
    save_ladder(world.county, rows(3, 4, 8)[::-1], world.county_admin, Source.WEB)
    assert [days for *_, days in own(world.county)] == [3, 4, 8]


def _errors(region, data, actor):
    with pytest.raises(ValidationError) as err:
        save_ladder(region, data, actor, Source.WEB)
    return err.value.message_dict["levels"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"working_days": 0}, "第2级“办理时限（工作日）”：应为1至250之间的整数"),
        ({"working_days": -3}, "第2级“办理时限（工作日）”：应为1至250之间的整数"),
        ({"working_days": None}, "第2级“办理时限（工作日）”：应为1至250之间的整数"),
        ({"working_days": 251}, "第2级“办理时限（工作日）”：应为1至250之间的整数"),
        ({"title": "  "}, "第2级“称谓”：请填写称谓"),
        ({"title": "长" * 31}, "第2级“称谓”：不能超过30个字"),
        ({"holder": "mayor"}, "第2级“责任人类型”：请选择责任人类型"),
        ({"level": 0}, "第2行“级别”：应为正整数"),
        ({"level": None}, "第2行“级别”：应为正整数"),
        ({"level": 3}, "第3级出现了2次，每级只能设置一次"),
        ({"level": 5}, "级别应从1起连续编号（1至3），缺少第2级"),
    ],
)
def test_it_refuses_a_bad_rung_naming_the_level_and_field(world, change, message):
    save_ladder(world.county, rows(3, 4, 8), world.county_admin, Source.WEB)
    before, entries = own(world.county), ladder_audit().count()
    data = rows(3, 4, 8)
    data[1].update(change)
    errors = _errors(world.county, data, world.county_admin)
    assert any(e.startswith(message) for e in errors), errors
    assert own(world.county) == before and ladder_audit().count() == entries


def test_it_reports_every_problem_at_once(world):
    data = rows(0, 4, 8)
    data[2]["title"] = ""
    errors = _errors(world.county, data, world.county_admin)
    assert len(errors) == 2 and errors[0].startswith("第1级") and errors[1].startswith("第3级")


def test_an_empty_ladder_is_refused(world):
    assert _errors(world.county, [], world.county_admin) == ["请至少设置一级"]


def test_a_named_person_must_hold_the_person_rung_and_belong_to_the_region(world):
    data = rows(3, 4, 8)
    data[0]["person"] = world.leader
    errors = _errors(world.county, data, world.county_admin)
    assert errors == ["第1级“指定人员”：只有责任人类型为“指定人员”时才能指定人员"]
    data = rows(3, 4, 8)
    data[2]["person"] = world.outsider  # a viewer of 白山市
    assert _errors(world.county, data, world.county_admin) == [
        "第3级“指定人员”：outsider 不在东昌区及其上下级区划的人员中"
    ]
    data[2]["person"] = world.leader  # a leader of 通化市, above the county
    save_ladder(world.county, data, world.county_admin, Source.WEB)
    assert own(world.county)[2][3] == world.leader.pk


@pytest.mark.parametrize("who", ["county_admin", "dispatcher", "admin"])
def test_the_region_administrators_may_edit(world, who):
    save_ladder(world.county, rows(3), getattr(world, who), Source.WEB)
    assert len(own(world.county)) == 1


@pytest.mark.parametrize(
    "who", ["secretary", "leader", "officer", "viewer", "other_admin", "outsider"]
)
def test_others_may_not_edit(world, who):
    with pytest.raises(PermissionDenied):
        save_ladder(world.county, rows(3), getattr(world, who), Source.WEB)
    with pytest.raises(PermissionDenied):
        inherit_ladder(world.county, getattr(world, who), Source.WEB)
    assert own(world.county) == []


def test_a_county_administrator_may_not_edit_the_city_ladder(world):
    with pytest.raises(PermissionDenied):
        save_ladder(world.city, rows(3), world.county_admin, Source.WEB)


def test_a_stale_edit_is_refused_and_writes_nothing(world):
    read = fingerprint(world.county)
    save_ladder(world.county, rows(3, 4, 8), world.dispatcher, Source.WEB, read)
    entries = ladder_audit().count()
    with pytest.raises(VersionConflict):
        save_ladder(world.county, rows(9, 9), world.county_admin, Source.WEB, read)
    with pytest.raises(VersionConflict):
        inherit_ladder(world.county, world.county_admin, Source.WEB, read)
    assert [days for *_, days in own(world.county)] == [3, 4, 8]
    assert ladder_audit().count() == entries


def test_a_failure_midway_writes_nothing(world, monkeypatch):
    save_ladder(world.county, rows(3, 4, 8), world.county_admin, Source.WEB)
    before, entries = own(world.county), ladder_audit().count()
    calls = []
    real = ladder_services.record

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(ladder_services, "record", failing)
    with pytest.raises(RuntimeError):
        save_ladder(world.county, rows(5, 6), world.county_admin, Source.WEB)
    assert len(calls) == 2
    assert own(world.county) == before and ladder_audit().count() == entries


def test_inheriting_again_drops_the_own_ladder_with_audit(world):
    save_ladder(world.city, rows(2, 2, 2), world.dispatcher, Source.WEB)
    save_ladder(world.county, rows(4, 6), world.county_admin, Source.WEB)
    inherit_ladder(world.county, world.county_admin, Source.WEB, fingerprint(world.county))
    assert resolve(world.county)[0] == world.city
    assert ladder_audit(Action.DELETE).count() == 2
    with pytest.raises(ValidationError) as err:
        inherit_ladder(world.county, world.county_admin, Source.WEB)
    assert "没有单独设置" in str(err.value)


def test_the_escalation_job_climbs_the_saved_ladder(world, raise_land, clock):
    save_ladder(world.county, rows(1, 3, 4), world.county_admin, Source.WEB)
    problem = raise_land()  # Thursday 2022-09-29: 1 working day → Friday 30th
    assert problem.deadline == date(2022, 9, 30)
    clock.day = date(2022, 10, 1)
    escalate_due()
    problem.refresh_from_db()
    # 3 working days after the 30th: National Day week is off, the weekend of 8/9 October
    # is worked (调休).
    assert problem.level == 2 and problem.deadline == date(2022, 10, 10)
