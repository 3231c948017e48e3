"""`python -m fxdash briefing`: the same files as the 周报 page's export, a readable PDF, clear refusals."""

import io
import os
import re
import shutil

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from fxdash import briefing_files
from fxdash.__main__ import main
from fxdash.access import DISTRICT, TOWN, User
from tests.auth import ACCOUNT, login_apptest
from tests.cli import child, in_process
from tests.conftest import APP_AS_OF, ROOT, TOWNS_GEOJSON, copy_store

WEEK = "2026-W47"  # the last complete week before APP_AS_OF (2026-11-27): the page's default week
WEEK_SHOWN = "2026年第47周"  # how the files and the page write the week (the file names keep WEEK)
TIME_NOTE = "导出时间"


def _sheets(xlsx: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows, without the export-time note (the one thing that differs run to run)."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return {ws.title: [r for r in ws.values if r[0] != TIME_NOTE] for ws in book.worksheets}


def _docx(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs if not p.text.startswith(TIME_NOTE)]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables


@pytest.fixture(scope="module")
def written(app_db_template, store_template, tmp_path_factory):
    """The command run once for last week on a copy of the app's data, as cron runs it (none of the shell's
    FXDASH_* settings) but in this process (tests.cli.in_process: the same parser, command and exit status;
    the command as a child process is test_the_command_as_a_child_process_refuses_an_unfinished_week);
    the tests here only read the files it wrote."""
    folder = tmp_path_factory.mktemp("briefing")
    db = folder / "app.duckdb"
    shutil.copy(app_db_template, db)
    env = {"FXDASH_DB": str(db), "FXDASH_AS_OF": APP_AS_OF.isoformat(),
           "FXDASH_STORE": str(copy_store(store_template, folder / "ops.sqlite3"))}
    if TOWNS_GEOJSON.exists():
        env["FXDASH_BOUNDARIES"] = str(TOWNS_GEOJSON)
    out = folder / "briefings"
    with pytest.MonkeyPatch.context() as mp:  # a module fixture: set up before the per-test clean environment
        for name in [k for k in os.environ if k.startswith("FXDASH_")]:
            mp.delenv(name)
        done = in_process("briefing", "--week", "last", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    return out


def _page_export(monkeypatch, out) -> tuple[str, bytes, bytes, AppTest]:
    """The 周报 page's own export, built by pressing its button."""
    monkeypatch.setenv("FXDASH_BRIEFINGS", str(out))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    login_apptest(at.run(), ACCOUNT["district"])  # personal data masked, as the command writes it
    at.switch_page("pages/weekly.py").run()
    next(b for b in at.button if b.label.startswith("生成")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    return (*at.session_state["_fx_week_files"], at)


@pytest.mark.xdist_group("briefing-written")  # one run of the command for both
def test_the_commands_files_match_the_pages_export_and_the_page_lists_them(written, app_env_read_only, monkeypatch):
    """Same sheets and rows in the XLSX, same sentences and tables in the DOCX; the page offers them."""
    week, xlsx, docx, at = _page_export(monkeypatch, written)
    assert week == WEEK
    stem = written / f"周报_{WEEK}"
    assert _sheets((stem.with_suffix(".xlsx")).read_bytes()) == _sheets(xlsx)
    cli_paragraphs, cli_tables = _docx((stem.with_suffix(".docx")).read_bytes())
    page_paragraphs, page_tables = _docx(docx)
    assert cli_paragraphs == page_paragraphs and cli_tables == page_tables
    assert any(p.startswith(f"{WEEK_SHOWN}（") for p in cli_paragraphs)
    assert any(f"**{WEEK_SHOWN}**" in m.value for m in at.markdown), "the written briefing is not listed"


@pytest.mark.xdist_group("briefing-written")  # one run of the command for both
def test_the_pdf_opens_and_says_the_week_and_its_figures(written):
    """The PDF's text holds the week, every sentence of the briefing and the week's figures."""
    pdf = PdfReader(written / f"周报_{WEEK}.pdf")
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    assert WEEK_SHOWN in text
    sheets = _sheets((written / f"周报_{WEEK}.xlsx").read_bytes())
    sentences = [r[0] for r in sheets["简报"][1:]]
    assert len(sentences) >= 7
    for sentence in sentences:
        assert re.sub(r"\s+", "", sentence) in text
    header, *rows = sheets["周对比"]
    assert len(rows) >= 10
    for row in rows:  # 指标 and 本周 of every row of the comparison table
        assert row[0] in text and str(row[2]) in text


@pytest.mark.parametrize("args, message", [
    (["--week", "2026-W99"], "没有第"),
    (["--week", "W47"], "周次“W47”格式不对"),
    (["--week", "2026-W48"], "2026-W48（2026年11月29日结束）还没有过完"),
    (["--week", "last", "--scope", "火星镇"], "没有名为或代码为“火星镇”的街镇。可选：西渡街道"),
])
def test_a_bad_week_or_scope_is_one_chinese_line_and_a_non_zero_exit(args, message, app_db_template, tmp_path,
                                                                     monkeypatch, capsys):
    db = tmp_path / "copy.duckdb"
    shutil.copy(app_db_template, db)
    monkeypatch.setenv("FXDASH_AS_OF", APP_AS_OF.isoformat())
    out = tmp_path / "out"
    assert main(["briefing", *args, "--out", str(out), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_the_command_as_a_child_process_refuses_an_unfinished_week(app_db_template, tmp_path):
    """`python -m fxdash briefing` as cron starts it: a fresh interpreter, one Chinese line, a non-zero exit."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(app_db_template, db)
    out = tmp_path / "out"
    done = child("briefing", "--week", "2026-W48", "--out", str(out), "--db", str(db),
                 env={"FXDASH_AS_OF": APP_AS_OF.isoformat()})
    assert done.returncode == 2 and "2026-W48（2026年11月29日结束）还没有过完" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_town_briefing_is_named_after_the_town(app_env_read_only, tmp_path):
    """--scope takes a town's name or code; the files carry its name and only its reports."""
    out = tmp_path / "b"
    proc = in_process("briefing", "--week", WEEK, "--scope", "310120111", "--out", str(out))  # on app_env_read_only's data
    assert proc.returncode == 0, proc.stderr
    listed = briefing_files.listing(out)
    assert listed[["week", "scope"]].values.tolist() == [[WEEK, "青村镇"]]
    assert set(listed["files"].iloc[0]) == {".docx", ".xlsx", ".pdf"}
    notes = dict(r for r in _sheets((out / f"周报_{WEEK}_青村镇.xlsx").read_bytes())["筛选条件"][1:])
    assert notes["街镇"] == "青村镇"
    assert briefing_files.listing(out, scopes=("南桥镇",)).empty
    names = {"310120111": "青村镇", "310120101": "南桥镇"}
    assert briefing_files.scopes_for(User("t", TOWN, towns=("310120111",)), names) == ("青村镇",)
    assert briefing_files.scopes_for(User("d", DISTRICT), names) is None  # the district sees every briefing
