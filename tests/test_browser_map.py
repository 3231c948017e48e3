"""The map page in headless Chromium with narrowed filters from the URL: a click on a station opens its panel.
The default map, its deck and its playback are checked on the walk through every page (tests/test_browser.py)."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests import deck_capture
from tests.auth import login
from tests.conftest import assert_webgl, outside_requests, screenshot, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser


def open_map(page, base: str, query: str = "") -> None:
    # A fresh server runs its first session in Streamlit's old pages/-folder mode unless that session
    # starts at the entry page (PagesManager.uses_pages_directory), so open "/" first.
    login(page, base, path="/map" + query)
    assert_webgl(page)
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    wait_for_charts(page)  # deck.gl draws after the script has finished


def screen_xy(box: dict, lat: float, lon: float, view) -> tuple[float, float]:
    """Where deck.gl draws (lat, lon) in the canvas box at the deck's view (fxdash.map_view)."""
    from fxdash import map_view

    x, y = map_view.to_screen(view, box["width"], box["height"], lon, lat)
    return box["x"] + float(x), box["y"] + float(y)


def test_with_narrowed_filters_clicking_a_station_opens_its_detail_panel(app_server, map_page, app_con):
    """The map narrowed to 青村镇's charging stations in a period (one visit): it renders with every layer,
    then a click on a station opens its panel."""
    import datetime as dt

    import numpy as np

    from fxdash import geo
    from fxdash.filters import Filters
    from fxdash.queries import map as M

    f = Filters(dt.date(2026, 10, 1), dt.date(2026, 11, 15), towns=("310120111",), amenities=("充换电",))
    stations = M.stations(app_con, f)
    cand = M.candidates(app_con, f, 1000)
    # a station well clear of the others and of the candidate markers drawn above it
    clear = [geo.nearest_m([r.lat], [r.lon], np.r_[stations.drop(i)["lat"], cand["lat"]],
                           np.r_[stations.drop(i)["lon"], cand["lon"]])[0][0] for i, r in stations.iterrows()]
    target = stations.iloc[int(np.argmax(clear))]
    page = map_page
    decks = deck_capture.record_decks(page)  # the view the page framed (zoomed to 青村镇)
    open_map(page, app_server, "?town=310120111&amenity=充换电&from=2026-10-01&to=2026-11-15")
    # the page with narrowed filters and all layers, before the click
    assert page.get_by_test_id("stException").count() == 0
    assert "青村镇" in page.get_by_test_id("stSidebar").inner_text()
    screenshot(page, "map_narrowed")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.scroll_into_view_if_needed()
    wait_for_charts(page)
    box = canvas.bounding_box()
    x, y = screen_xy(box, target["lat"], target["lon"], deck_capture.view_of(deck_capture.last_deck(decks)))
    for _attempt in range(3):  # deck.gl may still be settling: a click can land as a hover only
        canvas.click(position={"x": x - box["x"], "y": y - box["y"]})
        try:
            page.get_by_text("米内期内上报").first.wait_for(timeout=8000)
            break
        except PlaywrightTimeout:
            wait_for_charts(page)
    wait_for_app(page)
    text = page.inner_text("[data-testid='stApp']")
    screenshot(page, "map_selected")
    assert target["name"] in text and "米内期内上报" in text
    assert outside_requests(page.requests) == []
