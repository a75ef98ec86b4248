"""The mixed workload of `make bench-load` (run by bench/load.py, which passes the
parameters in BENCH_PARAMS: tokens, project ids in scope, the open period).

Page users (a city dispatcher, a county administrator) sign in through the login form and
read the region overview, the project list (pages, filters, search) and project details. API
clients read /api/v1/projects and /api/v1/figures with bearer tokens, and the project
secretary saves drafts of the open period's filings through the API. The run stops after
BENCH_MAX_REQUESTS requests or locust's --run-time, whichever comes first.
"""

import json
import os
import random
import re

from locust import between, constant, events, tag, task
from locust.contrib.fasthttp import FastHttpUser

P = json.loads(os.environ["BENCH_PARAMS"])
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "100000"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def stop_at_cap(**kwargs):
    env = stop_at_cap.environment
    if env is not None and env.runner.stats.total.num_requests >= MAX_REQUESTS:
        env.runner.quit()


stop_at_cap.environment = None


@events.init.add_listener
def remember(environment, **kwargs):
    stop_at_cap.environment = environment


class PageUser(FastHttpUser):
    """A signed-in official reading pages."""

    weight = 5
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.login = random.choice(P["page_logins"])
        # Signed in already (bench/load.py made the sessions): the login form hashes the
        # password on purpose slowly, which the Login user below measures on its own.
        self.client.cookiejar.clear()
        self.headers = {"Cookie": f"sessionid={random.choice(self.login['sessions'])}"}

    def get(self, path, name):
        with self.client.get(path, headers=self.headers, name=name, catch_response=True) as r:
            if r.status_code != 200 or "/login/" in (r.url or ""):
                r.failure(f"{r.status_code} {r.url}")

    @tag("figures")
    @task(3)
    def overview(self):
        self.get(f"/regions/{self.login['region']}/", "/regions/[code]/")

    @tag("figures")
    @task(2)
    def overview_child(self):
        code = random.choice(self.login["children"])
        self.get(f"/regions/{code}/?year={P['year']}", "/regions/[code]/?year")

    @task(4)
    def project_list(self):
        page = random.randint(1, 20)
        self.get(f"/projects/?page={page}", "/projects/?page")

    @task(2)
    def project_list_filtered(self):
        code = random.choice(self.login["children"])
        stage = random.choice(["开工", "签约", "竣工"])
        self.get(f"/projects/?region={code}&stage={stage}&year={P['year']}", "/projects/?filter")

    @task(1)
    def project_search(self):
        word = random.choice(["物流园", "学校", "供热管网", "光伏电站"])
        self.get(f"/projects/?q={word}", "/projects/?q")

    @task(4)
    def project_detail(self):
        pk = random.choice(self.login["project_ids"])
        self.get(f"/projects/{pk}/", "/projects/[id]/")


class Login(FastHttpUser):
    """Signs in through the login form now and then (CSRF token, password check)."""

    weight = 1
    fixed_count = 1
    wait_time = between(2, 4)

    @task
    def login(self):
        self.client.cookiejar.clear()
        html = self.client.get("/login/", name="/login/").text
        token = CSRF.search(html).group(1)
        login = random.choice(P["page_logins"])
        with self.client.post(
            "/login/",
            data={"username": login["username"], "password": P["password"],
                  "csrfmiddlewaretoken": token},
            name="/login/ (post)", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")


class ApiReader(FastHttpUser):
    """A system reading the API with a bearer token."""

    weight = 3
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.login = random.choice(P["page_logins"])
        self.headers = {"Authorization": f"Bearer {self.login['token']}"}

    @task(3)
    def projects(self):
        code = random.choice(self.login["children"])
        self.client.get(
            f"/api/v1/projects?region={code}&page={random.randint(1, 10)}",
            headers=self.headers,
            name="/api/v1/projects",
        )

    @tag("figures")
    @task(2)
    def figures(self):
        code = random.choice([self.login["region"], *self.login["children"]])
        self.client.get(
            f"/api/v1/figures?region={code}&year={P['year']}",
            headers=self.headers,
            name="/api/v1/figures",
        )

    @task(2)
    def project(self):
        pk = random.choice(self.login["project_ids"])
        self.client.get(
            f"/api/v1/projects/{pk}", headers=self.headers, name="/api/v1/projects/[id]"
        )


class Secretary(FastHttpUser):
    """The project secretary saving drafts of this period's filings through the API."""

    weight = 1
    wait_time = between(0.1, 0.4)

    def on_start(self):
        self.headers = {"Authorization": f"Bearer {P['secretary_token']}"}

    @task
    def file(self):
        body = {
            "project": random.choice(P["secretary_projects"]),
            "period": P["open_period"],
            "amount_wan": f"{random.randint(1, 50)}.5",
            "progress": "主体结构施工中",
        }
        with self.client.post(
            "/api/v1/filings", json=body, headers=self.headers, name="/api/v1/filings (post)",
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code not in (200, 201):
                response.failure(f"{response.status_code}: {response.text[:200]}")


class Floor(FastHttpUser):
    """The baseline (run alone, first, by bench/load.py, which names the classes of each run
    on locust's command line): the cheapest signed-in request, with no pause between
    requests,
    one region read through the API. What this server and load generator manage on this
    machine when a request costs as little as it can."""

    wait_time = constant(0)

    def on_start(self):
        self.login = random.choice(P["page_logins"])
        self.headers = {"Authorization": f"Bearer {self.login['token']}"}

    @task
    def region(self):
        self.client.get(
            f"/api/v1/regions/{self.login['region']}",
            headers=self.headers,
            name="/api/v1/regions/[code]",
        )
