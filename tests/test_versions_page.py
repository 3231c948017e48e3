"""数据管理 → 撤销导入 headless: the confirmation lists what disappears, and the restore is a new version."""

import shutil

from streamlit.testing.v1 import AppTest

from fxdash import access, versions, writes
from fxdash import store as ops
from fxdash.labels import data as LD
from fxdash.labels import versions as LV
from tests.auth import ensure_account, login_apptest
from tests.conftest import ROOT
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows
from tests.test_versions import held_writer, vdb  # noqa: F401 - fixtures


def test_undo_an_import_on_the_data_page(app_env, tmp_path, monkeypatch):
    monkeypatch.setenv("FXDASH_IMPORTS", str(tmp_path / "imports"))
    shutil.rmtree(versions.versions_dir(app_env))  # a file copied in, not a kept version (app_env's is one)
    assert versions.current(app_env) is None
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # the first run registers the copied file as version 1
    # a real admin: the demo accounts stop working once real rows are imported, as happens below
    admin = access.User("chief", access.ADMIN)
    login_apptest(at, admin.username, ensure_account(ops.open_store(), admin))
    assert versions.current(app_env) == 1
    result = writes.import_file(app_env, csv_bytes([REPORT_HEADER, *report_rows(4)]), "four.csv", "reports")
    assert result.committed and versions.current(app_env) == 2
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="undo_version").value == 2
    assert at.radio(key="undo_mode").value == "before"
    diff = at.dataframe[-1].value
    row = diff[diff[LV.DIFF_COLUMNS["table"]] == LD.TABLE_LABELS["reports"]].iloc[0]
    assert row[LV.DIFF_COLUMNS["delta"]] == "-4"
    go = next(b for b in at.button if b.label == LV.UNDO_GO)
    assert go.disabled  # not before the confirmation box is ticked
    next(c for c in at.checkbox if c.label == LV.UNDO_CONFIRM).check().run()
    next(b for b in at.button if b.label == LV.UNDO_GO).click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(LV.UNDO_DONE.format(target=1, id=3) in s.value for s in at.success)
    record = versions.records(app_env)[-1]
    assert (record.id, record.action, record.target) == (3, "rollback", 1)


def test_a_busy_writer_lock_is_a_chinese_message_on_the_page(vdb, held_writer, monkeypatch):  # noqa: F811
    monkeypatch.setenv("FXDASH_DB", str(vdb))
    monkeypatch.setenv("FXDASH_WRITER_WAIT", "1")

    def script():
        from fxdash import ui, versions

        def write(path, wait_progress):
            return versions.publish(path, lambda con: 1, action="import", progress=wait_progress)[0]

        st_value = ui.publish(write)
        import streamlit as st

        st.write(f"value={st_value}")

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.error[0].value.startswith("数据正在被另一个写入操作占用") and str(held_writer.pid) in at.error[0].value
    assert "value=None" in at.markdown[0].value
    assert versions.current(vdb) == 1


def test_an_unexpected_page_error_is_one_chinese_line():
    def script():
        from fxdash import ui

        class Broken:
            def run(self):
                raise RuntimeError("boom")

        ui.run_page(Broken())

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert "错误编号" in at.error[0].value and "boom" not in at.error[0].value
