"""The operational store: what the app itself writes (import log, weekly snapshots, settings, users,
sessions, audit log), shared by every app process and the command line.

One code path over SQLAlchemy Core: an embedded SQLite file by default (WAL, busy timeout, so several
processes on one machine may write), or PostgreSQL when FXDASH_STORE is a postgresql:// URL (several
machines share it). No streamlit here.
"""

import datetime as dt
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

from fxdash import config

BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another process's write to finish


def engine_url(setting: str) -> str:
    """The SQLAlchemy URL for a FXDASH_STORE value: a postgresql:// URL, else a SQLite file path."""
    value = setting.strip()
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if value.startswith(("postgresql+", "sqlite:")):
        return value
    path = Path(value).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def describe(url: str) -> str:
    """The store's location without a password, for messages and logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _sqlite_events(engine: Engine) -> None:
    """Our own transaction control on SQLite (the driver's is off): writes begin IMMEDIATE, so a
    writer takes the lock before it reads and two writers queue instead of failing half-way."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_con, _record):
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("pragma journal_mode = wal")  # readers never wait for the writer
        cur.execute("pragma foreign_keys = on")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection):
        immediate = conn.get_execution_options().get("fx_write", False)
        conn.exec_driver_sql("begin immediate" if immediate else "begin")


class Store:
    """An engine plus the two ways in: `read()` and `write()` (each one transaction)."""

    def __init__(self, url: str):
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        if self.engine.dialect.name == "sqlite":
            _sqlite_events(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self):
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self):
        """A write transaction; on SQLite it holds the database's write lock from its first statement."""
        with self.engine.connect() as conn:
            conn.execution_options(fx_write=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({describe(self.url)})"


_OPEN: dict[str, Store] = {}
_OPEN_LOCK = threading.Lock()


def open_store(setting: str | None = None) -> Store:
    """The process's Store for a FXDASH_STORE value (default: the setting), migrated on first open."""
    from fxdash.store import migrate

    url = engine_url(setting if setting is not None else config.load_settings().store)
    with _OPEN_LOCK:
        store = _OPEN.get(url)
        if store is None:
            store = Store(url)
            migrate.upgrade(store)
            _OPEN[url] = store
    return store


def close_store(store: Store) -> None:
    with _OPEN_LOCK:
        if _OPEN.get(store.url) is store:
            del _OPEN[store.url]
    store.close()


def now() -> dt.datetime:
    """Local wall-clock time, as the rest of the app records it."""
    return dt.datetime.now()
