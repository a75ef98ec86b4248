"""Demo problems: the problems published for 江源区 (../shared/demo/facts.yaml) with how they
were solved, and a few in 通化 at different levels and states. Runs after the ledger demo
(regions, projects, users); idempotent (a problem already there is left alone).

Problems are raised through the services like anyone would; to show the ladder at work, some
are then dated back and the escalation job climbs them as it would have.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from saima.accounts.models import Role, RoleGrant, User
from saima.audit.models import Source
from saima.demo.people import PASSWORD
from saima.projects import services as project_services
from saima.projects.models import Project
from saima.regions.models import Department, Region

from . import services
from .choices import Holder
from .jobs import escalate_due
from .models import Category, EscalationLevel, Problem
from .workdays import add_working_days

DEMO_PASSWORD = PASSWORD  # the same as every other demo login

# 江源区's 三级会商 mechanism as published: 部门主管、包保领导、书记区长.
JIANGYUAN_LADDER = [
    (1, Holder.UNIT_HEAD, "部门主管", 5),
    (2, Holder.LEADER, "包保领导", 5),
    (3, Holder.PERSON, "书记区长", 10),
]

# (region, project, category, text, resolution or None, what to show)
PUBLISHED = [
    (
        "220605",
        "修元水项目",
        "资金",
        "资金短缺导致项目停滞",
        "搭建银企合作平台，协助完善贷款要件，获长春进出口银行8000万元贷款",
        "confirmed",
    ),
    ("220605", "华舜饮品项目", "资金", "华舜饮品资金问题", "对接域内金融机构", "confirmed"),
    ("220605", "华舜饮品项目", "交通", "华舜饮品道路问题", "协调交警部门解决", "confirmed"),
    (
        "220605",
        "康康物流项目",
        "审批",
        "康康物流审批手续",
        "协调住建、环保、水利等部门办理相关审批手续",
        "confirmed",
    ),
]
TONGHUA = [
    (
        "220502",
        "医药文化创意孵化园基础设施",
        "用地",
        "用地指标尚未落实，影响年内开工",
        None,
        "open",
    ),
    (
        "220502",
        "夹皮砬子工业园标准化厂房",
        "征迁",
        "园区内3户房屋征收补偿未达成一致",
        None,
        "level2",
    ),
    ("220523", "市场大厦", "水电气", "施工用电增容手续未办结，供电线路未接入", None, "overdue"),
    (
        "220500",
        "金田大数据产业园项目",
        "水电气",
        "数据中心双回路供电方案待电网公司批复",
        "协调供电公司完成方案批复，双回路供电已接入",
        "resolved",
    ),
    (
        "220503",
        "通化鑫鸿年产300万吨环保新材料产业基地建设项目",
        "环保",
        "环评批复前置条件中的排污总量指标未落实",
        "已上报",
        "rejected",
    ),
]


def _user(role, region, username, full_name, department=None) -> User:
    """The first person holding `role` on the region, or a demo person created for it."""
    grant = (
        RoleGrant.objects.filter(role=role, region=region).select_related("user").order_by("pk")
    ).first()
    if grant:
        return grant.user
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "department": department}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleGrant.objects.get_or_create(user=user, role=role, region=region)
    return user


def _unit(region, name, head_username, head_name) -> Department:
    """The region's unit of that name (or, failing that, one whose head the ledger demo
    already named), with a head who is a member of it."""
    unit = (
        Department.objects.filter(region=region, name=name).first()
        or Department.objects.filter(region=region, head__department__region=region).first()
        or Department.objects.create(region=region, name=name)
    )
    if unit.head_id is None or unit.head.department_id != unit.pk:
        head, created = User.objects.get_or_create(
            username=head_username, defaults={"full_name": head_name, "department": unit}
        )
        if created:
            head.set_password(DEMO_PASSWORD)
            head.save()
        RoleGrant.objects.get_or_create(user=head, role=Role.DEPARTMENT, region=region)
        unit.head = head
        unit.save(update_fields=["head"])
    return unit


def _project(region, name, leader, unit) -> Project:
    """The named project (created, with audit, when the ledger demo has no such row), with a
    responsible leader and unit."""
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    project = Project.objects.filter(name=name).first()
    if project is None:
        project = project_services.create_project(
            {"name": name, "region": region}, actor, Source.COMMAND
        )
    changes = {}
    if project.leader_id is None:
        changes["leader"] = leader
    if project.department_id is None:
        changes["department"] = unit
    if changes:
        project = project_services.update_project(project, changes, actor, Source.COMMAND)
    return project


def _backdate(problem, days_ago: int) -> None:
    """Date a freshly raised problem back, with the deadline its ladder would have given."""
    raised = timezone.localdate() - timedelta(days=days_ago)
    first = EscalationLevel.objects.filter(region=problem.project.region, level=1).first()
    days = first.working_days if first else 5
    Problem.objects.filter(pk=problem.pk).update(
        raised_on=raised, deadline=add_working_days(raised, days)
    )
    problem.events.update(at=timezone.now() - timedelta(days=days_ago))
    problem.refresh_from_db()


def _build(row, people) -> None:
    code, name, category, text, resolution, show = row
    region = Region.objects.get(code=code)
    unit = people["units"][code]
    project = _project(region, name, people["leaders"][code[:4]], unit)
    if Problem.objects.filter(project=project, description=text).exists():
        return
    raiser = people["admins"][code]
    data = {
        "category": Category.objects.get(name=category),
        "description": text,
        "assigned_unit": unit,
    }
    problem = services.raise_problem(project, data, raiser, Source.COMMAND)
    handler = unit.head
    if show == "open":
        return
    if show in ("level2", "overdue"):
        _backdate(problem, 10 if show == "level2" else 60)
        services.start(problem, handler, Source.COMMAND)
        return
    services.start(problem, handler, Source.COMMAND)
    services.resolve(problem, resolution, handler, Source.COMMAND)
    if show == "confirmed":
        services.confirm(problem, raiser, Source.COMMAND, "问题已解决")
    elif show == "rejected":
        services.reject(
            problem, "排污总量指标仍未下达，请继续协调生态环境局", raiser, Source.COMMAND
        )


def load_problems_demo(demo=None) -> str:
    regions = {r.code: r for r in Region.objects.filter(code__startswith="2205")}
    regions.update({r.code: r for r in Region.objects.filter(code="220605")})
    jiangyuan = Region.objects.get(code="220605")
    with transaction.atomic():
        for level, holder, title, days in JIANGYUAN_LADDER:
            person = None
            if holder == Holder.PERSON:
                person = _user(Role.LEADER, jiangyuan, "jy_shuji", "江源区书记区长")
            EscalationLevel.objects.get_or_create(
                region=jiangyuan,
                level=level,
                defaults={"holder": holder, "title": title, "working_days": days, "person": person},
            )
        counties = ["220502", "220503", "220523", "220605"]
        people = {
            "units": {
                code: _unit(
                    regions[code],
                    f"{regions[code].name}发改局",
                    f"fgj_{code}",
                    f"{regions[code].name}发改局负责人",
                )
                for code in counties
            },
            "admins": {
                code: _user(
                    Role.COUNTY_ADMIN, regions[code], f"admin_{code}", f"{regions[code].name}管理员"
                )
                for code in counties
            },
            "leaders": {
                "2205": _user(Role.LEADER, regions["220500"], "leader_220500", "通化市包保领导"),
                "2206": _user(Role.LEADER, jiangyuan, "leader_220605", "江源区包保领导"),
            },
        }
        city = regions["220500"]
        people["units"]["220500"] = _unit(city, "通化市发改委", "fgw_220500", "通化市发改委负责人")
        people["admins"]["220500"] = _user(
            Role.CITY_DISPATCHER, city, "dispatcher_220500", "通化市调度员"
        )
        for row in PUBLISHED + TONGHUA:
            _build(row, people)
    escalate_due()
    return f"{Problem.objects.count()} problems"
