"""Real processes for the kill tests: a file-backed database of their own, `saima` commands,
the worker and gunicorn as subprocesses, a pause point to wait for, and SIGKILL.

The database is a SQLite file, or a PostgreSQL database next to the one DATABASE_URL names
(cloned from a template, dropped afterwards). The test reads it with plain SQL (sqlite3 or
psycopg), never through Django, so that what it sees is what the processes committed.
"""

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

BIN = Path(sys.executable).parent
SECRET_KEY = "kill-tests-only-" + "x" * 40


class Database:
    """A database the test shares with the processes it starts."""

    def __init__(self, url: str):
        self.url = url
        self.sqlite = url.startswith("sqlite:")
        self.path = Path(urlsplit(url).path) if self.sqlite else None
        self.name = None if self.sqlite else urlsplit(url).path.lstrip("/")

    @classmethod
    def new(cls, name: str, directory: Path) -> "Database":
        """An empty database: a file in `directory`, or `name` on the server of DATABASE_URL."""
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            return cls(f"sqlite:///{directory / (name + '.sqlite3')}")
        db = cls(urlunsplit(urlsplit(url)._replace(path="/" + name)))
        db._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
        return db

    def clone(self, name: str, directory: Path) -> "Database":
        if self.sqlite:
            copy = directory / (name + ".sqlite3")
            for suffix in ("", "-wal"):  # the log holds committed pages not yet checkpointed
                if Path(f"{self.path}{suffix}").exists():
                    shutil.copyfile(f"{self.path}{suffix}", f"{copy}{suffix}")
            return Database(f"sqlite:///{copy}")
        copy = Database(urlunsplit(urlsplit(self.url)._replace(path="/" + name)))
        copy._admin(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"',
        )
        return copy

    def drop(self) -> None:
        if not self.sqlite:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, *statements) -> None:
        url = urlunsplit(urlsplit(self.url)._replace(path="/postgres"))
        with psycopg.connect(url, autocommit=True) as con:
            for statement in statements:
                con.execute(statement)

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite:
            con = sqlite3.connect(self.path, timeout=20)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()
        with psycopg.connect(self.url) as con:
            return con.execute(sql).fetchall()

    def value(self, sql: str):
        return self.rows(sql)[0][0]

    def writing(self) -> bool:
        """Is a transaction that has written something open right now? On PostgreSQL: a
        session of this database holds a transaction id. On SQLite (every Django transaction
        begins IMMEDIATE, taking the write lock): the write lock is taken."""
        if not self.sqlite:
            return bool(
                self.value(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
                )
            )
        con = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as err:
            assert "locked" in str(err), err
            return True
        finally:
            con.close()


class Processes:
    """Starts `saima` commands, the worker and gunicorn against one database and data
    directory; every process gets its own process group, and all are killed at the end."""

    def __init__(self, db: Database, directory: Path):
        self.db, self.directory = db, directory
        self.data_dir = directory / "var"
        self.log = directory / "processes.log"
        self.marker = directory / "paused"
        self.started: list[subprocess.Popen] = []

    def env(self, pause: str | None = None, **extra) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SAIMA_", "DJANGO_", "Q_")) and k != "DATABASE_URL"
        }
        env.update(
            DATABASE_URL=self.db.url,
            SAIMA_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="saima.settings",
            SECRET_KEY=SECRET_KEY,
            PYTHONUNBUFFERED="1",
            **extra,
        )
        if pause:
            env.update(SAIMA_FAULT_PAUSE=pause, SAIMA_FAULT_MARKER=str(self.marker))
        return env

    def run(self, *args, pause=None, **extra) -> subprocess.CompletedProcess:
        """A `saima` command, to its end."""
        with self.log.open("a") as log:
            return subprocess.run(
                [BIN / "saima", *args],
                env=self.env(pause, **extra),
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                timeout=120,
            )

    def python(self, module: str, *args, **extra) -> str:
        """`python -m module args` with Django set up by the module; its standard output."""
        with self.log.open("a") as log:
            done = subprocess.run(
                [sys.executable, "-m", module, *map(str, args)],
                env=self.env(**extra),
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                timeout=120,
            )
        assert done.returncode == 0, self.tail()
        return done.stdout

    def start(self, *command, pause=None, **extra) -> subprocess.Popen:
        self.marker.unlink(missing_ok=True)
        with self.log.open("a") as log:
            process = subprocess.Popen(
                [BIN / command[0], *command[1:]],
                env=self.env(pause, **extra),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, children included
            )
        self.started.append(process)
        return process

    def serve(self, pause=None) -> tuple[subprocess.Popen, str]:
        """gunicorn with the production settings (plain HTTP on 127.0.0.1), as
        docs/operations.md runs it; its base URL once it answers."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        production = {
            "SAIMA_PRODUCTION": "1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        server = self.start(
            "gunicorn", "saima.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", pause=pause, **production,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                with urllib.request.urlopen(url + "/login/", timeout=5) as response:
                    return response.status == 200
            except OSError:
                return False

        self.until(answers, 60, server, "for gunicorn to answer")
        return server, url

    def wait_paused(self, process: subprocess.Popen, seconds: float = 60) -> int:
        """Wait until the process (or one of its children) reached its pause point; its pid."""
        self.until(lambda: self.marker.exists() and self.marker.read_text(), seconds, process)
        return int(self.marker.read_text())

    def until(self, condition, seconds: float, process=None, what: str = "") -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if process is not None and process.poll() is not None:
                raise AssertionError(f"exited with {process.returncode}\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds}s {what}\n{self.tail()}")
            time.sleep(0.1)

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL to the whole process group: the supervisor, its workers, everything."""
        with contextlib.suppress(ProcessLookupError):  # all of them gone already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.started:
            self.kill(process)

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
