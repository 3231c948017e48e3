"""Two app processes over one data file keep serving pages while the command line imports 100,000
rows (10,000 in the default run; FXDASH_BENCH=1 for the full size and its timing), and both show the new
figures at their next page load, without a restart."""

import datetime as dt
import re
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from fxdash import access, metrics, versions
from fxdash import store as ops
from fxdash.filters import Filters
from fxdash.labels import overview as LO
from tests.auth import TEST_PASSWORD, ensure_account, login
from tests.conftest import BENCH, CHROMIUM, ROOT, bench_size, start_server, wait_for_app
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows

ADMIN = access.User("chief", access.ADMIN)

pytestmark = pytest.mark.browser
N = bench_size(100_000, 10_000)
MARCH = "/?from=2026-03-01&to=2026-03-31"  # the imported reports are dated 2026-03-01..17
MARCH_FILTERS = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture(scope="module")
def two_servers(app_db_template, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no Chromium found (install Debian's chromium to run browser tests)")
    folder = tmp_path_factory.mktemp("replicas")
    path = folder / "app.duckdb"
    shutil.copy(app_db_template, path)
    logs = [folder / f"server{i}.log" for i in range(2)]
    # one store for both (beside the database); a real admin, since the import ends the demo accounts
    store = ops.open_store(str(path.with_suffix(".ops.sqlite3")))
    ensure_account(store, ADMIN)
    ops.close_store(store)
    servers = [start_server(path, log_path=log) for log in logs]
    yield path, [url for _, url in servers], logs
    for proc, _ in servers:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def reports_in_march(pg, url: str) -> int:
    login(pg, url, ADMIN.username, TEST_PASSWORD, path=MARCH)  # every visit is a new session
    wait_for_app(pg, timeout=120_000)
    assert pg.get_by_test_id("stException").count() == 0
    metric = pg.get_by_test_id("stMetric").filter(has_text=LO.KPI_REPORTS).first
    return int(re.sub(r"\D", "", metric.get_by_test_id("stMetricValue").inner_text().split()[0]))


def reports_in_march_in(path) -> int:
    """The overview's figure (metrics.REPORTS, shown as LO.KPI_REPORTS) computed from the file, read-only
    beside the servers."""
    with duckdb.connect(str(path), read_only=True) as con:
        return int(metrics.values(con, MARCH_FILTERS, (metrics.REPORTS,))[metrics.REPORTS.key])


def test_two_servers_serve_during_a_100k_cli_import_and_then_show_it(two_servers, new_page, tmp_path):
    path, urls, logs = two_servers
    # pages of the worker's shared context (its HTTP cache, its renderers): a new context compiled
    # Streamlit's frontend anew, about twice a page load's Chromium CPU
    pages = [new_page({"width": 1400, "height": 1600}) for _ in urls]
    # the figure before, from the file: the servers' first loads are the ones during the import
    before = [reports_in_march_in(path)]
    big = tmp_path / "reports_100k.csv"
    big.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(N)]))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "fxdash", "import", str(big), "--table", "reports",
                             "--db", str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**__import__("os").environ, "FXDASH_IMPORTS": str(tmp_path / "imp")})
    served = 0
    while proc.poll() is None and time.perf_counter() - started < 300 and (BENCH or served < len(urls)):
        # both answer while the import runs: one round (each load a new session), every round in a bench run
        for pg, url in zip(pages, urls):
            assert reports_in_march(pg, url) in (before[0], before[0] + N)
            served += 1
    out = proc.communicate(timeout=60)[0]
    took = time.perf_counter() - started
    assert proc.returncode == 0, out
    assert served >= 2
    reopen = time.perf_counter()
    after = [reports_in_march(pg, url) for pg, url in zip(pages, urls)]
    print(f"\n100k CLI import while serving: {took:.1f} s, {served} page loads meanwhile; "
          f"both servers' next load took {time.perf_counter() - reopen:.1f} s")
    assert after == [before[0] + N] * 2
    assert versions.records(path)[-1].action == "import"
    for log in logs:
        text = log.read_text()
        assert "Traceback" not in text and "Error" not in text, text[-3000:]
