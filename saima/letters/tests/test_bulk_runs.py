"""Letters in bulk are a stored run: issued once per county even when the worker is killed
halfway, queued again when Redis lost the task, failed (and said so) when it never ends."""

from datetime import date, timedelta

from django.utils import timezone
from django_q.models import OrmQ, Schedule

from saima.audit.models import Source
from saima.core.jobs import ensure_schedules
from saima.core.tests.apiclient import api_client
from saima.ledger.tests.test_faults_kill import redis_broker  # noqa: F401 (fixture)
from saima.letters import jobs, services
from saima.letters.models import BulkRun, Letter, RunStatus
from saima.notifications.models import Notification

from .test_letters import lagging  # noqa: F401 (fixture)

AS_OF = date(2022, 11, 2)


def _aged(run, status, age, attempts=1):
    at = timezone.now() - age
    BulkRun.objects.filter(pk=run.pk).update(
        status=status, queued_at=at, started_at=at if status == "running" else None,
        attempts=attempts,
    )  # fmt: skip
    run.refresh_from_db()
    return run


def test_a_run_is_queued_with_its_task_and_issues_each_letter_once(lagging):  # noqa: F811
    world = lagging
    run, task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    assert task and OrmQ.objects.count() == 1  # the database broker: committed together
    assert (run.status, run.queued_at is not None) == (RunStatus.QUEUED, True)
    assert jobs.run_bulk(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.issued) == ("done", 1, ["通项目提〔2022〕1号"])
    assert [name for name, _why in run.skipped] == ["辉南县"]
    assert jobs.run_bulk(run.pk) is None  # delivered twice: done once
    again, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    jobs.run_bulk(again.pk)
    again.refresh_from_db()
    assert again.issued == [] and Letter.objects.count() == 1
    assert Notification.objects.filter(
        user=world.dispatcher, title="批量发函完成：发出1份，跳过1个"
    )


def test_a_run_taken_up_again_after_a_kill_counts_what_it_issued_before(lagging, settings):  # noqa: F811
    world = lagging
    run, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    # The first attempt issued 东昌区's letter, then its worker was killed.
    services.issue_letter(world.county, world.dispatcher, Source.JOB, as_of=AS_OF, bulk_run=run)
    limit = timedelta(seconds=settings.Q_CLUSTER["timeout"])
    _aged(run, RunStatus.RUNNING, limit + timedelta(minutes=1))
    assert jobs.run_bulk(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.DONE, 2)
    assert run.issued == ["通项目提〔2022〕1号"]
    assert [name for name, _why in run.skipped] == ["辉南县"]  # not 东昌区 "already issued"
    assert Letter.objects.count() == 1


def test_a_running_run_is_not_taken_up_by_a_second_delivery(lagging):  # noqa: F811
    world = lagging
    run, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    _aged(run, RunStatus.RUNNING, timedelta(minutes=1))
    assert jobs.run_bulk(run.pk) is None
    assert Letter.objects.count() == 0


def test_with_redis_lost_runs_are_queued_again_and_endless_ones_fail(
    lagging,  # noqa: F811
    settings,
    redis_broker,  # noqa: F811
):
    world = lagging
    limit = timedelta(seconds=settings.Q_CLUSTER["timeout"])
    retry = timedelta(seconds=settings.Q_CLUSTER["retry"])
    tries = settings.Q_CLUSTER["max_attempts"]

    def run(status, age, attempts=1):
        made, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
        return _aged(made, status, age, attempts)

    killed = run(RunStatus.RUNNING, retry + timedelta(minutes=1))
    forgotten = run(RunStatus.QUEUED, limit + timedelta(minutes=1))
    run(RunStatus.RUNNING, timedelta(minutes=1))  # a live worker's
    run(RunStatus.QUEUED, timedelta(minutes=1))  # still in the queue
    spent = run(RunStatus.RUNNING, retry + timedelta(minutes=1), attempts=tries)
    # Killed each time, but not before its first letter.
    services.issue_letter(world.county, world.dispatcher, Source.JOB, as_of=AS_OF, bulk_run=spent)
    redis_broker.clear()
    assert jobs.recover_jobs() == 3
    assert sorted(redis_broker) == [killed.pk, forgotten.pk]
    assert jobs.recover_jobs() == 0  # queued again just now
    spent.refresh_from_db()
    assert spent.status == RunStatus.FAILED and f"处理了{tries}次都被中断" in spent.error
    assert spent.issued == ["通项目提〔2022〕1号"]
    assert Notification.objects.filter(user=world.dispatcher, title="批量发函失败").exists()


def test_with_the_database_broker_nothing_is_queued_again(lagging, settings):  # noqa: F811
    world = lagging
    made, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    _aged(made, RunStatus.QUEUED, timedelta(days=1))
    assert jobs.recover_jobs() == 0 and OrmQ.objects.count() == 1


def test_the_letters_page_and_the_api_tell_how_a_run_went(lagging, client):  # noqa: F811
    world = lagging
    response = api_client(world.dispatcher).post("/api/v1/letters/bulk", {"region": "220500"})
    assert response.status_code == 202
    run = BulkRun.objects.get(pk=response.json()["run"])
    assert response.json()["task"]
    client.force_login(world.dispatcher)
    page = client.get("/letters/").content.decode()
    assert "批量发函" in page and "排队中" in page
    url = f"/api/v1/letters/bulk/{run.pk}"
    assert api_client(world.dispatcher).get(url).json()["status"] == "queued"
    jobs.run_bulk(run.pk)
    page = client.get("/letters/").content.decode()
    assert "已完成" in page and "发出1份" in page and "跳过1个：辉南县 没有滞后事项" in page
    body = api_client(world.dispatcher).get(url).json()
    assert (body["status"], body["region"], body["attempts"]) == ("done", "220500", 1)
    assert body["issued"] == ["通项目提〔2022〕1号"] and body["skipped"][0][0] == "辉南县"
    for other in (world.county_admin, world.admin):  # a run is its requester's
        assert api_client(other).get(url).status_code == 404
    client.force_login(world.county_admin)  # someone else's runs are not listed
    assert "跳过1个" not in client.get("/letters/").content.decode()


def test_the_worker_looks_for_lost_runs_every_few_minutes(db):
    ensure_schedules()
    schedule = Schedule.objects.get(func="saima.letters.jobs.recover_jobs")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 5)


def test_runs_of_the_same_request_count_only_their_own_letters(lagging):  # noqa: F811
    """A double click: the second run skips what the first issued, and says so; a letter
    sent by hand meanwhile is nobody's run's."""
    world = lagging
    first, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    second, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    by_hand = services.issue_letter(
        world.county, world.dispatcher, Source.WEB, as_of=AS_OF, period="2022-10"
    )
    jobs.run_bulk(first.pk), jobs.run_bulk(second.pk)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.issued == ["通项目提〔2022〕2号"] and second.issued == []
    assert by_hand.reference == "通项目提〔2022〕1号"
    assert "东昌区" in {name for name, _why in second.skipped}


def test_a_run_that_fails_says_so_without_the_error_text(lagging, monkeypatch):  # noqa: F811
    world = lagging

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/saima/media: disk full")

    monkeypatch.setattr(jobs, "issue_for_lagging", broken)
    run, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    assert jobs.run_bulk(run.pk) == "failed"  # not raised: django-q does not deliver it again
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "系统日志" in run.error and "/srv" not in run.error
    assert jobs.run_bulk(run.pk) is None


def test_with_redis_the_task_is_pushed_once_the_run_is_committed(
    lagging,  # noqa: F811
    redis_broker,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    world = lagging
    with django_capture_on_commit_callbacks(execute=True) as pushes:
        run, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
        assert redis_broker == []  # not before the commit
    assert len(pushes) == 1 and redis_broker == [run.pk]


def test_with_redis_down_the_request_is_stored_and_queued_later(
    lagging,  # noqa: F811
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    import django_q.tasks

    world = lagging
    settings.Q_CLUSTER = {k: v for k, v in settings.Q_CLUSTER.items() if k != "orm"}

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(django_q.tasks, "async_task", down)
    with django_capture_on_commit_callbacks(execute=True) as pushes:
        run, task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    assert len(pushes) == 1  # it was tried, and failed
    assert task is None and BulkRun.objects.get().status == RunStatus.QUEUED
    aged = _aged(run, RunStatus.QUEUED, timedelta(days=1))
    monkeypatch.undo()
    pushed = []
    monkeypatch.setattr(django_q.tasks, "async_task", lambda *a, **k: pushed.append(a[1]))
    settings.Q_CLUSTER = {k: v for k, v in settings.Q_CLUSTER.items() if k != "orm"}
    assert jobs.recover_jobs() == 1 and pushed == [aged.pk]


def test_a_run_taken_up_max_attempts_times_is_not_taken_up_again(lagging, settings):  # noqa: F811
    world = lagging
    run, _task = jobs.start(world.city, world.dispatcher, "提示函", AS_OF)
    stale = timedelta(seconds=settings.Q_CLUSTER["timeout"] + 60)
    _aged(run, RunStatus.RUNNING, stale, attempts=settings.Q_CLUSTER["max_attempts"])
    assert jobs.run_bulk(run.pk) is None and Letter.objects.count() == 0
