"""The rights table and the scope rule (no app, no database but an in-memory one)."""

import datetime as dt
from dataclasses import replace

import duckdb

from fxdash import rights
from fxdash.access import ADMIN, DISTRICT, TOWN, VIEWER, User
from fxdash.filters import Filters, from_params

F = Filters(date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 27))
QC, NQ = "310120111", "310120101"


def test_pages_tabs_downloads_and_snapshots_by_role():
    assert [r for r in (ADMIN, DISTRICT, TOWN, VIEWER) if rights.may_open(User("u", r), "data")] == \
        [ADMIN, DISTRICT, TOWN]
    assert all(rights.may_open(User("u", r), "reports") for r in (ADMIN, DISTRICT, TOWN, VIEWER))
    assert [rights.data_tabs(User("u", r)) for r in (ADMIN, DISTRICT, TOWN, VIEWER)] == \
        [("import", "files", "boundaries", "log", "undo"), ("files", "log"), ("files",), ()]
    assert [rights.may_download(User("u", r)) for r in (ADMIN, DISTRICT, TOWN, VIEWER)] == [True, True, True, False]
    assert [rights.may_save_snapshot(User("u", r)) for r in (ADMIN, DISTRICT, TOWN, VIEWER)] == \
        [True, True, False, False]


def test_scope_by_role():
    assert rights.scope(User("u", ADMIN)) == () and rights.scope(User("u", DISTRICT, (QC,))) == ()
    assert rights.scope(User("u", TOWN, (QC,))) == (QC,) and rights.scope(User("u", VIEWER, (QC,))) == (QC,)
    assert rights.scope(User("u", VIEWER)) == ()
    assert rights.scope(User("u", TOWN)) == rights.NOWHERE  # a town account without a town sees nothing


def test_scope_only_ever_narrows_and_is_never_in_the_url():
    town = User("u", TOWN, (QC,))
    f = rights.scoped(replace(F, towns=(NQ,)), town)
    assert f.scope == (QC,) and "scope" not in f.to_params() and f.towns == (NQ,)
    assert rights.scoped(f, town) == f and rights.scoped(replace(f, scope=(QC, NQ)), town).scope == (QC,)
    back, _ = from_params({**f.to_params(), "scope": NQ}, F.date_to)
    assert back.scope == ()  # a URL cannot set it; the server sets it from the user on every query
    con = duckdb.connect()
    con.execute("create table t as select * from (values ('310120111'), ('310120101')) v(town_code)")
    rows = lambda g: [r[0] for r in con.execute(  # noqa: E731
        f"select town_code from t where {g.where(town='town_code')[0]} order by 1", g.where(town='town_code')[1])
        .fetchall()]
    assert rows(F) == [NQ, QC] and rows(rights.scoped(F, town)) == [QC]
    assert rows(f) == []  # another town picked: the intersection is empty, not "every town"
    assert rows(rights.scoped(F, User("u", TOWN))) == []
