"""Queries of the data page: row counts per table, a whole table for download, the import log (store)."""

import pandas as pd

from fxdash import labels as L
from fxdash.ingest.specs import EXPORTABLE, spec
from fxdash.queries.common import fetch


def table_counts(con, filters=None) -> pd.DataFrame:
    """Rows per table, in the order staff import them (filters do not apply: this is the whole store)."""
    parts = " union all ".join(
        f"select {i} as pos, '{t}' as table_name, count(*) as rows from \"{t}\"" for i, t in enumerate(EXPORTABLE)
    )  # table names come from the EXPORTABLE whitelist
    df = fetch(con, f"with counts as ({parts}), final as (select * from counts order by pos) select * from final")
    df["table_label"] = df["table_name"].map(L.TABLE_LABELS)
    return df[["table_name", "table_label", "rows"]]


def table_rows(con, table: str) -> pd.DataFrame:
    """Every row of one table with its schema column names (the caller adds Chinese headers)."""
    if table not in EXPORTABLE:
        raise ValueError(f"unknown table {table!r}")
    s = spec(table)
    order = ", ".join(f'"{k}"' for k in s.key)
    return fetch(con, f'select * from "{table}" order by {order}')


def import_log(store, limit: int = 200) -> pd.DataFrame:
    """The latest import attempts from the operational store, shaped for the data page's log tab."""
    from fxdash.store import imports

    df = imports.recent(store, limit)[["started_at", "username", "file_name", "table_name", "crs", "rows_total",
                                       "rows_inserted", "rows_updated", "rows_unchanged", "status", "message",
                                       "sha256"]]
    df.insert(3, "table_label", df.pop("table_name").map(lambda t: L.TABLE_LABELS.get(t, t)))
    df["crs"] = df["crs"].map(lambda c: L.CRS_LABELS.get(c, "—") if isinstance(c, str) else "—")
    for col in ("username", "message"):  # messages only on failures
        df[col] = df[col].astype(object).where(df[col].notna(), "—")
    return df
