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
from tests.test_rerun_cost import counted  # noqa: F401 - the query cache on an in-memory DuckDB


@pytest.fixture
def tabled(counted):  # noqa: F811
    """The query cache's counted query (tests/test_rerun_cost.py), giving a dict of a frame, a list and a number."""
    query, calls = counted

    def tables(cur, f=None, **kwargs):
        query(cur, f, **kwargs)
        return {"table": pd.DataFrame({"town": ["南桥镇", "奉城镇"], "n": [3, 4]}), "notes": [("期间", "本周")],
                "total": 7}
    return tables, calls


def test_a_caller_changing_its_result_never_changes_another_callers(tabled):
    query, calls = tabled
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


def test_each_scope_masking_mode_and_data_version_has_its_own_entry(tabled):
    query, calls = tabled
    f = default_filters(dt.date(2026, 3, 18))
    ui_data._cached(query, "q", f, "v1", (), "clear")
    ui_data._cached(query, "q", replace(f, scope=("310120102",)), "v1", (), "clear")  # a town account
    ui_data._cached(query, "q", replace(f, scope=("310120111",)), "v1", (), "clear")  # another town
    ui_data._cached(query, "q", f, "v1", (), "mask")  # a role that sees personal data masked
    ui_data._cached(query, "q", f, "v2", (), "clear")  # an import published a new version
    assert len(calls) == 5
    ui_data._cached(query, "q", replace(f, scope=("310120102",)), "v1", (), "clear")
    assert len(calls) == 5


def test_another_database_at_the_same_version_has_its_own_entry(tabled, monkeypatch, tmp_path):
    """'v1' of one file is not 'v1' of another: a process that reads two databases (the bench's scales,
    the tests' copies) never gets one's results for the other's."""
    query, calls = tabled
    f = default_filters(dt.date(2026, 3, 18))
    for name in ("a.duckdb", "b.duckdb", "a.duckdb"):
        monkeypatch.setenv("FXDASH_DB", str(tmp_path / name))
        ui_data._cached(query, "q", f, "v1", (), "clear")
    assert len(calls) == 2


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


def test_twenty_sessions_asking_at_once_compute_a_result_once():
    import threading
    import time

    from fxdash.ui_cache import SharedCache

    cache, calls, results = SharedCache(8), [], []

    def compute():
        calls.append(1)
        time.sleep(0.05)  # long enough for every other session to arrive while it runs
        return pd.DataFrame({"n": [1]})

    threads = [threading.Thread(target=lambda: results.append(cache.get(("q", "v1"), compute))) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 20 and all(r is results[0] for r in results)


def test_the_least_recently_used_result_goes_first_and_a_failure_is_not_kept():
    from fxdash.ui_cache import SharedCache

    cache, calls = SharedCache(2), []

    def value(v):
        def compute():
            calls.append(v)
            return v
        return compute

    cache.get("a", value("a"))
    cache.get("b", value("b"))
    cache.get("a", value("a"))  # a used again: b is now the oldest
    cache.get("c", value("c"))
    cache.get("a", value("a"))
    cache.get("b", value("b"))
    assert calls == ["a", "b", "c", "b"] and len(cache) == 2

    def fails():
        raise RuntimeError("DuckDB busy")
    with pytest.raises(RuntimeError):
        cache.get("d", fails)
    assert cache.get("d", value("d")) == "d"


def test_a_frame_among_the_arguments_is_keyed_by_every_value(counted):  # noqa: F811
    query, calls = counted
    def read():  # as the page reads its reference figures on every run: an equal frame, another object
        return pd.DataFrame({"figure": ["骑手驿站"] * 60_000, "value": range(60_000)})
    refs = read()
    ui_data._cached(query, "q", None, "v1", (("refs", refs),), "clear")
    ui_data._cached(query, "q", None, "v1", (("refs", read()),), "clear")
    assert len(calls) == 1
    changed = refs.copy()
    changed.loc[59_999, "value"] = -1  # past any sample of a long frame
    ui_data._cached(query, "q", None, "v1", (("refs", changed),), "clear")
    assert len(calls) == 2
    import threading

    odd = (("refs", threading.Lock()),)  # no exact fingerprint: computed every time, never shared
    ui_data._cached(query, "q", None, "v1", odd, "clear")
    ui_data._cached(query, "q", None, "v1", odd, "clear")
    assert len(calls) == 4


def test_settings_are_parsed_once_per_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FXDASH_DB", str(tmp_path / "a.duckdb"))
    monkeypatch.setenv("FXDASH_AS_OF", "2026-03-18")
    first = ui_data.settings()
    assert ui_data.settings() is first and first.as_of == dt.date(2026, 3, 18)
    monkeypatch.setenv("FXDASH_DB", str(tmp_path / "b.duckdb"))  # another server's setting: read anew
    assert ui_data.settings().db == tmp_path / "b.duckdb"
    monkeypatch.delenv("FXDASH_AS_OF")
    assert ui_data.settings().as_of == dt.date.today()
