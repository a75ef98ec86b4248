"""Real processes killed with SIGKILL in the middle of their work, then restarted.

Each test starts `saima worker`, `saima ledger import` or gunicorn as a subprocess against a
file-backed database of its own (a SQLite file; a PostgreSQL database when DATABASE_URL names
one), with SAIMA_FAULT_PAUSE set (saima/core/faults.py): at the named point, inside the
transaction and after something was written, the process writes a marker file and sleeps. The
test sees the marker, checks that a writing transaction is open in the database right then,
sends SIGKILL to the process's whole group, and reads what the database kept.

Why these assertions can fail: the pause points come after writes. Had a process committed
its work piecemeal (no transaction around the whole import, or around each escalation, or
around the request's writes), the first chunk of 2,000 projects, the half-made escalation or
the job's new state would be in the database after the kill, and the "as before" comparisons
below would fail. They were seen failing so: the web test, before the confirm view wrote the
job's state and its queued task in one transaction (the job was left "queued" with no task,
never to run, and could not be confirmed again); the import tests and the escalation test with
the import's or one escalation's transaction taken away by hand. `writing` is recorded before
the kill and asserted last, so that such a failure shows as a wrong ledger, not as a missing
transaction.
"""

import itertools
import json
import os
import re
import threading
import time
import urllib.parse
import urllib.request
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from .processes import Database, Processes
from .sigkill_world import PASSWORD, ROWS, write_ledger

WORLD = "saima.core.tests.sigkill_world"
# The killed worker's task is re-delivered when its lock (JOB_RETRY seconds) runs out; a job
# left "running" is taken again once older than JOB_TIMEOUT (production: 2000 s and 1800 s).
IMPORT_TIMING = {"WORKERS": "1", "JOB_TIMEOUT": "8", "JOB_RETRY": "11"}
ESCALATION_TIMING = {"WORKERS": "1", "JOB_TIMEOUT": "5", "JOB_RETRY": "7"}
LEDGER = {
    "projects": "SELECT region_id, name, total_investment_wan, stage, version "
    "FROM projects_project ORDER BY region_id, name",
    "plans": "SELECT p.region_id, p.name, a.year, a.nature, a.annual_plan_wan, a.resumed_on "
    "FROM projects_annualplan a JOIN projects_project p ON p.id = a.project_id ORDER BY 1, 2, 3",
    "stages": "SELECT p.region_id, p.name, s.stage, s.date "
    "FROM projects_stageevent s JOIN projects_project p ON p.id = s.project_id ORDER BY 1, 2, 3",
    "audit": "SELECT model, action, source, actor_name, object_repr, count(*) "
    "FROM audit_auditentry WHERE model LIKE 'projects.%' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
}
# Counts that show an import stored once: one project per (region, name), one plan each, and
# one audit entry per project, plan and stage date (the file's first project was stored
# before, without plan, stages or audit: it is updated, the others created).
ONCE = {
    "projects": "SELECT count(*) FROM projects_project",
    "named": "SELECT count(*) FROM (SELECT DISTINCT region_id, name FROM projects_project) n",
    "plans": "SELECT count(*) FROM projects_annualplan",
    "stages": "SELECT count(*) FROM projects_stageevent",
    "entries": "SELECT count(*) FROM audit_auditentry WHERE source = 'import'",
}
SUMMARY = f"新增{ROWS - 1}个，更新1个，无变化0个"
numbers = itertools.count()


def ledger(db) -> dict:
    """Everything an import writes, ids and times left out."""
    return {key: db.rows(sql) for key, sql in LEDGER.items()}


def assert_imported_once(db) -> None:
    counts = {key: db.value(sql) for key, sql in ONCE.items()}
    assert counts == {
        **counts,
        **{"projects": ROWS, "named": ROWS, "plans": ROWS},
        "entries": 2 * ROWS + counts["stages"],
    }


def assert_job_done_once(procs, job: int, worker) -> None:
    """Wait for the restarted worker to finish the job; all of the file stored by this run,
    once."""
    db, status = procs.db, f"SELECT status FROM ledger_importjob WHERE id = {job}"
    procs.until(lambda: db.value(status) in ("done", "failed"), 60, worker, "for the import")
    report = db.value(f"SELECT report FROM ledger_importjob WHERE id = {job}")
    report = json.loads(report) if isinstance(report, str) else report  # SQLite: text
    assert db.value(status) == "done", report
    assert (report["created"], report["updated"]) == (ROWS - 1, 1)  # all done by this run
    assert_imported_once(db)


def _name(suffix: str) -> str:
    base = urlsplit(os.environ.get("DATABASE_URL", "")).path.lstrip("/") or "saima"
    return f"{base}_sigkill_{suffix}"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A migrated database with the regions, the importer and one project (copied per test),
    and the generated ledger file."""
    directory = tmp_path_factory.mktemp("sigkill")
    db = Database.new(_name("template"), directory)
    procs = Processes(db, directory)
    assert procs.run("migrate", "-v0").returncode == 0, procs.tail()
    procs.python(WORLD, "base")
    yield SimpleNamespace(db=db, file=write_ledger(directory / "ledger.xlsx"))
    db.drop()


@pytest.fixture
def procs(template, tmp_path):
    procs = Processes(template.db.clone(_name(f"t{next(numbers)}"), tmp_path), tmp_path)
    yield procs
    procs.stop_all()
    procs.db.drop()


def import_command(file) -> list[str]:
    return ["ledger", "import", str(file), "--user", "importer", "--no-progress"]


def kill_when_paused(procs, process) -> bool:
    """Wait for the pause point, note whether a writing transaction is open, SIGKILL the
    process group, and wait until the database has let go of the transaction."""
    procs.wait_paused(process)
    writing = procs.db.writing()
    procs.kill(process)
    procs.until(lambda: not procs.db.writing(), 30, what="for the transaction to go")
    return writing


def test_a_ledger_import_command_killed_midway_leaves_the_ledger_as_before(procs, template):
    db, before = procs.db, ledger(procs.db)
    command = procs.start("saima", *import_command(template.file), pause="ledger.chunk")
    writing = kill_when_paused(procs, command)  # 2,000 rows stored, uncommitted
    assert ledger(db) == before

    again = procs.run(*import_command(template.file))
    assert again.returncode == 0, procs.tail()
    assert SUMMARY in again.stdout  # all of it done by this run
    assert_imported_once(db)
    assert writing


def test_a_worker_killed_mid_import_leaves_the_ledger_as_before_and_then_imports_once(
    procs, template
):
    db, before = procs.db, ledger(procs.db)
    job = int(procs.python(WORLD, "job", template.file, "queued"))
    status = f"SELECT status FROM ledger_importjob WHERE id = {job}"
    worker = procs.start("saima", "worker", pause="ledger.chunk", **IMPORT_TIMING)
    writing = kill_when_paused(procs, worker)
    assert ledger(db) == before
    # The job shows as running and its task stays queued, locked until the re-delivery.
    assert db.value(status) == "running"
    assert db.value("SELECT count(*) FROM django_q_ormq") == 1

    worker = procs.start("saima", "worker", **IMPORT_TIMING)
    assert_job_done_once(procs, job, worker)
    # The task is acknowledged and its result saved just after the job's own commit.
    acknowledged = "SELECT count(*) FROM django_q_ormq"
    procs.until(lambda: db.value(acknowledged) == 0, 30, worker, "for the acknowledgement")
    saved = "SELECT count(*) FROM django_q_task WHERE success"
    procs.until(lambda: db.value(saved) == 1, 30, worker, "for the task's result")
    assert db.value(saved) == 1  # once, not twice
    assert writing


@pytest.fixture
def redis_broker():
    """An empty database of the Redis on this machine (CI's machine runs one) as the job
    broker, emptied again afterwards."""
    import redis

    for index in range(1, 16):
        client = redis.Redis(host="127.0.0.1", port=6379, db=index, socket_connect_timeout=2)
        try:
            if client.dbsize() == 0:
                break
        except redis.ConnectionError:
            pytest.skip("no Redis at 127.0.0.1:6379")
    else:
        pytest.skip("no empty Redis database at 127.0.0.1:6379")
    yield {"Q_REDIS_URL": f"redis://127.0.0.1:6379/{index}"}, client
    client.flushdb()


def test_with_redis_a_worker_killed_mid_import_loses_its_task_and_the_next_worker_requeues_it(
    procs, template, redis_broker
):
    """Redis hands a task to the worker and forgets it: killed, the worker takes the task
    along. The next `saima worker` queues the job again once it was taken up longer than
    JOB_RETRY ago (saima.ledger.jobs.recover_jobs; also every JOB_RECOVER_MINUTES)."""
    broker, redis = redis_broker
    queue = "django_q:saima:q"
    db, before = procs.db, ledger(procs.db)
    job = int(procs.python(WORLD, "job", template.file, "queued", **broker))
    assert redis.llen(queue) == 1
    status = f"SELECT status FROM ledger_importjob WHERE id = {job}"
    worker = procs.start("saima", "worker", pause="ledger.chunk", **broker, **IMPORT_TIMING)
    writing = kill_when_paused(procs, worker)
    killed = time.monotonic()
    assert ledger(db) == before
    assert db.value(status) == "running"
    assert redis.llen(queue) == 0  # the task went with the worker: nothing will re-deliver it

    # Past JOB_RETRY (the margin above the time limit), no live worker can still hold it.
    time.sleep(max(0.0, killed + int(IMPORT_TIMING["JOB_RETRY"]) + 1 - time.monotonic()))
    worker = procs.start("saima", "worker", **broker, **IMPORT_TIMING)
    assert_job_done_once(procs, job, worker)
    assert "1 interrupted job(s) queued again or failed" in procs.log.read_text()
    assert writing


PROBLEMS = """
SELECT p.description, p.level,
  (SELECT count(*) FROM problems_escalationstep s WHERE s.problem_id = p.id),
  (SELECT count(*) FROM problems_event e WHERE e.problem_id = p.id AND e.kind = 'escalated'),
  (SELECT count(*) FROM notifications_notification n
     WHERE n.title LIKE '问题升级%' AND n.url = '/problems/' || p.id || '/'),
  (SELECT count(*) FROM audit_auditentry a
     WHERE a.model = 'problems.Problem' AND a.source = 'job' AND a.object_id = CAST(p.id AS TEXT))
FROM problems_problem p ORDER BY p.id
"""


def test_a_worker_killed_mid_escalation_loses_and_doubles_no_escalation(procs):
    db = procs.db
    procs.python(WORLD, "problems", 3)
    worker = procs.start("saima", "worker", pause="problems.escalated@2", **ESCALATION_TIMING)
    writing = kill_when_paused(procs, worker)  # the second problem climbed, uncommitted
    first, second, third = db.rows(PROBLEMS)
    notified = first[4]
    assert notified >= 2  # the unit head and the leader, at least
    assert first == ("问题0", 2, 1, 1, notified, 1)  # committed before the kill: it stays
    assert second == ("问题1", 1, 0, 0, 0, 0)  # rolled back
    assert third == ("问题2", 1, 0, 0, 0, 0)  # not reached
    assert db.value("SELECT count(*) FROM django_q_ormq") == 1

    worker = procs.start("saima", "worker", **ESCALATION_TIMING)
    steps = "SELECT count(*) FROM problems_escalationstep"
    procs.until(lambda: db.value(steps) == 3, 60, worker, "for the re-delivered run")
    procs.until(lambda: db.value("SELECT count(*) FROM django_q_ormq") == 0, 30, worker)
    procs.kill(worker)
    again = procs.run(
        "shell", "-c", "from saima.problems.jobs import escalate_due as e; print(e())"
    )
    assert again.stdout.splitlines()[-1] == "{'escalated': 0, 'overdue': 0}", procs.tail()
    assert db.rows(PROBLEMS) == [
        (f"问题{i}", 2, 1, 1, notified, 1) for i in range(3)
    ]  # each escalated exactly once
    assert writing


def test_with_redis_a_worker_killed_mid_escalation_loses_its_task_and_the_schedule_does_the_rest(
    procs, redis_broker
):
    """The escalation is a scheduled job over every problem past its deadline: a run lost
    with its killed worker (Redis) is only delayed to the next scheduled run, which
    escalates the rest, each once."""
    broker, redis = redis_broker
    db = procs.db
    procs.python(WORLD, "problems", 3, **broker)
    worker = procs.start("saima", "worker", pause="problems.escalated@2", **broker)
    writing = kill_when_paused(procs, worker)
    first, second, third = db.rows(PROBLEMS)
    notified = first[4]
    assert first == ("问题0", 2, 1, 1, notified, 1) and notified >= 2
    assert second == ("问题1", 1, 0, 0, 0, 0) and third == ("问题2", 1, 0, 0, 0, 0)
    assert redis.llen("django_q:saima:q") == 0  # the run's task went with the worker

    worker = procs.start("saima", "worker", **broker)
    steps = "SELECT count(*) FROM problems_escalationstep"
    procs.until(lambda: db.value(steps) == 3, 90, worker, "for the scheduled run")
    procs.kill(worker)
    assert db.rows(PROBLEMS) == [(f"问题{i}", 2, 1, 1, notified, 1) for i in range(3)]
    assert writing


class Browser:
    """A signed-in person with cookies, talking plain HTTP to the server."""

    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, form_page: str) -> str:
        data = {**data, "csrfmiddlewaretoken": self.TOKEN.search(self.get(form_page)).group(1)}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.url + path, body, timeout=30) as response:
            return response.read().decode()


def test_a_web_server_killed_mid_request_stores_nothing_and_serves_again(procs, template):
    db = procs.db
    job = int(procs.python(WORLD, "job", template.file, "previewed"))
    state = f"SELECT status, dry_run FROM ledger_importjob WHERE id = {job}"
    before = db.rows(state), db.value("SELECT count(*) FROM django_q_ormq")
    assert before[0][0][0] == "previewed"
    server, url = procs.serve(pause="ledger.enqueue")
    browser = Browser(url)
    browser.post("/login/", {"username": "importer", "password": PASSWORD}, "/login/")
    page = f"/ledger/import/{job}/"
    failed = []

    def confirm():
        try:
            browser.post(f"{page}confirm/", {}, page)
        except OSError as err:  # the server died under the request
            failed.append(err)

    request = threading.Thread(target=confirm)
    request.start()
    writing = kill_when_paused(procs, server)  # the job's new state saved, its task not queued
    request.join(30)
    assert failed
    assert (db.rows(state), db.value("SELECT count(*) FROM django_q_ormq")) == before

    server, url = procs.serve()
    browser.url = url  # the same session cookie: sessions live in the database
    answer = browser.post(f"{page}confirm/", {}, page)
    assert "只有预览无误的文件才能导入" not in answer
    assert "正在导入" in answer
    assert db.rows(state)[0][0] == "queued" and not db.rows(state)[0][1]
    assert db.value("SELECT count(*) FROM django_q_ormq") == 1
    assert writing
