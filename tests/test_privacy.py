"""Personal data: the masking rule, the declarations, and every way data leaves (queries, whole-table
downloads, the weekly files, the command line) for each role."""

import datetime as dt
import getpass
import inspect
import io

import pandas as pd
import pytest

from fxdash import access, briefing, privacy, rights, weekly_export
from fxdash.filters import Filters
from fxdash.ingest import template
from fxdash.privacy import CLEAR, DROP, MASK, mask_code, mask_name, mask_phone
from fxdash.queries import data, weekly
from fxdash.weeks import last_complete_week
from tests.cli import in_process
from tests.conftest import APP_AS_OF
from tests.test_scope_queries import KWARGS, QINGCUN, query_functions

NAMES = [
    ("王小明", "王*"), ("王明", "王*"), ("王", "王*"), ("欧阳娜娜", "欧阳*"), ("欧阳修", "欧阳*"), ("司马相如", "司马*"),
    ("诸葛亮", "诸葛*"), ("上官婉儿", "上官*"), ("欧阳", "欧*"),  # a two-character name is not a compound surname
    (" 李四 ", "李*"), ("", ""), ("   ", ""), (None, ""), (float("nan"), ""), ("买买提·艾力", "买*"), ("Ann Lee", "A*"),
]
PHONES = [
    ("13812345678", "138****5678"), ("138-1234-5678", "138****5678"), ("138 1234 5678", "138****5678"),
    ("+86 138 1234 5678", "138****5678"), ("021-57123456", "021-****3456"), ("(021) 57123456", "021-****3456"),
    ("0571-8765432", "0571-***5432"), ("57123456", "****3456"), ("110", "***"), ("12345", "*****"),
    ("", ""), (None, ""), (float("nan"), ""), ("无", "*"),
]
CODES = [
    ("310120199001011234", "310120**********34"), ("31012019900101123X", "310120**********3X"),
    ("老人0034-001", "老人******01"), ("W0000001", "W0****01"), ("E12", "***"), ("", ""), (None, ""),
]


@pytest.mark.parametrize(("value", "masked"), NAMES)
def test_mask_name(value, masked):
    assert mask_name(value) == masked


@pytest.mark.parametrize(("value", "masked"), PHONES)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(("value", "masked"), CODES)
def test_mask_code(value, masked):
    assert mask_code(value) == masked


def test_protect_masks_drops_or_keeps_declared_columns_only():
    df = pd.DataFrame({"name": ["欧阳娜娜", None], "phone": ["13812345678", ""], "town": ["青村镇", "南桥镇"]})
    cols = {"name": privacy.NAME, "phone": privacy.PHONE, "absent": privacy.CODE}
    masked = privacy.protect(df, cols, MASK)
    assert masked.to_dict("list") == {"name": ["欧阳*", ""], "phone": ["138****5678", ""], "town": ["青村镇", "南桥镇"]}
    assert list(privacy.protect(df, cols, DROP).columns) == ["town"]
    assert privacy.protect(df, cols, CLEAR) is df
    assert df.loc[0, "name"] == "欧阳娜娜", "the input is never changed"
    nested = privacy.protect({"overdue": df, "week": "2026-W47"}, {"overdue": cols}, MASK)
    assert nested["overdue"].loc[0, "phone"] == "138****5678" and nested["week"] == "2026-W47"


def test_mask_mode_by_role():
    modes = {role: rights.mask_mode(access.User("u", role)) for role in access.ROLES}
    assert modes == {"admin": CLEAR, "district": MASK, "town": MASK, "viewer": DROP}
    assert rights.mask_mode(access.User("u", access.DISTRICT, pii=True)) == CLEAR
    assert rights.mask_mode(access.User("u", access.TOWN, (QINGCUN,), pii=True)) == CLEAR
    assert rights.mask_mode(access.User("u", access.VIEWER, pii=True)) == DROP  # a viewer never sees people
    assert rights.mask_mode(None) == MASK


# --- every way out, on the demo database ----------------------------------------------------------------

F = Filters(date_from=dt.date(2024, 1, 1), date_to=APP_AS_OF)
DISTRICT = access.User("d", access.DISTRICT)
TOWN = access.User("t", access.TOWN, (QINGCUN,))
VIEWER = access.User("v", access.VIEWER)


@pytest.fixture(scope="module")
def personal_values(app_connection):
    cur = app_connection.cursor()
    names = {n for (n,) in cur.execute("select name from workers").fetchall() if len(n) >= 2}
    phones = {p for (p,) in cur.execute("select phone from workers where phone is not null").fetchall()}
    elders = {e for (e,) in cur.execute("select elder_code from care_pairs").fetchall()}
    cur.close()
    return names | phones | elders


def values_in(result) -> set:
    out = set()
    frames = [result] if isinstance(result, pd.DataFrame) else \
        [v for v in result.values() if isinstance(v, pd.DataFrame)] if isinstance(result, dict) else []
    for df in frames:
        for col in df.columns:
            out |= {str(v) for v in df[col].tolist()}
    return out


def test_no_query_function_gives_a_name_phone_or_elder_code_to_a_masked_user(app_con, personal_values):
    """Every query function (enumerated, see test_scope_queries) run as a district user without pii:
    a personal column missing from a declaration fails here."""
    leaked, clear_somewhere = {}, False
    for fn in query_functions():
        kw = KWARGS.get(fn.__name__, {})
        if "station_id" in inspect.signature(fn).parameters:
            kw = {"station_id": app_con.execute("select min(station_id) from stations").fetchone()[0]}
        if "monday" in kw:
            kw = {"monday": last_complete_week(APP_AS_OF)}
        hits = values_in(rights.call(fn, app_con, F, DISTRICT, **kw)) & personal_values
        if hits:
            leaked[fn.__name__] = sorted(hits)[:3]
        clear_somewhere |= bool(values_in(rights.call(fn, app_con, F, access.User("a", access.ADMIN), **kw))
                                & personal_values)
    assert not leaked
    assert clear_somewhere, "the admin sees personal data somewhere (else this test could not fail)"


@pytest.mark.parametrize("table", data.EXPORTABLE)
def test_whole_table_downloads_are_masked_and_scoped(app_con, personal_values, table):
    for user in (DISTRICT, TOWN):
        df = rights.table(app_con, table, user)
        assert not values_in(df) & personal_values, f"{table} for {user.role}"
        xlsx = template.table_xlsx(df, table, [])
        sheet = pd.read_excel(io.BytesIO(xlsx), sheet_name=0, engine="calamine", dtype=str)
        assert not values_in(sheet) & personal_values
    if table == "workers":
        assert values_in(rights.table(app_con, table, access.User("a", access.ADMIN))) & personal_values
        assert not {"name", "phone"} & set(rights.table(app_con, table, VIEWER).columns)


def test_weekly_files_are_masked_and_scoped(app_con, personal_values):
    monday = last_complete_week(APP_AS_OF)
    b = briefing.with_sentences(rights.call(weekly.bundle, app_con, Filters(date_from=monday, date_to=monday), TOWN,
                                            monday=monday))
    assert len(b["overdue"]), "the demo has overdue reports to list"
    xlsx, docx = weekly_export.build_files(b, [], "周报")
    sheets = pd.read_excel(io.BytesIO(xlsx), sheet_name=None, engine="calamine", dtype=str)
    text = " ".join(" ".join(df.astype(str).fillna("").to_csv().split()) for df in sheets.values())
    long = {v for v in personal_values if len(v) >= 3}  # in running text 周平 is also 本周平均
    assert not {v for v in long if v in text}
    others = {n for (c, n) in app_con.execute("select town_code, name from towns").fetchall() if c != QINGCUN}
    assert not {n for n in others if n in text}, "the weekly file of a town account names other towns"
    import docx as python_docx

    doc = python_docx.Document(io.BytesIO(docx))
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not {v for v in long if v in body} and not {n for n in others if n in body}


def test_cli_export_masks_unless_pii(app_env_read_only, tmp_path, personal_values):
    out = tmp_path / "workers.csv"
    run = ["export", "--table", "workers", "--out", str(out), "--db", str(app_env_read_only)]
    done = in_process(*run)
    assert done.returncode == 0, done.stderr
    assert "已脱敏" in done.stdout
    masked = pd.read_csv(out, dtype=str)
    assert len(masked) > 1000 and not values_in(masked) & personal_values
    done = in_process(*run, "--pii")
    assert done.returncode == 0 and "未脱敏" in done.stdout
    assert values_in(pd.read_csv(out, dtype=str)) & personal_values


def test_cli_export_is_announced_with_the_os_user(app_env_read_only, tmp_path):
    from fxdash import export_cli

    events = []
    access.add_sink(lambda *e: events.append(e))
    try:
        class Args:
            # CSV: the announcement comes before the file is written, whatever its format (an XLSX of every
            # worker costs a second; the XLSX export itself: test_ingest's command-line test)
            table, out, db, pii = "workers", str(tmp_path / "w.csv"), str(app_env_read_only), True
        assert export_cli.cmd_export(Args) == 0
    finally:
        access._SINKS.clear()
    (action, who, detail), = events
    assert (action, who, detail["masked"], detail["via"]) == ("export", getpass.getuser(), False, "cli")
    assert detail["rows"] > 1000
