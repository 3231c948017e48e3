"""Write a validated file: stage it typed, then upsert by key in one transaction with its log row.

Nothing here decides whether a file is acceptable (validate.py does); the database constraints are
the last line of defence, and any error rolls the whole import back.
"""

import os
import time

import pandas as pd

from fxdash import db
from fxdash import labels as L
from fxdash.ingest.specs import TableSpec, specs
from fxdash.ingest.validate import ROW

HOLD_ENV = "FXDASH_INGEST_HOLD_SECONDS"  # tests only: pause inside the write transaction (crash test)


def stage(con, spec: TableSpec, frame: pd.DataFrame, name: str) -> list[str]:
    """Create temp table `name` with the file's columns cast to their schema types; return the columns."""
    columns = [c for c in frame.columns if c != ROW]
    raw = f"{name}_raw"
    con.register(raw, frame.astype(object).where(frame.notna(), None))
    try:
        select = [f'"{ROW}"'] + [f'{_typed(spec.column(c))} as "{c}"' for c in columns]
        con.execute(f"create or replace temp table {name} as select {', '.join(select)} from {raw}")
    finally:
        con.unregister(raw)
    return columns


def _typed(col) -> str:
    """SQL that turns the canonical text of a column into its type (identifiers from the spec)."""
    ref = f'"{col.name}"::varchar'
    if col.kind == "list":
        expr = f"string_split(nullif({ref}, ''), '|')"
        return f"coalesce({expr}, {col.default or '[]::varchar[]'})"
    expr = f"cast({ref} as {col.sql_type})"
    if not col.nullable and col.default is not None:
        expr = f"coalesce({expr}, {col.default})"
    return expr


def failed_checks(con, spec: TableSpec, name: str, columns: list[str]) -> list[tuple[int, object, str, str]]:
    """Rows of the staged table that break a schema CHECK: (row, values, column label, message)."""
    out = []
    for check in spec.checks:
        if not all(c in columns for c in check.columns):
            continue
        cols = ", ".join(f'"{c}"' for c in check.columns)
        rows = con.execute(
            f'select "{ROW}", {cols} from {name} where not coalesce(({check.expression}), true) order by 1'
        ).fetchall()
        label = "/".join(spec.column(c).label for c in check.columns)
        for r in rows:
            value = " / ".join("" if v is None else str(v) for v in r[1:])
            out.append((r[0], value, label, check.message))
    return out


def locked_changes(con, spec: TableSpec, name: str, columns: list[str]) -> list[tuple[int, object, str, str]]:
    """Changes DuckDB cannot make: an indexed column (reference or unique) of a row that other tables
    reference (its foreign-key check is eager). Reported as problems before anything is written."""
    indexed = [c for c in columns if c not in spec.key and (spec.column(c).ref or (c,) in spec.unique)]
    if not indexed or len(spec.key) != 1:
        return []
    key = spec.key[0]
    referrers = [(t.name, c.name) for t in specs().values() for c in t.columns
                 if c.ref == (spec.name, key) and t.name != spec.name]
    if not referrers:
        return []
    used = " or ".join(f'exists (select 1 from "{t}" r where r."{c}" = s."{key}")' for t, c in referrers)
    tables = "、".join(dict.fromkeys(L.TABLE_LABELS.get(t, t) for t, _ in referrers))
    out = []
    for c in indexed:
        label = spec.column(c).label
        rows = con.execute(
            f'select s."{ROW}", s."{c}", t."{c}" from {name} s join "{spec.name}" t on {_key_join(spec)} '
            f'where s."{c}" is distinct from t."{c}" and ({used}) order by 1').fetchall()
        for row, new, old in rows:
            out.append((row, "" if new is None else str(new), label,
                        L.ERR_LOCKED_UPDATE.format(tables=tables, label=label, old="" if old is None else old)))
    return out


def _key_join(spec: TableSpec) -> str:
    return " and ".join(f't."{k}" = s."{k}"' for k in spec.key)


def _changed(spec: TableSpec, c: str) -> str:
    """Whether staged column c differs from the stored one. Numbers compare with a tolerance: a value
    that went through Excel keeps ~15 significant digits, which is not a change."""
    if spec.column(c).kind == "float":
        return (f'((s."{c}" is null) <> (t."{c}" is null) or abs(s."{c}" - t."{c}") > '
                f'1e-9 * greatest(1, abs(t."{c}")))')
    return f's."{c}" is distinct from t."{c}"'


def _differs(columns: list[str], spec: TableSpec) -> str:
    others = [c for c in columns if c not in spec.key]
    return " or ".join(f"coalesce({_changed(spec, c)}, false)" for c in others) or "false"


def plan(con, spec: TableSpec, name: str, columns: list[str]) -> dict[str, int]:
    """How many staged rows are new, changed or identical to the stored rows."""
    first_key = spec.key[0]
    row = con.execute(
        f"""
        with compared as (
            select t."{first_key}" is null as is_new, {_differs(columns, spec)} as is_changed
            from {name} s left join "{spec.name}" t on {_key_join(spec)}
        ),
        final as (
            select count(*) filter (where is_new) as inserted,
                   count(*) filter (where not is_new and is_changed) as updated,
                   count(*) filter (where not is_new and not is_changed) as unchanged
            from compared
        )
        select * from final
        """).fetchone()
    return {"inserted": int(row[0]), "updated": int(row[1]), "unchanged": int(row[2])}


def write(con, spec: TableSpec, name: str, columns: list[str], progress=None) -> dict[str, int]:
    """One transaction: update changed rows, insert new ones, mark the data version. (The import log
    lives in the operational store: fxdash.ingest.log.)"""
    counts = plan(con, spec, name, columns)
    others = [c for c in columns if c not in spec.key]
    con.execute("begin transaction")
    try:
        if counts["updated"]:
            # column by column, only where the value differs: DuckDB rewrites an indexed (foreign-key or
            # unique) column as delete + insert, which a referenced row refuses even for the same value
            for c in others:
                con.execute(f'update "{spec.name}" t set "{c}" = s."{c}" from {name} s '
                            f"where {_key_join(spec)} and coalesce({_changed(spec, c)}, false)")
        if progress:
            progress(0.8, L.DATA_PROGRESS)
        if counts["inserted"]:
            cols = ", ".join(f'"{c}"' for c in columns)
            con.execute(f'insert into "{spec.name}" ({cols}) select {cols} from {name} s '
                        f'where not exists (select 1 from "{spec.name}" t where {_key_join(spec)})')
        _hold_for_crash_test()
        db.bump_data_version(con)
        if counts["inserted"] or counts["updated"]:
            if db.get_meta(con, "demo") == "true":
                db.set_meta(con, "demo", "mixed")  # real rows now sit beside the demo rows
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return counts


def _hold_for_crash_test() -> None:
    seconds = os.environ.get(HOLD_ENV)
    if seconds:
        print("FXDASH-INGEST-IN-TRANSACTION", flush=True)
        time.sleep(float(seconds))
