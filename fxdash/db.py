"""The DuckDB store: connect, apply the schema, meta values and the data version.

No streamlit here: the app caches the connection (fxdash.ui), tests use it bare.
"""

import datetime as dt
import os
from pathlib import Path

import duckdb

SCHEMA_PATH = Path(__file__).with_name("schema.sql")


def connect(path: str | os.PathLike = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a database and make sure every table exists."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # no progress bar: it writes to the terminal of the CLI and the server log
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("set enable_progress_bar = false")
    if not read_only:
        apply_schema(con)
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables; idempotent because every statement is 'if not exists'."""
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))


def table_names(con) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def get_meta(con, key: str, default: str | None = None) -> str | None:
    row = con.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(con, key: str, value: str) -> None:
    con.execute(
        "insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [key, value],
    )


def data_version(con) -> str:
    """Changes whenever data is written; cached query results are keyed by it."""
    return get_meta(con, "data_version", "0")


def bump_data_version(con) -> str:
    version = dt.datetime.now().isoformat(timespec="microseconds")
    set_meta(con, "data_version", version)
    return version


def is_demo(con) -> bool:
    return get_meta(con, "demo", "false") == "true"


def data_as_of(con) -> dt.date | None:
    value = get_meta(con, "as_of")
    return dt.date.fromisoformat(value) if value else None
