"""Dashboards and exports read from a PostgreSQL read replica, when one is configured
(`DATABASE_REPLICA_URL`); without it nothing here changes anything.

Only the views marked with `@reads_from_replica` (pages, downloads) or `ReplicaReads` (API
views) read there, and only for GET and HEAD. What decides access is read from the primary
first: the session, the user, a bearer token and the user's grants, so a revoked grant takes
effect at once. The rest of the view reads the replica, except:

- inside a transaction, and after the view has written anything (both go to the primary);
- for a browser that has changed something in the last `REPLICA_PIN_SECONDS` (the pin
  cookie set by `PinMiddleware`): it reads its own change at once, not after the replica
  has caught up;
- for users who read only the projects assigned to them (or none): their assignments decide
  what they see, so they are read where they change.

If the replica fails a query (down, or a query cancelled by replay) before the view wrote
anything, the view runs again on the primary.

Cached figures stay right: their keys hold data versions (`saima.figures.versions`) read
from the same database as the figures, before them, and a replica only moves forward, so a
figure is never stored under versions newer than its data.
"""

import functools
import logging
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

REPLICA = "replica"
PIN_COOKIE = "saima_primary"
SAFE_METHODS = ("GET", "HEAD")
CHANGES = ("POST", "PUT", "PATCH", "DELETE")
log = logging.getLogger(__name__)


class _Reads:
    """One view's stretch of replica reads; `wrote` once it has written anything."""

    wrote = False


_current: ContextVar[_Reads | None] = ContextVar("saima_replica_reads", default=None)


def enabled() -> bool:
    return REPLICA in settings.DATABASES


class Router:
    """settings.DATABASE_ROUTERS: reads go to the replica only inside a marked view."""

    def db_for_read(self, model, **hints):
        # The primary by name, not None: None would let Django follow an object read from
        # the replica (a cached figure's region, say) back to the replica.
        reads = _current.get()
        if reads is None or reads.wrote or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        reads = _current.get()
        if reads is not None:
            reads.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's data


def enter(request):
    """Start reading from the replica, if this request may; a token for `leave`, or None."""
    if (
        not enabled()
        or request.method not in SAFE_METHODS
        or request.COOKIES.get(PIN_COOKIE)
        or _current.get() is not None
    ):
        return None
    from saima.accounts.access import ledger_reach

    # The user (and token) and their grants, from the primary. A user who reads only the
    # projects assigned to them stays there: their assignments decide what they see.
    if ledger_reach(request.user) != "region":
        return None
    return _current.set(_Reads())


def _forget(**kwargs) -> None:
    """Each request starts on the primary, whatever an earlier one left behind."""
    _current.set(None)


request_started.connect(_forget, dispatch_uid="saima.core.replica")


def leave(token) -> None:
    if token is not None:
        _current.reset(token)


def reads_from_replica(view):
    """Decorator for a page or download view (function) that only reads."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return _on_replica(request, lambda: _rendered(view(request, *args, **kwargs)))

    return wrapper


def _rendered(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # a TemplateResponse reads when it renders
    return response


def _on_replica(request, run):
    """`run()` reading from the replica if this request may; once more from the primary if
    the replica fails it (down, or a query cancelled by replay) before anything was
    written."""
    token = enter(request)
    if token is None:
        return run()
    reads = _current.get()
    try:
        return run()
    except OperationalError:
        if reads.wrote:
            raise
        log.warning("read replica failed; %s read from the primary", request.path, exc_info=True)
    finally:
        leave(token)
    return run()


class ReplicaReads:
    """Mixin for an API view (before APIView): its GETs read from the replica, after
    authentication and permission checks on the primary."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._replica_token = enter(request)

    def finalize_response(self, request, response, *args, **kwargs):
        self._leave_replica()
        return super().finalize_response(request, response, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:  # also when the view raised what DRF does not handle
            self._leave_replica()

    def handle_exception(self, exc):
        reads = _current.get()
        if (
            isinstance(exc, OperationalError)
            and getattr(self, "_replica_token", None) is not None
            and not reads.wrote
        ):
            self._leave_replica()
            log.warning("read replica failed; %s read from the primary", self.request.path)
            try:
                handler = getattr(self, self.request.method.lower())
                return handler(self.request, *self.args, **self.kwargs)
            except Exception as again:  # noqa: BLE001 - handled as DRF handles any error
                exc = again
        return super().handle_exception(exc)

    def _leave_replica(self):
        leave(getattr(self, "_replica_token", None))
        self._replica_token = None


class PinMiddleware:
    """After a successful change (POST, PUT, PATCH, DELETE), the browser reads from the
    primary for `REPLICA_PIN_SECONDS`, so it sees its own change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if enabled() and request.method in CHANGES and response.status_code < 400:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
