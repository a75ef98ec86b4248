"""Demo step: approvals (前期手续) and milestones for the 2022 new projects of 通化市.

Runs after the ledger demo. The published rates are reproduced by choosing how many approvals
each project requires and which were obtained by the as-of date, never by typing the rate:
柳河县's 9 new projects (5000万元以上) stand at 57.4% on 2022-02-25 and 通化市's new projects
at 69.2% on 2022-03-05 ("新建项目前期手续综合完成率"). Idempotent: a second run finds the
approvals in place and changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from saima.audit.models import Action, AuditEntry, Source
from saima.audit.recorder import make_entry, snapshot
from saima.core.numbers import rate, round_half_up
from saima.figures.approvals import approval_figures
from saima.projects.choices import Category, Stage, YearNature
from saima.projects.models import Project
from saima.regions.models import Region

from .choices import DEFAULT_REQUIREMENTS
from .models import ApprovalRequirement, ApprovalType, Milestone, ProjectApproval

YEAR = 2022
MIN_TOTAL = Decimal(5000)
SEED = 20220305
EARLIEST_OBTAINED = date(2021, 3, 1)
# Types a project may additionally need (added first) or may not need (removed first) when
# the requirement count is tuned; the core ones (立项, 用地, 环评, 施工许可) always stay.
EXTRA_ORDER = ["水土保持", "能评", "规划许可"]


@dataclass(frozen=True)
class Published:
    region: str
    as_of: date
    pct: Decimal


LIUHE = Published("220524", date(2022, 3, 5) - timedelta(days=8), Decimal("57.4"))
TONGHUA = Published("220500", date(2022, 3, 5), Decimal("69.2"))


def _new_projects(region: Region):
    return (
        Project.objects.within(region)
        .filter(plans__year=YEAR, plans__nature=YearNature.NEW, total_investment_wan__gte=MIN_TOTAL)
        .prefetch_related("stage_events")
        .order_by("id")
        .distinct()
    )


def _natural(project) -> list[str]:
    return DEFAULT_REQUIREMENTS.get(project.category) or DEFAULT_REQUIREMENTS[""]


def _shows(obtained: int, required: int, pct: Decimal) -> bool:
    return round_half_up(rate(obtained, required), 1) == pct


def choose_counts(naturals: list[int], pct: Decimal, fixed=(0, 0)) -> tuple[int, int]:
    """(required, obtained) over these projects plus `fixed` ones, closest to the natural
    requirement count, whose rate shows as `pct` (one decimal, half-up)."""
    lo = sum(max(4, n - 1) for n in naturals)
    hi = sum(min(len(EXTRA_ORDER) + 4, n + 1) for n in naturals)
    natural = sum(naturals)
    for required in sorted(range(lo, hi + 1), key=lambda r: (abs(r - natural), r)):
        total = required + fixed[0]
        guess = int(round_half_up(Decimal(total) * pct / 100, 0))
        for obtained in (guess, guess - 1, guess + 1):
            mine = obtained - fixed[1]
            if 0 <= mine <= required and _shows(obtained, total, pct):
                return required, mine
    raise AssertionError(f"no approval counts over {len(naturals)} projects give {pct}%")


def _type_lists(projects, required: int) -> list[list[str]]:
    """Each project's required types: its category's set, then tuned to sum to `required`."""
    lists = [list(_natural(p)) for p in projects]
    i = 0
    while sum(map(len, lists)) != required:
        names = lists[i % len(lists)]
        if sum(map(len, lists)) < required:
            extra = next((t for t in EXTRA_ORDER if t not in names), None)
            if extra is not None:
                names.append(extra)
        else:
            extra = next((t for t in EXTRA_ORDER if t in names), None)
            if extra is not None and len(names) > 4:
                names.remove(extra)
        i += 1
    return lists


def _start(project) -> date | None:
    return next((e.date for e in project.stage_events.all() if e.stage == Stage.STARTED), None)


def _build(rng, projects, required: int, obtained: int, as_of: date, today: date):
    """Unsaved approvals: `obtained` of them obtained by `as_of` (started projects first and
    the earlier approvals of each project first); most of the rest obtained later, some not."""
    order = {t.name: t for t in ApprovalType.objects.all()}
    lists = [
        sorted(names, key=lambda n: order[n].order) for names in _type_lists(projects, required)
    ]
    # Layer by layer (first approval of every project, then the second …), started first.
    ranked = sorted(range(len(projects)), key=lambda i: (_start(projects[i]) is None, i))
    slots = [(k, i) for k in range(max(map(len, lists))) for i in ranked if k < len(lists[i])]
    early = set(slots[:obtained])
    late_until = min(today, date(YEAR, 10, 31))
    rows = []
    for i, project in enumerate(projects):
        for k, name in enumerate(lists[i]):
            planned = as_of - timedelta(days=rng.randrange(-120, 60))
            if (k, i) in early:
                got = as_of - timedelta(days=rng.randrange(0, (as_of - EARLIEST_OBTAINED).days))
            elif rng.random() < 0.85 and late_until > as_of:
                got = as_of + timedelta(days=rng.randrange(1, (late_until - as_of).days + 1))
            else:
                got = None
            rows.append(
                ProjectApproval(
                    project=project, approval_type=order[name], planned_on=planned, obtained_on=got
                )
            )
    return rows


def _milestones(rng, projects, today: date) -> list[Milestone]:
    rows = []
    for project in projects:
        start = _start(project)
        if start is None:
            continue
        kinds = [("主体封顶", 150), ("设备安装", 240), ("竣工验收", 420), ("投产", 480)]
        if project.category != Category.INDUSTRY:
            kinds = [("主体封顶", 180), ("竣工验收", 450)]
        for kind, days in kinds:
            planned = start + timedelta(days=days + rng.randrange(-30, 30))
            actual = planned + timedelta(days=rng.randrange(-20, 60))
            if rng.random() < 0.2 or actual > today or actual < start:
                actual = None
            rows.append(Milestone(project=project, kind=kind, planned_on=planned, actual_on=actual))
    return rows


def _save(rows, actor) -> None:
    model = type(rows[0])
    model.objects.bulk_create(rows, batch_size=500)
    AuditEntry.objects.bulk_create(
        [make_entry(actor, Source.COMMAND, Action.CREATE, r, snapshot(r)) for r in rows],
        batch_size=500,
    )


def load_schedule_demo(demo=None) -> str:
    actor = getattr(demo, "actor", None)
    today = getattr(demo, "today", None) or date.today()
    rng = random.Random(SEED)
    city, liuhe = Region.objects.get(code=TONGHUA.region), Region.objects.get(code=LIUHE.region)
    if not ApprovalRequirement.objects.exists():
        raise AssertionError("approval requirement sets missing: run the migrations")
    liuhe_projects = list(_new_projects(liuhe))
    others = [p for p in _new_projects(city) if not liuhe.contains(p.region_id)]
    everyone = liuhe_projects + others
    if ProjectApproval.objects.filter(project__in=everyone).exists():
        return "already loaded"
    if len(liuhe_projects) != 9:
        raise AssertionError(
            f"柳河县 should have 9 new projects of 5000万元 and above in {YEAR}, "
            f"found {len(liuhe_projects)} (difference {len(liuhe_projects) - 9})"
        )
    with transaction.atomic():
        required, obtained = choose_counts([len(_natural(p)) for p in liuhe_projects], LIUHE.pct)
        rows = _build(rng, liuhe_projects, required, obtained, LIUHE.as_of, today)
        # 柳河's approvals obtained between its date and 通化's count towards 通化's rate.
        fixed = (required, sum(1 for r in rows if r.obtained_on and r.obtained_on <= TONGHUA.as_of))
        more, more_obtained = choose_counts([len(_natural(p)) for p in others], TONGHUA.pct, fixed)
        rows += _build(rng, others, more, more_obtained, TONGHUA.as_of, today)
        _save(rows, actor)
        _save(_milestones(rng, everyone, today), actor)
    for published, region in ((LIUHE, liuhe), (TONGHUA, city)):
        figures = approval_figures(region, published.as_of, YEAR, MIN_TOTAL)
        shown = round_half_up(figures.completion, 1)
        assert shown == published.pct, f"{region} 前期手续完成率 {shown}% ≠ {published.pct}%"
    return f"{len(rows)} approvals of {len(everyone)} new projects"
