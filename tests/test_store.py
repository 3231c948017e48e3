"""The operational store on SQLite and PostgreSQL: migrations, import log, snapshots, settings."""

import datetime as dt
import subprocess
import sys

from sqlalchemy import func, select

from fxdash import store as ops
from fxdash.store import imports, migrate, schema, settings, snapshots
from tests.conftest import ROOT


def test_migrations_run_once_and_again_are_a_no_op(store_url):
    """Opening a new store applies every migration; a second run applies nothing."""
    store = ops.Store(ops.engine_url(store_url))
    try:
        assert migrate.upgrade(store) == [v for v, _, _ in migrate.MIGRATIONS]
        assert migrate.upgrade(store) == []
        with store.read() as conn:
            assert migrate.applied(conn) == {v for v, _, _ in migrate.MIGRATIONS}
            assert conn.execute(select(func.count()).select_from(schema.audit_head)).scalar() == 1
    finally:
        store.close()


def test_two_processes_migrating_at_once_both_succeed(store_url):
    """Two servers starting together on a new store: one migrates, the other waits and finds it done."""
    code = "import sys; from fxdash import store; store.open_store(sys.argv[1]); print('ok')"
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for _ in range(3)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    store = ops.open_store(store_url)
    with store.read() as conn:
        rows = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    assert sorted(rows) == [v for v, _, _ in migrate.MIGRATIONS]
    ops.close_store(store)


def test_import_log_round_trip(any_store):
    """Accepted and rejected attempts come back newest first with counts, changes and version."""
    t0 = dt.datetime(2026, 11, 20, 9, 0, 0, 123456)
    imports.record(any_store, started_at=t0, file_name="上报.csv", sha256="a" * 64, table_name="reports",
                   status="失败", username="张三", message="共 2 个问题")
    imports.record(any_store, started_at=t0 + dt.timedelta(minutes=1), file_name="上报.csv", sha256="b" * 64,
                   table_name="reports", status="成功", username="张三", crs="gcj02", rows_total=3, inserted=2,
                   updated=1, changes={"status": 1, "handler": 0}, version="v0007")
    log = imports.recent(any_store)
    assert log["status"].tolist() == ["成功", "失败"]
    first = log.iloc[0]
    assert (first.rows_inserted, first.rows_updated, first.crs, first.version) == (2, 1, "gcj02", "v0007")
    assert first.changes == {"status": 1, "handler": 0}
    assert log.iloc[1].message == "共 2 个问题" and log.iloc[1].started_at == t0
    assert log.iloc[1].changes is None
    assert len(imports.recent(any_store, limit=1)) == 1


def test_snapshots_round_trip_latest_per_week_and_view(any_store):
    early, late = dt.datetime(2026, 11, 23, 9), dt.datetime(2026, 11, 23, 10)
    snapshots.save(any_store, "2026-W47", "", {"a": 1.0, "b": None}, "甲", early)
    snapshots.save(any_store, "2026-W47", "", {"a": 2.5, "b": 3.0}, "乙", late)
    snapshots.save(any_store, "2026-W47", "town=T1", {"a": 9.0}, "丙", late)
    snap = snapshots.latest(any_store, "2026-W47", "")
    assert snap.to_dict("list") == {"metric": ["a", "b"], "value": [2.5, 3.0], "saved_at": [late, late],
                                    "saved_by": ["乙", "乙"]}
    assert snapshots.latest(any_store, "2026-W46", "").empty


def test_settings_round_trip_and_overwrite(any_store):
    assert settings.get(any_store, "boundaries_path") is None
    settings.put(any_store, "boundaries_path", "/a/towns.geojson", "张三")
    settings.put(any_store, "boundaries_path", "/b/towns.geojson", "李四")
    assert settings.get(any_store, "boundaries_path") == "/b/towns.geojson"
    assert settings.get(any_store, "missing", "x") == "x"


def test_sqlite_store_uses_wal_and_a_busy_timeout(tmp_path):
    store = ops.open_store(str(tmp_path / "w.sqlite3"))
    with store.read() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("pragma busy_timeout").scalar() == ops.BUSY_TIMEOUT_MS
    ops.close_store(store)
