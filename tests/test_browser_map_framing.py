"""Every map frames its content at 1920x1080 (the district's maps on the walk through every page, tests/test_browser.py; a
town's here): the deck's view state (as the browser received it), on
the canvas's real size, contains every point and cell the deck draws, the district or the chosen town,
and town labels that do not overlap one another and are drawn last (above the dots)."""

import pytest

from fxdash import map_view
from tests import deck_capture as D
from tests.auth import TEST_PASSWORD, login
from tests.conftest import OUTPUT, assert_webgl, outside_requests, recording, wait_for_charts

pytestmark = pytest.mark.browser

QINGCUN = "310120111"  # 青村镇
# the district's maps, page by page: checked on the walk through every page (tests/test_browser.py), on
# its one session at 1920 px wide
FRAMED_PAGES = ("overview", "map", "reports", "weekly")
TOWN_CASES = [  # (name, path, town codes in focus, user: None = the demo admin)
    # in projector mode, as a town's map is shown in the meeting: its first screen is kept with the map drawn
    # (the projector walk of tests/test_browser_projector.py draws no maps)
    ("map_town", f"/map?town={QINGCUN}&present=1", (QINGCUN,), None),
    ("map_town_user", "/map", (QINGCUN,), "qingcun"),  # a town account sees its own town, framed
]


@pytest.fixture
def hd_page(new_page):
    """A 1920x1080 page (a meeting room's projector), recording the decks it is sent."""
    pg = recording(new_page({"width": 1920, "height": 1080}, webgl=True))
    pg.decks = D.record_decks(pg)
    return pg


def drawn_deck(page):
    """The page's deck element once deck.gl has drawn it: (element, canvas width, canvas height)."""
    deck = page.get_by_test_id("stDeckGlJsonChart").first
    wait_for_charts(page)  # the canvas is sized and drawn whether or not it is scrolled into view
    box = deck.locator("canvas").first.bounding_box()
    return deck, box["width"], box["height"]


@pytest.mark.parametrize("name,path,focus,user", TOWN_CASES, ids=[c[0] for c in TOWN_CASES])
def test_the_map_of_a_town_frames_it_and_labels_do_not_collide(app_server, hd_page, name, path, focus, user):
    if user is None:
        login(hd_page, app_server, path=path)
    else:
        login(hd_page, app_server, username=user, password=TEST_PASSWORD, path=path)
    map_frames_its_points_and_labels_do_not_collide(hd_page, name, focus)
    if "present=1" in path:
        folder = OUTPUT / "projector"
        folder.mkdir(parents=True, exist_ok=True)
        hd_page.get_by_test_id("stMain").evaluate("m => m.scrollTo(0, 0)")  # the first screen, as projected
        hd_page.screenshot(path=str(folder / "admin_map_qingcun.png"))


def map_frames_its_points_and_labels_do_not_collide(hd_page, name: str, focus: tuple) -> None:
    """The last deck `hd_page` was sent (record it with deck_capture.record_decks into hd_page.decks) frames
    its points, the district or the towns in `focus`, and its town labels do not collide."""
    assert hd_page.get_by_test_id("stException").count() == 0, name
    assert_webgl(hd_page)
    element, width, height = drawn_deck(hd_page)
    spec = D.last_deck(hd_page.decks)
    view = D.view_of(spec)
    shown = map_view.visible(view, width, height)

    points = D.points_bounds(spec)
    assert points is not None, "the map draws nothing"
    assert shown.contains(points), (name, shown, points)
    # the district (every town, 庄行 in the west to 四团 in the east) or the town chosen in the filters
    if name != "weekly":  # the weekly map frames its hot cells
        area = D.boundary_bounds(spec, set(focus) or None)
        assert area is not None and shown.contains(area), (name, shown, area)
    if focus:  # zoomed in on the town: it fills at least half the width or the height
        px_w = (map_view.mercator(area.east, 0)[0] - map_view.mercator(area.west, 0)[0]) * 2 ** view.zoom
        assert px_w > width / 2 or view.zoom >= 11.5, (view, width)

    labels = D.layer(spec, "town-labels")
    assert spec["layers"][-1] is labels, "town labels are drawn last, above the dots"
    rows = labels["data"]
    boxes = map_view.label_boxes([r["lon"] for r in rows], [r["lat"] for r in rows], [r["name"] for r in rows],
                                 [r["offset"] for r in rows], view, width, height, size=labels["getSize"])
    inside = [i for i, b in enumerate(boxes) if b[0] >= 0 and b[1] >= 0 and b[2] <= width and b[3] <= height]
    overlapping = [(i, j) for i in inside for j in inside if j < i and map_view.overlap(boxes[i], boxes[j], 0) > 0]
    assert overlapping == [], [rows[i]["name"] for pair in overlapping for i in pair]

    OUTPUT.mkdir(parents=True, exist_ok=True)
    element.screenshot(path=str(OUTPUT / f"map_framing_{name}.png"))
    assert outside_requests(hd_page.requests) == []
