from django.core.management import call_command
from django.core.management.base import BaseCommand

from saima.core.jobs import ensure_schedules, recover_jobs


class Command(BaseCommand):
    help = (
        "Ensure every app's schedules, queue again the work whose task was lost, then run the "
        "django-q2 cluster (stops on SIGTERM)."
    )

    def handle(self, *args, **options):
        ensure_schedules()
        recovered = recover_jobs()
        self.stdout.write(
            f"schedules ensured; {recovered} interrupted job(s) queued again or failed"
        )
        self.stdout.write("starting the worker cluster")
        # qcluster installs its own SIGTERM/SIGINT handlers: workers finish their current task
        # and the cluster exits cleanly.
        call_command("qcluster")
