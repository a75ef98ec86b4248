"""The data of the kill tests, written by a subprocess into the test's own database:

    python -m saima.core.tests.sigkill_world base
    python -m saima.core.tests.sigkill_world job LEDGER.xlsx previewed|queued
    python -m saima.core.tests.sigkill_world problems N

`base`: the regions and departments of bench/generate.py's ledger, an importer (city
dispatcher of 通化市) and one project of the file already stored with another total
investment, so that "as before" is more than "empty". `job` makes an import job of the file
as the importer (a previewed one, as after the preview; or a real import, queued for the
worker) and prints its id. `problems` raises N problems whose deadline passed yesterday and
queues one run of the escalation job for the worker.
"""

import importlib.util
import random
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "kill-tests-pass-123"
ROWS = 2100  # projects in the ledger file: two chunks of the importer (CHUNK = 2000 rows)


def generate():
    """bench/generate.py, the realistic ledger generator of the import benchmark."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_ledger(path: Path) -> Path:
    return generate().write(path, ROWS)


def base() -> None:
    from saima.accounts.models import Role, RoleGrant, User
    from saima.projects.models import Project
    from saima.regions.models import Department, Region, RegionLevel

    gen = generate()
    province = Region.objects.create(code="220000", name="吉林省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(
        code="220500", name="通化市", level=RegionLevel.CITY, parent=province
    )
    for code, name in gen.REGIONS:
        county = Region.objects.create(code=code, name=name, level=RegionLevel.COUNTY, parent=city)
        for dept in gen.DEPARTMENTS:
            Department.objects.create(region=county, name=f"{name}{dept}")
    importer = User.objects.create_user("importer", password=PASSWORD, full_name="市调度")
    RoleGrant.objects.create(user=importer, role=Role.CITY_DISPATCHER, region=city)
    leader = User.objects.create_user("leader", password=PASSWORD, full_name="包保领导")
    RoleGrant.objects.create(user=leader, role=Role.LEADER, region=city)
    # The file's first project, already in the ledger with another total investment.
    region_name, cells = next(gen.project_rows(ROWS, random.Random(2022)))
    Project.objects.create(
        name=cells[1],
        region=Region.objects.get(name=region_name),
        total_investment_wan=Decimal("1"),
        leader=leader,
    )


def job(ledger: str, state: str) -> None:
    from django.core.files import File

    from saima.accounts.models import User
    from saima.ledger import jobs
    from saima.ledger.importer import import_ledger
    from saima.ledger.models import ImportJob, JobStatus

    user = User.objects.get(username="importer")
    job = ImportJob(user=user, original_name=Path(ledger).name, dry_run=state == "previewed")
    with open(ledger, "rb") as fh:
        job.file.save(Path(ledger).name, File(fh), save=False)
    if state == "previewed":
        report = import_ledger(job.file.path, user=user, dry_run=True)
        assert report.ok, report.errors[:3]
        job.status, job.report = JobStatus.PREVIEWED, report.as_dict()
    job.save()
    if state == "queued":
        jobs.enqueue(job)
    print(job.pk)


def problems(count: str) -> None:
    from django.utils import timezone
    from django_q.tasks import async_task

    from saima.accounts.models import Role, RoleGrant, User
    from saima.audit.models import Source
    from saima.problems.models import Category, Problem
    from saima.problems.services import raise_problem
    from saima.projects.models import Project
    from saima.regions.models import Department

    unit = Department.objects.get(name="东昌区发改局")
    head = User.objects.create_user("head", password=PASSWORD, full_name="发改局局长")
    RoleGrant.objects.create(user=head, role=Role.DEPARTMENT, region=unit.region)
    unit.head = head
    unit.save()
    project = Project.objects.get(leader__username="leader")
    project.department = unit
    project.save()
    importer = User.objects.get(username="importer")
    land = Category.objects.get(name="用地")
    for i in range(int(count)):
        raise_problem(project, {"category": land, "description": f"问题{i}"}, importer, Source.WEB)
    yesterday = timezone.localdate() - timedelta(days=1)
    Problem.objects.update(deadline=yesterday)
    async_task("saima.problems.jobs.escalate_due", task_name="escalate-once")


if __name__ == "__main__":
    import django

    django.setup()
    {"base": base, "job": job, "problems": problems}[sys.argv[1]](*sys.argv[2:])
