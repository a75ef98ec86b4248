"""The world of the permission matrix: the `world` personas plus one object of every kind in
each relation to them, built once per module.

Targets (the letters used in permission_matrix.py):

projects and what hangs on a project (plan, reserve entry, approval, milestone, problem,
attachment, filing, photo):
    A  东昌区 (220502), assigned to world.secretary and world.leader; its problem is
       assigned to world.officer's unit
    B  东昌区, assigned to nobody
    S  辉南县 (220523), the sibling county
    C  通化市 (220500) itself, the parent of 东昌区
    F  浑江区 (220602) in 白山市, another city
regions (and targets, groundbreakings, campaigns, letters):
    O  东昌区   S  辉南县   C  通化市   F  白山市 (浑江区 for letters)   P  吉林省 (220000)
    U  a letter to the unit 东昌区发改局 (world.unit) instead of a region
periods: C  通化市's period (governs A, B, S, C)   F  白山市's period
snapshots of them: O  东昌区's figures in 通化市's period   C  通化市's   F  白山市's
scoring schemes: C  通化市's   F  白山市's (each with a published ranking and briefing)
import jobs: O  world.county_admin's (东昌区)   C  world.dispatcher's (通化市)
    F  someone else's in 白山市
bulk letter runs: C  world.dispatcher's (通化市)   F  白山市's dispatcher's
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from rest_framework.authtoken.models import Token

from saima.accounts.models import Role
from saima.audit.models import Source
from saima.conftest import build_world, make_user
from saima.dispatch.choices import FilingState, PeriodState
from saima.dispatch.models import Filing, FilingPhoto, Period
from saima.events.models import Campaign, GroundbreakingEvent
from saima.figures import snapshots
from saima.ledger.models import ImportJob, JobStatus
from saima.letters.models import BulkRun, Letter
from saima.problems.models import Attachment, Category, Problem
from saima.projects.models import AnnualPlan, FundingChannel, Project, ReserveEntry, Target
from saima.ranking.periods import MONTH
from saima.ranking.periods import Period as RankingPeriod
from saima.ranking.services import create_scheme, publish_briefing, publish_ranking
from saima.regions.models import Department
from saima.schedule.models import ApprovalType, Milestone, ProjectApproval

# The personas of the matrix, in the order of the table's columns.
ROLES = (
    "admin",
    "dispatcher",
    "county_admin",
    "secretary",
    "leader",
    "department",
    "viewer",
    "anonymous",
)
PERSONA = {"department": "officer"}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 160, 90)).save(out, "JPEG")
    return out.getvalue()


def build_matrix_world():
    w = build_world()
    today = timezone.localdate()
    year = today.year
    w.far_admin = make_user("far_admin", Role.COUNTY_ADMIN, w.other_county)
    w.far_dispatcher = make_user("far_dispatcher", Role.CITY_DISPATCHER, w.other_city)
    w.far_unit = Department.objects.create(region=w.other_county, name="浑江区发改局")
    w.city_unit = Department.objects.create(region=w.city, name="通化市发改委")

    p = w.projects = {
        "A": w.project,
        "B": Project.objects.create(
            name="东昌区物流园", region=w.county, total_investment_wan=Decimal("9000")
        ),
        "S": w.sibling_project,
        "C": Project.objects.create(
            name="通化市城市更新", region=w.city, total_investment_wan=Decimal("70000")
        ),
        "F": w.far_project,
    }
    r = w.regions = {
        "O": w.county,
        "S": w.sibling,
        "C": w.city,
        "F": w.other_city,
        "P": w.province,
    }
    raisers = {
        "A": w.secretary,
        "B": w.county_admin,
        "S": w.other_admin,
        "C": w.dispatcher,
        "F": w.far_admin,
    }
    # Seeded by migrations, but a transactional test earlier in the run may have flushed them.
    channel = FundingChannel.objects.get_or_create(name="专项债券")[0]
    approval_type = ApprovalType.objects.get_or_create(name="立项（可研）")[0]
    category = Category.objects.get_or_create(name="用地", defaults={"active": True})[0]

    w.periods = {}
    for key, region in (("C", w.city), ("F", w.other_city)):
        w.periods[key] = Period.objects.create(
            region=region,
            year=year,
            rhythm="月报",
            seq=today.month,
            start=today.replace(day=1),
            end=today + timedelta(days=20),
            deadline=today + timedelta(days=25),
            state=PeriodState.OPEN,
            opened_at=timezone.now(),
        )
    # Frozen at the end, once the filings are in (as closing a period would).

    w.plans, w.reserves, w.approvals, w.milestones = {}, {}, {}, {}
    w.problems, w.attachments, w.filings, w.photos = {}, {}, {}, {}
    for key, project in p.items():
        w.plans[key] = AnnualPlan.objects.create(
            project=project, year=year, nature="新建", annual_plan_wan=Decimal("1000")
        )
        w.reserves[key] = ReserveEntry.objects.create(project=project, channel=channel)
        w.approvals[key] = ProjectApproval.objects.create(
            project=project, approval_type=approval_type
        )
        w.milestones[key] = Milestone.objects.create(project=project, kind="主体封顶")
        problem = Problem.objects.create(
            project=project,
            category=category,
            description="项目用地指标未落实",
            raised_by=raisers[key],
            raised_on=today,
            assigned_unit=w.unit if key == "A" else None,
            assignee=None if key == "A" else raisers[key],
            deadline=today + timedelta(days=10),
        )
        w.problems[key] = problem
        w.attachments[key] = Attachment.objects.create(
            problem=problem,
            file=ContentFile(b"%PDF-1.4 matrix", name="证明.pdf"),
            name="证明.pdf",
            uploaded_by=raisers[key],
        )
        filing = Filing.objects.create(
            project=project,
            period=w.periods["F" if key == "F" else "C"],
            state=FilingState.SUBMITTED,
            amount_wan=Decimal("100"),
            progress="主体施工",
            filed_by=raisers[key],
            submitted_at=timezone.now(),
            first_submitted_at=timezone.now(),
        )
        w.filings[key] = filing
        w.photos[key] = FilingPhoto.objects.create(
            filing=filing,
            image=ContentFile(_jpeg(), name="site.jpg"),
            content_type="image/jpeg",
            width=40,
            height=30,
            size=100,
            uploaded_by=raisers[key],
        )

    for period in w.periods.values():
        snapshots.freeze(period, w.admin, Source.JOB)
    w.snapshots = {
        "O": snapshots.current(w.county, w.periods["C"]),
        "C": snapshots.current(w.city, w.periods["C"]),
        "F": snapshots.current(w.other_city, w.periods["F"]),
    }

    w.targets, w.events, w.campaigns = {}, {}, {}
    for key in ("O", "S", "C", "F"):
        region = r[key]
        w.targets[key] = Target.objects.create(region=region, year=year, stage="开工", count=5)
        event = GroundbreakingEvent.objects.create(
            region=region, date=today + timedelta(days=30), name=f"{region.name}集中开工"
        )
        event.projects.add(p["A" if key == "O" else key])
        w.events[key] = event
        w.campaigns[key] = Campaign.objects.create(
            region=region,
            name=f"{region.name}百日攻坚",
            starts_on=today,
            ends_on=today + timedelta(days=100),
        )

    w.letters = {}
    for number, (key, region, unit) in enumerate(
        (
            ("O", w.county, None),
            ("S", w.sibling, None),
            ("U", w.county, w.unit),
            ("F", w.other_county, None),
        ),
        start=1,
    ):
        issuer = "白项目提" if key == "F" else "通项目提"
        w.letters[key] = Letter.objects.create(
            region=region,
            unit=unit,
            period=f"{today:%Y-%m}",
            issuer=issuer,
            year=year,
            number=number,
            reference=f"{issuer}〔{year}〕{number}号",
            issued_on=today,
            reply_due=today + timedelta(days=5),
            sections=[],
            file=ContentFile(b"PK\x03\x04 matrix", name=f"letter{number}.docx"),
            issued_by=w.far_dispatcher if key == "F" else w.dispatcher,
            sent_at=timezone.now(),
        )

    w.import_jobs = {}
    for key, user, region in (
        ("O", w.county_admin, w.county),
        ("C", w.dispatcher, w.city),
        ("F", w.far_admin, w.other_county),
    ):
        w.import_jobs[key] = ImportJob.objects.create(
            user=user,
            file=ContentFile(b"PK\x03\x04 matrix", name="台账.xlsx"),
            original_name="台账.xlsx",
            region=region,
            year=year,
            status=JobStatus.FAILED,
            report={},
        )

    w.bulk_runs = {
        key: BulkRun.objects.create(region=region, requested_by=user, kind="提示函", as_of=today)
        for key, user, region in (
            ("C", w.dispatcher, w.city),
            ("F", w.far_dispatcher, w.other_city),
        )
    }

    # Scoring schemes of 通化市 (its counties compete) and of 白山市, each with a published
    # ranking and briefing for this month.
    w.schemes = {}
    month = RankingPeriod(MONTH, year, today.month)
    for key, region, dispatcher, members in (
        ("C", w.city, w.dispatcher, [w.county.code, w.sibling.code]),
        ("F", w.other_city, w.far_dispatcher, [w.other_county.code]),
    ):
        indicators = [{"key": "target_started", "weight": "100", "rule": "capped", "cap": "120"}]
        w.schemes[key] = create_scheme(
            region,
            year,
            {
                "name": f"{year}年{region.name}赛马方案",
                "indicators": indicators,
                "leagues": [{"name": "县（市、区）组", "members": members}],
            },
            dispatcher,
            Source.WEB,
        )
        publish_ranking(region, month, dispatcher, Source.WEB)
        publish_briefing(region, month, dispatcher, Source.WEB)
    w.month = str(month)

    w.tokens = {}
    for role in ROLES:
        if role != "anonymous":
            user = getattr(w, PERSONA.get(role, role))
            w.tokens[role] = Token.objects.create(user=user).key
    return w
