"""Map decks are built without pandas' row by row work and write the shared boundaries once: a layer's frame becomes its rows column by column
(maps.records instead of pydeck's DataFrame.to_dict), tooltips read only their columns (maps.rows instead
of itertuples), town labels and glyph layers are built as plain rows, text passes _esc as it is, and pydeck asks once whether its Jupyter widget exists. Every
deck the pages draw must serialise byte for byte as built the former way, on the demo data under several
filter sets, and on frames with blanks of every kind."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest
from pydeck.bindings.json_tools import default_serialize

from fxdash import geo, map_view, maps, station_map, ui_data
from fxdash.filters import Filters, default_filters
from fxdash.queries import community_places, spatial
from fxdash.queries import map as M
from tests.conftest import REF_DATE, TOWNS_GEOJSON


def _former_esc(value) -> str:
    """maps._esc as it was, without the fast path for text."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = "、".join(str(v) for v in list(value)) or "—"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if hasattr(value, "strftime"):
        value = textfmt_day(value)
    return str(value)


def textfmt_day(value):
    from fxdash import textfmt

    return textfmt.day(value)


def _former_layer(kind, data=None, **kwargs):
    return pdk.Layer(kind, data=data, **kwargs)  # pydeck converts a frame itself (to_dict, records)


def _former_rows(df, *cols):
    return (tuple(getattr(r, c) for c in cols) for r in df.itertuples())  # r.name, r.town… as the builders read them


def _former_to_json(deck) -> str:
    """maps.Deck.to_json as it was: every layer's data encoded."""
    return json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def _former_town_labels_layer(towns, view, size, font_px=19, focus=()):
    """maps.town_labels_layer as it was: the labels as a frame (copy, reorder, column sets, filter)."""
    data = towns[["name", "lon", "lat"]].copy()
    if focus:
        data = data.iloc[np.argsort(~towns["town_code"].isin(focus).to_numpy(), kind="stable")]
    data["lon"], data["lat"] = data["lon"].round(5), data["lat"].round(5)
    data["offset"] = map_view.place_labels(data["lon"], data["lat"], data["name"], view, *size, size=font_px)
    data = data[data["offset"].notna()].assign(offset=lambda d: [list(o) for o in d["offset"]])
    return maps.layer("TextLayer", data=data, id="town-labels", get_position=["lon", "lat"], get_text="name",
                      get_size=font_px, get_pixel_offset="offset", get_color=[25, 30, 45, 255],
                      font_family=maps.QUOTED_FONT, font_weight=700, character_set="'auto'", get_text_anchor="'middle'",
                      get_alignment_baseline="'center'", outline_width=3, outline_color=[255, 255, 255, 235],
                      font_settings={"sdf": True}, pickable=False)


def _former_glyph_layer(key, df, colours, tips, size=20):
    """maps.glyph_layer as it was: the places as a frame with three columns set."""
    data = maps.points(df, ["lat", "lon"])
    data["glyph"] = maps.GLYPHS[key]
    data["color"] = colours
    data["tip"] = tips
    return maps.layer("TextLayer", data=data, id=key, get_position=["lon", "lat"], get_text="glyph",
                      get_size=size, get_color="color", font_family=maps.QUOTED_FONT, character_set="'auto'",
                      get_text_anchor="'middle'", get_alignment_baseline="'center'", outline_width=2,
                      outline_color=[255, 255, 255, 255], font_settings={"sdf": True}, pickable=True)


def _both_ways(monkeypatch, build) -> tuple[str, str]:
    """(the deck's JSON built the former way, as built now)."""
    with monkeypatch.context() as former:
        for module in (maps, station_map):
            former.setattr(module, "layer", _former_layer)
            former.setattr(module, "rows", _former_rows)
        former.setattr(maps, "_esc", _former_esc)
        former.setattr(maps, "town_labels_layer", _former_town_labels_layer)
        former.setattr(maps, "glyph_layer", _former_glyph_layer)
        before = _former_to_json(build())
    return before, build().to_json()


def _boundaries():
    if not TOWNS_GEOJSON.exists():
        return None
    return ui_data.SharedGeoJSON(geo.load_display_geojson(TOWNS_GEOJSON))


FILTER_SETS = {
    "default": default_filters(REF_DATE),
    "all": Filters(dt.date(2024, 1, 1), REF_DATE),
    "one town": Filters(dt.date(2024, 1, 1), REF_DATE, towns=("310120101",)),
}


def _page_data(con, f) -> station_map.MapData:
    return station_map.MapData(stations=M.stations(con, f), bins=spatial.report_bins(con, f, M.DENSITY_CELL_M),
                               cover=M.coverage_stations(con, f), candidates=M.candidates(con, f, 1000),
                               scenes=M.scenes(con, f), branches=M.branches(con, f), merchants=M.merchants(con, f),
                               sites=M.sites(con, f))


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_page_decks_serialise_as_built_the_former_way(ref_con, monkeypatch, name):
    f = FILTER_SETS[name]
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    data, shapes, focus = _page_data(ref_con, f), _boundaries(), maps.focus(f)
    assert len(data.stations) and len(data.bins) and len(data.sites)
    for boundaries in (shapes, None):  # with the boundary file and without (town centres)
        before, now = _both_ways(monkeypatch, lambda b=boundaries: station_map.station_map(
            data, towns, b, None, "", radius_m=1200, shown=station_map.MAP_LAYER_KEYS, focus=focus))
        assert now == before
    scenes = community_places.scene_list(ref_con, f)
    before, now = _both_ways(monkeypatch, lambda: maps.scene_map(scenes, towns, shapes, focus=focus)[0])
    assert now == before
    before, now = _both_ways(monkeypatch, lambda: maps.density_map(data.bins, towns, shapes, focus=focus))
    assert now == before


def test_blanks_of_every_kind_serialise_as_before(ref_con, monkeypatch):
    """Missing text, dates, lists and numbers, categories: what _esc and records box."""
    f = FILTER_SETS["all"]
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    data = _page_data(ref_con, f)
    stations = data.stations.head(4).copy()
    stations.loc[stations.index[0], ["name", "host_type", "town"]] = None
    stations.loc[stations.index[1], "opened_on"] = pd.NaT
    stations["amenities"] = pd.Series([None, [], np.array(["停车", "热水"]), ("储物",)], index=stations.index, dtype=object)
    sites = data.sites.head(3).copy()
    sites["staff_count"] = [1.0, None, 3.0]
    sites["town"] = sites["town"].astype("category")
    bins = data.bins.head(5).copy()
    bins.loc[bins.index[0], "top_category"] = None
    blank = station_map.MapData(stations=stations, bins=bins, sites=sites, candidates=data.candidates.head(2))
    before, now = _both_ways(monkeypatch, lambda: station_map.station_map(blank, towns, None, shown=station_map.MAP_LAYER_KEYS))
    assert now == before and "<NA>" not in now


def test_records_are_the_rows_pydeck_made():
    df = pd.DataFrame({"i": np.array([1, 2], dtype="int32"), "f": [0.5, np.nan], "b": [True, False],
                       "s": pd.array(["a", None], dtype="str"), "n": pd.array([1, None], dtype="Int64"),
                       "d": pd.to_datetime(["2026-03-18", None]), "o": [[1, 2], np.int64(3)],
                       "c": pd.Categorical(["x", "y"])})
    fast, former = maps.records(df), df.to_dict(orient="records")
    assert repr(fast) == repr(former)
    assert [[type(v) for v in row.values()] for row in fast] == [[type(v) for v in row.values()] for row in former]
    assert maps.records(df.head(0)) == []


def test_shared_boundaries_are_spliced_in_whole_and_the_deck_is_left_as_it_was(ref_con):
    shapes = _boundaries()
    if shapes is None:
        pytest.skip("no towns boundary file in ../shared/data/geo")
    towns = ref_con.execute("select town_code, name, lat, lon from towns").df()
    scenes = community_places.scene_list(ref_con, FILTER_SETS["all"])
    deck = maps.scene_map(scenes, towns, shapes, shapes)[0]  # towns and rivers: two spliced layers
    parsed = json.loads(deck.to_json())
    spliced = [layer["data"] for layer in parsed["layers"] if layer["id"] in ("town-boundaries", "rivers")]
    assert spliced == [json.loads(json.dumps(shapes))] * 2
    assert all(layer.data is shapes for layer in deck.layers[:2]) and "fx-spliced" not in deck.to_json()


def test_density_colours_of_a_column_are_those_of_each_share():
    """maps._ramps colours every cell of a density layer at once as maps._ramp colours one: random shares,
    the stops, exact halves (rounded half to even) and values beside the 0.5 switch."""
    shares = np.concatenate([np.random.default_rng(7).random(5000), np.arange(0, 1.0001, 1 / 1024),
                             [0.0, 0.5, 1.0, 1e-12, 0.5 - 1e-16, 0.5 + 1e-16, 0.999999999]])
    got = maps._ramps(shares)
    assert got == [maps._ramp(s) for s in shares]
    assert all(type(v) is int for row in got for v in row)  # JSON writes them as integers
