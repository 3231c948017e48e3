"""ui.deck: a map is built and written as JSON once per distinct input and shared between sessions; any
difference in its frames, its boundaries or its options rebuilds it. ui.boundaries is one read-only object."""

import pytest

from fxdash import geo, maps, station_map, ui_data, ui_widgets
from fxdash.filters import default_filters
from fxdash.queries import community_places, spatial
from fxdash.queries import map as M
from tests.conftest import REF_DATE, TOWNS_GEOJSON


@pytest.fixture
def counted(monkeypatch):
    ui_widgets._figure.clear()
    calls = []
    real = station_map.station_map

    def builder(*args, **kwargs):
        calls.append(kwargs.get("focus", ()))
        return real(*args, **kwargs)
    builder.__qualname__ = "station_map"  # keyed by name, as the real builder
    yield builder, calls
    ui_widgets._figure.clear()


def _inputs(con, f):
    towns = con.execute("select town_code, name, lat, lon from towns").df()
    data = station_map.MapData(stations=M.stations(con, f), bins=spatial.report_bins(con, f, 1000))
    return data, towns


def _shared_geojson():
    if not TOWNS_GEOJSON.exists():
        pytest.skip("no towns boundary file in ../shared/data/geo")
    return ui_data.SharedGeoJSON(geo.load_display_geojson(TOWNS_GEOJSON))


def test_a_cached_deck_is_the_json_the_builder_writes_and_is_shared(ref_con, counted):
    builder, calls = counted
    data, towns = _inputs(ref_con, default_filters(REF_DATE))
    shapes = _shared_geojson()
    built = ui_widgets.deck(builder, data, towns, shapes, shown=("stations", "density"))
    direct = station_map.station_map(data, towns, shapes, shown=("stations", "density"))
    assert built.to_json() == direct.to_json() and built._tooltip == direct._tooltip
    again, _ = _inputs(ref_con, default_filters(REF_DATE))  # equal frames, other objects
    assert ui_widgets.deck(builder, again, towns.copy(), shapes, shown=("stations", "density")) is built
    assert len(calls) == 1


def test_every_difference_in_the_input_rebuilds_the_deck(ref_con, counted):
    builder, calls = counted
    f = default_filters(REF_DATE)
    data, towns = _inputs(ref_con, f)
    shapes = _shared_geojson()
    first = ui_widgets.deck(builder, data, towns, shapes)

    moved = station_map.MapData(stations=data.stations.copy(), bins=data.bins)
    moved.stations.loc[moved.stations.index[-1], "lat"] += 0.001  # one station, deep inside a frame
    assert ui_widgets.deck(builder, moved, towns, shapes).to_json() != first.to_json()

    fewer = station_map.MapData(stations=data.stations, bins=data.bins.iloc[:-1])
    ui_widgets.deck(builder, fewer, towns, shapes)
    town = sorted(towns["town_code"])[0]
    ui_widgets.deck(builder, data, towns, shapes, focus=(town,))
    ui_widgets.deck(builder, data, towns, None)

    other = dict(shapes)
    other["features"] = shapes["features"][1:]  # another boundary file: another digest
    ui_widgets.deck(builder, data, towns, ui_data.SharedGeoJSON(other))
    assert len(calls) == 6


def test_a_town_account_never_gets_the_district_deck(ref_con, counted):
    """Scoped queries give other frames, so another key: a deck of all towns is never handed to a town account."""
    builder, calls = counted
    full = default_filters(REF_DATE)
    town = ref_con.execute("select min(town_code) from towns").fetchone()[0]
    scoped = full.__class__(**{**full.__dict__, "scope": (town,)})
    district = ui_widgets.deck(builder, *_inputs(ref_con, full), None)
    mine = ui_widgets.deck(builder, *_inputs(ref_con, scoped), None)
    assert mine is not district and len(calls) == 2


def _page_inputs(con, f):
    """The 阵地地图 page's deck inputs: every layer's frame, as pages/map.py asks for them."""
    data = station_map.MapData(stations=M.stations(con, f), bins=spatial.report_bins(con, f, M.DENSITY_CELL_M),
                               cover=M.coverage_stations(con, f), candidates=M.candidates(con, f, 1000),
                               scenes=M.scenes(con, f), branches=M.branches(con, f), merchants=M.merchants(con, f),
                               sites=M.sites(con, f))
    return data, con.execute("select town_code, name, lat, lon from towns").df()


def _scoped(con, full):
    town = con.execute("select min(town_code) from towns").fetchone()[0]
    return full.__class__(**{**full.__dict__, "scope": (town,)}), town


def test_the_map_page_deck_is_shared_per_radius_layers_and_scope(ref_con, counted):
    """pages/map.py: the layers chosen come as a list (st.pills), the radius as an int; a town account's
    frames are its own, so it never gets the district's deck."""
    builder, calls = counted
    full = default_filters(REF_DATE)
    scoped, town = _scoped(ref_con, full)
    shown = list(station_map.MAP_LAYER_KEYS)
    data, towns = _page_inputs(ref_con, full)
    district = ui_widgets.deck(builder, data, towns, None, None, "", radius_m=1000, shown=shown, focus=())
    direct = station_map.station_map(data, towns, None, None, "", radius_m=1000, shown=shown, focus=())
    assert district.to_json() == direct.to_json() and district._tooltip == direct._tooltip
    again = ui_widgets.deck(builder, *_page_inputs(ref_con, full), None, None, "", radius_m=1000, shown=list(shown),
                            focus=())
    assert again is district and len(calls) == 1
    ui_widgets.deck(builder, data, towns, None, None, "", radius_m=1500, shown=shown, focus=())
    ui_widgets.deck(builder, data, towns, None, None, "", radius_m=1000, shown=shown[:2], focus=())
    mine = ui_widgets.deck(builder, *_page_inputs(ref_con, scoped), None, None, "", radius_m=1000, shown=shown,
                           focus=(town,))
    assert mine is not district and mine.to_json() != district.to_json() and len(calls) == 4


def test_the_scene_map_and_its_legend_are_shared_per_scope(ref_con):
    """pages/community.py: maps.scene_map gives (deck, legend); the deck is frozen to its JSON inside the tuple."""
    ui_widgets._figure.clear()
    calls = []

    def scene_map(*args, **kwargs):
        calls.append(kwargs.get("focus"))
        return maps.scene_map(*args, **kwargs)
    scene_map.__qualname__ = "scene_map"
    full = default_filters(REF_DATE)
    scoped, town = _scoped(ref_con, full)
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    listed = community_places.scene_list(ref_con, full)
    deck, legend = ui_widgets.deck(scene_map, listed, towns, None, None, "", focus=(), size=maps.SIZE_SCENES)
    direct, direct_legend = maps.scene_map(listed, towns, None, None, "", focus=(), size=maps.SIZE_SCENES)
    assert isinstance(deck, maps.BuiltDeck) and deck.to_json() == direct.to_json() and legend == direct_legend
    shared = ui_widgets.deck(scene_map, community_places.scene_list(ref_con, full), towns, None, None, "", focus=(),
                             size=maps.SIZE_SCENES)
    assert shared[0] is deck and len(calls) == 1
    mine, _ = ui_widgets.deck(scene_map, community_places.scene_list(ref_con, scoped), towns, None, None, "",
                              focus=(town,), size=maps.SIZE_SCENES)
    assert mine is not deck and mine.to_json() != deck.to_json() and len(calls) == 2
    ui_widgets._figure.clear()


def test_shared_geojson_is_read_only_and_its_digest_follows_its_content():
    shapes = _shared_geojson()
    with pytest.raises(TypeError):
        shapes["features"] = []
    with pytest.raises(TypeError):
        shapes.update(type="x")
    same = ui_data.SharedGeoJSON(geo.load_display_geojson(TOWNS_GEOJSON))
    assert same.fingerprint == shapes.fingerprint
    assert ui_data.SharedGeoJSON({**shapes, "features": shapes["features"][:1]}).fingerprint != shapes.fingerprint


def test_boundaries_are_read_once_and_shared():
    if not TOWNS_GEOJSON.exists():
        pytest.skip("no towns boundary file in ../shared/data/geo")
    ui_data.boundaries.clear()
    first = ui_data.boundaries(str(TOWNS_GEOJSON))
    assert isinstance(first, ui_data.SharedGeoJSON) and ui_data.boundaries(str(TOWNS_GEOJSON)) is first
    assert ui_data.boundaries(None) is None
    ui_data.boundaries.clear()
