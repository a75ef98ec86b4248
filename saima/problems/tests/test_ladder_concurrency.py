"""Concurrent editors of one region's ladder (PostgreSQL): the lock on the region row and the
fingerprint let exactly one of the editors who read the same ladder save it; the others get
a conflict and nothing of theirs is written, whether the region had rows or not."""

import pytest

from saima.audit.models import AuditEntry, Source
from saima.core.errors import VersionConflict
from saima.problems.choices import Holder
from saima.problems.ladder_services import fingerprint, save_ladder
from saima.problems.models import EscalationLevel
from saima.projects.tests.test_concurrency import _run_concurrently

EDITORS = 6
pytestmark = pytest.mark.postgres


def _ladder(days):
    return [
        {
            "level": n,
            "holder": Holder.LEADER,
            "title": "包保领导",
            "person": None,
            "working_days": d,
        }
        for n, d in enumerate(days, start=1)
    ]


@pytest.mark.parametrize("has_own", [False, True])
@pytest.mark.django_db(transaction=True)
def test_of_editors_who_read_the_same_ladder_one_saves(world, has_own):
    if has_own:
        save_ladder(world.county, _ladder([9]), world.county_admin, Source.WEB)
    read = fingerprint(world.county)
    entries = AuditEntry.objects.count()

    def edit(i):
        # Each editor writes a ladder of a different length, so a mix would show.
        days = [i + 1] * (i % 3 + 1)
        return save_ladder(world.county, _ladder(days), world.county_admin, Source.WEB, read)

    results = _run_concurrently(edit, EDITORS)
    winners = [r for r in results if isinstance(r, list)]
    assert len(winners) == 1, results
    assert all(isinstance(r, VersionConflict) for r in results if r is not winners[0]), results
    saved = list(
        EscalationLevel.objects.filter(region=world.county)
        .order_by("level")
        .values_list("level", "working_days")
    )
    assert saved == [(r.level, r.working_days) for r in winners[0]]
    assert AuditEntry.objects.count() - entries == len(saved)
