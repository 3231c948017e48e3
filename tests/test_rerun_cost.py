"""What a page view costs the server outside the page itself (issue 17's load test): the query cache's
key, the sign-in's writes, the run's garbage collection. Behaviour is checked here, timings are not."""

import datetime as dt
import tomllib
from dataclasses import fields, replace

import duckdb
import pandas as pd
import pytest

from fxdash import access, ui_cache, ui_data
from fxdash.filters import Filters, default_filters
from fxdash.store import accounts
from tests.conftest import ROOT


def test_every_filters_field_is_named_exactly_by_its_repr():
    """The query cache keys on repr(filters): a field whose repr hid part of its value would let two
    different views share one cached result."""
    f = replace(default_filters(dt.date(2026, 3, 18)), towns=("310120102",), categories=("安全隐患",),
                scope=("310120102", "310120111"), preset="")
    for field in fields(Filters):
        assert ui_cache.plain(getattr(f, field.name)), field.name
    assert eval(repr(f), {"Filters": Filters, "datetime": dt}) == f  # noqa: S307 - our own repr


@pytest.fixture
def counted(monkeypatch):
    """ui_data's cached query path on an in-memory DuckDB; returns the list of calls that reached it."""
    con = duckdb.connect()
    monkeypatch.setattr(ui_data, "_connection_for", lambda version: con)
    ui_data.clear_results()
    calls = []

    def query(cur, f: Filters | None = None, **kwargs):
        calls.append((f, kwargs))
        return pd.DataFrame({"n": [len(calls)]})

    yield query, calls
    ui_data.clear_results()
    con.close()


def test_the_cache_hits_for_equal_views_and_misses_for_any_difference(counted):
    query, calls = counted
    f = default_filters(dt.date(2026, 3, 18))
    first = ui_data._cached(query, "q", f, "v1", (("top", 5),), "clear")
    assert ui_data._cached(query, "q", replace(f), "v1", (("top", 5),), "clear").equals(first)
    assert len(calls) == 1
    for name, filters, version, kwargs, mode in [("q", replace(f, towns=("310120102",)), "v1", (("top", 5),), "clear"),
                                                 ("q", f, "v2", (("top", 5),), "clear"),
                                                 ("q", f, "v1", (("top", 6),), "clear"),
                                                 ("q", f, "v1", (("top", 5),), "mask"),
                                                 ("other", f, "v1", (("top", 5),), "clear"),
                                                 ("q", None, "v1", (), "clear")]:
        ui_data._cached(query, name, filters, version, kwargs, mode)
    assert len(calls) == 7


def test_kwargs_without_an_exact_repr_are_hashed_by_streamlit(counted):
    query, calls = counted
    f = default_filters(dt.date(2026, 3, 18))
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [2]})  # equal reprs are not needed, equal values are
    ui_data._cached(query, "q", f, "v1", (("refs", a),), "clear")
    ui_data._cached(query, "q", f, "v1", (("refs", a.copy()),), "clear")
    ui_data._cached(query, "q", f, "v1", (("refs", b),), "clear")
    assert len(calls) == 2


def test_a_clean_sign_in_writes_nothing_to_the_account_and_a_failure_is_cleared_once(ops_store, monkeypatch):
    accounts.add(ops_store, "liwei", access.DISTRICT, [], False, "a long password 2026", {})
    writes = []
    original = type(ops_store).write

    def counting(self):
        writes.append(1)
        return original(self)

    monkeypatch.setattr(type(ops_store), "write", counting)
    assert accounts.sign_in(ops_store, "liwei", "a long password 2026", demo_allowed=False).outcome == "ok"
    assert writes == []  # twenty sessions signing in at once no longer queue on the write lock for nothing
    assert accounts.sign_in(ops_store, "liwei", "a wrong password", demo_allowed=False).outcome == "failed"
    assert accounts.get(ops_store, "liwei").failed_logins == 1
    writes.clear()
    assert accounts.sign_in(ops_store, "liwei", "a long password 2026", demo_allowed=False).outcome == "ok"
    assert len(writes) == 1 and accounts.get(ops_store, "liwei").failed_logins == 0


def test_the_server_skips_a_full_collection_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
