"""Uploaded files that no record points at: left behind when a process died between writing
an upload and committing its record (a web worker killed mid-request), or when the record's
transaction was rolled back. `saima prune_uploads` lists them and, when asked, removes them.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

# Working files a job writes beside the uploads and removes when it ends (import progress).
WORKING = ("ledger/progress/",)


@dataclass(frozen=True)
class Orphan:
    name: str  # relative to MEDIA_ROOT, as a FileField stores it
    size: int
    age_hours: float


def referenced_names() -> set[str]:
    """Every file name some FileField of some record holds."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                rows = model._default_manager.exclude(**{field.name: ""}).exclude(
                    **{f"{field.name}__isnull": True}
                )
                names.update(rows.values_list(field.name, flat=True).iterator())
    return names


def orphans(older_than_hours: float) -> list[Orphan]:
    """Files under MEDIA_ROOT that no record holds and that were last written more than
    `older_than_hours` ago (a younger one may belong to an upload whose record is being
    committed right now)."""
    media = Path(settings.MEDIA_ROOT)
    if not media.exists():
        return []
    names = referenced_names()
    now = time.time()
    found = []
    for path in sorted(media.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(media).as_posix()
        if name.startswith(WORKING):
            continue
        stat = path.stat()
        age = (now - stat.st_mtime) / 3600
        if name not in names and age > older_than_hours:
            found.append(Orphan(name, stat.st_size, age))
    return found


def prune(found: list[Orphan]) -> None:
    media = Path(settings.MEDIA_ROOT)
    for orphan in found:
        (media / orphan.name).unlink(missing_ok=True)
