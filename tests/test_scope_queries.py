"""Town scope at the query layer: every query function, run for a town account, returns 青村镇 only.

Each function is enumerated from fxdash.queries (a new one fails `test_every_query_function_is_checked`
until it is added here). Three checks per function, on the demo database at APP_AS_OF:
- every row of every returned table that names a town (code or name) is in scope;
- the result equals the one for a district user who picked 青村镇 in the filters (same figures);
- the result differs from the unscoped one (so scope actually narrowed it).
"""

import datetime as dt
import inspect
from dataclasses import replace

import pandas as pd
import pytest

from fxdash import access, queries, rights
from fxdash.filters import Filters
from fxdash.queries import (
    alerts,
    common,
    community,
    community_fraud,
    community_places,
    community_suggestions,
    data,
    overview,
    people,
    people_party,
    people_points,
    people_roles,
    playback,
    reports,
    spatial,
    weekly,
)
from fxdash.queries import map as mapq
from fxdash.weeks import last_complete_week
from tests.conftest import APP_AS_OF

QINGCUN = "310120111"
TOWN_USER = access.User("qc", access.TOWN, (QINGCUN,))
MODULES = (alerts, common, community, community_fraud, community_places, community_suggestions, data, mapq, overview,
           people, people_party, people_points, people_roles, playback, reports, spatial, weekly)
F = Filters(date_from=dt.date(2026, 1, 1), date_to=APP_AS_OF)
MONDAY = last_complete_week(APP_AS_OF)

# keyword arguments some functions need
KWARGS = {
    "alerts": {"today": APP_AS_OF},
    "community_profile": {"name": "胡桥社区"}, "community_population": {"name": "胡桥社区"},
    "branch_group_size": {"name": "南桥中心街区党支部"},
    "coverage": {"radius_m": 800}, "candidates": {"radius_m": 800}, "town_table": {"radius_m": 800},
    "active_by": {"by": "town"}, "stations_open": {"kind": "骑手驿站"},
    "frame_cells": {"step": "week", "cell_m": 500}, "frame_totals": {"step": "week"},
    **{name: {"monday": MONDAY} for name in ("week_figures", "comparison", "hot_cells", "hot_communities",
                                             "hot_towns", "top_categories", "laggard_towns",
                                             "overdue_to_discuss", "latest_snapshot", "bundle")},
}
# not (con, filters) queries: SQL helpers, writers and lookups checked separately below
NOT_QUERIES = {"fetch", "scalar", "active_at", "worker_where", "worker_in", "timed_series", "report_where", "registered_per", "bind", "grid_params", "save_snapshot", "trend_start",
               "months_cte", "months_params", "role_cond", "engaged_cte", "engaged_params",
               "measured_at", "check_radius", "week_filters", "filters_key", "comparison_table",
               "hot_cells_table", "export_tables", "parse_drill", "drill_where", "describe", "from_points",
               "latest_activity", "latest_snapshot", "first_frame_day", "frame_days", "strip", "kind_counts",
               "coverage_kinds", "amenity_headline"}  # latest_snapshot reads the store: see below
# (con) lookups of names and the data page's tables: scoped through their own argument (below)
LOOKUPS = {"towns", "enterprises", "town_names", "enterprise_names", "table_counts", "table_rows", "import_log"}
# figures that do not depend on the town by design (said why)
SAME_FOR_EVERY_TOWN = {
    "negative_balances": "no negative balance in the demo: empty either way (checked row by row)",
    "coverage_stations": "checked row by row (stations of 青村镇 only); the towns filter does not apply to it",
    "station_detail": "checked with stations of both towns below",
    "reports_near": "checked with stations of both towns below",
    "sites_near": "checked with stations of both towns below",
}


def query_functions():
    out = []
    for module in MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_") and name not in NOT_QUERIES | LOOKUPS:
                out.append(fn)
    return out


def test_every_query_function_is_checked():
    modules = {m.__name__ for m in MODULES}
    found = {f"fxdash.queries.{n}" for n in ("alerts", "common", "community", "community_fraud", "community_places",
                                             "community_suggestions", "data", "map", "overview", "people",
                                             "people_party", "people_points", "people_roles", "playback",
                                             "report_drill", "reports", "spatial", "weekly")}
    import pkgutil
    on_disk = {f"fxdash.queries.{m.name}" for m in pkgutil.iter_modules(queries.__path__)}
    assert on_disk <= found, f"new query modules to check: {on_disk - found}"
    assert modules | {"fxdash.queries.report_drill"} == found
    assert len(query_functions()) >= 80


def frames(result) -> list[pd.DataFrame]:
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, dict):
        return [v for v in result.values() if isinstance(v, pd.DataFrame)]
    return []


def town_of_rows(df: pd.DataFrame, codes: dict, names: dict) -> set:
    """Every town a table's rows name (codes and names alike)."""
    seen = set()
    for col in ("town_code", "town"):
        if col in df.columns:
            for v in df[col].dropna():
                seen.add(v if v in names else codes.get(v, v))
    return seen


def rows(df: pd.DataFrame) -> list[str]:
    """The rows as text, sorted: some queries leave the order of ties to the engine."""
    return sorted("|".join(map(str, t)) for t in df.itertuples(index=False))


def same(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        return isinstance(b, pd.DataFrame) and list(a.columns) == list(b.columns) and rows(a) == rows(b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b or (a != a and b != b)


@pytest.mark.parametrize("fn", query_functions(), ids=lambda fn: f"{fn.__module__.rsplit('.', 1)[1]}.{fn.__name__}")
def test_query_returns_only_the_town_in_scope(app_con, fn):
    names = common.town_names(app_con)
    codes = {v: k for k, v in names.items()}
    kw = KWARGS.get(fn.__name__, {})
    if fn.__name__ in ("station_detail", "reports_near", "sites_near"):
        kw = {"station_id": "ST_NONE"}
    mine = rights.call(fn, app_con, F, TOWN_USER, **kw)
    for df in frames(mine):
        assert town_of_rows(df, codes, names) <= {QINGCUN}, f"{fn.__name__}: other towns' rows"
    if fn.__name__ in SAME_FOR_EVERY_TOWN:
        return
    picked = rights.call(fn, app_con, replace(F, towns=(QINGCUN,)), None, **kw)
    assert same(mine, picked), f"{fn.__name__}: scope gives other figures than picking the town"
    everyone = rights.call(fn, app_con, F, None, **kw)
    assert not same(mine, everyone), f"{fn.__name__}: scope did not narrow the result"


def test_station_lookups_refuse_other_towns(app_con):
    qc = app_con.execute("select station_id from stations where town_code = ? limit 1", [QINGCUN]).fetchone()[0]
    other = app_con.execute("select station_id from stations where town_code <> ? limit 1", [QINGCUN]).fetchone()[0]
    for fn in (mapq.station_detail, mapq.reports_near, mapq.sites_near):
        assert rights.call(fn, app_con, F, TOWN_USER, station_id=other).empty, fn.__name__
        assert not rights.call(fn, app_con, F, None, station_id=other).empty or fn is mapq.reports_near
    assert not rights.call(mapq.station_detail, app_con, F, TOWN_USER, station_id=qc).empty


def test_lookups_and_tables_are_scoped(app_con, ops_store):
    f = rights.scoped(F, TOWN_USER)
    assert list(common.towns(app_con, f)["town_code"]) == [QINGCUN]
    assert set(common.town_names(app_con, f)) == {QINGCUN}
    ents = set(common.enterprises(app_con, f)["enterprise_id"])
    present = set(app_con.execute("select enterprise_id from sites where town_code = ? union "
                                  "select enterprise_id from workers where town_code = ?", [QINGCUN, QINGCUN]).df()
                  ["enterprise_id"].dropna())
    assert ents == present
    assert ents == set(common.enterprise_names(app_con, f))
    counts = data.table_counts(app_con, f).set_index("table_name")["rows"]
    everyone = data.table_counts(app_con).set_index("table_name")["rows"]
    assert counts["towns"] == 1 and (counts <= everyone).all() and counts["workers"] < everyone["workers"]
    from fxdash.store import imports

    imports.record(ops_store, started_at=dt.datetime(2026, 11, 1, 9), file_name="a.csv", sha256="0" * 64,
                   table_name="reports", status="ok")
    assert len(data.import_log(ops_store)) == 1 and data.import_log(ops_store, f).empty  # the district's log


@pytest.mark.parametrize("table", data.EXPORTABLE)
def test_whole_table_downloads_are_scoped(app_con, table):
    f = rights.scoped(F, TOWN_USER)
    df = data.table_rows(app_con, table, f)
    everyone = data.table_rows(app_con, table)
    assert len(df) <= len(everyone)
    if "town_code" in df.columns:
        assert set(df["town_code"].dropna()) <= {QINGCUN}
    if table != "enterprises" and len(everyone):
        assert len(df) < len(everyone), f"{table} is not narrowed"
    owner = {"worker_roles": "worker_id", "points_ledger": "worker_id", "suggestions": "worker_id"}.get(table)
    if owner:  # rows reach their town through the worker
        mine = set(app_con.execute("select worker_id from workers where town_code = ?", [QINGCUN]).df()["worker_id"])
        assert set(df[owner].dropna()) <= mine
    if table == "care_pairs":
        mine = set(app_con.execute("select community_id from communities where town_code = ?",
                                   [QINGCUN]).df()["community_id"])
        assert set(df["community_id"]) <= mine


def test_a_town_account_never_reads_the_snapshot_saved_for_all_towns(app_con, ops_store):
    monday = MONDAY
    weekly.save_snapshot(app_con, ops_store, F, monday, "区级")
    assert len(weekly.latest_snapshot(ops_store, F, monday))
    assert weekly.latest_snapshot(ops_store, rights.scoped(F, TOWN_USER), monday).empty
    assert weekly.filters_key(rights.scoped(F, TOWN_USER)) != weekly.filters_key(replace(F, towns=(QINGCUN,)))
