"""Projector mode (?present=1) at 1920×1080, as a district leader sees it in a meeting: a page bar on
every page that stays in view and works, the scope of the view written above the page, and no grid on
the first screen that has to be scrolled inside. The first screen of every page is kept as a PNG. The walk
through every page runs on an English-language browser, reads the typography of each page's first screen
on the way (every tab is read on the walk of tests/test_browser.py) and scrolls to the end of the long
reports page. None of these checks is about a map, so this file's browser draws no maps (tests/conftest.py
NO_WEBGL: software WebGL doubled the walk's Chromium CPU); the projector's map, drawn, is kept by
tests/test_browser_map_framing.py (projector/admin_map_qingcun.png) and every map at 1920 px by the walk of
tests/test_browser.py."""

import pytest

from fxdash import access, rights
from fxdash.labels import pages as PG
from fxdash.labels import projector as P
from tests.auth import ACCOUNT, login
from tests.browse import POLL_MS
from tests.conftest import OUTPUT, screenshot, wait_for_charts
from tests.test_browser import PAGE_FILES, TITLES
from tests.test_browser_typography import read_every_tab

pytestmark = pytest.mark.browser

NO_FILTERS = {"reconcile", "data", "users", "audit"}  # pages that show no data under the sidebar filters
QINGCUN = "310120111"  # 青村镇
SCREEN = {"width": 1920, "height": 1080}
BAR = ".st-key-fx_present_bar"
SCOPE = ".fx-scope"


@pytest.fixture
def screen(new_page):
    """A 1920×1080 page, the projector's resolution (without WebGL: no maps drawn)."""
    return new_page(SCREEN)


def first_screen(pg, name: str) -> None:
    """Keep what the projector shows (the viewport, not the whole page) as test output."""
    folder = OUTPUT / "projector"
    folder.mkdir(parents=True, exist_ok=True)
    wait_for_charts(pg)
    pg.screenshot(path=str(folder / f"{name}.png"))


def open_page(pg, title: str) -> None:
    """Click the page bar's link to `title` and wait until that page has been drawn."""
    pg.locator(f"{BAR} [data-testid='stPageLink'] a").filter(has_text=title).click()
    pg.locator(f"{BAR} .fx-here").filter(has_text=title).wait_for(timeout=60_000)
    wait_for_charts(pg)


def bar_links(pg) -> list[str]:
    """The page bar's entries in order: links to the other pages, the current page highlighted."""
    items = pg.locator(f"{BAR} [data-testid='stPageLink'] a, {BAR} .fx-here")
    return [items.nth(i).inner_text().split("\n")[-1].strip() for i in range(items.count())]


def in_view(pg, selector: str) -> bool:
    box = pg.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"]


def scrolling_grids(pg) -> list[str]:
    """Grids that start on the first screen and whose rows do not all fit (they would scroll inside)."""
    return pg.evaluate("""(height) => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
        .filter(g => { const r = g.getBoundingClientRect(); return r.height > 0 && r.top < height; })
        .map(g => g.querySelector('.dvn-scroller'))
        .filter(s => s && s.scrollHeight > s.clientHeight + 2)
        .map(s => `grid at y=${Math.round(s.closest('[data-testid="stDataFrame"]').getBoundingClientRect().top)}: `
                  + `${s.scrollHeight} > ${s.clientHeight}`)""", SCREEN["height"])


def test_every_page_has_the_bar_and_its_scope_and_no_grid_scrolls_on_the_first_screen(app_server, new_page):
    """Page by page through the bar, as an admin on a projector laptop whose browser is set to English;
    on each page, after the projector's checks, the typography of every tab (test_browser_typography)."""
    screen = new_page(SCREEN, locale="en-US")
    login(screen, app_server, path="/?present=1")
    pages = rights.PAGES_BY_ROLE[access.ADMIN]
    assert set(pages) == set(PAGE_FILES), "the walk reads every page's typography"
    titles = [TITLES[key] for key in pages]
    assert bar_links(screen) == titles
    assert screen.get_by_test_id("stSidebar").is_hidden()
    for key in pages:
        if key != "overview":
            open_page(screen, TITLES[key])
        assert screen.get_by_test_id("stException").count() == 0, key
        assert in_view(screen, BAR) and bar_links(screen) == titles, key
        assert screen.locator(f"{BAR} .fx-here").inner_text() == TITLES[key], key
        assert "present=1" in screen.url, key
        if key in NO_FILTERS:
            assert screen.locator(SCOPE).count() == 0, key
        else:
            assert in_view(screen, SCOPE), key
            assert P.SCOPE_DISTRICT in screen.locator(SCOPE).inner_text(), key
        first_screen(screen, f"admin_{key}")
        assert scrolling_grids(screen) == [], key
        if key == "reports":  # a long page: the bar stays in view at its end
            bar_stays_in_view_at_the_end(screen)
        if key in ("overview", "weekly"):
            figures_are_large_and_the_way_out_is_shown(screen, key)
        read_every_tab(screen, key, every_tab=False)


def figures_are_large_and_the_way_out_is_shown(screen, key: str) -> None:
    """The sidebar is hidden, the figures are large enough to read across a room, the way out is shown."""
    assert not screen.get_by_test_id("stSidebar").is_visible(), key
    size = screen.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMetricValue\"] div')).fontSize")
    assert float(size.rstrip("px")) >= 50, key
    assert "退出投影模式" in screen.inner_text("[data-testid='stApp']"), key
    screenshot(screen, f"{key}_projector")


def bar_stays_in_view_at_the_end(screen) -> None:
    screen.get_by_test_id("stMain").evaluate("m => m.scrollTo(0, m.scrollHeight)")
    screen.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop > 1000",
                             polling=POLL_MS)
    assert in_view(screen, BAR)
    first_screen(screen, "admin_reports_scrolled")


def test_a_town_filter_is_written_above_every_page(app_server, screen):
    login(screen, app_server, path=f"/map?present=1&town={QINGCUN}&occ=外卖骑手")
    scope = screen.locator(SCOPE).inner_text()
    assert "青村镇" in scope and "外卖骑手" in scope and P.SCOPE_DISTRICT not in scope
    open_page(screen, PG.PAGE_WEEKLY)  # kept across pages; the weekly page names its week
    scope = screen.locator(SCOPE).inner_text()
    assert "青村镇" in scope and "周" in scope


def test_a_town_account_sees_its_scope_and_only_its_pages(app_server, screen):
    login(screen, app_server, username=ACCOUNT["town"], path="/?present=1")
    assert bar_links(screen) == [TITLES[key] for key in rights.PAGES_BY_ROLE[access.TOWN]]
    scope = screen.locator(SCOPE).inner_text()
    assert P.SCOPE_ACCOUNT.format(towns="青村镇") in scope and P.SCOPE_DISTRICT not in scope
    for key in rights.PAGES_BY_ROLE[access.TOWN][1:]:
        open_page(screen, TITLES[key])
        assert screen.get_by_test_id("stException").count() == 0, key
        assert scrolling_grids(screen) == [], key
