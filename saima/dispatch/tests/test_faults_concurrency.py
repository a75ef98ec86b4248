"""Concurrent filings for one period against PostgreSQL: the period row lock serialises them,
so there is never a second filing of one project, a submission happens once, a stale version
gets a conflict, and the period's totals are the sum of what each project filed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saima.audit.models import AuditEntry
from saima.core.errors import VersionConflict
from saima.dispatch import services
from saima.dispatch.choices import FilingState
from saima.dispatch.models import Filing
from saima.figures.pace import completed_investment, filing_figures
from saima.projects.models import AnnualPlan, Project
from saima.projects.tests.test_concurrency import _run_concurrently

from .conftest import period

N = 8
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _audit(filing, action):
    return AuditEntry.objects.filter(
        model="dispatch.Filing", object_id=str(filing.pk), action=action
    ).count()


def test_concurrent_drafts_of_one_project_make_one_filing(plan):
    march = period(plan, 3)

    def draft(i):
        data = {"amount_wan": str(100 * (i + 1)), "progress": f"进度{i}"}
        return services.save_draft(plan.project, march, data, plan.secretary, "api")

    results = _run_concurrently(draft, N)
    assert all(isinstance(r, Filing) for r in results), results
    filing = Filing.objects.get(project=plan.project, period=march)
    assert filing.version == N  # created at version 1, then N - 1 updates
    assert _audit(filing, "create") == 1 and _audit(filing, "update") == N - 1
    # The last writer's amount and progress stay together (no torn update).
    i = int(filing.progress.removeprefix("进度"))
    assert filing.amount_wan == Decimal(100 * (i + 1))


def test_concurrent_submissions_of_one_project_submit_once(plan):
    march = period(plan, 3)

    def submit(i):
        data = {"amount_wan": str(10 + i), "progress": "主体施工"}
        return services.file_filing(
            plan.project, march, data, plan.secretary, "api", submit_now=True
        )

    results = _run_concurrently(submit, N)
    filed = [r for r in results if isinstance(r, Filing)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(filed) == 1 and len(refused) == N - 1, results
    assert all("不能再修改" in str(r) for r in refused)
    filing = Filing.objects.get(project=plan.project, period=march)
    assert filing.state == FilingState.SUBMITTED
    assert filing.amount_wan == filed[0].amount_wan
    assert _audit(filing, "create") == 1 and _audit(filing, "update") == 1
    assert filing_figures(plan.city, march).missing == 1  # only the sibling project is missing


def test_concurrent_editors_of_one_filing_version_one_wins(plan):
    march = period(plan, 3)
    first = services.save_draft(plan.project, march, {"amount_wan": "1"}, plan.secretary, "web")

    def edit(i):
        return services.save_draft(
            plan.project,
            march,
            {"amount_wan": str(i + 2)},
            plan.county_admin if i % 2 else plan.secretary,
            "api",
            expected_version=first.version,
        )

    results = _run_concurrently(edit, N)
    winners = [r for r in results if isinstance(r, Filing)]
    assert len(winners) == 1, results
    assert sum(isinstance(r, VersionConflict) for r in results) == N - 1, results
    filing = Filing.objects.get(pk=first.pk)
    assert filing.version == first.version + 1 and filing.amount_wan == winners[0].amount_wan


def test_concurrent_filings_of_many_projects_add_up(plan):
    march = period(plan, 3)
    projects = [plan.project]
    for i in range(N - 1):
        project = Project.objects.create(
            name=f"并发项目{i}", region=plan.county, total_investment_wan=Decimal("10000")
        )
        AnnualPlan.objects.create(
            project=project, year=2022, nature="新建", annual_plan_wan=Decimal("5000")
        )
        projects.append(project)
    amounts = [Decimal(f"{i + 1}.0001") * 100 for i in range(N)]

    def file(i):
        data = {"amount_wan": str(amounts[i]), "progress": "施工中"}
        return services.file_filing(
            projects[i], march, data, plan.county_admin, "api", submit_now=True
        )

    results = _run_concurrently(file, N)
    assert all(isinstance(r, Filing) for r in results), results
    assert Filing.objects.filter(period=march).count() == N
    for filing in Filing.objects.filter(period=march):
        services.accept(filing, plan.county_admin, "web")
    assert completed_investment(plan.city, 2022, march.end) == sum(amounts)
    assert completed_investment(plan.county, 2022, march.end) == sum(amounts)
    figures = filing_figures(plan.city, march)
    assert (figures.due, figures.missing) == (N + 1, 1)  # the sibling county's project
