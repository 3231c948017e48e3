"""Benchmark (not a timed test): import a 100,000-row reports file, CSV and XLSX, including validation.

Run with `FXDASH_BENCH=1 python -m pytest -q -s tests/test_ingest_bench.py`; it prints the timings.
The target is <= 10 s per file on the project machine; the test only checks the import is correct.
"""

import os
import time

import pytest

from fxdash import db
from fxdash.ingest import import_file
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, report_rows, xlsx_bytes

N = 100_000
pytestmark = pytest.mark.skipif(os.environ.get("FXDASH_BENCH") != "1", reason="benchmark: set FXDASH_BENCH=1")


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
