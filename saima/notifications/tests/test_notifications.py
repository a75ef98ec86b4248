import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from saima.notifications.jobs import send_pending
from saima.notifications.models import Delivery, Notification, Preference
from saima.notifications.services import notify


@pytest.fixture
def robot():
    """A local webhook receiver standing in for a WeCom/DingTalk group robot."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode":0}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", received
    server.shutdown()


def test_it_sends_by_the_channels_each_person_chose(world, settings, robot):
    url, received = robot
    settings.SAIMA_WEBHOOK_URL = url
    world.officer.email = "officer@example.org"
    world.officer.save()
    world.leader.email = "leader@example.org"
    world.leader.save()
    Preference.objects.create(user=world.leader, inbox=False, email=False, webhook=True)
    notify([world.officer, world.leader, world.officer], "问题升级", "请办理", "/problems/1/")
    assert Notification.objects.filter(user=world.officer, in_inbox=True).count() == 1
    assert Notification.objects.get(user=world.leader).in_inbox is False
    assert mail.outbox == []  # nothing is sent while the page is being served
    assert send_pending() == 2
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]
    assert received == [
        {
            "msgtype": "text",
            "text": {"content": "问题升级\n请办理\nhttp://127.0.0.1:8000/problems/1/"},
        }
    ]
    assert send_pending() == 0  # sent once


def test_a_failing_webhook_is_retried_then_given_up(world, settings):
    settings.SAIMA_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"
    Preference.objects.create(user=world.leader, email=False, webhook=True)
    notify([world.leader], "问题升级")
    for _ in range(6):
        send_pending()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 5


def test_a_delivery_claimed_by_a_killed_worker_is_taken_over(world):
    world.officer.email = "officer@example.org"
    world.officer.save()
    notify([world.officer], "新问题待办")
    Delivery.objects.update(status=Delivery.Status.SENDING, claimed_at=timezone.now())
    assert send_pending() == 0  # a live claim is left alone
    Delivery.objects.update(claimed_at=timezone.now() - timedelta(minutes=30))
    assert send_pending() == 1
    assert len(mail.outbox) == 1


def test_the_inbox_shows_my_notices_and_saves_preferences(world, client):
    notify([world.officer], "新问题待办", url="/problems/")
    notify([world.leader], "别人的消息")
    client.force_login(world.officer)
    page = client.get("/inbox/").content.decode()
    assert "新问题待办" in page and "别人的消息" not in page
    client.post("/inbox/", {"inbox": "on", "webhook": "on"})
    pref = Preference.objects.get(user=world.officer)
    assert pref.webhook and not pref.email
