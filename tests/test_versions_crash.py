"""kill -9 of a writer at every step of a publish leaves PATH at the previous or the new version,
never a broken file, and the next writer tidies up so that the manifest agrees with PATH."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from fxdash import store as ops
from fxdash import versions
from fxdash.store import imports
from fxdash.writer_lock import HOLD_ENV, writer_lock
from tests.conftest import ROOT
from tests.test_versions import count, digest, reports_csv, vdb  # noqa: F401 - vdb is a fixture

# (point, whether the new version is published when the writer dies there)
POINTS = [("before-copy", False), ("during-apply", False), ("before-rename", False), ("after-rename", True),
          ("during-manifest", True)]


def _kill_at(point: str, file, path, tmp_path) -> None:
    env = {**os.environ, HOLD_ENV: f"{point}:60", "FXDASH_IMPORTS": str(tmp_path / "imports")}
    proc = subprocess.Popen([sys.executable, "-m", "fxdash", "import", str(file), "--table", "reports",
                             "--db", str(path)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline, seen = time.time() + 90, []
    for line in proc.stderr:
        seen.append(line)
        if f"FXDASH-WRITER-AT {point}" in line or time.time() > deadline:
            break
    assert any(f"FXDASH-WRITER-AT {point}" in s for s in seen), "".join(seen)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.parametrize("point, published", POINTS)
def test_sigkill_at_each_step_leaves_the_previous_or_the_new_version(vdb, tmp_path, point, published):  # noqa: F811
    before, reports = digest(vdb), count(vdb, "reports")
    _kill_at(point, reports_csv(tmp_path, 5), vdb, tmp_path)
    with duckdb.connect(str(vdb), read_only=True) as con:  # PATH opens, as any other tool would open it
        now = con.execute("select count(*) from reports").fetchone()[0]
    if published:
        assert versions.current(vdb) == 2 and now == reports + 5
    else:
        assert versions.current(vdb) == 1 and now == reports and digest(vdb) == before
    assert versions.current(vdb) in [r.id for r in versions.records(vdb)]  # its record is always there
    with writer_lock(vdb, "test", None, wait=10):  # what the next writer does first
        versions.recover(vdb)
    folder = versions.versions_dir(vdb)
    assert not [n for n in os.listdir(folder) if n.startswith(".next-")]
    assert not list(vdb.parent.glob(f".{vdb.name}.next-*"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["current"] == versions.current(vdb)
    assert [v["id"] for v in manifest["versions"]] == [r.id for r in versions.records(vdb)]
    assert max(r.id for r in versions.records(vdb)) == versions.current(vdb)
    # and the next import works and is undoable
    from fxdash.__main__ import main

    assert main(["import", str(reports_csv(tmp_path, 2, start=900, name="next.csv")), "--table", "reports",
                 "--db", str(vdb)]) == 0
    assert count(vdb, "reports") == now + 2
    # the operational store agrees: the killed import is logged as accepted exactly when it was published
    log = imports.recent(ops.open_store())
    killed = log[(log["file_name"] == "reports.csv") & (log["status"] == "成功")]
    assert killed["version"].tolist() == (["2"] if published else [])
    assert log[log["file_name"] == "next.csv"]["version"].tolist() == [str(versions.current(vdb))]
    assert main(["rollback", "--yes", "--db", str(vdb)]) == 0
    assert count(vdb, "reports") == now
