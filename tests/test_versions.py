"""Versioned analytics data: publish, readers, rollback, the demo guard, the writer lock and CLI failures."""

import datetime as dt
import hashlib
import os
import subprocess
import sys
import time

import duckdb
import pytest

from fxdash import access, db, versions, writes
from fxdash.__main__ import main
from fxdash.readers import Readers
from fxdash.writer_lock import HOLD_ENV
from tests.cli import in_process
from tests.conftest import REF_DATE, ROOT
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, report_rows


@pytest.fixture
def vdb(ref_db_path, tmp_path, monkeypatch):
    """The demo database at 2026-03-18 as version 1 of its own data file."""
    monkeypatch.setenv("FXDASH_IMPORTS", str(tmp_path / "imports"))
    path = copy_db(ref_db_path, tmp_path)
    writes.ensure_database(path, REF_DATE)
    assert versions.current(path) == 1
    return path


def digest(path) -> str:
    """A hash over every row of every table (meta included): each row's full text (DuckDB's, strings
    quoted, NULL bare, doubles to the last digit), sorted, hashed inside DuckDB (fetching every row into
    Python cost ~0.25 s a digest)."""
    h = hashlib.sha256()
    with versions.open_current(path) as con:
        for table in db.table_names(con):
            n, rows = con.execute(f"select count(*), md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar),"
                                  f" '')) from \"{table}\" t").fetchone()
            h.update(f"{table} {n} {rows}".encode())
    return h.hexdigest()


def count(path, table: str) -> int:
    with versions.open_current(path) as con:
        return con.execute(f'select count(*) from "{table}"').fetchone()[0]


def reports_csv(tmp_path, n: int, start: int = 1, name: str = "reports.csv"):
    file = tmp_path / name
    file.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(n, start=start)]))
    return file


def test_import_is_a_new_version_and_rollback_restores_every_table_exactly(vdb, tmp_path, capsys):
    events = []
    sink = lambda action, user, detail: events.append((action, user, detail))  # noqa: E731
    access.add_sink(sink)
    try:
        before = digest(vdb)
        assert main(["import", str(reports_csv(tmp_path, 5)), "--table", "reports", "--db", str(vdb),
                     "--user", "张三"]) == 0
        assert versions.current(vdb) == 2 and digest(vdb) != before
        after_first = digest(vdb)
        assert main(["import", str(reports_csv(tmp_path, 3, start=100)), "--table", "reports",
                     "--db", str(vdb)]) == 0
        record = versions.records(vdb)[-1]
        assert (record.id, record.action, record.parent) == (3, "import", 2)
        assert record.counts["reports"] == count(vdb, "reports")
        assert main(["rollback", "--to", "2", "--yes", "--db", str(vdb), "--user", "李四"]) == 0
        assert digest(vdb) == after_first
        out = capsys.readouterr().out
        assert "问题上报:" in out and "-3" in out  # the confirmation names what disappears
        assert main(["rollback", "--yes", "--db", str(vdb)]) == 0  # undo goes on back, before import 1
        assert digest(vdb) == before
        assert [r.action for r in versions.records(vdb)] == ["adopt", "import", "import", "rollback", "rollback"]
    finally:
        access.remove_sink(sink)
    assert ("data_rollback", "李四") in [(a, u) for a, u, _ in events]
    manifest = (versions.versions_dir(vdb) / "manifest.json").read_text(encoding="utf-8")
    assert '"current": 5' in manifest


def test_path_is_a_plain_duckdb_file_other_tools_can_open_read_only(vdb, tmp_path):
    assert main(["import", str(reports_csv(tmp_path, 2)), "--table", "reports", "--db", str(vdb)]) == 0
    assert not os.path.exists(f"{vdb}.wal")
    with duckdb.connect(str(vdb), read_only=True) as a, duckdb.connect(str(vdb), read_only=True) as b:
        assert a.execute("select count(*) from reports").fetchone() == b.execute(
            "select count(*) from reports").fetchone()
    assert os.stat(vdb).st_nlink == 2  # PATH and its kept version file share one inode: no extra disk


def test_only_the_last_k_versions_are_kept(vdb, monkeypatch):
    monkeypatch.setenv("FXDASH_KEEP_VERSIONS", "3")
    for i in range(4):
        versions.publish(vdb, lambda con, i=i: db.set_meta(con, "note", str(i)), action="import")
    assert [r.id for r in versions.records(vdb)] == [3, 4, 5]
    assert versions.current(vdb) == 5
    assert sorted(p.name for p in versions.versions_dir(vdb).glob("*.duckdb")) == [
        "v000003.duckdb", "v000004.duckdb", "v000005.duckdb"]


def test_a_run_keeps_its_version_and_the_next_run_sees_the_new_one(vdb, tmp_path):
    readers = Readers(vdb, grace=0)
    first = readers.current_key()
    old = readers.connection(first).cursor()
    before = old.execute("select count(*) from reports").fetchone()[0]
    assert main(["import", str(reports_csv(tmp_path, 4)), "--table", "reports", "--db", str(vdb)]) == 0
    second = readers.current_key()
    assert second != first
    assert old.execute("select count(*) from reports").fetchone()[0] == before  # the snapshot holds
    assert readers.connection(first).cursor().execute("select count(*) from reports").fetchone()[0] == before
    assert readers.connection(second).cursor().execute("select count(*) from reports").fetchone()[0] == before + 4
    assert readers.open_keys() == [second]  # the superseded instance is closed (grace 0)
    old.close()
    readers.close()


def test_demo_refuses_to_replace_imported_data_without_force(vdb, tmp_path, capsys):
    assert main(["import", str(reports_csv(tmp_path, 2)), "--table", "reports", "--db", str(vdb)]) == 0
    with_import = digest(vdb)
    capsys.readouterr()
    assert main(["demo", "--db", str(vdb), "--as-of", "2026-03-18"]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert digest(vdb) == with_import and versions.current(vdb) == 2
    assert main(["demo", "--db", str(vdb), "--as-of", "2026-03-18", "--force"]) == 0
    assert versions.records(vdb)[-1].action == "demo"
    assert main(["rollback", "--yes", "--db", str(vdb)]) == 0
    assert digest(vdb) == with_import


def test_demo_replaces_a_demo_database_and_two_first_starts_build_once(tmp_path):
    path = tmp_path / "new" / "fx.duckdb"
    code = ("import datetime as dt, sys; from fxdash import writes; "
            "writes.ensure_database(sys.argv[1], dt.date(2026, 3, 18))")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert [r.action for r in versions.records(path)] == ["demo"]
    assert main(["demo", "--db", str(path), "--as-of", "2026-03-18", "--seed", "7"]) == 0  # demo over demo: fine
    assert versions.current(path) == 2


@pytest.fixture
def held_writer(vdb, tmp_path):
    """A CLI import paused while holding the writer lock (before it copies anything)."""
    env = {**os.environ, HOLD_ENV: "before-copy:60", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "fxdash", "import", str(reports_csv(tmp_path, 2, name="a.csv")),
                             "--table", "reports", "--db", str(vdb), "--user", "王五"], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 60
    for line in proc.stderr:
        if "FXDASH-WRITER-AT before-copy" in line or time.time() > deadline:
            break
    yield proc
    proc.kill()
    proc.wait(timeout=30)


def test_a_second_writer_names_the_holder_and_reads_and_checks_still_work(vdb, tmp_path, held_writer):
    """The holder is a child process; the second writer and the readers run in this process (tests.cli)."""
    file = reports_csv(tmp_path, 3, start=50, name="b.csv")
    env = {"FXDASH_WRITER_WAIT": "1"}
    out = in_process("import", str(file), "--table", "reports", "--db", str(vdb), env=env)
    assert out.returncode == 3
    lines = [s for s in out.stderr.splitlines() if not s.startswith("正在导入")]
    assert lines[-1].startswith("数据正在被另一个写入操作占用") and f"进程 {held_writer.pid}" in lines[-1]
    assert "import a.csv" in lines[-1] and "王五" in lines[-1] and "Traceback" not in out.stderr
    assert any("正在等待" in s for s in lines)  # progress while waiting
    check = in_process("import", str(file), "--table", "reports", "--db", str(vdb), "--dry-run", env=env)
    assert check.returncode == 0 and "新增 3 行" in check.stdout  # a dry run needs no lock
    export = in_process("export", "--table", "reports", "--out", str(tmp_path / "r.csv"), "--db", str(vdb), env=env)
    assert export.returncode == 0, export.stderr
    demo_run = in_process("demo", "--db", str(vdb), env=env)
    assert demo_run.returncode == 3 and "Traceback" not in demo_run.stderr


@pytest.mark.parametrize("args, expected", [
    (["import", "missing.csv", "--table", "reports"], "找不到文件"),
    (["import", "{bad}", "--table", "reports"], "发现 1 个问题"),
    (["import", "{bad}", "--table", "nope"], "参数有误"),
    (["import", "{bad}"], "缺少必填参数 --table"),
    (["export", "--table", "reports", "--out", "x.csv", "--bogus"], "无法识别的参数"),
    (["demo", "--as-of", "2026-13-01"], "日期应为"),
    (["demo", "--scale", "0"], "规模应为"),
    (["rollback", "--to", "99", "--yes"], "版本 99 不存在"),
    (["rollback", "--to", "x"], "参数有误"),
    ([], "参数有误"),
])
def test_cli_failures_are_one_chinese_line_never_a_traceback(vdb, tmp_path, capsys, args, expected):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01not a table")
    args = [str(bad) if a == "{bad}" else a for a in args]
    with_db = [*args, "--db", str(vdb)] if args and "--db" not in args and args[0] != "template" else args
    code = main(with_db if args[-1:] != ["nope"] else args)
    out = capsys.readouterr()
    assert code != 0
    assert expected in out.out + out.err
    assert "Traceback" not in out.out + out.err


def test_missing_database_bad_setting_and_unexpected_errors(tmp_path, capsys, monkeypatch):
    assert main(["export", "--table", "reports", "--out", str(tmp_path / "x.csv"),
                 "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "不存在" in capsys.readouterr().err
    monkeypatch.setenv("FXDASH_WRITER_WAIT", "soon")
    assert main(["rollback", "--list", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "FXDASH_WRITER_WAIT" in capsys.readouterr().err
    monkeypatch.delenv("FXDASH_WRITER_WAIT")
    monkeypatch.setenv("FXDASH_DB", str(tmp_path / "fx.duckdb"))

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(versions, "records", broken)
    assert main(["rollback", "--list"]) == 70
    err = capsys.readouterr().err
    assert "错误编号" in err and "boom" not in err and len(err.strip().splitlines()) == 1
    log = tmp_path / "logs" / "fxdash-cli.log"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_a_file_that_is_not_a_version_yet_is_registered_once(ref_db_path, tmp_path):
    path = copy_db(ref_db_path, tmp_path)
    before = digest(path)
    record = writes.ensure_database(path, dt.date(2026, 3, 18))
    assert record.action == "adopt" and digest(path) == before
    assert writes.ensure_database(path, dt.date(2026, 3, 18)) is None
