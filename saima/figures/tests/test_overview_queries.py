"""The region overview (figures, sub-regions, pace panel) runs a fixed number of queries
whatever the number of projects, plans, stage events and filings below the region."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saima.dispatch import services
from saima.dispatch.models import Filing, Period
from saima.projects.models import AnnualPlan, Project, StageEvent

SUBMITTED = datetime(2022, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def add(world, n, start, period):
    for i in range(start, start + n):
        region = world.county if i % 2 else world.sibling
        project = Project.objects.create(
            name=f"项目{i:03}", region=region, total_investment_wan=Decimal(1000 + i)
        )
        AnnualPlan.objects.create(
            project=project,
            year=2022,
            nature="新建" if i % 3 else "续建",
            annual_plan_wan=Decimal(100 + i),
            resumed_on=None if i % 3 else date(2022, 2, 1),
        )
        StageEvent.objects.create(project=project, stage="签约", date=date(2021, 11, 1))
        StageEvent.objects.create(project=project, stage="开工", date=date(2022, 2, 1))
        Filing.objects.create(
            project=project,
            period=period,
            state="已提交" if i % 4 else "草稿",
            amount_wan=Decimal(10 + i),
            first_submitted_at=None if i % 4 == 0 else SUBMITTED,
        )


def test_the_overview_query_count_does_not_grow_with_the_ledger(
    client, world, django_assert_max_num_queries
):
    services.set_rhythm(world.city, 2022, "月报", world.dispatcher, "web")
    march = Period.objects.get(region=world.city, year=2022, seq=3)
    Period.objects.filter(pk=march.pk).update(state="填报中")
    march.refresh_from_db()
    client.force_login(world.dispatcher)
    url = reverse("region_overview", kwargs={"code": world.city.code})
    query = {"year": 2022, "as_of": "2022-03-31"}
    add(world, 3, 0, march)
    client.get(url, query)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url, query)
    add(world, 30, 3, march)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, query)
    assert response.status_code == 200
    assert response.context["figures"].planned_projects == 33
