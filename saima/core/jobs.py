"""The worker's schedules: every app with scheduled work has a `jobs.ensure_schedules()`.

A fixed list, not a registry: add a module here when an app gains scheduled work.
"""

from importlib import import_module

JOB_MODULES = [
    "saima.notifications.jobs",
    "saima.problems.jobs",
    "saima.letters.jobs",
    "saima.dispatch.jobs",
    "saima.ledger.jobs",
]


def ensure_schedules() -> None:
    """Create or update every app's Schedule rows (idempotent)."""
    for name in JOB_MODULES:
        import_module(name).ensure_schedules()
