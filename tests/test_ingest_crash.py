"""A process killed with SIGKILL in the middle of a large import leaves the database as it was."""

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from fxdash import store as ops
from fxdash.ingest.load import HOLD_ENV
from fxdash.store import imports
from tests.conftest import ROOT
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, report_rows, state

LARGE = 125_000  # more than one DuckDB row group (122,880): the insert writes blocks before commit


@pytest.fixture
def work_db(ref_db_path, tmp_path):
    return copy_db(ref_db_path, tmp_path)


def _start_import(path, db_path, tmp_path, hold: bool):
    env = {**os.environ, "FXDASH_IMPORTS": str(tmp_path / "imports"), "PYTHONUNBUFFERED": "1"}
    if hold:
        env[HOLD_ENV] = "60"
    return subprocess.Popen([sys.executable, "-m", "fxdash", "import", str(path), "--table", "reports",
                             "--db", str(db_path)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _counts(db_path):
    """(database state, accepted imports in the log of the operational store the child used)."""
    log = imports.recent(ops.open_store(), limit=10_000)
    with duckdb.connect(str(db_path)) as con:
        return state(con, "reports"), int((log["status"] == "成功").sum())


@pytest.fixture(scope="module")
def large_file(tmp_path_factory):
    """Written once for both tests (they only read it; xdist_group: on one worker)."""
    path = tmp_path_factory.mktemp("large") / "large.csv"
    path.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(LARGE)]))
    return path


@pytest.mark.xdist_group("large-file")
def test_sigkill_inside_the_write_transaction_leaves_previous_counts(work_db, tmp_path, large_file):
    before, done_before = _counts(work_db)
    proc = _start_import(large_file, work_db, tmp_path, hold=True)
    deadline = time.time() + 120
    seen = []
    for line in proc.stdout:  # wait until the rows are written but not committed
        seen.append(line)
        if "FXDASH-INGEST-IN-TRANSACTION" in line or time.time() > deadline:
            break
    assert any("FXDASH-INGEST-IN-TRANSACTION" in s for s in seen), "".join(seen)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after, done_after = _counts(work_db)  # opens (and replays the WAL of) the killed database
    assert after[:2] == before[:2]
    assert done_after == done_before


@pytest.mark.xdist_group("large-file")
def test_sigkill_at_an_arbitrary_moment_leaves_before_or_after_never_between(work_db, tmp_path, large_file):
    before, done_before = _counts(work_db)
    proc = _start_import(large_file, work_db, tmp_path, hold=False)
    time.sleep(2.5)  # somewhere in reading, validating or writing
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after, done_after = _counts(work_db)
    reports_before, reports_after = before[1][0], after[1][0]
    if reports_after == reports_before:
        assert after[:2] == before[:2] and done_after == done_before
    else:  # it had committed before the kill: everything is there, logged at most once (the log row
        # is written to the operational store just after the data commit)
        assert reports_after == reports_before + LARGE and done_after - done_before in (0, 1)
