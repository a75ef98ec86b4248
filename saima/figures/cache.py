"""Cached figures: a figure of a region is computed once per version of the data it reads.

`cached(fn, region, *args)` returns `fn(region, *args)`, from Django's cache when the same
call was made since the region's data last changed (`saima.figures.versions`: the key holds
the counters of the region, the prefixes above it and the database's epoch). Pages and API
reads of dashboards use it; the functions that freeze or publish figures call the figure
functions directly.

Inside a transaction (`atomic`) nothing is read from or written to the cache: the
transaction may have changed data it has not committed yet.
"""

import functools
import hashlib
import io
import logging
import pickle
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.utils.functional import Promise, _lazy_proxy_unpickle, lazy

from . import versions

MISSING = object()
log = logging.getLogger(__name__)


def _part(value):
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, list | tuple):
        return tuple(_part(v) for v in value)
    return value


@functools.cache
def code_version() -> str:
    """A fingerprint of the installed code (every module's path, size and time): a deploy
    changes it, so results pickled by other code (other definitions, other classes) are
    never read back."""
    root = Path(__file__).resolve().parent.parent
    files = sorted(root.rglob("*.py"))
    stamp = [(str(f.relative_to(root)), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
    return hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]


@functools.cache
def _lazy_of(func, resultclasses: tuple):
    return lazy(func, *resultclasses)


def _lazy_call(func, resultclasses: tuple, args: tuple, kwargs: dict):
    return _lazy_of(func, resultclasses)(*args, **kwargs)


class _Pickler(pickle.Pickler):
    """Pickles a lazy translation (`gettext_lazy`) as a call of a lazy function made once per
    process: Django's own pickling builds a new proxy class for every lazy string read back
    (about half a millisecond each; the pace panel holds ten). It stays lazy: it is
    translated when shown, in the reader's language."""

    def reducer_override(self, obj):
        if isinstance(obj, Promise):
            unpickle, (func, args, kwargs, *resultclasses) = obj.__reduce__()
            if (
                unpickle is _lazy_proxy_unpickle
                and isinstance(kwargs, dict)
                and all(isinstance(v, str | int) for v in kwargs.values())
            ):
                return _lazy_call, (func, tuple(resultclasses), args, kwargs)
        return NotImplemented


def dumps(value) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _through_cache(parts: tuple, compute):
    timeout = settings.FIGURES_CACHE_SECONDS
    if not timeout or connection.in_atomic_block:
        return compute()
    store = caches[settings.FIGURES_CACHE]
    name = "saima:figures:" + hashlib.sha256(repr((code_version(), parts)).encode()).hexdigest()
    try:
        raw = store.get(name, MISSING)
        value = MISSING if raw is MISSING else pickle.loads(raw)
    except Exception:  # noqa: BLE001 - an unreadable entry is a miss
        log.warning("figures cache: unreadable entry %s", name, exc_info=True)
        value = MISSING
    if value is MISSING:
        value = compute()
        store.set(name, dumps(value), timeout)
    return value


def cached(fn, region, *args, **kwargs):
    """`fn(region, *args, **kwargs)`, computed once per version of the region's data."""
    if not settings.FIGURES_CACHE_SECONDS or connection.in_atomic_block:
        return fn(region, *args, **kwargs)
    parts = (
        fn.__module__,
        fn.__qualname__,
        region.code,
        _part(args),
        sorted((k, _part(v)) for k, v in kwargs.items()),
        versions.token(region),
    )
    return _through_cache(parts, lambda: fn(region, *args, **kwargs))


def cached_over(queryset, fn):
    """`fn(queryset)` (a count, a total, a list of choices), computed once per version of all
    data for the same SQL: the SQL holds the user's scope and filters, so equal SQL means
    equal rows while nothing has changed."""
    if not settings.FIGURES_CACHE_SECONDS or connection.in_atomic_block:
        return fn(queryset)
    try:
        sql = queryset.query.sql_with_params()
    except EmptyResultSet:
        return fn(queryset)
    parts = (fn.__module__, fn.__qualname__, sql, versions.token(None))
    return _through_cache(parts, lambda: fn(queryset))
