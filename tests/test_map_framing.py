"""Framing (fit bounds), label placement, display geometry and compact decks: the maps' pure core."""

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from fxdash import geo, map_view, maps, station_map
from fxdash.filters import default_filters
from fxdash.map_view import Bounds, View
from fxdash.queries import map as M
from fxdash.queries import spatial
from tests.conftest import REF_DATE, TOWNS_GEOJSON

# 庄行 in the west to 四团 in the east, 柘林 in the south to 西渡 in the north (approximate extent)
FENGXIAN = Bounds(121.35, 30.76, 121.83, 31.03)


# --- fit bounds --------------------------------------------------------------------------------------


def test_mercator_round_trips():
    lon, lat = np.array([121.35, 121.83, -70.0]), np.array([30.76, 31.03, -45.5])
    back_lon, back_lat = map_view.unmercator(*map_view.mercator(lon, lat))
    assert np.allclose(back_lon, lon) and np.allclose(back_lat, lat)


@pytest.mark.parametrize("width,height", [(860, 640), (380, 320), (1600, 400), (300, 900)])
def test_fit_shows_the_whole_box_and_fills_one_side(width, height):
    padding = 30
    view = map_view.fit(FENGXIAN, width, height, padding=padding)
    shown = map_view.visible(view, width, height)
    assert shown.contains(FENGXIAN)
    # tight: on the limiting side the box spans the viewport less the padding (zoom rounded down by < 0.01)
    x0, y0 = map_view.to_screen(view, width, height, FENGXIAN.west, FENGXIAN.north)
    x1, y1 = map_view.to_screen(view, width, height, FENGXIAN.east, FENGXIAN.south)
    fill = max((x1 - x0) / (width - 2 * padding), (y1 - y0) / (height - 2 * padding))
    assert 0.99 <= fill <= 1.0
    # centred: equal margins left and right, top and bottom
    assert abs(x0 - (width - x1)) < 1 and abs(y0 - (height - y1)) < 1


def test_a_wider_viewport_zooms_in_and_a_taller_box_limits_by_height():
    small = map_view.fit(FENGXIAN, 400, 300)
    large = map_view.fit(FENGXIAN, 1600, 1200)
    assert large.zoom == pytest.approx(small.zoom + np.log2((1600 - 60) / (400 - 60)), abs=0.02)
    tall = Bounds(121.5, 30.8, 121.51, 31.0)
    view = map_view.fit(tall, 800, 600)
    _, y0 = map_view.to_screen(view, 800, 600, 121.5, 31.0)
    _, y1 = map_view.to_screen(view, 800, 600, 121.5, 30.8)
    assert y1 - y0 == pytest.approx(600 - 60, abs=4)


def test_one_point_is_framed_with_its_surroundings_and_the_zoom_is_capped():
    one = Bounds.of_points([121.55], [30.91])
    assert one == Bounds(121.55, 30.91, 121.55, 30.91)
    assert map_view.fit(one, 800, 600).zoom == 15.0  # capped, never infinite
    view = maps.fit_view(one, size=(800, 600))  # widened to MIN_SPAN_M first
    shown = map_view.visible(view, 800, 600)
    assert shown.north - shown.south >= maps.MIN_SPAN_M / map_view.M_PER_DEG_LAT * 0.99
    assert shown.contains(one)


def test_bounds_ignore_missing_coordinates_and_union_skips_none():
    assert Bounds.of_points([np.nan, 121.5, 121.6], [30.9, np.nan, 30.95]) == Bounds(121.6, 30.95, 121.6, 30.95)
    assert Bounds.of_points([], []) is None
    a, b = Bounds(1, 2, 3, 4), Bounds(0, 3, 2, 5)
    assert map_view.union(None, a, None, b) == Bounds(0, 2, 3, 5)
    assert map_view.union(None) is None
    assert maps.fit_view(None, size=(800, 600)) == map_view.fit(maps.DISTRICT, 800, 600)


# --- region: the district, or the towns in focus -------------------------------------------------------


def square(lon, lat, half):
    return [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
             [lon - half, lat - half]]]


TOWNS = pd.DataFrame({"town_code": ["A", "B"], "name": ["甲镇", "乙镇"], "lon": [121.40, 121.70],
                      "lat": [30.90, 30.95]})
BOUNDARIES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "A", "name": "甲镇"},
     "geometry": {"type": "Polygon", "coordinates": square(121.40, 30.90, 0.05)}},
    {"type": "Feature", "properties": {"name": "乙镇"},  # matched by name when a file has no code
     "geometry": {"type": "MultiPolygon", "coordinates": [square(121.70, 30.95, 0.04), square(121.80, 30.95, 0.01)]}},
]}


def box_approx(box: Bounds):
    return pytest.approx([box.west, box.south, box.east, box.north])


def test_region_is_every_town_or_the_towns_in_focus():
    assert [*vars(maps.region(TOWNS, BOUNDARIES)).values()] == box_approx(Bounds(121.35, 30.85, 121.81, 30.99))
    assert [*vars(maps.region(TOWNS, BOUNDARIES, ("A",))).values()] == box_approx(Bounds(121.35, 30.85, 121.45, 30.95))
    assert [*vars(maps.region(TOWNS, BOUNDARIES, ("B",))).values()] == box_approx(Bounds(121.66, 30.91, 121.81, 30.99))


def test_the_focus_is_the_chosen_towns_else_the_accounts_scope():
    f = default_filters(REF_DATE)
    assert maps.focus(f) == ()
    assert maps.focus(dataclasses.replace(f, scope=("A",))) == ("A",)
    assert maps.focus(dataclasses.replace(f, towns=("B",), scope=("A", "B"))) == ("B",)


def test_without_a_boundary_file_a_town_is_its_centre_and_a_margin():
    box = maps.region(TOWNS, None, ("B",))
    assert box.west < 121.70 < box.east and box.south < 30.95 < box.north
    assert (box.north - box.south) * map_view.M_PER_DEG_LAT == pytest.approx(2 * maps.TOWN_HALF_SPAN_M)


def test_points_box_reads_points_or_grid_cells():
    cells = pd.DataFrame({"west": [121.5, 121.6], "east": [121.51, 121.61], "south": [30.9, 30.8],
                          "north": [30.91, 30.81]})
    assert [*vars(maps.points_box(cells)).values()] == box_approx(Bounds(121.5, 30.8, 121.61, 30.91))
    assert [*vars(maps.points_box(TOWNS)).values()] == box_approx(Bounds(121.40, 30.90, 121.70, 30.95))
    assert maps.points_box(None) is None and maps.points_box(TOWNS.iloc[0:0]) is None


# --- label placement -----------------------------------------------------------------------------------


def test_close_labels_are_moved_apart_and_far_ones_stay_on_their_point():
    view = map_view.fit(FENGXIAN, 860, 640)
    # 奉浦街道 and 金海街道 (their centres ~4 km apart): the same line of text at district zoom
    lon, lat, names = [121.4394, 121.481, 121.72626], [30.9497, 30.95306, 30.92736], ["奉浦街道", "金海街道", "四团镇"]
    offsets = map_view.place_labels(lon, lat, names, view, 860, 640)
    boxes = map_view.label_boxes(lon, lat, names, offsets, view, 860, 640)
    assert map_view.overlap(boxes[0], boxes[1], 0) == 0
    assert offsets[0] == (0, 0) and offsets[1] != (0, 0)  # the first keeps its place, the second moves
    assert offsets[2] == (0, 0)  # nothing near 四团
    assert map_view.place_labels(lon, lat, names, view, 860, 640) == offsets  # deterministic


def test_a_label_at_the_edge_moves_inside_the_viewport():
    view = View(latitude=30.9, longitude=121.5, zoom=12)
    x, _ = map_view.to_screen(view, 600, 400, 121.5, 30.9)
    # a point 10 px from the left edge: a centred label would stick out, one to its right fits
    lon = map_view.unmercator(map_view.mercator(121.5, 30.9)[0] - (x - 10) / 2 ** 12, 0)[0]
    (dx, dy), = map_view.place_labels([float(lon)], [30.9], ["海湾旅游区"], view, 600, 400)
    (box,) = map_view.label_boxes([float(lon)], [30.9], ["海湾旅游区"], [(dx, dy)], view, 600, 400)
    assert box[0] >= 0 and dx > 0


@pytest.mark.skipif(not TOWNS_GEOJSON.exists(), reason="boundary file not available")
def test_the_twelve_town_labels_never_overlap_on_any_map(ref_con):
    towns = ref_con.execute("select town_code, name, lat, lon from towns order by town_code").df()
    boundaries = geo.load_geojson(TOWNS_GEOJSON)
    for size, font in ((maps.SIZE_MAP_PAGE, 19), (maps.SIZE_WIDE, 15), (maps.SIZE_THIRD, 15),
                       (maps.SIZE_OVERVIEW, 19)):
        view = maps.fit_view(maps.region(towns, boundaries), size=size)
        rows = maps.town_labels_layer(towns, view, size, font).data
        if size != maps.SIZE_THIRD:  # a third of the screen is too small for all twelve names
            assert len(rows) == 12, size
        boxes = map_view.label_boxes([r["lon"] for r in rows], [r["lat"] for r in rows], [r["name"] for r in rows],
                                     [r["offset"] for r in rows], view, *size, size=font)
        pairs = [(rows[i]["name"], rows[j]["name"]) for i in range(len(boxes)) for j in range(i)
                 if map_view.overlap(boxes[i], boxes[j], 0) > 0]
        assert pairs == [], (size, pairs)


# --- display geometry ----------------------------------------------------------------------------------


def distance_to_polyline_m(pt, line) -> float:
    """Metres from a point to a polyline (local projection, as geo.simplify_line measures)."""
    scale = np.array([np.cos(np.radians(pt[1])), 1.0]) * (geo.EARTH_RADIUS_M * np.pi / 180)
    p, xy = np.asarray(pt) * scale, np.asarray(line) * scale
    a, b = xy[:-1], xy[1:]
    ab = b - a
    t = np.clip(((p - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-12), 0, 1)
    return float(np.hypot(*(a + t[:, None] * ab - p).T).min())


def wiggly_ring(n=400):
    """A closed ring round (121.5, 30.9) whose radius wobbles by a few metres (like a surveyed border)."""
    rng = np.random.default_rng(7)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    radius = 0.02 + rng.normal(0, 0.00003, n)  # about 3 m of noise on a 2 km radius
    ring = np.c_[121.5 + radius * np.cos(angle), 30.9 + radius * np.sin(angle)]
    return np.vstack([ring, ring[:1]])


def test_simplified_line_keeps_its_ends_and_stays_within_tolerance():
    ring = wiggly_ring()
    simple = geo.simplify_line(ring, 10.0)
    assert 8 < len(simple) < len(ring) / 3
    assert (simple[0] == ring[0]).all() and (simple[-1] == ring[-1]).all()  # still closed
    assert max(distance_to_polyline_m(pt, simple) for pt in ring) <= 10.0 + 1e-6
    assert len(geo.simplify_line(ring[:3], 10.0)) == 3  # too short to simplify


def test_display_geojson_is_lighter_rounded_and_keeps_only_what_the_map_needs():
    ring = wiggly_ring().tolist()
    tiny = square(121.6, 30.9, 0.00001)[0]  # smaller than the tolerance: kept whole, not collapsed
    source = {"type": "FeatureCollection", "name": "x", "features": [
        {"type": "Feature", "properties": {"code": "A", "name": "甲镇", "label_lon": 121.5, "note": "长" * 50},
         "geometry": {"type": "Polygon", "coordinates": [ring]}},
        {"type": "Feature", "properties": {"code": "B", "name": "乙镇"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[ring], [tiny]]}},
        {"type": "Feature", "properties": {"name": "点"}, "geometry": {"type": "Point", "coordinates": [121.5, 30.9]}},
    ]}
    out = geo.display_geojson(source)
    assert [f["properties"] for f in out["features"]] == [{"code": "A", "name": "甲镇"}, {"code": "B", "name": "乙镇"}]
    rings = [r for f in out["features"] for r in geo.feature_rings(f)]
    assert len(rings) == 3 and len(rings[2]) == 5
    assert all(round(c, 5) == c for r in rings for pt in r for c in pt)
    assert all(r[0] == r[-1] for r in rings)
    assert len(json.dumps(out)) < len(json.dumps(source)) / 3


@pytest.mark.skipif(not TOWNS_GEOJSON.exists(), reason="boundary file not available")
def test_the_town_boundaries_lose_a_third_of_their_points_and_no_town_moves_more_than_tolerance():
    source = geo.load_geojson(TOWNS_GEOJSON)
    out = geo.display_geojson(source)
    before = sum(len(r) for f in source["features"] for r in geo.feature_rings(f))
    after = sum(len(r) for f in out["features"] for r in geo.feature_rings(f))
    assert after < before * 2 / 3
    assert len(out["features"]) == len(source["features"]) == 12
    box_in = map_view.union(*(Bounds.of_points(*np.asarray(r).T) for f in source["features"] for r in geo.feature_rings(f)))
    box_out = map_view.union(*(Bounds.of_points(*np.asarray(r).T) for f in out["features"] for r in geo.feature_rings(f)))
    assert np.allclose([box_in.west, box_in.south, box_in.east, box_in.north],
                       [box_out.west, box_out.south, box_out.east, box_out.north], atol=2e-4)


# --- the decks -----------------------------------------------------------------------------------------


def demo_data(con, f):
    return station_map.MapData(stations=M.stations(con, f), bins=spatial.report_bins(con, f, 500),
                               cover=M.coverage_stations(con, f), candidates=M.candidates(con, f, 1000))


def test_a_deck_is_compact_json_with_chinese_as_is_and_the_same_content_as_pydeck_writes(ref_con):
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    deck = station_map.station_map(demo_data(ref_con, default_filters(REF_DATE)), towns, None)
    text = deck.to_json()
    assert "\n" not in text and "\\u" not in text and "南桥镇" in text
    plain = maps.pdk.Deck.to_json(deck)  # pydeck's own (indented, escaped) serialisation
    assert json.loads(text) == json.loads(plain) and len(text) < len(plain) / 2


def test_the_station_map_frames_the_district_or_zooms_to_the_town_in_focus(ref_con):
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    f = default_filters(REF_DATE)
    district = json.loads(station_map.station_map(demo_data(ref_con, f), towns, None).to_json())
    f_town = dataclasses.replace(f, towns=("310120111",))
    town = json.loads(station_map.station_map(demo_data(ref_con, f_town), towns, None, focus=f_town.towns).to_json())
    size = maps.SIZE_MAP_PAGE
    for spec in (district, town):
        v = spec["initialViewState"]
        shown = map_view.visible(View(v["latitude"], v["longitude"], v["zoom"]), *size)
        stations = next(x["data"] for x in spec["layers"] if x["id"] == "stations")
        assert shown.contains(Bounds.of_points([s["lon"] for s in stations], [s["lat"] for s in stations]))
        assert spec["layers"][-1]["id"] == "town-labels"
    assert town["initialViewState"]["zoom"] > district["initialViewState"]["zoom"] + 1


@pytest.mark.skipif(not TOWNS_GEOJSON.exists(), reason="boundary file not available")
def test_the_map_page_deck_stays_small_at_scale_1(ref_con):
    """Bytes, not time: the deck with the town boundaries was 0.67 MB before it was made compact."""
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    deck = station_map.station_map(demo_data(ref_con, default_filters(REF_DATE)), towns,
                                   geo.load_display_geojson(TOWNS_GEOJSON))  # as ui.map_base loads it
    assert len(deck.to_json().encode()) < 250_000


def test_the_weekly_map_frames_its_hot_cells_only():
    towns = TOWNS
    cells = pd.DataFrame({"west": [121.40, 121.42], "east": [121.405, 121.425], "south": [30.90, 30.91],
                          "north": [30.905, 30.915], "reports": [3, 5], "open_reports": [1, 0],
                          "town": ["甲镇", "甲镇"], "top_category": ["乱堆乱放", "其他"]})
    spec = json.loads(maps.density_map(cells, towns, BOUNDARIES, size=maps.SIZE_THIRD, frame_cells_only=True).to_json())
    whole = json.loads(maps.density_map(cells, towns, BOUNDARIES, size=maps.SIZE_THIRD).to_json())
    v, w = spec["initialViewState"], whole["initialViewState"]
    assert v["zoom"] > w["zoom"]
    shown = map_view.visible(View(v["latitude"], v["longitude"], v["zoom"]), *maps.SIZE_THIRD)
    assert shown.contains(maps.points_box(cells))
    shown_whole = map_view.visible(View(w["latitude"], w["longitude"], w["zoom"]), *maps.SIZE_THIRD)
    assert shown_whole.contains(maps.region(towns, BOUNDARIES))
