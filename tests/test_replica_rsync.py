"""The README's replica recipe, run as written: the writing machine publishes versions, `rsync -aH` copies them
to a replica folder, and a reader on the replica never meets a missing or half-copied file."""

import os
import shutil
import subprocess
import threading

import pytest

from fxdash import readers, versions

RSYNC = shutil.which("rsync")
pytestmark = pytest.mark.skipif(RSYNC is None, reason="rsync is installed by .ci/run")


def sync(primary, replica_dir):
    # the README's command: rsync -aH data/fxdash.duckdb.versions data/fxdash.duckdb other:/srv/fxdash/data/
    subprocess.run([RSYNC, "-aH", f"{primary}.versions", str(primary), f"{replica_dir}/"], check=True, timeout=120)


def ledger_rows(con) -> int:
    return con.cursor().execute("select count(*) from points_ledger").fetchone()[0]


def test_rsync_replica_keeps_versions_and_readers_never_see_a_partial_file(app_db_template, tmp_path):
    primary = tmp_path / "primary" / "fxdash.duckdb"
    primary.parent.mkdir()
    shutil.copy(app_db_template, primary)
    versions.publish(primary, None, action="adopt", command="adopt")
    replica = tmp_path / "replica" / "fxdash.duckdb"
    replica.parent.mkdir()

    sync(primary, replica.parent)
    assert versions.current(replica) == 1
    assert os.stat(replica).st_ino == os.stat(versions.file_of(replica, 1)).st_ino  # a link, no extra disk
    seen = readers.Readers(replica)
    first = seen.connection(seen.current_key())
    before = ledger_rows(first)

    versions.publish(primary, lambda con: con.execute("delete from points_ledger where entry_id in "
                                                      "(select entry_id from points_ledger order by 1 limit 25)"),
                     action="import", command="test")

    problems, keys, stop = [], set(), threading.Event()

    def read_while_copying():  # what the replica's app does on every rerun
        while not stop.is_set():
            try:
                key = seen.current_key()
                ledger_rows(seen.connection(key))
                keys.add(key)
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                problems.append(repr(exc))

    reader = threading.Thread(target=read_while_copying)
    reader.start()
    try:
        sync(primary, replica.parent)
    finally:
        stop.set()
        reader.join(30)
    assert problems == []
    assert "v1" in keys  # it did read while the copy ran (it may also meet PATH before its version file links)

    assert versions.current(replica) == 2
    assert os.stat(replica).st_ino == os.stat(versions.file_of(replica, 2)).st_ino
    assert ledger_rows(seen.connection("v2")) == before - 25
    assert ledger_rows(first) == before  # a connection opened before the copy keeps its snapshot
    assert [r.id for r in versions.records(replica)] == [1, 2]  # the replica can show the same history
    seen.close()
