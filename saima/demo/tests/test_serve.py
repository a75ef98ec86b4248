"""`saima demo` serves the web pages and runs the worker, and SIGTERM stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs its own SQLite server process; once per CI run is enough",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_with(marker: str) -> list[int]:
    """Processes whose environment holds `marker` (our own data directory)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_it_serves_and_stops_web_and_worker_on_sigterm(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SAIMA_DATA_DIR=str(tmp_path), PORT=str(port))
    demo = subprocess.Popen(
        [sys.executable, "-m", "saima.cli", "demo", "--no-load"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, status = time.monotonic() + 120, None
        while status is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as r:
                    status = r.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert len(processes_with(str(tmp_path))) >= 3  # demo, runserver, qcluster

        demo.send_signal(signal.SIGTERM)
        out, _ = demo.communicate(timeout=60)
        assert demo.returncode == 0, out
        assert "stopped" in out
        time.sleep(0.5)
        assert processes_with(str(tmp_path)) == []
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
