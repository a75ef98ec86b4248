"""The demo dataset itself: groundbreakings, the reserve pool, published projects, valid
and plausible rows, audit, idempotence and repeatability."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count, Q, Sum
from django.utils import timezone
from stdnum.cn import uscc

from saima.audit.models import AuditEntry, Source
from saima.demo.facts import facts, yi_to_wan
from saima.demo.groups import build_group
from saima.demo.loader import Demo, load_demo
from saima.demo.tonghua import tonghua_groups
from saima.projects.choices import STAGE_ORDER
from saima.projects.models import AnnualPlan, Project, ReserveEntry, StageEvent
from saima.regions.models import Department, Region


@pytest.fixture(autouse=True)
def _demo(demo, db):
    return demo


def started_on(day, prefix, nature="新建"):
    plans = AnnualPlan.objects.filter(
        year=2022, nature=nature, project__region__code__startswith=prefix
    )
    return plans.filter(
        project__stage_events__stage="开工",
        project__stage_events__date__gte=day[0],
        project__stage_events__date__lte=day[1],
    ).aggregate(
        n=Count("id"), total=Sum("project__total_investment_wan"), annual=Sum("annual_plan_wan")
    )


def test_it_holds_the_groundbreakings():
    feb28 = (date(2022, 2, 28), date(2022, 2, 28))
    assert started_on(feb28, "2205") == {
        "n": 80,
        "total": Decimal("2526000"),
        "annual": Decimal("871000"),
    }
    by_march5 = started_on((date(2022, 1, 1), date(2022, 3, 5)), "2205")
    assert by_march5 == {"n": 84, "total": Decimal("2594000"), "annual": Decimal("895000")}
    assert started_on(feb28, "220582") == {
        "n": 15,
        "total": Decimal("477000"),
        "annual": Decimal("113000"),
    }
    assert started_on(feb28, "220523")["n"] == 16
    assert started_on(feb28, "220523")["annual"] == Decimal("164000")
    assert started_on(feb28, "220521")["n"] == 11


def test_it_holds_the_jingyu_reserve_pool():
    pool = ReserveEntry.objects.filter(project__region_id="220622")
    assert pool.aggregate(n=Count("id"), total=Sum("project__total_investment_wan")) == {
        "n": 225,
        "total": Decimal("2693200"),
    }
    assert set(pool.values_list("project__category", flat=True)) == {
        "产业",
        "基础设施",
        "生态环保",
        "社会民生",
    }
    assert pool.filter(project__leader__isnull=False).count() == 123
    assert not pool.exclude(project__stage="谋划").exists()


def test_it_puts_23_fusong_projects_in_the_development_zone():
    zone = Project.objects.filter(region_id="220621", department__name="抚松经济开发区管理委员会")
    assert zone.aggregate(n=Count("id"), total=Sum("total_investment_wan")) == {
        "n": 23,
        "total": Decimal("3418000"),
    }
    assert not zone.filter(total_investment_wan__lt=500).exists()


def test_it_keeps_the_published_figures_of_named_projects():
    for fact in facts()["projects"]:
        p = Project.objects.get(name=fact["name"])
        assert not p.is_generated
        assert p.region_id == fact["region"]
        events = dict(p.stage_events.values_list("stage", "date"))
        if "total_investment_yi" in fact:
            assert p.total_investment_wan == yi_to_wan(fact["total_investment_yi"]), p.name
        if "stage" in fact:
            assert p.stage == fact["stage"], p.name
        if "started" in fact:
            assert events["开工"] == fact["started"], p.name
        if "completed" in fact:
            assert events["投产"] == fact["completed"], p.name
        if "resumed" in fact:
            assert p.plans.get(year=2022).resumed_on == fact["resumed"], p.name
        if "nature" in fact:
            assert p.plans.get(year=2022).nature == fact["nature"], p.name
        for field in ("content", "location", "category"):
            if field in fact:
                assert getattr(p, field) == fact[field], p.name
        if "owner" in fact:
            assert p.owner_name == fact["owner"]
        if "land_mu" in fact:
            assert p.land_mu == Decimal(str(fact["land_mu"]))
    assert Project.objects.get(name="红旗珲春国际汽车文化旅游小镇项目").land_mu == Decimal(
        "1001.25"
    )


def test_every_project_is_valid_and_plausible():
    today = timezone.localdate()
    events = defaultdict(list)
    for project_id, stage, when in StageEvent.objects.values_list("project_id", "stage", "date"):
        events[project_id].append((STAGE_ORDER[stage], when))
    for p in Project.objects.select_related("region"):
        p.full_clean()
        dates = [when for _, when in sorted(events[p.pk])]
        assert dates == sorted(dates) and all(d <= today for d in dates), p.name
        if p.is_generated and p.code:
            assert p.code[5:11] == p.region_id
        if p.owner_uscc:
            assert uscc.calc_check_digit(p.owner_uscc[:-1]) == p.owner_uscc[-1]
    for plan in AnnualPlan.objects.select_related("project"):
        plan.full_clean()
        assert plan.annual_plan_wan <= plan.project.total_investment_wan
        started = dict(events[plan.project_id]).get(STAGE_ORDER["开工"])
        if plan.nature == "续建":  # started before its plan year; finished after resuming
            assert started.year < plan.year, plan.project.name
            finished = [
                when for order, when in events[plan.project_id] if order > STAGE_ORDER["开工"]
            ]
            assert all(when >= plan.resumed_on for when in finished), plan.project.name
        else:
            assert started.year == plan.year, plan.project.name
    assert not Project.objects.filter(
        is_generated=True, plans__isnull=False, code__isnull=True
    ).exists()
    assert not Project.objects.filter(
        plans__year=2022, region__code__startswith="2205", total_investment_wan__lt=5000
    ).exists()


def test_it_records_one_audit_entry_per_project_from_the_command_line():
    entries = AuditEntry.objects.filter(model="projects.Project", action="create")
    assert entries.count() == Project.objects.count()
    assert set(entries.values_list("source", flat=True)) == {Source.COMMAND}
    assert set(entries.values_list("actor__username", flat=True)) == {"admin"}
    assert entries.filter(Q(changes__has_key="name")).count() == entries.count()


def test_it_gives_every_county_a_few_responsible_units():
    for region in Region.objects.filter(level="county"):
        assert Department.objects.filter(region=region).count() >= 3


def test_it_is_idempotent():
    counts = [
        m.objects.count() for m in (Region, Department, Project, StageEvent, AnnualPlan, AuditEntry)
    ]
    load_demo()
    assert [
        m.objects.count() for m in (Region, Department, Project, StageEvent, AnnualPlan, AuditEntry)
    ] == counts


def test_it_generates_the_same_projects_every_time():
    def drafts():
        demo = Demo()
        demo.regions = {r.code: r for r in Region.objects.all()}
        demo.departments = defaultdict(list)
        for unit in Department.objects.order_by("pk"):
            demo.units[unit.name] = unit
            demo.departments[unit.region_id].append(unit)
        rows = [d for g in tonghua_groups() for d in build_group(demo, g)]
        return [(d.name, d.total, d.code, d.owner_uscc, d.events, d.plans) for d in rows]

    assert drafts() == drafts()
