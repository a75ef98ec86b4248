"""`saima demo [--no-serve] [--no-load] [--port N]`: migrate, load the demo dataset (once),
print the address and the demo logins, then run the web server and the background worker
until Ctrl-C or SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from saima.accounts.models import Role
from saima.demo.loader import load_demo
from saima.demo.people import PASSWORD, logins
from saima.regions.models import Region

HOST = "127.0.0.1"


class Stop(Exception):
    """Raised by the signal handler to leave the supervision loop."""


def _raise_stop(signum, frame):
    raise Stop


class Command(BaseCommand):
    help = "Run Saima with the Jilin demo dataset on this machine."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="load and print, then exit")
        parser.add_argument("--no-load", action="store_true", help="do not load the demo dataset")
        parser.add_argument("--port", type=int, help="default: $PORT or 8000")

    def handle(self, *args, no_serve, no_load, port, **options):
        port = port or self.port_from_env()
        self.stdout.write("准备数据库 (migrate) …")
        call_command("migrate", interactive=False, verbosity=0)
        if not no_load:
            started = time.monotonic()
            load_demo(log=lambda line: self.stdout.write(f"  {line}"))
            self.stdout.write(f"演示数据已就绪 ({time.monotonic() - started:.1f}s)")
        self.print_logins(port)
        if not no_serve:
            self.serve(port)

    def port_from_env(self) -> int:
        value = os.environ.get("PORT") or "8000"
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise CommandError(f"PORT must be a port number, got {value!r}")
        return int(value)

    def print_logins(self, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(f"Saima: http://{HOST}:{port}/")
        rows = [(login, present) for login, present in logins() if present]
        if not rows:
            self.stdout.write("(no demo logins: run without --no-load to create them)")
            return
        names = dict(Region.objects.values_list("code", "name"))
        roles = dict(Role.choices)
        self.stdout.write(f"演示账号（密码均为 {PASSWORD}）:")
        self.stdout.write(f"  {'username':<12} {'password':<10} {'role':<16} region")
        for login, _ in rows:
            region = f"{names.get(login.region, '')} {login.region}"
            role = f"{login.role} {roles[login.role]}"
            unit = f" · {login.unit}" if login.unit else ""
            self.stdout.write(f"  {login.username:<12} {PASSWORD:<10} {role:<16} {region}{unit}")
        self.stdout.write("")

    def serve(self, port: int) -> None:
        # WhiteNoise serves from the finders; an empty STATIC_ROOT keeps it from warning.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "saima.settings"}
        saima = [sys.executable, "-m", "saima.cli"]
        children = {
            "web": subprocess.Popen([*saima, "runserver", "--noreload", f"{HOST}:{port}"], env=env),
            "worker": subprocess.Popen([*saima, "worker"], env=env),
        }
        self.stdout.write(
            f"serving at http://{HOST}:{port}/ with the background worker; Ctrl-C stops both"
        )
        self.stdout.flush()
        previous = {s: signal.signal(s, _raise_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        failed = None
        try:
            while failed is None:
                failed = next((n for n, p in children.items() if p.poll() is not None), None)
                time.sleep(0.3)
        except Stop:
            pass
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
            self.stop(children)
        if failed is not None:
            raise CommandError(
                f"the {failed} process stopped (exit code {children[failed].returncode})"
            )
        self.stdout.write("stopped")

    def stop(self, children: dict) -> None:
        for process in children.values():
            if process.poll() is None:
                process.terminate()
        for process in children.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
