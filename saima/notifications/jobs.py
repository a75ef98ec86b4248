"""Sending notices by e-mail and webhook, in the worker."""

import json
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from .models import Channel, Delivery
from .services import MAX_ATTEMPTS

STALE = timedelta(minutes=10)


def _send(delivery: Delivery) -> None:
    notice = delivery.notification
    link = f"{settings.SAIMA_SITE_URL.rstrip('/')}{notice.url}" if notice.url else ""
    text = "\n".join(part for part in (notice.title, notice.body, link) if part)
    if delivery.channel == Channel.EMAIL:
        send_mail(notice.title, text, None, [notice.user.email])
    else:
        # The text message both WeCom and DingTalk group robots accept.
        payload = json.dumps({"msgtype": "text", "text": {"content": text}}).encode()
        request = urllib.request.Request(
            settings.SAIMA_WEBHOOK_URL,
            data=payload,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()


def _claimable(now):
    # A claim older than STALE belongs to a worker that was killed mid-send: take it over.
    return Q(status=Delivery.Status.PENDING) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=now - STALE
    )


def send_pending(limit: int = 200) -> int:
    """Send pending deliveries; each is claimed by a conditional update, so two workers never
    send the same one. Returns how many were sent."""
    sent, now = 0, timezone.now()
    ids = list(
        Delivery.objects.filter(_claimable(now), attempts__lt=MAX_ATTEMPTS)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for pk in ids:
        claimed = Delivery.objects.filter(_claimable(now), pk=pk, attempts__lt=MAX_ATTEMPTS).update(
            attempts=F("attempts") + 1, status=Delivery.Status.SENDING, claimed_at=timezone.now()
        )
        if not claimed:
            continue
        delivery = Delivery.objects.select_related("notification__user").get(pk=pk)
        try:
            _send(delivery)
        except Exception as exc:
            failed = delivery.attempts >= MAX_ATTEMPTS
            Delivery.objects.filter(pk=pk).update(
                status=Delivery.Status.FAILED if failed else Delivery.Status.PENDING,
                error=str(exc)[:300],
            )
            continue
        Delivery.objects.filter(pk=pk).update(
            status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
        )
        sent += 1
    return sent


def ensure_schedules() -> None:
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="notifications.send_pending",
        defaults={
            "func": "saima.notifications.jobs.send_pending",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
