"""The demo dataset: a list of steps run in order inside one transaction.

Each step is a plain function `step(demo) -> str` that takes the shared `Demo` context and
returns a short summary; it must be idempotent (skip what already exists), so that
`saima demo` can run again and reuse what it made. Other features append their own steps
(groundbreaking events, filings, problems …) to STEPS.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from saima.dispatch.demo import load_dispatch_demo
from saima.events.demo import load_events_demo
from saima.figures import versions
from saima.problems.demo import load_problems_demo
from saima.ranking.demo import load_ranking_demo
from saima.schedule.demo import load_schedule_demo

from .ledger import load_ledger
from .people import load_people
from .regions import load_departments, load_regions

SEED = 2022


@dataclass
class Demo:
    """What the steps share: a seeded random generator (the demo is the same every time),
    today's date, the acting user for the audit trail, and lookups filled by earlier steps."""

    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    today: date = field(default_factory=timezone.localdate)
    actor: object = None
    users: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)  # region code → its ordinary units
    units: dict = field(default_factory=dict)  # unit name → unit
    names: set = field(default_factory=set)
    codes: set = field(default_factory=set)


STEPS = [
    load_regions,
    load_departments,
    load_people,
    load_ledger,
    load_schedule_demo,
    load_events_demo,
    load_dispatch_demo,
    load_problems_demo,
    load_ranking_demo,
]


def load_demo(log=None) -> Demo:
    demo = Demo()
    with transaction.atomic():
        for step in STEPS:
            started = time.monotonic()
            summary = step(demo)
            if log is not None:
                log(f"{step.__name__}: {summary} ({time.monotonic() - started:.1f}s)")
        versions.reset()  # the steps write in bulk, around the signals
    return demo
