"""`python -m fxdash bench` and `loadtest` work and report in the promised shape. Their figures (times,
bytes) are printed, never asserted: the machine is shared."""

import csv
import os
import shutil
import subprocess
import sys

import pytest

from fxdash import bench, bench_data, bench_pages, loadtest
from fxdash.__main__ import main
from fxdash.labels import people as LP
from tests.auth import ACCOUNT, PASSWORDS
from tests.cli import in_process
from tests.conftest import ROOT, start_server


def _fxdash(args: list[str], stdin: str = "", timeout: float = 600, env: dict | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FXDASH_")}
    return subprocess.run([sys.executable, "-m", "fxdash", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=timeout, env={**clean, **(env or {})})


def test_bench_at_scale_1_on_two_pages_and_a_tab_writes_csv_and_markdown(tmp_path):
    out = tmp_path / "results"
    done = in_process("bench", "--scale", "1", "--pages", "overview,map,people:四大员", "--data-dir",
                      str(tmp_path / "data"), "--out", str(out), "--label", "t", "--import-rows", "2000")
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with open(out / "t.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["page"] for r in rows] == ["overview", "map", "people:四大员"] and {r["scale"] for r in rows} == {"1"}
    assert tuple(rows[0]) == bench.COLUMNS
    for r in rows:
        assert float(r["cold_s"]) > 0 and float(r["warm_s"]) > 0 and float(r["bare_s"]) > 0
        assert int(r["n_queries"]) > 0 and float(r["queries_s"]) > 0  # the page's own queries were seen
        parts = sum(int(r[f"bytes_{k}"]) for k in ("deck", "plotly", "dataframes", "other"))
        assert int(r["bytes_total"]) == parts > 0
    assert int(rows[1]["bytes_deck"]) > 0  # the map page sends a deck
    assert int(rows[2]["n_queries"]) >= 3 and int(rows[2]["bytes_plotly"]) > 0  # the tab's own queries and charts
    md = (out / "t.md").read_text(encoding="utf-8")
    table = [line for line in md.splitlines() if line.startswith("| 1 | ")]
    assert [line.split(" | ")[1] for line in table[:3]] == ["overview", "map", "people:四大员"]
    assert "demo build s" in md and "CLI import of 2,000 report rows" in md
    assert "规模 1" in done.stdout and "导入 2,000 行" in done.stdout
    # the next run reuses the database it built, with the figures of that build
    path, figures = bench_data.ensure_demo(1, tmp_path / "data", progress=pytest.fail)
    assert path.exists() and figures["reused"] and figures["seconds"] > 0 and figures["peak_mb"] > 0


@pytest.mark.parametrize("args, words", [
    (["bench", "--scale", "0"], "规模"),
    (["bench", "--scale", "1,abc"], "规模"),
    (["bench", "--pages", "overview,nope"], "未知页面 nope"),
    (["bench", "--repeats", "1"], "重复次数"),
    (["bench", "--pages", "people:nope"], "未知分页签 people:nope"),
    (["bench", "--pages", "map:地图"], "此页没有分页签"),
    (["bench", "--label", "../x"], "结果名"),
    (["loadtest", "--url", "http://example.com:8501"], "只能对本机服务器压测"),
    (["loadtest", "--url", "http://10.0.0.5:8501"], "只能对本机服务器压测"),
    (["loadtest", "--sessions", "1000"], "会话数"),
    (["loadtest", "--pages", "nope"], "未知页面"),
])
def test_bad_arguments_get_one_chinese_line(args, words, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_tabs_follow_their_page_once():
    assert bench_pages.with_tabs(["map", "people"]) == ["map", "people", *[f"people:{t}" for t in LP.PEOPLE_TABS[1:]]]
    assert bench_pages.with_tabs(["community:反诈拦截", "community"]).count("community:反诈拦截") == 1
    assert bench_pages.bench_page_list("people:四大员,map") == ["people:四大员", "map"]


def test_local_addresses_only():
    assert loadtest.local_url("http://localhost:8501/") == "http://localhost:8501"
    assert loadtest.local_url("http://127.0.0.1:9") == "http://127.0.0.1:9"
    assert loadtest.local_url("http://[::1]:8501") == "http://[::1]:8501"


def test_loadtest_without_user_says_so(capsys):
    assert main(["loadtest", "--url", "http://127.0.0.1:9"]) == 1
    assert "FXDASH_LOADTEST_USER" in capsys.readouterr().err


def test_percentile_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert loadtest.percentile(values, 50) == 10.0 and loadtest.percentile(values, 95) == 19.0
    assert loadtest.percentile([3.0], 95) == 3.0


@pytest.fixture
def server(app_db_template, store_template, tmp_path):
    path = tmp_path / "load.duckdb"
    shutil.copy(app_db_template, path)
    proc, url = start_server(path, store_template=store_template)
    yield url, proc.pid
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_loadtest_signs_in_opens_pages_and_reports(server):
    url, pid = server
    admin = ACCOUNT["admin"]
    done = _fxdash(["loadtest", "--sessions", "2", "--pages", "overview", "--url", url, "--timeout", "180"],
                   env={"FXDASH_LOADTEST_USER": admin, "FXDASH_LOADTEST_PASSWORD": PASSWORDS[admin]}, timeout=240)
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    page_line = next(line for line in lines if line.startswith("overview"))
    assert "p50" in page_line and "p95" in page_line and "（2 次）" in page_line
    assert "errors 0" in lines
    assert any(line.startswith("server cpu") and "peak memory" in line for line in lines)  # found by port

    # a wrong password (user from --user, password from standard input) is an error, not a hang (in this
    # process: the run above is the command's child-process check)
    district = ACCOUNT["district"]
    wrong = in_process("loadtest", "--sessions", "2", "--pages", "overview", "--url", url, "--user", district,
                       "--server-pid", str(pid), "--timeout", "60", stdin="not the password\n")
    print(wrong.stdout, wrong.stderr)
    assert wrong.returncode == 1
    assert "errors 2" in wrong.stdout.splitlines() and "登录失败" in wrong.stdout


def test_reads_outside_the_query_cache_count_with_the_pages_queries(ref_con):
    from fxdash.queries import common

    original = common.town_names
    with bench_pages._Recorder() as rec:
        assert common.town_names.__qualname__ == "town_names"  # the query cache's key stays the function's
        names = common.town_names(ref_con)
    assert names and [name for name, _ in rec.direct] == ["fxdash.queries.common.town_names"]
    assert rec.direct[0][1] > 0 and common.town_names is original
