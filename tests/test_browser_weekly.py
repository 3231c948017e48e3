"""The weekly page and projector mode in Chromium."""

import pytest

from tests.auth import login
from tests.conftest import outside_requests, screenshot, wait_for_charts

pytestmark = pytest.mark.browser


def test_weekly_page_shows_the_week_and_its_briefing(app_server, new_page):
    pg = new_page({"width": 1600, "height": 2600})
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    login(pg, app_server, path="/weekly?week=2026-W47")
    wait_for_charts(pg)
    assert pg.get_by_test_id("stException").count() == 0
    text = pg.inner_text("[data-testid='stApp']")
    assert "2026年第47周" in text and "新增上报问题" in text and "简报" in text
    assert pg.get_by_test_id("stMetric").count() == 17
    screenshot(pg, "weekly")
    assert outside_requests(requests) == []


def test_projector_mode_hides_the_sidebar_and_enlarges_type(app_server, new_page):
    pg = new_page({"width": 1600, "height": 1800})
    for path, name in (("/weekly?present=1&week=2026-W47", "weekly_projector"), ("/?present=1", "overview_projector")):
        login(pg, app_server, path=path)
        wait_for_charts(pg)
        assert pg.get_by_test_id("stException").count() == 0
        assert not pg.get_by_test_id("stSidebar").is_visible()
        size = pg.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMetricValue\"] div')).fontSize")
        assert float(size.rstrip("px")) >= 50
        assert "退出投影模式" in pg.inner_text("[data-testid='stApp']")
        screenshot(pg, name)


def test_a_bad_week_in_the_url_gives_a_chinese_warning(app_server, page):
    login(page, app_server, path="/weekly?week=2031-W99")
    assert page.get_by_test_id("stException").count() == 0
    assert "无效或不是已结束的周次" in page.inner_text("[data-testid='stApp']")
