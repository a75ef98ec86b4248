"""Creating notices. Called inside the domain transaction; sending happens in the worker."""

import logging

from django.conf import settings
from django.db import transaction

from .models import Channel, Delivery, Notification, Preference

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def preference_of(user) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def notify(users, title: str, body: str = "", url: str = "") -> list[Notification]:
    """One notice per distinct person, deliveries queued per their preferences."""
    seen, notices = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        pref = preference_of(user)
        notice = Notification.objects.create(
            user=user, title=title[:200], body=body, url=url, in_inbox=pref.inbox
        )
        if pref.email and user.email:
            Delivery.objects.create(notification=notice, channel=Channel.EMAIL)
        if pref.webhook and settings.SAIMA_WEBHOOK_URL:
            Delivery.objects.create(notification=notice, channel=Channel.WEBHOOK)
        notices.append(notice)
    if any(n.deliveries.exists() for n in notices):
        transaction.on_commit(_enqueue_sending)
    return notices


def _enqueue_sending():
    """Wake the worker now; the every-minute schedule sends anything this misses."""
    try:
        from django_q.tasks import async_task

        async_task("saima.notifications.jobs.send_pending", task_name="send_pending")
    except Exception:  # the broker being away must not break the page
        log.exception("could not enqueue notice sending")
