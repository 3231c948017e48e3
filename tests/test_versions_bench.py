"""Benchmark (not a timed test): publishing versions and reopening readers, at scale 1 or any database.

The default run publishes 4 versions (the same checks); `FXDASH_BENCH=1 python -m pytest -q -s -n 0
tests/test_versions_bench.py` publishes 12 of the scale-1 demo;
add `FXDASH_BENCH_DB=/tmp/s100.duckdb` to measure a larger database (built with
`python -m fxdash demo --scale 100 --as-of 2026-03-18 --db /tmp/s100.duckdb`). It prints the copy, apply
and rename time of each publish, the reader reopen time and the disk used by the kept versions.
"""

import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from fxdash import ingest, versions, writes
from fxdash.readers import Readers
from tests.conftest import REF_DATE, bench_size
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows

K = bench_size(10, 2)


def _du(folder: Path) -> int:
    """Bytes on disk, each inode once (hard links are counted once, as du does)."""
    return int(subprocess.run(["du", "-sb", str(folder)], capture_output=True, text=True).stdout.split()[0])


def test_publish_and_reopen_timings(ref_db_path, tmp_path, monkeypatch):
    source = Path(os.environ.get("FXDASH_BENCH_DB") or ref_db_path)
    monkeypatch.setenv("FXDASH_IMPORTS", str(tmp_path / "imports"))
    monkeypatch.setenv("FXDASH_KEEP_VERSIONS", str(K))
    path = tmp_path / "bench.duckdb"
    shutil.copyfile(source, path)
    writes.ensure_database(path, REF_DATE)
    readers = Readers(path, grace=0)
    readers.connection(readers.current_key())
    timings, reopen = [], []
    for i in range(K + 2):
        rows = csv_bytes([REPORT_HEADER, *report_rows(20, start=1000 * i + 1)])
        started = time.perf_counter()
        result, record = versions.publish(
            path, lambda con, rows=rows, i=i: ingest.import_file(con, rows, f"bench{i}.csv", "reports"),
            action="import")
        total = time.perf_counter() - started
        assert result.committed and versions.current(path) == record.id
        timings.append({**record.timing, "total": total})  # copy, apply (incl. checkpoint), fsync, rename
        key = readers.current_key()
        t = time.perf_counter()
        readers.connection(key).cursor().execute("select count(*) from reports").fetchone()
        reopen.append(time.perf_counter() - t)
    size = path.stat().st_size
    kept = len(versions.records(path))
    print(f"\nfile {size / 1e6:.0f} MB; median of {len(timings)} publishes (20-row import each):")
    for part in ("copy", "apply", "fsync", "rename", "total"):
        print(f"  {part:<7}{statistics.median(t[part] for t in timings):8.3f} s")
    print(f"  reader reopen (open + first query) median {statistics.median(reopen) * 1000:.0f} ms, "
          f"max {max(reopen) * 1000:.0f} ms")
    print(f"  disk: data file + {kept} kept versions = {_du(path.parent) / 1e6:.0f} MB "
          f"(versions dir {_du(versions.versions_dir(path)) / 1e6:.0f} MB)")
    readers.close()
