"""The real check of a page: served by `streamlit run`, opened in headless Chromium.

Every page of the app is checked on one visit of one signed-in session, moving on through the sidebar's
own navigation (st.navigation switches pages without a reload): a page load is a sign-in and a new
frontend, and a map page pays its WebGL start again, so a page-by-page goto cost most of the browser
tests' CPU. Each page's own checks (its tabs, charts, map, playback, preset buttons) run on that visit.
Tests about a URL (a deep link, a reload, a bad parameter) keep their own page loads elsewhere."""

import pytest

from fxdash.labels import accounts as LA
from fxdash.labels import community as LCM
from fxdash.labels import pages as PG
from fxdash.labels import people as LP
from fxdash.labels import playback as LPB
from fxdash.labels import reconcile as LR
from tests import deck_capture as D
from tests.auth import login
from tests.browse import go_to_page
from tests.conftest import (
    OUTPUT,
    ROOT,
    assert_webgl,
    click_and_rerun,
    outside_requests,
    recording,
    screenshot,
    wait_for_app,
    wait_for_charts,
)
from tests.test_browser_map_framing import FRAMED_PAGES, map_frames_its_points_and_labels_do_not_collide
from tests.test_browser_typography import read_every_tab

PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
TITLES = {"overview": PG.PAGE_OVERVIEW, "map": PG.PAGE_MAP, "reports": PG.PAGE_REPORTS, "people": PG.PAGE_PEOPLE,
          "community": PG.PAGE_COMMUNITY, "weekly": PG.PAGE_WEEKLY, "reconcile": LR.PAGE, "data": PG.PAGE_DATA,
          "users": LA.PAGE_USERS, "audit": LA.PAGE_AUDIT}
# the walk's order: it starts on a page without a map and ends on the overview, whose preset click
# changes the period of every page after it
WALK = ("people", "community", "data", "users", "audit", "reconcile", "map", "reports", "weekly", "overview")
VIEWPORT = {"width": 1920, "height": 2400}  # a meeting room projector's width

pytestmark = pytest.mark.browser


def tall(page, height: int) -> None:
    """Grow the window (Streamlit scrolls inside its own container: a full-page screenshot only shows what
    fits in the window) and wait until the charts have drawn at the new size."""
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    wait_for_charts(page)


def overview_shows_figures_charts_and_the_story(page) -> None:
    """The period's figures beside the cumulative story; then a period preset (a click on the real widget,
    which AppTest cannot rerun through app.py) changes the period to all time."""
    assert page.get_by_test_id("stMetric").count() == 8
    assert page.get_by_test_id("stPlotlyChart").count() >= 2
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    assert "在册新就业群体" in page.inner_text("[data-testid='stApp']")
    text = page.inner_text("[data-testid='stMain']")
    assert "累计成效" in text and "截至2026年11月27日" in text and "覆盖流动党员" in text
    assert page.locator(".fx-card").count() == 11
    screenshot(page, "overview_story")

    sidebar = page.get_by_test_id("stSidebar")
    click_and_rerun(page, sidebar.get_by_test_id("stButtonGroup").locator("button", has_text="累计"))
    wait_for_charts(page)
    assert "period=all" in page.url and "from=" not in page.url
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stMetricDelta").count() == 0  # all time: nothing to compare with
    assert "2023" in sidebar.get_by_test_id("stDateInput").locator("input").first.input_value()
    screenshot(page, "overview_all_time")


def reports_show_charts_map_lists_and_drill_from_a_click(page) -> None:
    text = page.inner_text("[data-testid='stApp']")
    assert "逾期清单" in text and "按时办结率" in text and "Traceback" not in text
    assert page.get_by_test_id("stPlotlyChart").count() >= 6
    assert page.get_by_test_id("stDeckGlJsonChart").count() == 1
    tables_offer_no_unescaped_csv_download(page)
    tall(page, 5600)
    screenshot(page, "reports_full")
    tall(page, VIEWPORT["height"])
    clicking_a_town_bar_narrows_the_records(page)


def tables_offer_no_unescaped_csv_download(page) -> None:
    """Exports go through our own buttons (filters noted, formulas escaped); the grid's CSV button is hidden."""
    grid = page.locator("[data-testid='stDataFrame']:visible").first
    grid.hover()
    toolbar = page.locator("[data-testid='stElementToolbar'] button:visible")
    toolbar.first.wait_for()  # the toolbar shows on hover
    labels = [toolbar.nth(i).get_attribute("aria-label") for i in range(toolbar.count())]
    assert "Search" in labels  # the toolbar is there
    assert "Download as CSV" not in labels


def clicking_a_town_bar_narrows_the_records(page) -> None:
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


def map_draws_the_deck_and_plays_back_the_days(page) -> None:
    assert page.locator("[data-testid='stDeckGlJsonChart'] canvas").count() >= 1
    text = page.inner_text("[data-testid='stApp']")
    for word in ("阵地地图", "骑手驿站", "上报问题覆盖率", "建议新增骑手驿站", "图例"):
        assert word in text, word
    deck = page.get_by_test_id("stDeckGlJsonChart")
    deck.scroll_into_view_if_needed()
    wait_for_charts(page)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    deck.locator("..").locator("..").screenshot(path=str(OUTPUT / "map_deck.png"))  # the map with its legend
    tall(page, 3400)
    screenshot(page, "map_full")
    tall(page, VIEWPORT["height"])
    the_playback_steps_through_the_days(page)


def _playback_frame(page):
    """The iframe of the playback document (st.components.v1.html), once its script has drawn a date."""
    frame = page.wait_for_selector("iframe[srcdoc*='fx-pb-date']", timeout=30_000).content_frame()
    frame.wait_for_function("(document.getElementById('fx-pb-date') || {}).textContent", timeout=30_000)
    return frame


def the_playback_steps_through_the_days(page) -> None:
    """Pressing play moves the date label and the frame's count on; the slider jumps to any frame."""
    page.get_by_text(LPB.TOGGLE).first.click()
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
    page.locator("iframe").last.screenshot(path=str(OUTPUT / "playback.png"))


def the_tab_is(page, k: int, names: tuple) -> None:
    assert page.get_by_role("tab", selected=True).inner_text().strip() == names[k]
    assert page.get_by_test_id("stException").count() == 0, names[k]


def people_tab_renders_with_chinese_charts(page, k: int) -> None:
    """Tab k of 队伍与志愿 (plotly draws after the tab becomes visible; typography selects the tabs)."""
    the_tab_is(page, k, LP.PEOPLE_TABS)
    if k == 0:
        assert LP.PEOPLE_ACTIVE in page.inner_text("[data-testid='stApp']")
    else:
        screenshot(page, ("people_party", "people_roles", "people_points", "people_list")[k - 1])


COMMUNITY_SHOTS = ("care", "fraud", "suggestions", "scenes", "resources")


def community_tab_renders_with_charts_and_the_scene_map(page, k: int) -> None:
    """Tab k of 关爱与平安: the care tab lists overdue pairs and 胡桥社区; each tab: no exception, its
    charts drawn; the scenes tab draws its map."""
    the_tab_is(page, k, LCM.COMMUNITY_TABS)
    stem = COMMUNITY_SHOTS[k]
    panel = page.locator("[role='tabpanel']:visible")
    if k == 0:
        text = panel.inner_text()
        assert LCM.HUQIAO in text and "212" in text
        assert "超过14天未走访" in text
    assert panel.locator("[data-testid='stPlotlyChart']").count() >= 1, stem
    if stem == "scenes":
        assert panel.locator("[data-testid='stDeckGlJsonChart'] canvas").count() >= 1
    if k == 0:  # the tabs are long: screenshots of the whole tab, then the window back after the last
        tall(page, 3000)
    screenshot(page, f"community_{stem}")
    if k == len(COMMUNITY_SHOTS) - 1:
        tall(page, VIEWPORT["height"])


def data_page_is_in_the_navigation_with_downloads(page) -> None:
    """An admin's navigation lists 数据管理, whose page offers downloads (tests/test_browser_access.py's
    cases for the other roles)."""
    nav = page.get_by_test_id("stSidebarNav").inner_text()
    assert "总览" in nav and "数据管理" in nav
    assert page.get_by_test_id("stDownloadButton").count() > 0


def weekly_shows_the_week_and_its_briefing(page) -> None:
    text = page.inner_text("[data-testid='stApp']")  # the default week: the last complete one
    assert "2026年第47周" in text and "新增上报问题" in text and "简报" in text
    assert page.get_by_test_id("stMetric").count() == 17


def reconcile_shows_the_published_figures(page) -> None:
    text = page.inner_text("[data-testid='stApp']")
    for word in ("数据核对", "共 14 项：一致 14 项，偏差 0 项", "维护公布数字", "修改记录"):
        assert word in text, word


# what a page is checked for beyond rendering, on the same visit
PAGE_CHECKS = {"overview": overview_shows_figures_charts_and_the_story, "map": map_draws_the_deck_and_plays_back_the_days,
               "reports": reports_show_charts_map_lists_and_drill_from_a_click,
               "weekly": weekly_shows_the_week_and_its_briefing, "data": data_page_is_in_the_navigation_with_downloads,
               "reconcile": reconcile_shows_the_published_figures}
# what each tab of a page is checked for, as the typography check (read_every_tab) shows it
TAB_CHECKS = {"people": people_tab_renders_with_chinese_charts,
              "community": community_tab_renders_with_charts_and_the_scene_map}


def test_every_page_renders_in_chromium_with_chinese_and_no_exception(app_server, new_page):
    """One session through every page by the sidebar, on a browser set to English: each draws without
    exception, in Chinese, offline; each map frames its content (tests/test_browser_map_framing.py: at
    1920 px wide, the canvas's width there; the window's height does not change the canvas); the text of
    every tab reads right (tests/test_browser_typography.py), each tab's own checks on the way."""
    assert sorted(WALK) == PAGE_FILES, "the walk visits every page"
    assert set(FRAMED_PAGES) <= set(WALK)
    page = recording(new_page(VIEWPORT, locale="en-US", webgl=True))
    page.decks = D.record_decks(page)
    login(page, app_server, path="/" + WALK[0])
    assert_webgl(page)
    wait_for_charts(page)
    for stem in WALK:
        if stem != WALK[0]:
            go_to_page(page, TITLES[stem])
        assert page.get_by_test_id("stException").count() == 0, stem
        text = page.inner_text("[data-testid='stApp']")
        assert "演示数据" in text, stem
        assert "Traceback" not in text, stem
        screenshot(page, f"page_{stem}")
        if stem in FRAMED_PAGES:  # first, at the window's width before any check grows the window
            map_frames_its_points_and_labels_do_not_collide(page, stem, ())
        read_every_tab(page, stem, TAB_CHECKS.get(stem))  # before a check changes the view (overview's preset)
        if stem in PAGE_CHECKS:
            PAGE_CHECKS[stem](page)
        assert outside_requests(page.requests) == [], stem


def test_a_copied_url_reopens_the_same_view_after_reload(app_server, page):
    # a page without a map: the URL's filters are what this checks
    login(page, app_server, path="/people?town=310120111&occ=外卖骑手&from=2026-10-01&to=2026-10-31")
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "青村镇" in sidebar and "外卖骑手" in sidebar
    page.reload()
    login(page, app_server, path=None)  # a reload is a new session
    assert "青村镇" in page.get_by_test_id("stSidebar").inner_text()
    assert "town=310120111" in page.url

