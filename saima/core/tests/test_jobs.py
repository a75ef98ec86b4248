from django_q.models import Schedule

from saima.core.jobs import ensure_schedules


def test_it_ensures_every_schedule_once(db):
    ensure_schedules()
    ensure_schedules()
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"problems.escalate_due", "notifications.send_pending"} <= names
    assert Schedule.objects.filter(name="problems.escalate_due").count() == 1
