"""Benchmark (not a timed test): import a 100,000-row reports file, CSV and XLSX, including validation.

The default run imports 2,000 rows (the same checks); `FXDASH_BENCH=1 python -m pytest -q -s -n 0
tests/test_ingest_bench.py` imports 100,000 and prints the timings. The target is <= 10 s per file on the
project machine; the test only checks the import is correct.
"""

import time

import pytest

from fxdash import db
from fxdash.ingest import import_file
from tests.conftest import bench_size
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, report_rows, xlsx_bytes

N = bench_size(100_000, 2_000)


@pytest.fixture
def con(ref_db_path, tmp_path):
    c = db.connect(copy_db(ref_db_path, tmp_path))
    yield c
    c.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_100k_reports(con, tmp_path, fmt):
    rows = report_rows(N)
    payload = csv_bytes([REPORT_HEADER, *rows]) if fmt == "csv" else xlsx_bytes({"问题上报": [REPORT_HEADER, *rows]})
    start = time.perf_counter()
    result = import_file(con, payload, f"reports.{fmt}", "reports", imports_dir=tmp_path)
    took = time.perf_counter() - start
    again = time.perf_counter()
    second = import_file(con, payload, f"reports.{fmt}", "reports", imports_dir=tmp_path)
    took_again = time.perf_counter() - again
    print(f"\n{fmt}: {len(payload) / 1e6:.1f} MB, first import {took:.2f} s (inserted {result.inserted:,}), "
          f"re-import {took_again:.2f} s (unchanged {second.unchanged:,})")
    assert result.ok and result.inserted == N
    assert second.ok and second.unchanged == N
