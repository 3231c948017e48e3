"""Queries of the data page: row counts per table, a whole table for download, the import log (store).

Other filters do not apply here (these are whole tables), but a user's town scope does: each table
declares how one of its rows reaches a town (`TOWN_OF`), and a scoped user gets only the rows of
their towns.
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.ingest.specs import EXPORTABLE, spec
from fxdash.queries.common import fetch

_WORKER_TOWN = "(select w.town_code from workers w where w.worker_id = x.worker_id)"
_COMMUNITY_TOWN = "(select c.town_code from communities c where c.community_id = x.community_id)"
# table -> SQL expression for the town of row `x` (code, never input); a table missing here has no
# town (import_log) and is refused to scoped users
TOWN_OF = {
    **{t: "x.town_code" for t in ("towns", "communities", "sites", "branches", "workers", "stations",
                                  "friendly_scenes", "merchants", "reports", "activities", "fraud_interceptions")},
    "worker_roles": _WORKER_TOWN,
    "points_ledger": _WORKER_TOWN,
    "suggestions": _WORKER_TOWN,
    "activity_participants": "(select a.town_code from activities a where a.activity_id = x.activity_id)",
    "care_pairs": _COMMUNITY_TOWN,
    "care_visits": "(select c.town_code from care_pairs p join communities c using (community_id) "
                   "where p.pair_id = x.pair_id)",
}
# an enterprise is in a town's scope when it has a site or a registered worker there
_ENTERPRISE_IN_SCOPE = ("(exists (select 1 from sites s where s.enterprise_id = x.enterprise_id "
                        "and list_contains(?, s.town_code)) or exists (select 1 from workers w "
                        "where w.enterprise_id = x.enterprise_id and list_contains(?, w.town_code)))")


def _scope_sql(table: str, f: Filters | None) -> tuple[str, list]:
    if f is None or not f.scope:
        return "true", []
    if table == "enterprises":
        return _ENTERPRISE_IN_SCOPE, [list(f.scope), list(f.scope)]
    if table not in TOWN_OF:
        return "false", []
    return f"list_contains(?, {TOWN_OF[table]})", [list(f.scope)]


def table_counts(con, f: Filters | None = None) -> pd.DataFrame:
    """Rows per table, in the order staff import them (within the user's towns, if scoped)."""
    parts, params = [], []
    for i, t in enumerate(EXPORTABLE):  # table names come from the EXPORTABLE whitelist
        cond, p = _scope_sql(t, f)
        parts.append(f"select {i} as pos, '{t}' as table_name, count(*) as rows from \"{t}\" x where {cond}")
        params += p
    df = fetch(con, f"with counts as ({' union all '.join(parts)}), final as (select * from counts order by pos) "
                    "select * from final", params)
    return df[["table_name", "rows"]]


def table_rows(con, table: str, f: Filters | None = None) -> pd.DataFrame:
    """Every row of one table (of the user's towns, if scoped) with its schema column names."""
    if table not in EXPORTABLE:
        raise ValueError(f"unknown table {table!r}")
    s = spec(table)
    order = ", ".join(f'"{k}"' for k in s.key)
    cond, params = _scope_sql(table, f)
    return fetch(con, f'select * from "{table}" x where {cond} order by {order}', params)


def import_log(store, f: Filters | None = None, limit: int = 200) -> pd.DataFrame:
    """The latest import attempts from the operational store, the columns the data page's log tab shows
    (the district's log: nothing for a town-scoped user; in words: fxdash.tables.import_log_words)."""
    from fxdash.store import imports

    df = imports.recent(store, 0 if f is not None and f.scope else limit)[
        ["started_at", "username", "file_name", "table_name", "crs", "rows_total", "rows_inserted", "rows_updated",
         "rows_unchanged", "status", "message", "sha256"]]
    return df
