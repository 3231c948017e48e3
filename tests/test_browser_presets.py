"""The overview in Chromium: the period's figures beside the cumulative story, and the sidebar's period
presets (the click goes through the real widget, which AppTest cannot rerun through app.py)."""

import pytest

from tests.auth import login
from tests.browse import click_and_rerun, screenshot, wait_for_charts

pytestmark = pytest.mark.browser


def test_the_overview_shows_the_story_and_a_preset_click_changes_the_period(app_server, new_page):
    pg = new_page({"width": 1920, "height": 2000})
    login(pg, app_server, path="/")
    wait_for_charts(pg)
    assert pg.get_by_test_id("stException").count() == 0
    text = pg.inner_text("[data-testid='stMain']")
    assert "累计成效" in text and "截至2026年11月27日" in text and "覆盖流动党员" in text
    assert pg.locator(".fx-card").count() == 11
    assert pg.get_by_test_id("stMetric").count() == 8
    screenshot(pg, "overview_story")

    sidebar = pg.get_by_test_id("stSidebar")
    click_and_rerun(pg, sidebar.get_by_test_id("stButtonGroup").locator("button", has_text="累计"))
    wait_for_charts(pg)
    assert "period=all" in pg.url and "from=" not in pg.url
    assert pg.get_by_test_id("stException").count() == 0
    assert pg.get_by_test_id("stMetricDelta").count() == 0  # all time: nothing to compare with
    assert "2023" in sidebar.get_by_test_id("stDateInput").locator("input").first.input_value()
    screenshot(pg, "overview_all_time")
