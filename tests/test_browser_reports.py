"""The reports page in headless Chromium: a drill in the URL survives a reload, a bad one is refused in Chinese.
Its charts, map, lists and a drill from a click are checked on the walk through every page (tests/test_browser.py)."""

import pytest

from tests.auth import login
from tests.conftest import screenshot, wait_for_charts

pytestmark = pytest.mark.browser


def open_reports(page, base: str, query: str = "") -> None:
    # A fresh server whose very first visit is a deep link runs the page without app.py (Streamlit's
    # pages/-folder fallback, see the report); open the app's root once so the navigation is known.
    login(page, base, path=f"/reports{query}")
    wait_for_charts(page)  # charts and the deck finish drawing after the script


def test_a_drill_in_the_url_survives_a_reload(app_server, page):
    open_reports(page, app_server, "?drill=cat:消防隐患")
    assert page.get_by_test_id("stException").count() == 0
    assert "已聚焦：问题类别 消防隐患" in page.inner_text("[data-testid='stApp']")
    page.reload()
    login(page, app_server, path=None)  # a reload is a new session
    assert "drill=cat" in page.url
    screenshot(page, "reports_drill")


def test_a_bad_drill_shows_a_chinese_warning(app_server, page):
    open_reports(page, app_server, "?drill=cell:xyz")
    assert page.get_by_test_id("stException").count() == 0
    assert "无效" in page.inner_text("[data-testid='stApp']")
