"""A worker killed in the middle of a real import: the ledger is exactly as before (the whole
file is one transaction), and importing the file again stores it all once. The kill is
simulated in process by a BaseException raised from the progress callback after some chunks
have been written inside the transaction."""

import pytest

from saima.ledger import importer
from saima.ledger.importer import import_ledger
from saima.projects.models import Project

from .files import write_xlsx
from .test_faults_fuzz import HEADER, _state


class Killed(BaseException):
    pass


def test_an_import_killed_midway_leaves_the_ledger_as_before(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 10)
    rows = [HEADER] + [[i, f"项目{i}", "东昌区", 100 + i] for i in range(1, 51)]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    before = _state()
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 3:
            assert Project.objects.filter(name__startswith="项目").count() == 30  # written…
            raise Killed

    with pytest.raises(Killed):
        import_ledger(path, user=world.county_admin, dry_run=False, progress=progress)
    assert _state() == before  # …and rolled back with the transaction

    report = import_ledger(path, user=world.county_admin, dry_run=False)
    assert report.stored and report.created == 50
    assert Project.objects.filter(name__startswith="项目").count() == 50
