from django.core.management import call_command
from django.core.management.base import BaseCommand

from saima.core.jobs import ensure_schedules


class Command(BaseCommand):
    help = "Ensure every app's schedules, then run the django-q2 cluster (stops on SIGTERM)."

    def handle(self, *args, **options):
        ensure_schedules()
        self.stdout.write("schedules ensured; starting the worker cluster")
        # qcluster installs its own SIGTERM/SIGINT handlers: workers finish their current task
        # and the cluster exits cleanly.
        call_command("qcluster")
