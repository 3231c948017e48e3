"""数据核对: the article's figures against the demo data, a disagreeing import, the store's history, the page."""

import datetime as dt
import io
import shutil

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from fxdash import access, db, export, reconcile, rights
from fxdash import store as ops
from fxdash.labels import reconcile as R
from fxdash.queries import alerts
from fxdash.store import references
from tests.auth import ensure_account, login_apptest
from tests.cli import in_process
from tests.conftest import REF_DATE, ROOT


def by_key(cmp):
    return cmp.set_index("figure_key")


def test_all_fourteen_published_figures_agree_on_the_demo_data(ref_con, ops_store):
    """At 2026-03-18 every seeded figure of the article is 一致, each computed by the pages' queries."""
    cmp = reconcile.compare(ref_con, references.current(ops_store))
    assert len(cmp) == 14
    assert set(cmp["status"]) == {R.OK}, cmp[cmp["status"] != R.OK][["figure_key", "dashboard", "reason"]]
    rows = by_key(cmp)
    assert rows.loc["rider_stations", "dashboard"] == 83 and rows.loc["rider_stations", "difference"] == 0
    assert rows.loc["reports", "dashboard"] == 648  # the demo's 600余: at least 600
    assert rows.loc["role_members", "rule_text"] == "约等于 800人（±40）"
    assert set(cmp["ref_date_text"]) == {"2026年3月18日"}


@pytest.fixture
def changed_con(ref_db_path, tmp_path):
    """A copy of the demo database in which one rider station and 400,000 yuan of fraud cases are gone."""
    path = tmp_path / "changed.duckdb"
    shutil.copy(ref_db_path, path)
    con = db.connect(path)
    station = con.execute("select station_id from stations where kind = '骑手驿站' order by station_id limit 1").fetchone()
    con.execute("delete from stations where station_id = ?", station)
    con.execute("update fraud_interceptions set amount_yuan = amount_yuan - 400000 "
                "where case_id = (select case_id from fraud_interceptions order by amount_yuan desc limit 1)")
    yield con
    con.close()


def test_a_changed_row_turns_the_figure_to_deviation_with_the_difference(changed_con, ops_store):
    """One station fewer: 骑手驿站 is 偏差 by −1; fraud now 2,868,500 < 3,000,000: 偏差 by −131,500."""
    cmp = by_key(reconcile.compare(changed_con, references.current(ops_store)))
    assert cmp.loc["rider_stations", ["dashboard", "difference", "status"]].tolist() == [82, -1, R.OFF]
    assert cmp.loc["fraud_amount", ["dashboard", "difference", "status"]].tolist() == [2_868_500, -131_500, R.OFF]
    assert (cmp.drop(index=["rider_stations", "fraud_amount"])["status"] == R.OK).all()


def test_the_overview_alert_counts_the_figures_that_disagree(changed_con, ref_con, ops_store):
    refs = references.current(ops_store)
    f = reconcile._upto(REF_DATE)
    row = alerts.alerts(changed_con, f, REF_DATE, references=refs).set_index("key").loc["reference_mismatch"]
    assert (row["count"], row["warn"], row["text"]) == (2, True, "2 项公布数字有偏差")
    ok = alerts.alerts(ref_con, f, REF_DATE, references=refs).set_index("key").loc["reference_mismatch"]
    assert (ok["count"], ok["warn"]) == (0, False)
    assert "reference_mismatch" not in set(alerts.alerts(ref_con, f, REF_DATE)["key"])  # not for other roles


def test_a_real_import_of_one_more_station_shows_as_deviation(ref_db_path, tmp_path, ops_store):
    """The staff's route: export the stations, add a rider station opened before the article's date,
    import the sheet with the command line. 骑手驿站 then reads 84 against the published 83."""
    path = tmp_path / "imported.duckdb"
    shutil.copy(ref_db_path, path)
    sheet, env = tmp_path / "stations.xlsx", {"FXDASH_IMPORTS": str(tmp_path / "imports")}

    def run(*args):  # the command line's code path, in this process (tests.cli)
        return in_process(*args, "--db", str(path), env=env)

    assert run("export", "--table", "stations", "--out", str(sheet)).returncode == 0
    df = pd.read_excel(sheet, sheet_name=0, engine="calamine", dtype=str)
    new = df[df["阵地类型"] == "骑手驿站"].head(1).assign(阵地编号="ST8001", 名称="新建骑手驿站", 启用日期="2026-03-01")
    pd.concat([df, new]).to_excel(sheet, index=False)
    done = run("import", str(sheet), "--table", "stations")
    assert done.returncode == 0, done.stdout + done.stderr
    con = db.connect(path, read_only=True)
    try:
        row = by_key(reconcile.compare(con, references.current(ops_store))).loc["rider_stations"]
    finally:
        con.close()
    assert (row["dashboard"], row["difference"], row["status"]) == (84, 1, R.OFF)


def test_figures_that_cannot_be_computed_say_why(ref_con, ops_store):
    """A date after the data ends, a key the system does not know, a community that is not in the data."""
    later = references.add(ops_store, {**references.seed_rows()[4], "ref_date": dt.date(2026, 6, 30)}, "t")
    references.add(ops_store, {**references.seed_rows()[4], "figure_key": "no_such_figure"}, "t")
    cmp = reconcile.compare(ref_con, references.current(ops_store))
    bad = cmp[cmp["status"] == R.NA].set_index("figure_key")
    assert bad.loc["rider_stations", "reason"] == "核对日期晚于数据截止日期（2026年3月18日）"
    assert bad.loc["rider_stations", "figure_id"] == later
    assert bad.loc["no_such_figure", "reason"] == "系统中没有“no_such_figure”的计算方法"
    ref_con.execute("begin")
    try:
        ref_con.execute("update communities set name = '胡桥村' where name = '胡桥社区'")
        value, reason = reconcile.dashboard_value(ref_con, "huqiao_population", REF_DATE, REF_DATE)
    finally:
        ref_con.execute("rollback")
    assert (value, reason) == (None, "数据中没有胡桥社区")


def test_every_add_edit_and_retire_is_kept_with_who_and_when(any_store):
    """On SQLite and PostgreSQL: seeded on first start, then each change is a new history row."""
    seeded = references.current(any_store)
    assert len(seeded) == 14 and set(seeded["updated_by"]) == {references.SEED_USER}
    fid = seeded.set_index("figure_key").loc["reports", "figure_id"]
    assert references.edit(any_store, fid, {"value": 650.0, "note": "区委报告口径"}, "zhang") == 2
    assert references.retire(any_store, fid, "li") == 3
    assert "reports" not in set(references.current(any_store)["figure_key"])
    assert "reports" in set(references.current(any_store, include_retired=True)["figure_key"])
    hist = references.history(any_store, fid)
    assert hist[["version", "action", "changed_by", "value", "retired"]].values.tolist() == [
        [3, "retire", "li", 650.0, True], [2, "edit", "zhang", 650.0, False],
        [1, "add", references.SEED_USER, 600.0, False]]
    with pytest.raises(KeyError):
        references.edit(any_store, "nope", {"value": 1.0}, "zhang")


GOOD = {"figure_key": "reports", "value": 600.0, "ref_date": REF_DATE, "rule": "at_least", "tolerance": None,
        "source_title": "区委工作报告", "source_link": "", "source_file": "", "note": ""}


@pytest.mark.parametrize("change, message", [
    ({"figure_key": "x"}, R.ERR_KEY),
    ({"value": -1.0}, R.ERR_VALUE),
    ({"value": float("nan")}, R.ERR_VALUE),
    ({"rule": "roughly"}, R.ERR_RULE),
    ({"rule": "about", "tolerance": None}, R.ERR_TOL),
    ({"source_title": "  "}, R.ERR_TITLE),
    ({"source_link": "javascript:alert(1)"}, R.ERR_LINK),
    ({"note": "长" * 2001}, "“备注”太长（最多 2000 个字）。"),
])
def test_a_bad_figure_from_the_form_gives_a_chinese_message(change, message):
    _, errors = reconcile.check_figure({**GOOD, **change})
    assert errors == [message]


def test_a_good_figure_is_cleaned_for_saving():
    clean, errors = reconcile.check_figure({**GOOD, "source_title": " 区委工作报告 ", "tolerance": 5.0})
    assert errors == [] and clean["source_title"] == "区委工作报告"
    assert clean["tolerance"] is None and clean["source_link"] is None  # only 'about' keeps a tolerance


def test_the_xlsx_export_has_every_figure_escaped_and_the_notes(ref_con, ops_store):
    fid = references.current(ops_store)["figure_id"].iloc[0]
    references.edit(ops_store, fid, {"note": "=HYPERLINK(\"http://x\")"}, "zhang")
    shown = reconcile.table(reconcile.compare(ref_con, references.current(ops_store)))
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({R.SHEET: shown}, [("数据截至", "2026-03-18")])))
    rows = list(book[R.SHEET].values)
    assert rows[0][:3] == ("指标", "公布值", "比对规则") and len(rows) == 15
    assert [r[7] for r in rows[1:]] == [R.OK] * 14
    assert any(isinstance(r[9], str) and r[9].startswith("'=HYPERLINK") for r in rows[1:])


# --- the page ----------------------------------------------------------------------------------------


def _page(user=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if user is None:
        login_apptest(at.run())
    else:
        login_apptest(at.run(), user.username, ensure_account(ops.open_store(), user))
    at.switch_page("pages/reconcile.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("role, opens, edits", [(access.ADMIN, True, True), (access.DISTRICT, True, False),
                                                 (access.TOWN, False, False), (access.VIEWER, False, False)])
def test_admins_and_district_users_open_the_page_and_only_admins_edit(role, opens, edits):
    user = access.User("u", role)
    assert rights.may_open(user, "reconcile") is opens
    assert rights.may_edit_references(user) is edits


def test_a_district_user_sees_the_table_and_the_history_but_no_form(app_env_read_only):
    at = _page(access.User("d", access.DISTRICT))
    assert not at.error and len(at.dataframe) == 2  # the comparison and the change log
    assert at.dataframe[0].value.shape[0] == 14
    assert not [b for b in at.button if b.label == R.SAVE]


def test_an_admin_edits_a_figure_and_the_table_and_history_follow(app_env_read_only, ops_store):
    """The admin lowers nothing but raises 骑手驿站 to 90: it shows 偏差 and the history has the edit."""
    at = _page(access.User("boss", access.ADMIN))
    assert at.dataframe[0].value.shape[0] == 14
    at.radio(key="fx_rc_action").set_value(R.ACTION_EDIT).run()
    stations = by_key(references.current(ops_store)).loc["rider_stations", "figure_id"]
    at.selectbox(key="fx_rc_pick").select(stations).run()
    at.number_input[0].set_value(90.0)
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("已保存" in s.value for s in at.success)
    hist = references.history(ops_store)
    assert hist.iloc[0][["action", "changed_by", "value"]].tolist() == ["edit", "boss", 90.0]
