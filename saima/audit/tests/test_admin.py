"""The admin's read-only page of an audit entry shows the change as the project page does."""

from django.urls import reverse

from saima.audit.models import Action, Source
from saima.audit.recorder import record


def test_it_shows_an_entry_with_readable_values(client, world):
    before = {"total_investment_wan": "52000", "is_generated": False}
    after = {"total_investment_wan": "47134.5000", "is_generated": True}
    entry = record(world.admin, Source.WEB, Action.UPDATE, world.project, before, after)
    client.force_login(world.admin)
    html = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert "<div>总投资（万元）：52,000.00 → 47,134.50</div>" in html
    assert "<div>生成数据：否 → 是</div>" in html
