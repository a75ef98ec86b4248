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


def recover_jobs() -> int:
    """Queue again the work whose task was lost (a killed worker, a restarted Redis), or fail
    it when it was taken up too often, in the apps that have a `jobs.recover_jobs()`; how many
    jobs it queued or failed."""
    modules = (import_module(name) for name in JOB_MODULES)
    return sum(module.recover_jobs() for module in modules if hasattr(module, "recover_jobs"))
