from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from saima.audit.models import AuditEntry
from saima.conftest import PASSWORD
from saima.schedule.models import ApprovalType, ProjectApproval


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_it_shows_the_schedule_by_scope(client, world):
    url = reverse("project_schedule", args=[world.project.pk])
    assert _login(client, world.viewer).get(url).status_code == 200
    assert client.get(url).context["can_edit"] is False
    assert _login(client, world.secretary).get(url).context["can_edit"] is True
    assert _login(client, world.other_admin).get(url).status_code == 404


def test_the_secretary_adds_the_required_approvals_and_records_one(client, world):
    _login(client, world.secretary)
    response = client.post(reverse("project_add_required", args=[world.project.pk]))
    assert response.status_code == 302
    assert world.project.approvals.count() == 6
    eia = world.project.approvals.get(approval_type__name="环评")
    url = reverse("approval_edit", args=[world.project.pk, eia.pk])
    response = client.post(url, {"planned_on": "2022-03-01", "obtained_on": "2022-02-20",
                                 "department": world.unit.pk, "office": "", "note": ""})  # fmt: skip
    assert response.status_code == 302
    eia.refresh_from_db()
    assert str(eia.obtained_on) == "2022-02-20" and eia.department == world.unit
    assert AuditEntry.objects.filter(model="schedule.ProjectApproval", action="update").exists()


def test_it_shows_the_date_rule_and_saves_nothing(client, world):
    _login(client, world.county_admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    eia = ApprovalType.objects.get(name="环评")
    response = client.post(
        reverse("approval_create", args=[world.project.pk]),
        {"approval_type": eia.pk, "obtained_on": tomorrow},
    )
    assert response.status_code == 200
    assert "实际日期不能晚于今天" in response.content.decode()
    assert not ProjectApproval.objects.exists()


def test_it_refuses_edits_to_those_without_the_right(client, world):
    url = reverse("milestone_create", args=[world.project.pk])
    assert _login(client, world.viewer).post(url, {"kind": "投产"}).status_code == 403
    assert _login(client, world.leader).get(url).status_code == 403
