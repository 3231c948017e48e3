"""The community page in headless Chromium: every tab renders, in Chinese, offline, and is screenshotted."""

import pytest

from fxdash.labels import community as LCM
from tests.auth import login
from tests.conftest import outside_requests, screenshot, select_tab

pytestmark = pytest.mark.browser

TAB_STEMS = ("care", "fraud", "suggestions", "scenes", "resources")


def open_page(page, base: str) -> None:
    """Open the entry page first: until app.py has run once, Streamlit serves a deep link in legacy
    pages/ mode (the page guards against that by going to the overview), then the community page."""
    login(page, base, path="/community")


def test_every_community_tab_renders_with_charts_and_no_exception(app_server, page):
    """Each tab in turn: no exception, its charts drawn, nothing fetched from outside."""
    open_page(page, app_server)
    # Streamlit scrolls inside its own container, so a full-page shot needs a tall window
    page.set_viewport_size({"width": 1600, "height": 3000})
    for label, stem in zip(LCM.COMMUNITY_TABS, TAB_STEMS):
        select_tab(page, label)  # plotly and deck.gl draw after the tab shows
        assert page.get_by_test_id("stException").count() == 0, stem
        panel = page.locator("[role='tabpanel']:visible")
        assert panel.locator("[data-testid='stPlotlyChart']").count() >= 1, stem
        screenshot(page, f"community_{stem}")
    text = page.inner_text("[data-testid='stApp']")
    assert "Traceback" not in text and "演示数据" in text
    assert outside_requests(page.requests) == []


def test_scene_map_is_drawn_offline(app_server, page):
    open_page(page, app_server)
    select_tab(page, LCM.COMMUNITY_TABS[3])
    assert page.locator("[role='tabpanel']:visible [data-testid='stDeckGlJsonChart'] canvas").count() >= 1
    assert outside_requests(page.requests) == []


def test_the_care_tab_lists_overdue_pairs_and_huqiao(app_server, page):
    open_page(page, app_server)
    text = page.locator("[role='tabpanel']:visible").inner_text()
    assert LCM.HUQIAO in text and "212" in text
    assert "超过14天未走访" in text
