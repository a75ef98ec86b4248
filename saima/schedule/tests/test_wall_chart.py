from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saima.conftest import PASSWORD
from saima.projects.models import Project
from saima.schedule.models import ApprovalType, Milestone, ProjectApproval


def _get(client, user, code, **params):
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("wall_chart", kwargs={"code": code}), params)


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [
        ("dispatcher", "220500", 200),
        ("viewer", "220500", 200),
        ("leader", "220500", 200),
        ("county_admin", "220502", 200),
        ("secretary", "220502", 200),
        ("admin", "220600", 200),
        ("county_admin", "220500", 403),
        ("other_admin", "220502", 403),
        ("outsider", "220500", 403),
        ("dispatcher", "999999", 404),
    ],
)
def test_it_answers_each_persona_by_scope(client, world, persona, code, status):
    assert _get(client, getattr(world, persona), code).status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(reverse("wall_chart", kwargs={"code": "220500"}))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_marks_overdue_items_in_red(client, world):
    today = timezone.localdate()
    eia, permit = ApprovalType.objects.filter(name__in=["环评", "施工许可"]).order_by("order")
    ProjectApproval.objects.create(
        project=world.project, approval_type=eia, planned_on=today - timedelta(days=10)
    )
    ProjectApproval.objects.create(
        project=world.project,
        approval_type=permit,
        planned_on=today - timedelta(days=20),
        obtained_on=today - timedelta(days=25),
    )
    Milestone.objects.create(
        project=world.sibling_project, kind="主体封顶", planned_on=today + timedelta(days=30)
    )
    response = _get(client, world.dispatcher, "220500")
    html = response.content.decode()
    chart = response.context["chart"]
    assert chart.overdue_count == 1
    line = next(line for line in chart.lines if line.project == world.project)
    assert [m.name for m in line.overdue] == ["环评"]
    assert (line.obtained, line.required) == (1, 2)
    assert 'class="has-late"' in html and "m p approval late" in html
    assert "逾期：环评" in html
    assert 'class="today"' in html
    # The milestone planned ahead is not late.
    other = next(line for line in chart.lines if line.project == world.sibling_project)
    assert other.overdue == []


def test_it_filters_by_leader_unit_and_overdue(client, world):
    today = timezone.localdate()
    eia = ApprovalType.objects.get(name="环评")
    ProjectApproval.objects.create(
        project=world.sibling_project, approval_type=eia, planned_on=today - timedelta(days=1)
    )

    def names(**params):
        response = _get(client, world.dispatcher, "220500", all="1", **params)
        assert response.status_code == 200
        return {line.project.name for line in response.context["chart"].lines}

    assert names() == {"医药文化创意孵化园基础设施", "市场大厦"}
    assert names(leader=world.leader.pk) == {"医药文化创意孵化园基础设施"}
    assert names(department=world.unit.pk) == {"医药文化创意孵化园基础设施"}
    assert names(overdue="true") == {"市场大厦"}
    # A leader who holds nothing on this chart is not a valid choice: nothing is shown.
    assert names(leader=world.outsider.pk) == set()


def test_it_shows_only_projects_in_scope(client, world):
    response = _get(client, world.county_admin, "220502", all="1")
    assert [line.project for line in response.context["chart"].lines] == [world.project]


def test_it_leaves_off_projects_with_nothing_scheduled_unless_asked(client, world):
    Milestone.objects.create(project=world.project, kind="投产")
    chart = _get(client, world.dispatcher, "220500").context["chart"]
    assert [line.project for line in chart.lines] == [world.project]
    assert chart.unscheduled == 1
    response = _get(client, world.dispatcher, "220500")
    assert "另有1个项目尚未登记前期手续和建设节点" in response.content.decode()
    chart = _get(client, world.dispatcher, "220500", all="1").context["chart"]
    assert len(chart.lines) == 2 and chart.unscheduled == 0


def test_it_draws_hundreds_of_projects_in_a_bounded_number_of_queries(client, world):
    types = list(ApprovalType.objects.all())
    today = timezone.localdate()

    def add_projects(n):
        for i in range(n):
            project = Project.objects.create(
                name=f"项目{Project.objects.count()}",
                region=world.county,
                leader=world.leader,
                department=world.unit,
            )
            ProjectApproval.objects.bulk_create(
                ProjectApproval(project=project, approval_type=t, planned_on=today - timedelta(i))
                for t in types
            )
            Milestone.objects.create(project=project, kind="投产", planned_on=today)

    client.login(username=world.dispatcher.username, password=PASSWORD)
    url = reverse("wall_chart", kwargs={"code": "220500"})
    add_projects(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_projects(200)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["chart"].lines) == 205  # the two with nothing are left off
    assert len(many) == len(few) <= 15


def test_it_limits_the_axis_to_a_year_when_asked(client, world):
    response = _get(client, world.dispatcher, "220500", year="2022")
    chart = response.context["chart"]
    assert (str(chart.start), str(chart.end)) == ("2022-01-01", "2022-12-31")
    assert [t.label for t in chart.ticks][:2] == ["2022.1", "2月"]
