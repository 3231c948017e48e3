"""The DuckDB store: connect, apply the schema, meta values and the data version.

No streamlit here: the app caches the connection (fxdash.ui), tests use it bare.
"""

import datetime as dt
import functools
import os
import re
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
    """Create missing tables; idempotent because every statement is 'if not exists'.

    Skipped when every table is there already (a writable reopen: running the statements anyway cost
    ~20 ms a connect, a third of it); otherwise one transaction, so a new file's log is written once."""
    tables = schema_tables()
    if tables is not None and tables <= _present_tables(con):
        return
    con.execute("begin transaction")
    try:
        con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


@functools.cache
def schema_tables() -> frozenset[str] | None:
    """The tables schema.sql creates, or None when it holds any other statement (then it always runs)."""
    names = []
    for statement in duckdb.extract_statements(SCHEMA_PATH.read_text(encoding="utf-8")):
        found = _CREATE_TABLE.findall(statement.query)
        if statement.type != duckdb.StatementType.CREATE or len(found) != 1:
            return None
        names.append(found[0].lower())
    return frozenset(names)


_CREATE_TABLE = re.compile(r"^\s*create table if not exists (\w+)\s*\(", re.IGNORECASE | re.MULTILINE)


def _present_tables(con) -> set[str]:
    rows = con.execute("select lower(table_name) from duckdb_tables() where database_name = current_database() "
                       "and schema_name = 'main'").fetchall()
    return {r[0] for r in rows}


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
