"""The per-process caches of a server run: query results are shared between sessions and handed out as
copies no caller can change for another; each scope and masking mode has its own entry; whether a data
version is demo data is read once per database and version."""

import dataclasses
import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from fxdash import db, ui_data
from fxdash.filters import default_filters


@pytest.fixture
def counted(monkeypatch):
    con = duckdb.connect()
    monkeypatch.setattr(ui_data, "_connection_for", lambda version: con)
    ui_data._query.clear()
    calls = []

    def query(cur, f=None, **kwargs):
        calls.append((f, kwargs))
        return {"table": pd.DataFrame({"town": ["南桥镇", "奉城镇"], "n": [3, 4]}), "notes": [("期间", "本周")],
                "total": 7}

    yield query, calls
    ui_data._query.clear()
    con.close()


def test_a_caller_changing_its_result_never_changes_another_callers(counted):
    query, calls = counted
    f = default_filters(dt.date(2026, 3, 18))
    mine = ui_data._cached(query, "q", f, "v1", (), "clear")
    mine["table"]["n"] = [0, 0]
    mine["table"].loc[0, "town"] = "改了"
    mine["table"]["extra"] = 1
    mine["table"].index.name = "行"
    mine["table"].columns.name = "列"
    mine["notes"].append(("多", "余"))
    mine["total"] = -1
    theirs = ui_data._cached(query, "q", f, "v1", (), "clear")
    assert len(calls) == 1
    assert theirs["table"].equals(pd.DataFrame({"town": ["南桥镇", "奉城镇"], "n": [3, 4]}))
    assert theirs["table"].index.name is None and theirs["table"].columns.name is None
    assert theirs["notes"] == [("期间", "本周")] and theirs["total"] == 7


def test_each_scope_masking_mode_and_data_version_has_its_own_entry(counted):
    query, calls = counted
    f = default_filters(dt.date(2026, 3, 18))
    ui_data._cached(query, "q", f, "v1", (), "clear")
    ui_data._cached(query, "q", replace(f, scope=("310120102",)), "v1", (), "clear")  # a town account
    ui_data._cached(query, "q", replace(f, scope=("310120111",)), "v1", (), "clear")  # another town
    ui_data._cached(query, "q", f, "v1", (), "mask")  # a role that sees personal data masked
    ui_data._cached(query, "q", f, "v2", (), "clear")  # an import published a new version
    assert len(calls) == 5
    ui_data._cached(query, "q", replace(f, scope=("310120102",)), "v1", (), "clear")
    assert len(calls) == 5


def test_other_objects_are_handed_out_as_deep_copies():
    @dataclasses.dataclass
    class Box:
        rows: list

    box = Box([1, 2])
    out = ui_data.handed_out((box, pd.Series([1, 2]), "text", 3))
    out[0].rows.append(3)
    out[1].iloc[0] = 9
    assert box.rows == [1, 2] and out[2:] == ("text", 3)


def _demo_file(path, demo: str | None):
    con = db.connect(path)
    if demo:
        db.set_meta(con, "demo", demo)
    con.close()
    return str(path)


def test_demo_state_is_read_once_per_database_and_version(tmp_path, monkeypatch):
    demo = _demo_file(tmp_path / "demo.duckdb", "true")
    real = _demo_file(tmp_path / "real.duckdb", None)
    ui_data._demo_meta_of.clear()
    reads = []
    original = db.get_meta
    monkeypatch.setattr(db, "get_meta", lambda con, key, default=None: reads.append(key) or original(con, key, default))
    key = ui_data._readers(demo).current_key()
    assert ui_data._demo_meta_of(demo, key) == (True, "true")
    n = len(reads)
    assert ui_data._demo_meta_of(demo, key) == (True, "true") and len(reads) == n  # from cache
    # the same version name of another database is another entry
    assert ui_data._demo_meta_of(real, key) == (False, None)
    ui_data._readers(real).close()  # this process's read-only handle would refuse the writer below
    ui_data._readers.clear()
    con = duckdb.connect(real)
    db.set_meta(con, "demo", "mixed")
    con.close()
    changed = ui_data._readers(real).current_key()  # a file that is not a kept version: keyed by inode+mtime
    assert changed != key and ui_data._demo_meta_of(real, changed) == (False, "mixed")
    for path in (demo, real):
        ui_data._readers(path).close()
    ui_data._demo_meta_of.clear()
    ui_data._readers.clear()
