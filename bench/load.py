"""`make bench-load`: the production setup on this machine under a mixed load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saima_bench python bench/load.py \
        [--workers 4] [--users 40] [--run-time 60s] [--max-requests 60000] [--port 8150]
        [--cold] [--timeout 30] [--floor-time 20s]

Expects a database filled by bench/scale.py. Starts gunicorn (production settings, plain
HTTP on 127.0.0.1 only), requests each dashboard of the mix once (unless --cold: the figures
are then cached, as they are in use between changes of data), runs locust headless with
bench/locustfile.py against it: first the floor (the cheapest signed-in request alone, the
baseline of this machine, server and load generator in the same run), then the mix. Prints
requests/s, p50/p95/p99 and errors per request type and in total, the CPU per request of the
server and of locust, the mix as a ratio of the floor, and always stops the server it
started.
"""

import argparse
import csv
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")
# One key for this process (which signs the bench sessions) and the server it starts.
os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from saima.accounts.models import User  # noqa: E402
from saima.demo.people import PASSWORD  # noqa: E402
from saima.dispatch.models import Period  # noqa: E402
from saima.projects.models import Project  # noqa: E402
from saima.regions.models import Region  # noqa: E402

BIN = Path(sys.executable).parent
# Who signs in: a city dispatcher and a county administrator (their region and sub-regions).
LOGINS = [("dispatcher", "220500"), ("dongchang", "220502"), ("baishan", "220600")]


def sample_ids(code: str, n: int = 500) -> list[int]:
    region = Region.objects.get(code=code)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM projects_project TABLESAMPLE SYSTEM (5) WHERE region_id LIKE %s "
            "LIMIT %s",
            [region.prefix + "%", n],
        )
        ids = [row[0] for row in cur.fetchall()]
    return ids or list(Project.objects.within(region).values_list("id", flat=True)[:n])


def session_for(user) -> str:
    """A signed-in session, as the login form makes one (the login itself — a deliberately
    slow password hash — is timed once per user by the locustfile, not in the mix)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def params(year: int) -> dict:
    logins = []
    for username, code in LOGINS:
        user = User.objects.get(username=username)
        children = list(Region.objects.filter(parent_id=code).values_list("code", flat=True))
        logins.append(
            {
                "username": username,
                "region": code,
                "children": children or [code],
                "project_ids": sample_ids(code),
                "token": Token.objects.get_or_create(user=user)[0].key,
                "sessions": [session_for(user) for _ in range(10)],
            }
        )
    logins = [login for login in logins if login["project_ids"]]  # regions with projects
    secretary = User.objects.get(username="secretary")
    period = Period.objects.filter(region_id="220500", year=year, state="填报中").first()
    if period is None:
        sys.exit(f"no open period of 通化市 in {year}: fill the database with bench/scale.py")
    return {
        "year": year,
        "password": PASSWORD,
        "page_logins": logins,
        "secretary_token": Token.objects.get_or_create(user=secretary)[0].key,
        "secretary_projects": list(
            Project.objects.filter(secretary=secretary, plans__year=year).values_list(
                "id", flat=True
            )
        ),
        "open_period": period.pk,
    }


def server_env(data_dir: str) -> dict:
    return {
        **os.environ,
        "SAIMA_PRODUCTION": "1",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Connections live through a whole run, so the CPU of their backends is all counted.
        "DB_CONN_MAX_AGE": "3600",
        # Just-in-time compilation costs more than it saves on these short queries.
        "PGOPTIONS": "-c jit=off",
        "SAIMA_DATA_DIR": data_dir,
        # The bench signs in a few users many times over; keep the throttle out of the way.
        "LOGIN_FAILURE_LIMIT": "1000",
    }


def free_port(preferred: int) -> int:
    """The first port from `preferred` up that nothing on 127.0.0.1 listens on."""
    for port in range(preferred, preferred + 50):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit("no free port")


def wait_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before it served")
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer in time")


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def server_cpu(server: subprocess.Popen) -> tuple[dict, dict]:
    """CPU so far of each gunicorn worker and of each PostgreSQL backend serving them (kept
    open by DB_CONN_MAX_AGE), by process id, so the cost per request can be told apart from
    whatever else this machine runs, and Python's share from the database's."""
    workers = subprocess.run(
        ["ps", "--ppid", str(server.pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cur.fetchall()]
    connection.close()
    return {int(pid): cpu_seconds(int(pid)) for pid in workers}, {
        pid: cpu_seconds(pid) for pid in backends
    }


def cpu_since(before: dict, after: dict) -> float:
    """CPU the processes alive now used since `before` (all of it for those started since)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def children_cpu() -> float:
    """User + system CPU of the child processes this process has waited for (locust)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(prefix: str) -> dict:
    with open(prefix + "_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    print(
        f"\n{'request':38} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in rows:
        print(
            f"{(row['Type'] + ' ' + row['Name'])[:38]:38} {row['Request Count']:>7} "
            f"{row['Failure Count']:>5} {float(row['Requests/s']):7.1f} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6}"
        )
    total = rows[-1]
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
    }


def warm(url: str, data: dict) -> float:
    """Request every dashboard of the mix once, one after the other (the figures are then
    cached until the data changes); returns the seconds it took, the cold cost."""
    started = time.monotonic()
    for login in data["page_logins"]:
        codes = [login["region"], *login["children"]]
        cookie = {"Cookie": f"sessionid={login['sessions'][0]}"}
        bearer = {"Authorization": f"Bearer {login['token']}"}
        paths = [(f"/regions/{login['region']}/", cookie)]
        paths += [(f"/regions/{c}/?year={data['year']}", cookie) for c in login["children"]]
        paths += [(f"/api/v1/figures?region={c}&year={data['year']}", bearer) for c in codes]
        paths += [("/projects/?page=1", cookie), ("/api/v1/projects", bearer)]
        for path, headers in paths:
            request = urllib.request.Request(url + path, headers=headers)
            with urllib.request.urlopen(request, timeout=600) as response:
                response.read()
    return time.monotonic() - started


MIX = ["PageUser", "Login", "ApiReader", "Secretary"]


def run(server, url, data, args, run_time, classes, name, tmp) -> dict:
    """One locust run of these user classes; its totals and the CPU it cost the server (per
    request) and locust itself."""
    cpu_before, locust_before = server_cpu(server), children_cpu()
    prefix = os.path.join(tmp, name)
    subprocess.run(
        [BIN / "locust", "-f", ROOT / "bench" / "locustfile.py", "--headless",
         "--host", url, "-u", str(args.users), "-r", str(args.spawn_rate),
         "-t", run_time, "--csv", prefix, "--only-summary",
         "--loglevel", "WARNING", "--stop-timeout", "5",
         *(["--exclude-tags", args.exclude_tags] if args.exclude_tags else []), *classes],
        env={**os.environ, "BENCH_PARAMS": json.dumps(data),
             "BENCH_MAX_REQUESTS": str(args.max_requests)},
        check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    print(f"\n== {name}: {' '.join(classes)}")
    total = report(prefix)
    (web, database), (web_before, database_before) = server_cpu(server), cpu_before
    web, database = cpu_since(web_before, web), cpu_since(database_before, database)
    total["cpu"] = web + database
    total["db_share"] = database / total["cpu"] if total["cpu"] else 0.0
    total["locust_cpu"] = children_cpu() - locust_before
    total["cpu_ms"] = 1000 * total["cpu"] / max(total["requests"], 1) or 0.001
    total["locust_ms"] = 1000 * total["locust_cpu"] / max(total["requests"], 1)
    return total


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--max-requests", type=int, default=60000)
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument(
        "--exclude-tags", default="", help="e.g. figures: leave out the dashboard requests"
    )
    parser.add_argument("--year", type=int, default=time.localtime().tm_year - 1)
    parser.add_argument(
        "--cold", action="store_true", help="start the load on an empty figures cache"
    )
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn's worker timeout")
    parser.add_argument(
        "--floor-time",
        default="20s",
        help="first, this long, the cheapest signed-in request alone (the floor of this "
        "server and load generator on this machine); 0 skips it",
    )
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        sys.exit("bench/load.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    projects = Project.objects.count()
    data = params(args.year)
    connection.close()
    args.port = free_port(args.port)
    url = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="saima-bench-") as tmp:
        env = server_env(tmp)
        subprocess.run([BIN / "saima", "collectstatic", "--noinput", "-v0"], env=env, check=True)
        server = subprocess.Popen(
            [BIN / "gunicorn", "saima.wsgi", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{args.port}", "--access-logfile", "-",
             "--timeout", str(args.timeout),
             "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_up(url, server)
            print(
                f"{projects} projects, gunicorn {args.workers} workers, {args.users} users, "
                f"{args.run_time} or {args.max_requests} requests, {os.cpu_count()} cores",
                flush=True,
            )
            if not args.cold:
                print(f"warm-up (each dashboard once, cold): {warm(url, data):.1f} s", flush=True)
            floor = None
            if args.floor_time != "0":
                floor = run(server, url, data, args, args.floor_time, ["Floor"], "floor", tmp)
            total = run(server, url, data, args, args.run_time, MIX, "mix", tmp)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    cores = os.cpu_count()
    if floor is not None:
        print(
            f"\nFLOOR {floor['requests']} requests of GET /api/v1/regions/[code] (bearer token, "
            f"one region read), {floor['rps']:.1f} req/s, p50 {floor['p50']:.0f} ms, p95 "
            f"{floor['p95']:.0f} ms; server {floor['cpu_ms']:.1f} ms "
            f"({100 * floor['db_share']:.0f}% in PostgreSQL) and locust "
            f"{floor['locust_ms']:.1f} ms of CPU per request"
        )
    print(
        f"\nserver CPU (gunicorn workers + their PostgreSQL backends): {total['cpu']:.1f} s, "
        f"{total['cpu_ms']:.1f} ms per request ({100 * total['db_share']:.0f}% of it in "
        f"PostgreSQL) → at most {1000 * cores / total['cpu_ms']:.0f} "
        f"req/s on {cores} dedicated cores\nload generator CPU (locust, on the same machine): "
        f"{total['locust_cpu']:.1f} s, {total['locust_ms']:.1f} ms per request → both together "
        f"at most {1000 * cores / (total['cpu_ms'] + total['locust_ms']):.0f} req/s on these "
        f"{cores} cores"
    )
    if floor is not None and floor["rps"] and floor["cpu_ms"]:
        print(
            f"mix / floor: {total['rps'] / floor['rps']:.2f} of the floor's requests per second, "
            f"{total['cpu_ms'] / floor['cpu_ms']:.1f}× its server CPU per request"
        )
    verdict = (
        total["rps"] >= 300 and total["p95"] < 200 and total["failures"] == 0 and "met" or "missed"
    )
    print(
        f"\nTOTAL {total['requests']} requests, {total['rps']:.1f} req/s, p50 {total['p50']:.0f} "
        f"ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms, {total['failures']} errors "
        f"— target (≥ 300 req/s, p95 < 200 ms, 0 errors) {verdict}"
    )


if __name__ == "__main__":
    main()
