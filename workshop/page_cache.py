"""Page parts rendered once and served from the cache until the data they show changes.

One data version stands for "everything pages show". Any SQL that writes a table of the
domain's apps replaces it: the database layer sees every write (saves, `bulk_create`,
`update()`, deletes, raw SQL through Django), so no write path can forget to. It is replaced
at once (the writing request sees its own change) and again when the transaction commits
(nothing read before the commit outlives it). Cached parts are keyed on the version, the
reader, the language and the quarter of an hour (so "today" turns over on time in every time
zone). A version is a random token rather than a counter: two processes never hand out the
same one.

The version lives in the cache every process shares (web workers, Celery workers, manage.py
commands): Redis in production, files under var/ otherwise. What is cached under a version
never changes once written, so each process keeps it in its own memory ("template_fragments",
the cache Django's `{% cache %}` tag uses): serving a cached page costs one shared read.
"""

import contextlib
import hashlib
import re
import uuid

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

VERSION_KEY = "kachinko:data-version"
APPS_SHOWN_ON_PAGES = ("workshop", "groups", "projects")
# SQLite adds many-to-many rows with INSERT OR IGNORE; PostgreSQL with INSERT … ON CONFLICT.
WRITE = re.compile(
    r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?',
    re.IGNORECASE,
)

# Versions narrower than the data version, each replaced only by writes to the tables of its
# models (and their many-to-many tables): what is computed from those tables alone is kept
# across every other write.
NARROW_VERSIONS = {
    # Who holds which role (workshop/access.py): a session moved or a note written leaves
    # everyone's roles as they were.
    "roles": (
        "workshop.User",
        "workshop.StaffMembership",
        "workshop.Guardian",
        "workshop.Participant",
        "groups.Group",
        "groups.Membership",
    ),
    # What a workshop is made of, without its sessions: days, rooms, stages, staff, groups
    # with their sizes and mentors, how many children (the planner's choices, read again by
    # every move).
    "setup": (
        "workshop.Participant",
        "workshop.Workshop",
        "workshop.WorkshopDay",
        "workshop.Room",
        "workshop.User",
        "workshop.StaffMembership",
        "projects.Stage",
        "groups.Group",
        "groups.Membership",
    ),
    # The deliveries that failed, on the organizer's dashboard. Deliveries are not shown on
    # cached pages otherwise: their writes (one a message) replace this version alone.
    "deliveries": ("deliveries.Delivery", "workshop.User"),
}
ROLE_MODELS = NARROW_VERSIONS["roles"]

_request = Local()
_tables: frozenset[str] = frozenset()
# For each table, the narrow versions a write to it replaces.
_narrow_of_table: dict[str, tuple[str, ...]] = {}


def data_version() -> str:
    """The current version; within a request, read from the cache once."""
    return _version(VERSION_KEY, "version")


def roles_version() -> str:
    """The version of who holds which role: replaced only by writes to `ROLE_MODELS`."""
    return narrow_version("roles")


def narrow_version(name: str) -> str:
    """One of `NARROW_VERSIONS`; within a request, read from the cache once."""
    return _version(f"kachinko:{name}-version", f"{name}_version")


def _version(key: str, attribute: str) -> str:
    version = getattr(_request, attribute, None)
    if version is None:
        version = cache.get(key)
        if version is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            version = cache.get(key)
        if getattr(_request, "active", False):
            setattr(_request, attribute, version)
    return version


def _replacer(key: str, attribute: str):
    def replace() -> None:
        version = uuid.uuid4().hex
        cache.set(key, version, timeout=None)
        if getattr(_request, "active", False):
            setattr(_request, attribute, version)

    return replace


_replace_version = _replacer(VERSION_KEY, "version")
_replace_narrow = {
    name: _replacer(f"kachinko:{name}-version", f"{name}_version") for name in NARROW_VERSIONS
}


def note_change(using: str = "default", *, narrow: tuple[str, ...] = (), data: bool = True) -> None:
    """Replace the version (unless `data` is false: a table no page shows but through a
    narrow version) and the narrow versions the write touches, now, and once more when the
    open transaction (if any) commits; within `changes_noted_once()`, once as it ends."""
    replacements = [
        *([_replace_version] if data else []),
        *(_replace_narrow[name] for name in narrow),
    ]
    pending = getattr(_request, "pending", None)
    if pending is not None:
        pending.update(replacements)
        return
    connection = connections[using]
    for replace in replacements:
        replace()
        if connection.in_atomic_block and not any(
            callback is replace for _, callback, _ in connection.run_on_commit
        ):
            transaction.on_commit(replace, using=using)


@contextlib.contextmanager
def changes_noted_once():
    """Replace the versions the writes within touch once, as the block ends (after the
    transactions it opened have committed; again when an outer one commits), rather than
    twice per write: a worker sending a chunk of messages, one transaction each, replaces the
    deliveries' version once a chunk. Pages read meanwhile may show the state before the
    block, as they would before a commit."""
    if getattr(_request, "pending", None) is not None:
        yield
        return
    _request.pending = set()
    try:
        yield
    finally:
        pending, _request.pending = _request.pending, None
        for replace in pending:
            replace()
            if connections["default"].in_atomic_block:
                transaction.on_commit(replace)


def clock_bucket() -> str:
    """The current quarter of an hour: every time zone's midnight falls on one's edge."""
    now = timezone.now()
    return f"{now:%Y%m%d%H}{now.minute // 15}"


def reader_key(user, language: str = "") -> str:
    """What a cached part for this reader depends on, besides its own name."""
    return f"{data_version()}:{user.pk}:{language}:{clock_bucket()}"


def csrf_key(request) -> str:
    """A part of the key of a cached page part whose forms carry a CSRF token: the token is
    made from the reader's secret, so the part is kept per secret (a short hash of it, not the
    secret itself). Makes sure the reader has one."""
    get_token(request)
    return hashlib.blake2b(request.META["CSRF_COOKIE"].encode(), digest_size=8).hexdigest()


def cached_for(user, name: str, compute):
    """A read for this user, computed once per data version and quarter of an hour (and per
    process: it is kept in memory, beside the rendered page parts)."""
    return _kept(f"kachinko:{name}:{reader_key(user)}", compute)


def cached_roles(user, compute):
    """A user's roles, computed once per version of the tables roles are read from (a session
    moved does not make every reader's roles be read again)."""
    return cached_narrow("roles", f"roles:{user.pk}", compute)


def cached_narrow(version: str, name: str, compute):
    """A read of the tables of one of `NARROW_VERSIONS` alone, computed once per version of
    those tables (and per process). The version is read before the compute, so what is kept
    is never older than the version it is kept under."""
    return _kept(f"kachinko:{name}:{narrow_version(version)}", compute)


def _kept(key: str, compute):
    """The value kept in this process's memory under `key`, computed when missing."""
    parts = caches["template_fragments"]
    value = parts.get(key)
    if value is None:
        value = compute()
        parts.set(key, value, timeout=settings.KACHINKO_PAGE_CACHE_SECONDS)
    return value


def page_context(request, **reads) -> dict:
    """A page's context for a template whose content sits in `{% cache page_cache_seconds
    name page_key … %}` (the timeout comes from the context processor): each read (a function
    of no arguments) runs only when the template needs it, that is when the cached part is
    missing. Object lookups that decide 404 stay in the view, outside the reads."""
    return {
        "page_key": reader_key(request.user, get_language()),
        **{name: SimpleLazyObject(read) for name, read in reads.items()},
    }


class _WriteWatcher:
    """A database execute wrapper: a write to a table pages show replaces the version."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        found = WRITE.match(sql)
        if found:
            table = found.group(1)
            if table in _tables:
                note_change(self.alias, narrow=_narrow_of_table.get(table, ()))
            elif table in _narrow_of_table:
                note_change(self.alias, narrow=_narrow_of_table[table], data=False)
        return result


def _watch(sender, connection, **kwargs):
    if not any(isinstance(wrapper, _WriteWatcher) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection.alias))


def connect() -> None:
    """Watch every connection's writes; called once, from the app's `ready()`. A model whose
    rows no cached page shows says so with `shown_on_cached_pages = False` (the health
    records' read audit, written by the very pages that read it): its writes keep the
    version."""
    global _tables, _narrow_of_table
    narrow_of_table = {}
    for name, labels in NARROW_VERSIONS.items():
        tables = {apps.get_model(label)._meta.db_table for label in labels}
        tables.add(apps.get_model("groups.Group").mentors.through._meta.db_table)
        for table in tables:
            narrow_of_table.setdefault(table, []).append(name)
    _narrow_of_table = {table: tuple(names) for table, names in narrow_of_table.items()}
    _tables = frozenset(
        model._meta.db_table
        for label in APPS_SHOWN_ON_PAGES
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if getattr(model, "shown_on_cached_pages", True)
    )
    connection_created.connect(_watch, dispatch_uid="kachinko-page-cache")
    for connection in connections.all(initialized_only=True):
        _watch(None, connection)


class DataVersionMiddleware:
    """Read the data version at most once per request, and afresh for the next one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._forget()
        _request.active = True
        # Read before anything else of the request (the user, their roles): a part cached
        # under this version is then never older than the version.
        data_version()
        roles_version()
        try:
            return self.get_response(request)
        finally:
            self._forget()

    @staticmethod
    def _forget():
        _request.active, _request.version = False, None
        for name in NARROW_VERSIONS:
            setattr(_request, f"{name}_version", None)
