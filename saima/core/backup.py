"""Backup and restore of the whole ledger: the database (as Django fixtures, so a backup
taken on SQLite restores into PostgreSQL and back) and the uploaded files."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import management, serializers
from django.db import transaction
from django.utils import timezone

from saima.figures import versions

FORMAT = 1
# Derived or transient tables: recreated by migrations, the worker or the next login.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_q",
    "axes",
    "figures.DataVersion",  # cache bookkeeping; a restore starts a new epoch
]


class BackupError(Exception):
    pass


def dump_data() -> bytes:
    serializers.register_serializer("exactjson", "saima.core.exactjson")
    out = io.StringIO()
    management.call_command(
        "dumpdata",
        format="exactjson",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDE,
        stdout=out,
        indent=None,
    )
    return out.getvalue().encode()


def backup(path: Path) -> dict:
    data = dump_data()
    media = Path(settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "objects": len(json.loads(data)),
        "files": len(files),
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, content in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", data),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
        for file in files:
            tar.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
    return manifest


def restore(path: Path) -> dict:
    """Replace the database contents and uploaded files with the backup's, all or nothing
    for the database."""
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{path}: 不是有效的备份文件（{exc}）") from exc
    with tar, tempfile.TemporaryDirectory() as tmp:
        names = tar.getnames()
        if "manifest.json" not in names or "data.json" not in names:
            raise BackupError(f"{path}: 备份文件缺少 manifest.json 或 data.json")
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: 不支持的备份格式 {manifest.get('format')}")
        tar.extractall(tmp, filter="data")
        fixture = Path(tmp) / "data.json"
        with transaction.atomic():
            management.call_command("flush", interactive=False, verbosity=0)
            management.call_command("loaddata", str(fixture), verbosity=0)
            versions.reset()  # figures cached before the restore are never served
        media_src = Path(tmp) / "media"
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            for file in sorted(media.rglob("*"), reverse=True):
                file.unlink() if file.is_file() else file.rmdir()
        if media_src.exists():
            for file in media_src.rglob("*"):
                if file.is_file():
                    target = media / file.relative_to(media_src)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(file.read_bytes())
    return manifest
