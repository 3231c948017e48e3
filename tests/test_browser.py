"""The real check of a page: served by `streamlit run`, opened in headless Chromium."""

import pytest

from tests.auth import login
from tests.conftest import ROOT, outside_requests, screenshot, wait_for_charts

PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))

pytestmark = pytest.mark.browser


def page_url(base: str, stem: str) -> str:
    return base + ("/" if stem == "overview" else f"/{stem}")


def overview_shows_figures_and_charts(page) -> None:
    assert page.get_by_test_id("stMetric").count() == 8
    assert page.get_by_test_id("stPlotlyChart").count() >= 2
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    assert "在册新就业群体" in page.inner_text("[data-testid='stApp']")


def tables_offer_no_unescaped_csv_download(page) -> None:
    """Exports go through our own buttons (filters noted, formulas escaped); the grid's CSV button is hidden."""
    grid = page.locator("[data-testid='stDataFrame']:visible").first
    grid.hover()
    toolbar = page.locator("[data-testid='stElementToolbar'] button:visible")
    toolbar.first.wait_for()  # the toolbar shows on hover
    labels = [toolbar.nth(i).get_attribute("aria-label") for i in range(toolbar.count())]
    assert "Search" in labels  # the toolbar is there
    assert "Download as CSV" not in labels


# what a page is checked for beyond rendering, on the same visit (a sign-in and a page load each)
PAGE_CHECKS = {"overview": overview_shows_figures_and_charts, "reports": tables_offer_no_unescaped_csv_download}


@pytest.mark.parametrize("stem", PAGE_FILES)
def test_page_renders_in_chromium_with_chinese_and_no_exception(app_server, page, stem):
    login(page, app_server, path=page_url("", stem))
    wait_for_charts(page)  # charts and decks finish drawing after the script
    assert page.get_by_test_id("stException").count() == 0
    text = page.inner_text("[data-testid='stApp']")
    assert "演示数据" in text
    assert "Traceback" not in text
    screenshot(page, f"page_{stem}")
    assert outside_requests(page.requests) == []
    if stem in PAGE_CHECKS:
        PAGE_CHECKS[stem](page)


def test_a_copied_url_reopens_the_same_view_after_reload(app_server, page):
    login(page, app_server, path="/?town=310120111&occ=外卖骑手&from=2026-10-01&to=2026-10-31")
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "青村镇" in sidebar and "外卖骑手" in sidebar
    page.reload()
    login(page, app_server, path=None)  # a reload is a new session
    assert "青村镇" in page.get_by_test_id("stSidebar").inner_text()
    assert "town=310120111" in page.url
