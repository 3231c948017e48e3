"""The data page (数据管理) headless: tabs, counts, templates, downloads; the import button without a file."""

from streamlit.testing.v1 import AppTest

from fxdash import db
from fxdash.ingest import IMPORTABLE
from fxdash.labels import data as LD
from fxdash.labels import pages as PG
from fxdash.labels import versions as LV
from tests.auth import login_apptest
from tests.conftest import ROOT


def open_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    login_apptest(at.run())
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_data_page_shows_tabs_counts_and_table_choices(app_env):
    at = open_page()
    assert at.title[0].value == PG.PAGE_DATA
    assert [t.label for t in at.tabs] == [LD.DATA_TAB_IMPORT, LD.DATA_TAB_TEMPLATES, LD.DATA_TAB_BOUNDARIES,
                                          LD.DATA_TAB_LOG, LV.UNDO_HEADER]
    table = at.selectbox(key="data_table")
    assert table.options == [LD.TABLE_LABELS[t] for t in IMPORTABLE]
    counts = at.dataframe[0].value
    assert list(counts.columns) == [LD.COUNT_COLUMNS["table_label"], LD.COUNT_COLUMNS["rows"]]
    with db.connect(app_env) as con:
        workers = con.execute("select count(*) from workers").fetchone()[0]
    assert workers in counts[LD.COUNT_COLUMNS["rows"]].tolist()
    assert at.radio(key="data_crs").options == list(LD.CRS_LABELS.values())


def test_import_without_a_file_asks_for_one(app_env):
    at = open_page()
    next(b for b in at.button if b.label == LD.DATA_IMPORT).click().run()
    assert not at.exception
    assert any(LD.DATA_CHOOSE_FILE in w.value for w in at.warning)


def test_template_tab_describes_every_column_of_the_chosen_table(app_env):
    at = open_page()
    at.selectbox(key="data_download_table").set_value("stations").run()
    assert not at.exception
    help_tables = [d.value for d in at.dataframe if "列名" in d.value.columns]
    assert help_tables and "服务设施" in help_tables[0]["列名"].tolist()
    labels = [b.proto.label for b in at.get("download_button")]
    assert LD.DATA_TEMPLATE in labels and LD.DATA_EXPORT_XLSX in labels
