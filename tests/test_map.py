"""Map page: distances, coverage and gap maths on hand-made data with known answers, and the deck."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from fxdash import geo, station_map
from fxdash.filters import default_filters
from fxdash.queries import map as M
from fxdash.queries import spatial
from tests.conftest import REF_DATE

LAT, LON = 30.9, 121.5  # station A
M_PER_DEG = geo.EARTH_RADIUS_M * np.pi / 180  # along a meridian, exactly, on the sphere
DAY = dt.date(2026, 3, 10)
F = default_filters(dt.date(2026, 3, 18))


def north(metres: float) -> float:
    return LAT + metres / M_PER_DEG


# --- distances -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected_m", "tol_m"),
    [
        ((0.0, 0.0), (1.0, 0.0), M_PER_DEG, 0.01),  # one degree of latitude
        ((0.0, 0.0), (0.0, 1.0), M_PER_DEG, 0.01),  # one degree of longitude on the equator
        ((LAT, LON), (north(500), LON), 500.0, 0.001),
        ((48.8566, 2.3522), (51.5074, -0.1278), 343_560, 500),  # Paris - London
        ((31.2304, 121.4737), (30.9126, 121.4745), 35_340, 100),  # People's Square - Nanqiao
    ],
)
def test_haversine_matches_known_distances(a, b, expected_m, tol_m):
    assert geo.haversine_m(*a, *b) == pytest.approx(expected_m, abs=tol_m)


def test_nearest_finds_the_closest_reference_point_and_copes_with_none():
    dist, idx = geo.nearest_m([north(100), north(900)], [LON, LON], [LAT, north(1000)], [LON, LON])
    assert idx.tolist() == [0, 1]
    assert dist == pytest.approx([100, 100], abs=0.01)
    dist, idx = geo.nearest_m([LAT], [LON], [], [])
    assert np.isinf(dist).all() and idx.tolist() == [-1]


def test_greedy_cover_picks_the_biggest_gain_first_and_never_counts_twice():
    # site 0 covers points {0, 1}; site 1 covers {1, 2, 3}; site 2 covers {2}
    rows = np.array([0, 0, 1, 1, 1, 2])
    cols = np.array([0, 1, 1, 2, 3, 2])
    picks = geo.greedy_cover((rows, cols), np.ones(4), np.ones(4, bool), k=5)
    assert [(site, sorted(covered.tolist())) for site, covered in picks] == [(1, [1, 2, 3]), (0, [0])]


def test_pairs_within_radius_include_self_and_neighbours_only():
    rows, cols = geo.pairs_within_m([LAT, north(400), north(1000)], [LON] * 3, 500)
    assert sorted(zip(rows.tolist(), cols.tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]


# --- hand-made world --------------------------------------------------------------------------


@pytest.fixture
def world(empty_con):
    """Town T1 with rider station A (charging), a service point B 1.9 km east, five reports north of
    A at known distances plus one at B, and two company sites 290 m north and 1200 m south."""
    con = empty_con
    con.execute("insert into towns values ('T1', '一镇', '镇', ?, ?, 10), ('T2', '二镇', '镇', 31.0, 121.6, 10)",
                [LAT, LON])
    b_lon = LON + 0.02
    con.executemany("insert into stations (station_id, kind, host_type, name, town_code, lat, lon, amenities, "
                    "opened_on) values (?, ?, ?, ?, 'T1', ?, ?, ?, ?)", [
                        ["A", "骑手驿站", "党群服务站", "甲驿站", LAT, LON, ["充换电", "热水"], dt.date(2025, 1, 1)],
                        ["B", "服务点位", "银行网点", "乙点位", LAT, b_lon, ["热水"], dt.date(2025, 1, 1)],
                        ["LATE", "骑手驿站", "党群服务站", "未启用", LAT, LON + 0.1, [], dt.date(2026, 6, 1)],
                    ])
    at = dt.datetime(2026, 3, 10, 9)
    reports = [("R200", north(200), LON), ("R450", north(450), LON), ("R800", north(800), LON),
               ("R1500", north(1500), LON), ("RB", LAT, b_lon)]
    con.executemany("insert into reports (report_id, category, lat, lon, town_code, reported_at, status) "
                    "values (?, '安全隐患', ?, ?, 'T1', ?, '待受理')", [[r, la, lo, at] for r, la, lo in reports])
    con.execute("insert into reports (report_id, category, lat, lon, town_code, reported_at, status) "
                "values ('OLD', '安全隐患', ?, ?, 'T1', '2025-01-01', '已办结')", [LAT, LON])
    con.execute("insert into enterprises values ('E1', '快送', '外卖', null)")
    con.executemany("insert into sites values (?, 'E1', 'T1', ?, null, ?, ?, ?)", [
        ["S1", "北站", north(290), LON, 100], ["S2", "南站", LAT - 1200 / M_PER_DEG, LON, 50]])
    con.executemany("insert into workers (worker_id, name, occupation, enterprise_id, site_id, town_code, joined_on) "
                    "values (?, '某', '外卖骑手', 'E1', ?, 'T1', '2025-01-01')", [["W1", "S1"], ["W2", "S1"], ["W3", "S2"]])
    return con


def shares(df: pd.DataFrame) -> dict:
    return {r.key: (r.covered, r.total) for r in df.itertuples()}


def test_stations_on_the_map_are_those_open_at_period_end(world):
    assert M.stations(world, F)["station_id"].tolist() == ["A", "B"]  # rider stations first; LATE opens later


def test_station_filters_narrow_the_map(world):
    from dataclasses import replace

    assert M.stations(world, replace(F, amenities=("充换电",)))["station_id"].tolist() == ["A"]
    assert M.stations(world, replace(F, host_types=("银行网点",)))["station_id"].tolist() == ["B"]
    assert M.stations(world, replace(F, towns=("T2",))).empty


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        (300, {"reports": (1, 5), "sites": (1, 2), "staff": (100, 150)}),
        (500, {"reports": (2, 5), "sites": (1, 2), "staff": (100, 150)}),
        (1000, {"reports": (3, 5), "sites": (1, 2), "staff": (100, 150)}),
        (2000, {"reports": (5, 5), "sites": (2, 2), "staff": (150, 150)}),
    ],
)
def test_coverage_counts_reports_and_staff_within_the_radius_of_a_rider_station(world, radius, expected):
    assert shares(M.coverage(world, F, radius)) == expected


def test_coverage_uses_service_points_only_when_that_kind_is_picked(world):
    from dataclasses import replace

    got = shares(M.coverage(world, replace(F, station_kinds=("服务点位",)), 300))
    assert got["reports"] == (1, 5)  # only RB, which sits on B


def test_coverage_radius_outside_300_to_2000_is_refused(world):
    with pytest.raises(ValueError):
        M.coverage(world, F, 100)


def test_candidates_cover_every_uncovered_report_and_rider_without_double_counting(world):
    cand = M.candidates(world, F, 500)
    assert cand["rank"].tolist() == list(range(1, len(cand) + 1))
    assert cand.iloc[0][["town", "reports", "staff"]].tolist() == ["一镇", 0, 50]  # the 1200 m-south site
    assert cand["reports"].sum() == 3 and cand["staff"].sum() == 50  # R800, R1500, RB and S2
    assert (geo.haversine_m(cand["lat"], cand["lon"], LAT, LON) > 500).all()
    assert (cand["nearest_station_m"] > 500).all()


def test_no_candidates_when_everything_is_covered(world):
    assert M.candidates(world, F, 2000).empty


def test_town_table_counts_places_workers_and_coverage(world):
    t = M.town_table(world, F, 500).set_index("town_code")
    assert t.loc["T1", ["rider_stations", "service_points", "active_workers", "reports"]].tolist() == [1, 1, 3, 5]
    assert t.loc["T1", "workers_per_station"] == 3.0
    assert t.loc["T1", "covered_share"] == pytest.approx(0.4)
    assert t.loc["T2", "reports"] == 0 and pd.isna(t.loc["T2", "workers_per_station"])


def test_station_detail_lists_reports_and_sites_nearby_with_distances(world):
    near = M.reports_near(world, F, "A")
    assert near["report_id"].tolist() == ["R200", "R450"]
    assert near["distance_m"].tolist() == [200, 450]
    sites = M.sites_near(world, F, "A")
    assert sites[["name", "workers", "distance_m"]].values.tolist() == [["北站", 2, 290]]
    assert M.reports_near(world, F, "nope").empty


# --- the deck on the demo data -----------------------------------------------------------------


def demo_deck(con, f, radius=1000, layers=None):
    data = station_map.MapData(
        stations=M.stations(con, f), bins=spatial.report_bins(con, f, 500), cover=M.coverage_stations(con, f),
        candidates=M.candidates(con, f, radius), scenes=M.scenes(con, f), branches=M.branches(con, f),
        merchants=M.merchants(con, f), sites=M.sites(con, f),
    )
    towns = con.execute("select town_code, name, lat, lon from towns").df()
    return station_map.station_map(data, towns, None, radius_m=radius, shown=layers)


def layer_data(spec: dict, layer_id: str) -> list:
    return next(layer["data"] for layer in spec["layers"] if layer["id"] == layer_id)


def test_deck_shows_all_268_stations_offline_at_the_article_date(ref_con):
    f = default_filters(REF_DATE)
    spec = json.loads(demo_deck(ref_con, f, layers=station_map.MAP_LAYER_KEYS).to_json())
    assert len(layer_data(spec, "stations")) == 268
    ids = {layer["id"] for layer in spec["layers"]}
    assert {"stations", "report-density", "coverage", "candidates", "scenes", "branches", "merchants",
            "sites", "town-labels"} <= ids
    text = json.dumps(spec, ensure_ascii=False)
    assert "http" not in text.replace("http://127.0.0.1", "")  # no outside URL anywhere
    assert spec.get("mapProvider") in (None, "")
    texts = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert texts and all(layer["characterSet"] == "auto" for layer in texts)  # not "@@=auto": Chinese glyphs
    tips = [row["tip"] for row in layer_data(spec, "stations")]
    assert all("街镇" in tip and "依托" in tip for tip in tips)


def test_deck_layers_follow_the_switches(ref_con):
    spec = json.loads(demo_deck(ref_con, default_filters(REF_DATE), layers=("stations",)).to_json())
    ids = {layer["id"] for layer in spec["layers"]}
    assert "stations" in ids and "report-density" not in ids and "coverage" not in ids
