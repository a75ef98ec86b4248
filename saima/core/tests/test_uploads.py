"""`saima prune_uploads`: uploaded files no record points at (a web worker killed between
writing the upload and committing its record leaves one)."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from saima.ledger.models import ImportJob


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def write(media: Path, name: str, hours_old: float) -> Path:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 x")
    stamp = time.time() - hours_old * 3600
    os.utime(path, (stamp, stamp))
    return path


def prune(*args) -> str:
    out = StringIO()
    call_command("prune_uploads", *args, stdout=out)
    return out.getvalue()


def kept_upload(world, media) -> Path:
    job = ImportJob(user=world.county_admin, original_name="台账.xlsx")
    job.file.save("kept.xlsx", ContentFile(b"xlsx"), save=True)
    path = Path(job.file.path)
    stamp = time.time() - 100 * 3600
    os.utime(path, (stamp, stamp))
    return path


def test_it_lists_old_files_no_record_holds_and_changes_nothing(world, media):
    kept = kept_upload(world, media)
    orphan = write(media, "dispatch/photos/dead.jpg", hours_old=30)
    young = write(media, "dispatch/photos/uploading.jpg", hours_old=1)
    progress = write(media, "ledger/progress/7.json", hours_old=30)
    out = prune()
    assert "dispatch/photos/dead.jpg\t10 bytes\t30 h" in out
    assert "1 files (10 bytes) no record points at; --delete removes them." in out
    assert all(p.exists() for p in (kept, orphan, young, progress))


def test_delete_removes_only_the_orphans(world, media):
    kept = kept_upload(world, media)
    orphan = write(media, "problems/2026/11/dead.pdf", hours_old=30)
    young = write(media, "problems/2026/11/uploading.pdf", hours_old=1)
    out = prune("--delete", "--older-than", "12")
    assert "Removed 1 files (10 bytes)" in out
    assert not orphan.exists()
    assert kept.exists() and young.exists()
    assert ImportJob.objects.count() == 1


def test_files_younger_than_an_hour_are_never_touched(world, media):
    young = write(media, "dispatch/photos/uploading.jpg", hours_old=0.5)
    with pytest.raises(CommandError, match="--older-than: at least 1 hour"):
        prune("--delete", "--older-than", "0")
    assert young.exists()
