"""Named pause points for the kill tests (saima/core/tests/test_faults_sigkill.py).

Production never sets SAIMA_FAULT_PAUSE, and then `pause()` only reads the environment. With
SAIMA_FAULT_PAUSE=<point>[@<n>] a process stops the n-th time (default the first) it reaches
`pause("<point>")`: it writes its pid to the file SAIMA_FAULT_MARKER, so the test knows the
process is in the middle of its work, and sleeps until it is killed.

The points, each placed inside the transaction it interrupts, after something was written:

    ledger.chunk        an import wrote a chunk of rows (saima.ledger.importer; a preview too)
    ledger.enqueue      an import job's new state is saved, its task not yet queued
    problems.escalated  the escalation job climbed a problem one rung (saima.problems.jobs)
"""

import os
import time
from collections import Counter
from pathlib import Path

_reached: Counter = Counter()


def pause(point: str) -> None:
    wanted = os.environ.get("SAIMA_FAULT_PAUSE")
    if not wanted:
        return
    name, _at, nth = wanted.partition("@")
    if name != point:
        return
    _reached[point] += 1
    if _reached[point] != int(nth or 1):
        return
    Path(os.environ["SAIMA_FAULT_MARKER"]).write_text(str(os.getpid()))
    while True:
        time.sleep(60)
