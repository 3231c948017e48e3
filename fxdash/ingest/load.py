"""Write a validated file: stage it typed, then upsert by key in one transaction with its log row.

Nothing here decides whether a file is acceptable (validate.py does); the database constraints are
the last line of defence, and any error rolls the whole import back.
"""

import os
import time

import pandas as pd

from fxdash import db
from fxdash.ingest.specs import TableSpec, specs
from fxdash.ingest.validate import CLEAR, ROW
from fxdash.labels import data as LD
from fxdash.labels import ingest as X

HOLD_ENV = "FXDASH_INGEST_HOLD_SECONDS"  # tests only: pause inside the write transaction (crash test)


def stage(con, spec: TableSpec, frame: pd.DataFrame, name: str) -> list[str]:
    """Create temp table `name` with the file's columns cast to their schema types, plus a boolean
    `__clear_<column>` where the file wrote "<清空>"; return the data columns.

    A blank cell stays NULL here: an update keeps the stored value, an insert gets the default."""
    columns = [c for c in frame.columns if c != ROW and not c.startswith(CLEAR)]
    clears = [c for c in frame.columns if c.startswith(CLEAR) and c[len(CLEAR):] in columns]
    raw = f"{name}_raw"
    data = frame[[ROW, *columns]].astype(object).where(frame[[ROW, *columns]].notna(), None)
    for c in clears:
        data[c] = frame[c].astype(bool)
    con.register(raw, data)
    try:
        select = ([f'"{ROW}"'] + [f'{_typed(spec.column(c))} as "{c}"' for c in columns]
                  + [f'"{c}"::boolean as "{c}"' for c in clears])
        con.execute(f"create or replace temp table {name} as select {', '.join(select)} from {raw}")
    finally:
        con.unregister(raw)
    return columns


def _typed(col) -> str:
    """SQL that turns the canonical text of a column into its type (identifiers from the spec)."""
    ref = f'"{col.name}"::varchar'
    if col.kind == "list":
        return f"string_split(nullif({ref}, ''), '|')"
    return f"cast({ref} as {col.sql_type})"


def _clears(con, name: str, columns: list[str]) -> set[str]:
    """The columns where the file wrote "<清空>" (staged table `name` has their `__clear_` flag): one
    catalogue query for the table, not one per column (~1 ms each, four times per column per import)."""
    rows = con.execute("select column_name from duckdb_columns() where table_name = ?", [name]).fetchall()
    staged = {r[0] for r in rows}
    return {c for c in columns if CLEAR + c in staged}


def _effective(spec: TableSpec, c: str, clears: set[str]) -> str:
    """The value a row will hold after the import: the file's, else (blank) the stored one."""
    value = f'coalesce(s."{c}", t."{c}")'
    return f'case when s."{CLEAR}{c}" then null else {value} end' if c in clears else value


def failed_checks(con, spec: TableSpec, name: str, columns: list[str]) -> list[tuple[int, object, str, str]]:
    """Rows that would break a schema CHECK once imported (blank cells of an update keep the stored
    value, so the check sees the stored one): (row, values, column label, message)."""
    out = []
    clears = _clears(con, name, columns)
    for check in spec.checks:
        if not any(c in columns for c in check.columns):
            continue
        cols = ", ".join(f'"{c}"' for c in check.columns)
        values = ", ".join(
            f'{_effective(spec, c, clears) if c in columns else f"t.{chr(34)}{c}{chr(34)}"} as "{c}"'
            for c in check.columns)
        rows = con.execute(
            f'select "{ROW}", {cols} from (select s."{ROW}", {values} from {name} s '
            f'left join "{spec.name}" t on {_key_join(spec)}) where not coalesce(({check.expression}), true) '
            f"order by 1").fetchall()
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
    tables = "、".join(dict.fromkeys(LD.TABLE_LABELS.get(t, t) for t, _ in referrers))
    out = []
    clears = _clears(con, name, columns)
    for c in indexed:
        label = spec.column(c).label
        rows = con.execute(
            f'select s."{ROW}", s."{c}", t."{c}" from {name} s join "{spec.name}" t on {_key_join(spec)} '
            f'where coalesce({_changed(spec, c, clears)}, false) and ({used}) order by 1').fetchall()
        for row, new, old in rows:
            out.append((row, "" if new is None else str(new), label,
                        X.ERR_LOCKED_UPDATE.format(tables=tables, label=label, old="" if old is None else old)))
    return out


def _key_join(spec: TableSpec) -> str:
    return " and ".join(f't."{k}" = s."{k}"' for k in spec.key)


def _changed(spec: TableSpec, c: str, clears: set[str]) -> str:
    """Whether the import changes stored column c: a value given that differs, or "<清空>" over a
    stored value. A blank cell changes nothing. Numbers compare with a tolerance: a value that went
    through Excel keeps ~15 significant digits, which is not a change."""
    if spec.column(c).kind == "float":
        differs = f'(t."{c}" is null or abs(s."{c}" - t."{c}") > 1e-9 * greatest(1, abs(t."{c}")))'
    else:
        differs = f's."{c}" is distinct from t."{c}"'
    given = f'(s."{c}" is not null and {differs})'
    if c in clears:
        return f'({given} or (s."{CLEAR}{c}" and t."{c}" is not null))'
    return given


def plan(con, spec: TableSpec, name: str, columns: list[str], clears: set[str] | None = None) -> dict:
    """How many staged rows are new, changed or identical to the stored rows (matched = changed +
    identical), and per column how many stored values the import changes (label -> count). `clears`:
    _clears of the staged table, where the caller has asked already."""
    first_key = spec.key[0]
    if clears is None:
        clears = _clears(con, name, columns)
    others = [c for c in columns if c not in spec.key]
    flags = [f"coalesce({_changed(spec, c, clears)}, false) as ch_{i}" for i, c in enumerate(others)]
    any_change = " or ".join(f"ch_{i}" for i in range(len(others))) or "false"
    per_column = "".join(f", count(*) filter (where not is_new and ch_{i})" for i in range(len(others)))
    row = con.execute(
        f"""
        with compared as (
            select t."{first_key}" is null as is_new {''.join(", " + f for f in flags)}
            from {name} s left join "{spec.name}" t on {_key_join(spec)}
        )
        select count(*) filter (where is_new),
               count(*) filter (where not is_new and ({any_change})),
               count(*) filter (where not is_new and not ({any_change})) {per_column}
        from compared
        """).fetchone()
    changes = {spec.column(c).label: int(n) for c, n in zip(others, row[3:]) if n}
    return {"inserted": int(row[0]), "updated": int(row[1]), "unchanged": int(row[2]),
            "matched": int(row[1]) + int(row[2]), "changes": changes}


def write(con, spec: TableSpec, name: str, columns: list[str], progress=None) -> dict[str, int]:
    """One transaction: update changed rows, insert new ones, mark the data version. (The import log
    lives in the operational store: fxdash.ingest.log.)"""
    clears = _clears(con, name, columns)
    counts = plan(con, spec, name, columns, clears)
    others = [c for c in columns if c not in spec.key]
    con.execute("begin transaction")
    try:
        if counts["updated"]:
            # column by column, only where the value differs: DuckDB rewrites an indexed (foreign-key or
            # unique) column as delete + insert, which a referenced row refuses even for the same value.
            # A cleared cell is NULL in the staged table, so the same statement clears it.
            for c in others:
                con.execute(f'update "{spec.name}" t set "{c}" = s."{c}" from {name} s '
                            f"where {_key_join(spec)} and coalesce({_changed(spec, c, clears)}, false)")
        if progress:
            progress(0.8, LD.DATA_PROGRESS)
        if counts["inserted"]:
            cols = ", ".join(f'"{c}"' for c in columns)
            values = ", ".join(_with_default(spec.column(c)) for c in columns)
            con.execute(f'insert into "{spec.name}" ({cols}) select {values} from {name} s '
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


def _with_default(col) -> str:
    """A new row's value: the file's, else the column's default (a blank cell of a NOT NULL column)."""
    if col.default is not None and not col.nullable:
        return f'coalesce(s."{col.name}", {col.default})'
    return f's."{col.name}"'


def _hold_for_crash_test() -> None:
    seconds = os.environ.get(HOLD_ENV)
    if seconds:
        print("FXDASH-INGEST-IN-TRANSACTION", flush=True)
        time.sleep(float(seconds))
