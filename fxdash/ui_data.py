"""The app's side of the data: settings, the operational store, which data version a script run
reads, its connection, the cached query runner, boundaries files, and writes with their waiting shown
on the page (fxdash.ui re-exports these; of the other fxdash.ui* modules only the Streamlit-free ui_cache).
"""

import copy
import datetime as dt
import functools
import logging
import os
import threading
import uuid

import duckdb
import pandas as pd
import streamlit as st

from fxdash import access, config, db, geo, privacy, readers, rights, versions, writes
from fxdash import store as ops
from fxdash.filters import Filters, default_filters
from fxdash.labels import common as LC
from fxdash.labels import versions as LV
from fxdash.ui_cache import PLAIN as _PLAIN
from fxdash.ui_cache import SharedCache, SharedGeoJSON, exact, note_source, plain


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def _readers(path: str) -> readers.Readers:
    """This process's read-only connections, one per data version (see fxdash.readers)."""
    return readers.Readers(path)


_PIN = "_fx_data_key"  # the data version this script run reads (pinned when the run starts)


def current_user() -> access.User | None:
    """The signed-in user of this session (None before sign-in); see fxdash.access."""
    return st.session_state.get(access.SESSION_KEY)


def username() -> str | None:
    user = current_user()
    return user.username if user else None


def settings() -> config.Settings:
    """The settings, parsed once per environment and day (a run asked a dozen times; the as-of date
    falls back to today's)."""
    env = tuple((s.env, os.environ[s.env]) for s in config.SETTINGS if s.env in os.environ)
    return _settings_of(env, dt.date.today())


@functools.lru_cache(maxsize=16)
def _settings_of(env: tuple, today: dt.date) -> config.Settings:
    return config.load_settings(dict(env))


@st.cache_resource(show_spinner=False)
def _ops_store(setting: str) -> ops.Store:
    return ops.open_store(setting)


def ops_store() -> ops.Store:
    """The operational store (FXDASH_STORE): import log, snapshots, settings, accounts, audit log."""
    return _ops_store(settings().store)


def user_scope() -> Filters:
    """Filters carrying only the user's scope (for the lookups of towns and enterprises)."""
    return rights.scoped(default_filters(settings().as_of), current_user())


def is_demo() -> bool:
    return _demo_meta()[0]


def demo_state() -> str | None:
    """"mixed" once a real import went into the demo database (set by fxdash.ingest), else None/other."""
    return _demo_meta()[1]


def _demo_meta() -> tuple[bool, str | None]:
    path = str(settings().db)
    try:
        return _demo_meta_of(path, data_version())
    except FileNotFoundError:  # an old pinned version, no longer kept: read the current one
        return _demo_meta_of(path, pin_current_version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _demo_meta_of(path: str, version: str) -> tuple[bool, str | None]:
    """Whether data version `version` of database `path` is demo data, and its demo state: read once
    per version (the login check and the banner asked DuckDB four times a run)."""
    with _readers(path).connection(version).cursor() as cur:
        return db.is_demo(cur), db.get_meta(cur, "demo")


@st.cache_resource(show_spinner=False)
def boundaries(path: str | None):
    """The configured GeoJSON (or None), read and simplified for display once per path; {"error": message}
    if unreadable. One shared object (SharedGeoJSON): unpickling a copy for every run cost ~4 ms a map."""
    if not path:
        return None
    try:
        return SharedGeoJSON(geo.load_display_geojson(path))
    except geo.BoundaryError as exc:
        return {"error": str(exc)}


def uploaded_boundaries() -> str | None:
    """The towns GeoJSON uploaded on the data page (meta, see fxdash.ingest.boundaries), if any."""
    from fxdash.ingest import boundaries as uploaded

    path, _ = uploaded.current_path(ops_store())
    return str(path) if path else None


def ensure_database() -> None:
    """Start of every run: on first start build the demo database (through the writer path, so two
    processes starting together build it once); then pin the current data version for this run."""
    try:
        s = settings()
        if not s.db.exists() or versions.current(s.db) is None:
            with _build_lock():
                _first_start(s)
        pin_current_version()
    except (OSError, duckdb.Error, versions.WriterBusy, config.SettingError) as exc:
        st.error(versions.describe_error(exc, os.environ.get("FXDASH_DB")))
        st.stop()


def _first_start(s: config.Settings) -> None:
    if s.db.exists():  # an existing file not yet a kept version: registering it is quick; readers
        try:           # fall back to the file itself if a long write holds the lock meanwhile
            writes.ensure_database(s.db, s.as_of, wait=0)
        except versions.WriterBusy:
            pass
        return
    with st.status(LC.BUILDING_DEMO, expanded=True) as status:
        bar = st.progress(0.0)
        note = st.empty()
        writes.ensure_database(s.db, s.as_of, progress=lambda frac, label: bar.progress(frac, text=label),
                               wait_progress=note.info)
        status.update(label=LC.DEMO_BUILT, state="complete", expanded=False)


def pin_current_version() -> str:
    """Make this run (and the runs of this session until the next pin) read the current version."""
    key = _readers(str(settings().db)).current_key()
    st.session_state[_PIN] = key
    return key


def data_version() -> str:
    """The data version this run reads; cached query results are keyed by it."""
    key = st.session_state.get(_PIN)
    return key if key is not None else pin_current_version()


def connection() -> duckdb.DuckDBPyConnection:
    """The read-only connection of this run's data version; use `.cursor()` per call (one connection
    across threads is busy). A run keeps its version even when a newer one is published meanwhile."""
    return _connection_for(data_version())


def _connection_for(key: str) -> duckdb.DuckDBPyConnection:
    pool = _readers(str(settings().db))
    try:
        return pool.connection(key)
    except FileNotFoundError:  # an old pinned version, no longer kept: read the current one
        return pool.connection(pin_current_version())


def publish(write, *args, **kwargs):
    """Run a write from fxdash.writes (a new data version) with the waiting shown on the page; the
    rest of this run reads the new version. Returns its value, or None after showing why it failed."""
    note = st.empty()
    try:
        with st.spinner(LV.WRITING):
            value = write(settings().db, *args, wait_progress=note.info, **kwargs)
    except (versions.WriterBusy, writes.Refused) as exc:
        note.error(str(exc))
        return None
    note.empty()
    pin_current_version()
    return value


def run(fn, filters: Filters | None = None, /, **kwargs):
    """Call a query function for the signed-in user with a fresh cursor, scoped and masked as
    fxdash.rights.call does; cached by the scoped filters, the masking mode and the data version."""
    return _cached(fn, _name(fn), *_run_key(filters, kwargs))


def derived(then, fn, filters: Filters | None = None, /, **kwargs):
    """then(run(fn, filters, **kwargs)): what is computed from a query result alone (the weekly briefing's
    sentences from the week's bundle, ~30 ms at scale 100), once per key of that result (its scoped
    filters, kwargs, data version and masking mode) and shared as the result is (see handed_out)."""
    parts = _run_key(filters, kwargs)
    return _derived(then, lambda: _cached(fn, _name(fn), *parts), f"{_name(then)}({_name(fn)})", *parts)


def _name(fn) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _run_key(filters: Filters | None, kwargs: dict) -> tuple:
    """What a query result depends on besides its function: (the filters scoped to the signed-in user,
    the run's data version, the kwargs in order, the user's masking mode)."""
    user = current_user()
    scoped = rights.scoped(filters, user) if filters is not None else None
    return scoped, data_version(), tuple(sorted(kwargs.items())), rights.mask_mode(user)


def _result_key(name: str, filters, version: str, kwargs: tuple, mode: str) -> tuple:
    """A cache key naming the inputs exactly: the scoped filters by their repr (a frozen dataclass of dates,
    strings and tuples: its repr is exact), kwargs by their exact fingerprint (a frame of reference figures
    by every value), the database with its version ('v3' names a version of one file: a process that
    opens another database, as the bench and tests do, finds other data under the same name). TypeError
    for a kwarg without one: the caller computes it uncached."""
    return (name, repr(filters), exact(kwargs), str(settings().db), version, mode)


def _derived(then, source, name: str, filters, version: str, kwargs: tuple, mode: str):
    """then(source()) through the shared cache under the key of source's query (the parts of run's key)."""
    try:
        key = _result_key(name, filters, version, kwargs, mode)
    except TypeError:  # a kwarg without an exact fingerprint: computed every time, as before
        return then(source())
    return handed_out(_DERIVED.get(key, lambda: then(source())), _named("derived", key))


def deferred(fn, filters: Filters | None = None, /, **kwargs):
    """A function of no arguments that runs query `fn` later, as run() would now (this run's user and
    data version, scoped and masked) but uncached: a download's file built when clicked, outside any
    script run, so that a page need not fetch a long list it shows only the start of."""
    user, version, path = current_user(), data_version(), str(settings().db)

    def call():
        with _readers(path).connection(version).cursor() as cur:
            return rights.call(fn, cur, filters, user, **kwargs)
    return call


def _cached(fn, name: str, filters, version: str, kwargs: tuple, mode: str):
    """The query `fn` through the shared cache, its result shared (see handed_out); uncached when a kwarg
    has no exact fingerprint. fxdash.bench_pages wraps this to note a page's queries."""
    def compute():
        with _connection_for(version).cursor() as cur:
            result = fn(cur, **dict(kwargs)) if filters is None else fn(cur, filters, **dict(kwargs))
        return privacy.protect(result, privacy.declared(fn), mode)
    try:
        key = _result_key(name, filters, version, kwargs, mode)
    except TypeError:
        return compute()
    return handed_out(_QUERIES.get(key, compute), _named("query", key))


def handed_out(value, key: tuple | None = None):
    """A shared cached result as its caller may use it: frames as shallow copies (pandas copy-on-write:
    a change to the copy, a new column or index name included, never reaches the cached frame), lists,
    tuples and dicts rebuilt round them, plain values as they are, anything else deep-copied. st.cache_data
    unpickled a full copy of every result on every hit instead (~1 ms a frame, most of it strings)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        copied = value.copy(deep=False)
        if key is not None and type(value) is pd.DataFrame:  # named by its key (ui_cache.exact, note_source)
            note_source(copied, value, key)
        return copied
    if isinstance(value, dict):
        return {k: handed_out(v, _part(key, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [handed_out(v, _part(key, i)) for i, v in enumerate(value)]
    if type(value) is tuple:
        return tuple(handed_out(v, _part(key, i)) for i, v in enumerate(value))
    if isinstance(value, _PLAIN):
        return value
    return copy.deepcopy(value)


def _named(kind: str, key: tuple) -> tuple | None:
    """The name a result's frames are noted under (ui_cache.note_source): its cache key, when plain."""
    return (kind, key) if plain(key) else None


def _part(key: tuple | None, item) -> tuple | None:
    """The key of one item of a result (a frame in a bundle's dict) from the result's key."""
    return None if key is None or not isinstance(item, (str, int)) else (*key, item)


_QUERIES = SharedCache(1024)
_DERIVED = SharedCache(256)


def clear_results() -> None:
    """Drop every shared query result and what was derived from them (the bench's cold runs, tests)."""
    _QUERIES.clear()
    _DERIVED.clear()


def run_page(page) -> None:
    """Run the chosen page; an unexpected error shows one Chinese line with an error id, and its
    traceback goes to the server log under that id (st.rerun / st.stop are not errors: BaseException)."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 - the last line of defence on a page
        error_id = uuid.uuid4().hex[:8]
        logging.getLogger("fxdash").exception("page error %s", error_id)
        st.error(LV.PAGE_UNEXPECTED.format(error_id=error_id), icon=":material/error:")
