"""The reports page in headless Chromium: renders in Chinese without exception, drills from a click."""

import pytest

from tests.auth import login
from tests.conftest import outside_requests, screenshot, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser


def open_reports(page, base: str, query: str = "") -> None:
    # A fresh server whose very first visit is a deep link runs the page without app.py (Streamlit's
    # pages/-folder fallback, see the report); open the app's root once so the navigation is known.
    login(page, base, path=f"/reports{query}")
    wait_for_charts(page)  # charts and the deck finish drawing after the script


def test_reports_page_renders_charts_map_and_lists(app_server, page):
    open_reports(page, app_server)
    assert page.get_by_test_id("stException").count() == 0
    text = page.inner_text("[data-testid='stApp']")
    assert "逾期清单" in text and "按时办结率" in text and "Traceback" not in text
    assert page.get_by_test_id("stPlotlyChart").count() >= 6
    assert page.get_by_test_id("stDeckGlJsonChart").count() == 1
    screenshot(page, "reports_top")
    # Streamlit scrolls inside its own container, so a tall window is what captures the whole page
    page.set_viewport_size({"width": 1600, "height": 5600})
    wait_for_charts(page)
    screenshot(page, "reports_full")
    assert outside_requests(page.requests) == []


def test_a_drill_in_the_url_survives_a_reload(app_server, page):
    open_reports(page, app_server, "?drill=cat:消防隐患")
    assert page.get_by_test_id("stException").count() == 0
    assert "已聚焦：问题类别 消防隐患" in page.inner_text("[data-testid='stApp']")
    page.reload()
    login(page, app_server, path=None)  # a reload is a new session
    assert "drill=cat" in page.url
    screenshot(page, "reports_drill")


def test_clicking_a_town_bar_narrows_the_records(app_server, page):
    open_reports(page, app_server)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    box = chart.locator("g.point path").last.bounding_box()  # the top bar: highest rate
    # plotly's drag layer sits above the bars, so click where the bar is rather than on its element
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**drill=town**")  # the click's rerun writes the drill into the URL
    page.get_by_text("已聚焦：街镇").first.wait_for()
    wait_for_app(page)
    assert "drill=town" in page.url
    assert "已聚焦：街镇" in page.inner_text("[data-testid='stApp']")
    assert page.get_by_test_id("stException").count() == 0


def test_a_bad_drill_shows_a_chinese_warning(app_server, page):
    open_reports(page, app_server, "?drill=cell:xyz")
    assert page.get_by_test_id("stException").count() == 0
    assert "无效" in page.inner_text("[data-testid='stApp']")
