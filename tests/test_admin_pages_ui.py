"""Issue 14 item 8 (UI parts): the templates tab follows the table chosen for import, and the sidebar's
data filters are not drawn on pages where they do nothing (数据管理, 数据核对, 用户管理, 审计日志)."""

import pytest
from streamlit.testing.v1 import AppTest

from fxdash.labels import filters as LF
from fxdash.labels import pages as PG
from tests import access_helpers


def open_page(page: str) -> AppTest:
    """The page as an admin opening its link (through app.py, which draws the sidebar)."""
    at = access_helpers.open_page(page, access_helpers.USERS["admin"])
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_templates_tab_follows_the_table_chosen_for_import(app_env_read_only):
    at = open_page("data")
    assert at.selectbox(key="data_download_table").value == at.selectbox(key="data_table").value
    at.selectbox(key="data_table").set_value("reports").run()
    assert not at.exception
    assert at.selectbox(key="data_download_table").value == "reports"
    at.selectbox(key="data_download_table").set_value("stations").run()  # its own choice is kept
    assert at.selectbox(key="data_download_table").value == "stations"
    at.selectbox(key="data_table").set_value("workers").run()
    assert at.selectbox(key="data_download_table").value == "workers"


@pytest.mark.parametrize("page", ["data", "reconcile", "users", "audit"])
def test_admin_pages_show_no_data_filters(app_env_read_only, page):
    at = open_page(page)
    assert at.title  # the page was drawn
    labels = [w.label for w in (*at.sidebar.multiselect, *at.sidebar.date_input)]
    assert LF.FILTER_TOWNS not in labels and LF.FILTER_DATE not in labels


@pytest.mark.parametrize("page", ["map", "weekly"])
def test_analysis_pages_keep_their_filters(app_env_read_only, page):
    at = open_page(page)
    assert at.title[0].value in (PG.PAGE_MAP, PG.PAGE_WEEKLY)
    assert LF.FILTER_TOWNS in [w.label for w in at.sidebar.multiselect]
    assert LF.FILTER_DATE in [w.label for w in at.sidebar.date_input]
