"""Browser end-to-end tests: headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright) against a real `saima runserver` loaded with the demo dataset.

The `server` fixture (once per session) makes a temporary SAIMA_DATA_DIR, runs
`saima demo --no-serve` into it (SQLite, the published Tonghua figures and the demo logins)
and serves it on a free port with `saima runserver`, next to the background worker
(`saima worker`: Excel imports run there), as `saima demo` itself does.
`SAIMA_E2E_URL=http://127.0.0.1:8150` uses a server (and worker) that is already running
instead; it must hold a freshly loaded demo, since the tests change data.

`login(username, viewport=...)` opens a fresh browser context (its own cookies), signs in
through the login form and returns the page. When a test fails, every page it opened is
screenshotted into e2e-screenshots/<test>-<n>.png.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("SAIMA_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "saima2022"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "e2e-screenshots"
TIMEOUT_MS = 15_000

expect.set_options(timeout=TIMEOUT_MS)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"saima runserver exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/login/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"saima runserver did not answer at {url} within {seconds}s")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a real Saima server holding the demo dataset."""
    if os.environ.get("SAIMA_E2E_URL"):
        yield os.environ["SAIMA_E2E_URL"].rstrip("/")
        return
    data_dir = tmp_path_factory.mktemp("saima-e2e-var")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SAIMA_PRODUCTION"}
    }
    env.update(
        SAIMA_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="saima.settings",
        DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    saima = [sys.executable, "-m", "saima.cli"]
    log = (data_dir / "server.log").open("w")
    subprocess.run(
        [*saima, "demo", "--no-serve"], env=env, check=True, stdout=log, stderr=log, timeout=600
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["SAIMA_SITE_URL"] = url
    web = subprocess.Popen(
        [*saima, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen([*saima, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, web)
        yield url
    finally:
        for process in (web, worker):
            process.terminate()
        for process in (web, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session", autouse=True)
def _clean_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


def _failed(item) -> bool:
    return any(
        getattr(getattr(item, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


@pytest.fixture
def browse(request, chromium, server):
    """`browse(viewport=...)`: a new page in its own browser context (own cookies)."""
    contexts = []

    def open_page(viewport=None, **options):
        context = chromium.new_context(
            base_url=server,
            viewport=viewport or DESKTOP,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    if _failed(request.node):
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::")[-1])
        n = 0
        for context in contexts:
            for page in context.pages:
                n += 1
                try:
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{n}.png"), full_page=True)
                except Exception as error:  # a crashed page must not hide the test's failure
                    print(f"screenshot {name}-{n} failed: {error}", file=sys.stderr)
    for context in contexts:
        context.close()


def sign_in(page, username, password=PASSWORD):
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.locator("main form").get_by_role("button", name="登录").click()


@pytest.fixture
def login(browse):
    """`login(username, viewport=...)`: a signed-in page for that demo account."""

    def open_signed_in(username, viewport=None, **options):
        page = browse(viewport=viewport, **options)
        sign_in(page, username)
        expect(page).not_to_have_url(re.compile(r"/login/"))
        return page

    return open_signed_in
