"""The map's time playback and the 数据核对 page in headless Chromium, with no request leaving the machine."""

import pytest

from tests.auth import login
from tests.conftest import OUTPUT, outside_requests, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def _playback_frame(page):
    """The iframe of the playback document (st.components.v1.html), once its script has drawn a date."""
    frame = page.wait_for_selector("iframe[srcdoc*='fx-pb-date']", timeout=30_000).content_frame()
    frame.wait_for_function("(document.getElementById('fx-pb-date') || {}).textContent", timeout=30_000)
    return frame


def test_the_playback_steps_through_the_days_offline(app_server, page):
    """Pressing play moves the date label and the frame's count on; the slider jumps to any frame."""
    login(page, app_server, path="/map")
    page.get_by_text("时间回放").first.click()
    wait_for_app(page)
    frame = _playback_frame(page)
    first = frame.inner_text("#fx-pb-date")
    assert first.endswith("日") and frame.inner_text("#fx-pb-count").startswith("当天上报")
    frame.click("#fx-pb-play")
    frame.wait_for_function(f"document.getElementById('fx-pb-date').textContent !== {first!r}", timeout=10_000)
    frame.click("#fx-pb-play")  # pause
    assert frame.inner_text("#fx-pb-date") != first
    frame.eval_on_selector("#fx-pb-slider", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    assert frame.inner_text("#fx-pb-date") == "2026年11月27日"  # the period ends at the app's date
    assert page.get_by_test_id("stException").count() == 0
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.locator("iframe").last.screenshot(path=str(OUTPUT / "playback.png"))
    assert outside_requests(page.requests) == []


def test_the_reconcile_page_shows_the_published_figures(app_server, page):
    login(page, app_server, path="/reconcile")
    text = page.inner_text("[data-testid='stApp']")
    for word in ("数据核对", "共 14 项：一致 14 项，偏差 0 项", "维护公布数字", "修改记录"):
        assert word in text, word
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "reconcile")
    assert outside_requests(page.requests) == []
