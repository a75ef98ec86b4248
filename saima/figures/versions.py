"""Data versions: counters that move after every committed change of data the figures read,
so that cached figures (`saima.figures.cache`) are never served for data that has changed.

A change of data attached to region X (a project of X, its plans, stage dates, filings,
approvals, problems; a target, period or schedule of X) moves, once its transaction commits:

- `below:<p>` for every prefix p of X's code (2, 4, 6 and 12 digits): the figures of every
  region whose prefix is p count X's data (they select by code prefix, like the figures do);
  and `below:` (the empty prefix), which counts and totals of lists across regions read;
- `own:<prefix of X>`: regions below X read what is attached to X (the periods X governs,
  its escalation ladder), so their figures are keyed on it too.

Data that belongs to no region (approval types, problem categories …) moves `global`.
`epoch` is random per database and renewed by `reset()` (after a restore or a demo load, or
whenever data was written around the services), so entries cached for another database or
before a restore are never hit.

Writes through the ORM are seen by signals; bulk writes (`bulk_create`, `QuerySet.update`)
send none, so their callers call `touch_codes`/`touch_global` themselves (the Excel import,
the escalation job). The counters move after commit (`transaction.on_commit`), in one short
statement outside the writer's transaction, so writers of different regions never wait for
each other; if a process dies between its commit and the move, cached figures of that region
may be stale until the next change or the cache timeout (`FIGURES_CACHE_SECONDS`).
"""

import functools
import logging
import secrets
from contextvars import ContextVar

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, connection, models, router, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from saima.regions.models import PREFIX_LENGTH, Region

from .models import DataVersion

log = logging.getLogger(__name__)

EPOCH, GLOBAL, ALL = "epoch", "global", "below:"
WATCHED_APPS = {"regions", "projects", "dispatch", "schedule", "problems", "events"}
# Rows that no figure reads: photos and attachments of filings and problems.
IGNORED = {"dispatch.FilingPhoto", "problems.Attachment", "regions.Department"}
# Rows some of whose changes move nothing (a draft filing counts in no figure).
PARTIAL = {"dispatch.Filing"}
LENGTHS = sorted(set(PREFIX_LENGTH.values()))
PENDING = "saima_pending_versions"
# The counters read during the current request (None outside requests): a page reads the
# same counters for each of its figures, and one reading per request is enough. A move made
# by this request empties it.
_read: ContextVar[dict | None] = ContextVar("saima_versions_read", default=None)


# --- reading ---------------------------------------------------------------------------


def keys_for(region: Region) -> list[str]:
    """The counters the figures of `region` depend on."""
    prefix = region.prefix
    own = [f"own:{prefix[:n]}" for n in LENGTHS]
    return list(dict.fromkeys([EPOCH, GLOBAL, f"below:{prefix}", *own]))


def token(region: Region | None) -> tuple:
    """The current values of the counters of the region's figures, or of all data when
    `region` is None (one query); part of every cache key."""
    keys = keys_for(region) if region is not None else [EPOCH, GLOBAL, ALL]
    # Read from where the figures will be read (a replica, see saima.core.replica), and
    # remembered per database: versions must never be newer than the data they key.
    db = router.db_for_read(DataVersion)
    read = _read.get()
    if read is not None and (known := read.get((db, *keys))) is not None:
        return known
    rows = DataVersion.objects.using(db).filter(key__in=keys).values_list("key", "value")
    values = dict(rows)
    if EPOCH not in values:
        values[EPOCH] = _new_epoch()
    result = tuple(values.get(k, 0) for k in keys)
    if read is not None:
        read[(db, *keys)] = result
    return result


def _request_started(**kwargs):
    _read.set({})


def _request_finished(**kwargs):
    _read.set(None)


def _forget() -> None:
    if _read.get() is not None:
        _read.set({})


def _new_epoch() -> int:
    try:
        with transaction.atomic():
            row, _created = DataVersion.objects.get_or_create(
                key=EPOCH, defaults={"value": secrets.randbits(62)}
            )
    except IntegrityError:  # another process made it first
        row = DataVersion.objects.get(key=EPOCH)
    return row.value


def reset() -> None:
    """A new epoch: every figure cached so far is out of date (after a restore, a demo load,
    or any write that went around the ORM)."""
    DataVersion.objects.update_or_create(key=EPOCH, defaults={"value": secrets.randbits(62)})
    _forget()


# --- moving ----------------------------------------------------------------------------


def touch_codes(codes, own_prefixes=()) -> None:
    """Data of the regions with these codes changed (moves after the transaction commits)."""
    # `below:` (the empty prefix) moves with every change: lists across regions read it.
    # (A code shorter than the longest prefix is its own prefix: a 9-digit town code.)
    keys = {f"below:{code[:n]}" for code in codes for n in (0, *LENGTHS)}
    keys |= {f"own:{p}" for p in own_prefixes}
    _queue(keys)


def touch_global() -> None:
    _queue({GLOBAL, ALL})


def _queue(keys: set) -> None:
    if not keys:
        return
    conn = transaction.get_connection()
    conn.__dict__.setdefault(PENDING, set()).update(keys)
    # Every change registers the flush; the first to run moves everything pending, the
    # others find nothing. Keys of a rolled-back change are moved by the next commit, which
    # only costs a recomputation.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    conn = transaction.get_connection()
    keys = sorted(conn.__dict__.pop(PENDING, set()))
    if not keys:
        return
    try:
        bump(keys)
    except Exception:
        # Moved by the next commit on this connection instead (the cache timeout bounds the
        # wait); on_commit(robust=True) logs the error.
        conn.__dict__.setdefault(PENDING, set()).update(keys)
        raise


def bump(keys: list[str]) -> None:
    """Add one to each counter in one statement (rows in key order: no deadlock between two
    bumps), creating missing ones."""
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    key, value = (connection.ops.quote_name(c) for c in ("key", "value"))
    rows = ", ".join(["(%s, 1)"] * len(keys))
    sql = (
        f"INSERT INTO {table} ({key}, {value}) VALUES {rows} "
        f"ON CONFLICT ({key}) DO UPDATE SET {value} = {table}.{value} + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
    _forget()


# --- signals ---------------------------------------------------------------------------


def _region_code(instance) -> str | None:
    """The code of the region a row belongs to, through its region, project, period, filing
    or problem; None when it belongs to none."""
    if isinstance(instance, Region):
        return instance.code
    for name in ("region", "project", "period", "filing", "problem"):
        try:
            field = instance._meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist: try the next link
            continue
        if not field.many_to_one:
            continue
        if name == "region":
            return getattr(instance, field.attname)
        try:
            related = getattr(instance, name)
        except field.related_model.DoesNotExist:
            return None
        return _region_code(related) if related is not None else None
    return None


@functools.lru_cache(maxsize=4096)
def _prefix_of(code: str) -> str:
    region = Region.objects.filter(code=code).only("code", "level").first()
    return region.prefix if region is not None else code


def _has_region(sender) -> bool:
    return _has_fk(sender, "region") or sender is Region


def _has_fk(sender, name: str) -> bool:
    try:
        return sender._meta.get_field(name).many_to_one
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return False


def _watched(sender) -> bool:
    meta = sender._meta
    return meta.app_label in WATCHED_APPS and meta.label not in IGNORED and not meta.proxy


def tracks(model) -> bool:
    """Every committed change of this model's rows moves the counters, so counts over it may
    be cached (not so for filings: a draft moves nothing)."""
    return _watched(model) and model._meta.label not in PARTIAL


def _counts(instance) -> bool:
    """A filing that is a draft and was never submitted counts in no figure."""
    if instance._meta.label == "dispatch.Filing":
        from saima.dispatch.choices import FilingState

        return instance.state != FilingState.DRAFT or instance.first_submitted_at is not None
    return True


def _remember_region(sender, instance, raw=False, **kwargs):
    """Before a row with a region of its own is saved: the region it had (it may move)."""
    if raw or instance.pk is None or not _has_fk(sender, "region"):
        return
    field = sender._meta.get_field("region")
    before = sender._default_manager.filter(pk=instance.pk).values_list(field.attname, flat=True)
    instance._saima_region_before = before.first()


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rows as stored, their links maybe not loaded yet
        touch_global()
        return
    if not _counts(instance):
        return
    try:
        code = _region_code(instance)
    except Exception:  # noqa: BLE001 - never fail a write for the cache's sake
        log.exception("data version: no region for %r", instance)
        code = None
    if code is None:
        touch_global()
        return
    codes = {code}
    if before := getattr(instance, "_saima_region_before", None):
        codes.add(before)
    if sender is Region:
        # A region that moves changes the sub-regions of its old and new parent, and the
        # regions are few and rarely edited: every figure is recomputed.
        _prefix_of.cache_clear()
        touch_global()
    # What is attached to a region itself (periods, schedules, targets, ladders) is read by
    # the figures of the regions below it as well.
    own = {_prefix_of(c) for c in codes} if _has_region(sender) else ()
    touch_codes(codes, own_prefixes=own)


def touch(instance) -> None:
    """A row changed by a bulk `QuerySet.update`, which sends no signal."""
    _changed(type(instance), instance)


def _nulled(sender, **kwargs):
    """A row that watched rows point at with SET_NULL was deleted: Django cleared those
    links with one bulk UPDATE, which sends no signal (a user who led projects, a
    department that was in charge of some)."""
    touch_global()


def connect() -> None:
    """Receivers on the watched models only (a receiver on every model would turn off
    Django's fast deletes everywhere, and see the historical models of migrations)."""
    nulled = set()
    for model in apps.get_models():
        if _watched(model):
            uid = f"saima.versions.{model._meta.label}"
            pre_save.connect(_remember_region, sender=model, dispatch_uid=uid)
            post_save.connect(_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_changed, sender=model, dispatch_uid=uid)
            nulled |= {
                field.related_model
                for field in model._meta.get_fields()
                if field.many_to_one
                and field.concrete
                and field.remote_field.on_delete in (models.SET_NULL, models.SET_DEFAULT)
            }
    for model in nulled:
        post_delete.connect(_nulled, sender=model, dispatch_uid=f"saima.versions.nulled.{model}")
    request_started.connect(_request_started, dispatch_uid="saima.versions.read")
    request_finished.connect(_request_finished, dispatch_uid="saima.versions.read")
