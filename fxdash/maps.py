"""pydeck deck builders. Offline by construction: no basemap provider, our own boundary layer.

`map_style=None` alone still fetches a Carto basemap in Streamlit, so every deck is built with
`map_provider=None`; the base is the town boundaries from the configured file, or town centre
points when no file is configured. An intranet raster tile server can be added (FXDASH_TILE_URL).

Every deck frames its content (fxdash.map_view): the district, the towns in focus when the filters
name some, and everything drawn; town labels go on top, placed so that none overlaps another.
The station map of 阵地地图 is in fxdash.station_map.
"""

import functools
import html
import json
import uuid

import numpy as np
import pandas as pd
import pydeck as pdk
import pydeck.bindings.deck as pdk_deck
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native  # what DataFrame.to_dict boxes values with
from pydeck.bindings.json_tools import default_serialize

from fxdash import geo, map_view, textfmt
from fxdash.labels import map as LM
from fxdash.map_view import Bounds
from fxdash.theme import DENSITY_RAMP, FONT, OTHER_RGB, SCENE_COLOURS

# pydeck turns a bare string prop into a JS expression ("@@=auto"), which breaks TextLayer; a quoted
# string is passed through as a plain string.
QUOTED_FONT = f"'{FONT}'"
# The district when nothing else frames a map (no boundary file and no data): Fengxian's extent.
DISTRICT = Bounds(121.35, 30.76, 121.83, 31.03)
MIN_SPAN_M = 3000  # a single point or a tiny town still shows its surroundings
TOWN_HALF_SPAN_M = 2500  # without a boundary file a town is framed as its centre +- this
# Viewport sizes (px) the maps are fitted to: their height on the page and the width of their column
# on a 1600 px window with the sidebar open (wider screens show a little more round the edges).
SIZE_MAP_PAGE = (860, 640)
SIZE_WIDE = (700, 520)  # a 3/5 column: 问题上报
SIZE_OVERVIEW = (700, 430)  # a 3/5 column, lower
SIZE_SCENES = (700, 460)  # a 3/5 column: 关爱与平安
SIZE_THIRD = (380, 320)  # a 1/3 column: the weekly hot-spot map


# pdk.Deck asks five times per deck whether its Jupyter widget can be made, each time trying to import
# ipywidgets again (not installed: 0.27 ms a try, 1.4 ms of every deck built); the answer is a fact of the
# installed packages, asked once.
pdk_deck.has_jupyter_extra = functools.cache(pdk_deck.has_jupyter_extra)


def records(df: pd.DataFrame) -> list[dict]:
    """A frame's rows as pydeck makes a layer's data of them (DataFrame.to_dict(orient="records"): values
    as itertuples gives them, those of object and extension columns boxed as Python's own), taken column
    by column: pandas' row by row conversion was 2.8 ms of the map page's 268 stations, 0.2 ms this way."""
    columns = []
    for name in df.columns:
        values = df[name].tolist()  # numpy columns: Python scalars (Timestamps for dates), as iteration gives
        if df[name].dtype == object or isinstance(df[name].dtype, ExtensionDtype):
            values = [maybe_box_native(v) for v in values]
        columns.append(values)
    names = list(df.columns)
    return [dict(zip(names, row)) for row in zip(*columns)]


def layer(kind: str, data=None, **kwargs) -> pdk.Layer:
    """pdk.Layer, a frame given as data converted by records (the same list pydeck would make)."""
    return pdk.Layer(kind, data=records(data) if isinstance(data, pd.DataFrame) else data, **kwargs)


def rows(df: pd.DataFrame, *cols: str):
    """The values of `cols`, row by row, as itertuples gives them, without iterating every other column
    (a frame of text columns iterates value by value: most of writing a few hundred tooltips)."""
    return zip(*(df[c].tolist() for c in cols))


class Deck(pdk.Deck):
    """pydeck's Deck written as compact JSON: pydeck indents by 2 and escapes every Chinese character
    (\\uXXXX), which made a page send four times the bytes of its data on every rerun."""

    def to_json(self) -> str:
        """The deck's JSON; a layer's data that carries its own compact JSON (the shared town boundaries,
        fxdash.ui_cache.SharedGeoJSON, written once when read) is spliced in as it is instead of being
        encoded again (1.4 ms of every deck): the same text, since JSON writes a value alike wherever it sits."""
        spliced = {}
        for each in self.layers:
            text = getattr(each.data, "compact_json", None)
            if isinstance(text, str):
                token = f"fx-spliced-{uuid.uuid4().hex}"  # a placeholder no data can hold
                spliced[token] = (each, each.data, text)
                each._data = token
        try:
            out = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
        finally:
            for each, data, _ in spliced.values():
                each._data = data
        for token, (_, _, text) in spliced.items():
            out = out.replace(f'"{token}"', text, 1)
        return out


class BuiltDeck:
    """A deck already written as JSON, for st.pydeck_chart (which asks only for to_json, the tooltip and
    the layers; the layers are left out, so it has no frame to convert): shared between sessions, it is
    built and serialised once (fxdash.ui_widgets.deck) instead of on every rerun."""

    layers = None
    deck_widget = None
    mapbox_key = None

    def __init__(self, deck: pdk.Deck):
        self._json = deck.to_json()
        self._tooltip = deck._tooltip

    def to_json(self) -> str:
        return self._json


# --- framing -----------------------------------------------------------------------------------------


def _boundary_features(boundaries: dict | None, towns: pd.DataFrame, codes: set) -> list:
    names = set(towns.loc[towns["town_code"].isin(codes), "name"])
    if not boundaries:
        return []
    return [ft for ft in boundaries.get("features", [])
            if str((ft.get("properties") or {}).get("code", "")) in codes
            or (ft.get("properties") or {}).get("name") in names]


def focus(f) -> tuple[str, ...]:
    """The towns a map zooms to for filters `f` (fxdash.filters.Filters): those chosen in the filters, else
    those a town account is limited to (its scope); () = the whole district."""
    return tuple(f.towns) or tuple(f.scope or ())


def region(towns: pd.DataFrame, boundaries: dict | None, focus: tuple[str, ...] = ()) -> Bounds | None:
    """The box round the towns in focus (town codes; every town of `towns` when none): their
    boundary polygons, or their centres widened by TOWN_HALF_SPAN_M without a boundary file.
    Kept per input for the shared boundaries (fxdash.ui_cache.SharedGeoJSON, by its digest): every map
    of every page frames the same district or towns, and walking each boundary ring for them was ~0.3 ms
    of a deck (a quarter of 友好场景's scene map); another dict is walked every time."""
    fingerprint = getattr(boundaries, "fingerprint", None)
    if boundaries and fingerprint is None:
        return _region(towns, boundaries, focus)
    key = (fingerprint, tuple(focus), *(tuple(towns[c].tolist()) for c in ("town_code", "name", "lon", "lat")))
    found = _REGIONS.get(key, _REGIONS)
    if found is _REGIONS:
        if len(_REGIONS) >= 256:  # filters name a few towns at a time: a handful of keys in practice
            _REGIONS.clear()
        found = _REGIONS[key] = _region(towns, boundaries, focus)
    return found


_REGIONS: dict = {}  # region's boxes (Bounds is frozen: shared as it is)


def _region(towns: pd.DataFrame, boundaries: dict | None, focus: tuple[str, ...]) -> Bounds | None:
    codes = set(focus) or set(towns["town_code"])
    rings = [ring for ft in _boundary_features(boundaries, towns, codes) for ring in geo.feature_rings(ft)]
    if rings:
        coords = [pt for ring in rings for pt in ring]
        return Bounds.of_points([p[0] for p in coords], [p[1] for p in coords])
    picked = towns[towns["town_code"].isin(codes)]
    boxes = [Bounds(r.lon, r.lat, r.lon, r.lat).at_least(2 * TOWN_HALF_SPAN_M) for r in picked.itertuples()]
    return map_view.union(*boxes)


def points_box(df: pd.DataFrame | None) -> Bounds | None:
    """The box round a frame's points (lon/lat) or grid cells (west/south/east/north)."""
    if df is None or df.empty:
        return None
    if {"west", "east", "south", "north"} <= set(df.columns):
        return Bounds.of_points(pd.concat([df["west"], df["east"]]), pd.concat([df["south"], df["north"]]))
    return Bounds.of_points(df["lon"], df["lat"])


def fit_view(*boxes: Bounds | None, size: tuple[int, int]) -> map_view.View:
    """The view showing every given box whole in a viewport of `size` px (the district if none)."""
    box = map_view.union(*boxes) or DISTRICT
    return map_view.fit(box.at_least(MIN_SPAN_M), *size)


def view_state(view: map_view.View) -> pdk.ViewState:
    return pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom, pitch=0, bearing=0)


# --- base layers -------------------------------------------------------------------------------------


def boundary_layer(geojson: dict) -> pdk.Layer:
    """Town areas from a display GeoJSON (geo.display_geojson, as ui.map_base gives it: the browser
    gets it on every rerun, so it is simplified and rounded once when loaded)."""
    return layer(
        "GeoJsonLayer",
        data=geojson,
        id="town-boundaries",
        stroked=True,
        filled=True,
        get_fill_color=[236, 240, 245, 255],
        get_line_color=[90, 100, 120, 255],
        line_width_min_pixels=1.2,
        pickable=False,
    )


def rivers_layer(geojson: dict) -> pdk.Layer:
    return layer("GeoJsonLayer", data=geojson, id="rivers",
                 stroked=False, filled=True, get_fill_color=[150, 190, 230, 200], pickable=False)


def town_points_layer(towns: pd.DataFrame) -> pdk.Layer:
    """Fallback base without a boundary file: a ring at each town's centre."""
    return layer("ScatterplotLayer", data=towns[["name", "lon", "lat"]], id="town-centres",
                 get_position=["lon", "lat"], get_radius=1200, stroked=True, filled=True,
                 get_fill_color=[236, 240, 245, 160], get_line_color=[90, 100, 120, 255],
                 line_width_min_pixels=1, pickable=False)


def tile_layer(url: str) -> pdk.Layer:
    """An intranet raster tile server (e.g. the department's Tianditu mirror)."""
    return layer("TileLayer", data=url, id="intranet-tiles", min_zoom=0, max_zoom=18, tile_size=256)


def base_layers(towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
                tile_url: str = "") -> list[pdk.Layer]:
    """Tiles, town areas (or centres) and rivers: what every map draws under its data."""
    layers = [tile_layer(tile_url)] if tile_url else []
    layers.append(boundary_layer(boundaries) if boundaries is not None else town_points_layer(towns))
    if rivers is not None:
        layers.append(rivers_layer(rivers))
    return layers


def town_labels_layer(towns: pd.DataFrame, view: map_view.View, size: tuple[int, int], font_px: int = 19,
                      focus: tuple[str, ...] = ()) -> pdk.Layer:
    """Town names, bold and haloed so they read on a projector; each moved by a pixel offset where it
    would overlap another at `view`, left out where no offset helps (a small map of the whole district);
    deck.gl needs the Chinese glyphs: character_set='auto'."""
    # in plain lists (a copy, a reordering, four column sets and a filter of a dozen rows were ~3 ms of
    # every map built); the coordinates rounded as pandas rounds them (numpy's round, not Python's)
    order = np.argsort(~towns["town_code"].isin(focus).to_numpy(), kind="stable") if focus else slice(None)
    names = towns["name"].to_numpy(object)[order].tolist()
    lon = towns["lon"].to_numpy(float)[order].round(5)
    lat = towns["lat"].to_numpy(float)[order].round(5)
    offsets = map_view.place_labels(lon, lat, names, view, *size, size=font_px)
    data = [{"name": n, "lon": x, "lat": y, "offset": list(o)}
            for n, x, y, o in zip(names, lon.tolist(), lat.tolist(), offsets) if o is not None]
    return layer("TextLayer", data=data, id="town-labels", get_position=["lon", "lat"], get_text="name",
                 get_size=font_px, get_pixel_offset="offset", get_color=[25, 30, 45, 255],
                 font_family=QUOTED_FONT, font_weight=700, character_set="'auto'", get_text_anchor="'middle'",
                 get_alignment_baseline="'center'", outline_width=3, outline_color=[255, 255, 255, 235],
                 font_settings={"sdf": True}, pickable=False)


def deck(layers: list[pdk.Layer], towns: pd.DataFrame, view: map_view.View, size: tuple[int, int],
         tooltip: dict | bool | None = None, font_px: int = 19, focus: tuple[str, ...] = ()) -> Deck:
    """The deck at `view`, the town labels drawn last (above every dot and cell)."""
    # map_style is left at pydeck's default sentinel ("__MAP_STYLE__"): with map_provider=None it reaches
    # the browser as is and Streamlit draws no basemap. map_style=None makes Streamlit fetch Carto's style.
    labels = town_labels_layer(towns, view, size, font_px, focus)
    return Deck(layers=[*layers, labels], initial_view_state=view_state(view), map_provider=None,
                tooltip=tooltip if tooltip is not None else False)


# --- tooltips ----------------------------------------------------------------------------------------

# Streamlit escapes the values it puts into a tooltip's html, so each place carries a plain-text `tip`
# whose lines are shown by the tooltip's innerText (newlines kept by white-space: pre-line).
MAP_TOOLTIP = {
    "text": "{tip}",
    "style": {"fontFamily": FONT, "fontSize": "16px", "lineHeight": "1.5", "whiteSpace": "pre-line",
              "backgroundColor": "rgba(30,30,40,0.92)", "color": "white", "padding": "8px 10px",
              "borderRadius": "4px", "maxWidth": "360px"},
}
DENSITY_TOOLTIP = {
    "html": "<b>{town}</b><br/>上报 {reports} 条，未办结 {open_reports} 条<br/>最多：{top_category}",
    "style": {"fontFamily": FONT, "fontSize": "14px"},
}


def _esc(value) -> str:
    """A value as tooltip text (lists joined with 、, dates as 2026年3月18日, missing as —)."""
    if type(value) is str:  # most values (names, kinds, towns): thousands a map
        return value
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = "、".join(str(v) for v in list(value)) or "—"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if hasattr(value, "strftime"):
        value = textfmt.day(value)
    return str(value)


def tip(title, *lines: tuple[str, object]) -> str:
    """Plain text, one fact a line: the tooltip shows it with innerText, so nothing is parsed as HTML."""
    return _esc(title) + "".join(f"\n{label}：{_esc(v)}" for label, v in lines)


def points(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The columns a layer needs, coordinates to 5 decimals (about 1 m)."""
    out = df[cols].copy()
    out["lat"], out["lon"] = out["lat"].round(5), out["lon"].round(5)
    return out


# --- report density (maps of 阵地地图, 问题上报, 周报 and 总览) ---------------------------------------


def _ramp(share: float) -> list[int]:
    stops = DENSITY_RAMP
    if share <= 0.5:
        a, b, t = stops[0], stops[1], share / 0.5
    else:
        a, b, t = stops[1], stops[2], (share - 0.5) / 0.5
    return [round(a[i] + (b[i] - a[i]) * t) for i in range(3)] + [210]


_STOPS = np.array(DENSITY_RAMP, dtype=float)


def _ramps(shares) -> list[list[int]]:
    """[_ramp(s) for s in shares] for a whole column at once (1,255 cells of 问题上报 at scale 100: ~6 ms one
    by one): the same float arithmetic in the same order, rounded half to even as round() does."""
    s = np.asarray(shares, dtype=float)
    low = (s <= 0.5)[:, None]
    a = np.where(low, _STOPS[0], _STOPS[1])
    b = np.where(low, _STOPS[1], _STOPS[2])
    t = np.where(low[:, 0], s / 0.5, (s - 0.5) / 0.5)[:, None]
    rgb = np.rint(a + (b - a) * t).astype(np.int64)
    return np.column_stack([rgb, np.full(len(s), 210, dtype=np.int64)]).tolist()


def density_layer(bins: pd.DataFrame, layer_id: str = "report-density", opacity: float = 0.75) -> pdk.Layer:
    """Grid cells coloured from pale yellow to deep red by their report count (bins, not raw points)."""
    data = bins.copy()
    top = max(int(data["reports"].max()), 1) if len(data) else 1
    share = (data["reports"] / top).clip(0, 1) if len(data) else data.get("reports", pd.Series(dtype=float))
    data["color"] = _ramps(share)
    data["polygon"] = [
        [[w, s], [e, s], [e, n], [w, n]]
        for w, s, e, n in zip(data["west"].round(5), data["south"].round(5), data["east"].round(5),
                              data["north"].round(5))
    ]
    keep = ["polygon", "color", "reports", "open_reports", "town", "top_category", "tip"]
    return layer(
        "PolygonLayer",
        data=data[[c for c in keep if c in data.columns]],
        id=layer_id,
        get_polygon="polygon",
        get_fill_color="color",
        get_line_color=[120, 60, 20, 120],
        line_width_min_pixels=0.5,
        opacity=opacity,
        pickable=True,
        auto_highlight=True,
    )


def density_map(bins: pd.DataFrame, towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
                tile_url: str = "", focus: tuple[str, ...] = (), size: tuple[int, int] = SIZE_WIDE,
                frame_cells_only: bool = False) -> Deck:
    """Report density over the towns, framed on the towns in focus (the district when none) and every
    cell; `frame_cells_only` frames the cells alone (the weekly hot spots: a handful of cells)."""
    cells = points_box(bins)
    area = None if frame_cells_only and cells is not None else region(towns, boundaries, focus)
    view = fit_view(area, cells, size=size)
    layers = [*base_layers(towns, boundaries, rivers, tile_url), density_layer(bins)]
    return deck(layers, towns, view, size, DENSITY_TOOLTIP, font_px=15, focus=focus)


# --- friendly scenes (关爱与平安; also a layer of the station map) ----------------------------------

# Shapes drawn as text glyphs (an IconLayer would need an icon atlas, i.e. another request).
GLYPHS = {"scenes": "★", "branches": "▲", "merchants": "◆", "sites": "■"}


def glyph_layer(key: str, df: pd.DataFrame, colours: list, tips: list[str], size: int = 20) -> pdk.Layer:
    """Places drawn as a text glyph (★ ▲ ◆ ■), pickable for their tooltip."""
    glyph = GLYPHS[key]  # the rows in plain lists (a copy and three column sets were ~2 ms a layer)
    data = [{"lat": y, "lon": x, "glyph": glyph, "color": c, "tip": t}
            for y, x, c, t in zip(df["lat"].to_numpy(float).round(5).tolist(), df["lon"].to_numpy(float).round(5).tolist(),
                                  colours, tips, strict=True)]
    return layer("TextLayer", data=data, id=key, get_position=["lon", "lat"], get_text="glyph",
                 get_size=size, get_color="color", font_family=QUOTED_FONT, character_set="'auto'",
                 get_text_anchor="'middle'", get_alignment_baseline="'center'", outline_width=2,
                 outline_color=[255, 255, 255, 255], font_settings={"sdf": True}, pickable=True)


def scenes_layer(scenes: pd.DataFrame, size: int = 26) -> pdk.Layer:
    """Friendly scenes as ★ in their type's colour (SCENE_COLOURS), with a name/type/batch tooltip.

    Needs columns name, scene_type, batch, town, certified_on, lat, lon (as the map page's scenes).
    """
    colours = [[*SCENE_COLOURS.get(t, OTHER_RGB), 250] for t in scenes["scene_type"]]
    tips = [tip(name, ("类型", f"友好场景·{kind}"), ("批次", f"第{batch}批"), ("街镇", town), ("认定日期", day))
            for name, kind, batch, town, day in rows(scenes, "name", "scene_type", "batch", "town", "certified_on")]
    return glyph_layer("scenes", scenes, colours, tips, size)


def scene_map(scenes: pd.DataFrame, towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
              tile_url: str = "", focus: tuple[str, ...] = (), size: tuple[int, int] = SIZE_WIDE) -> tuple[Deck, str]:
    """The community page's scene map and its legend (HTML), offline like every deck here."""
    # dropna copies the frame even when nothing is missing (a third of building this map)
    missing = scenes["lat"].isna().any() or scenes["lon"].isna().any()
    located = scenes.dropna(subset=["lat", "lon"]) if missing else scenes
    view = fit_view(region(towns, boundaries, focus), points_box(located), size=size)
    layers = [*base_layers(towns, boundaries, rivers, tile_url), scenes_layer(located)]
    present = set(located["scene_type"])
    legend = legend_html([("★", f"友好场景·{t}", rgb) for t, rgb in SCENE_COLOURS.items() if t in present])
    return deck(layers, towns, view, size, MAP_TOOLTIP, font_px=15, focus=focus), legend


# --- legend ------------------------------------------------------------------------------------------


def legend_html(items: list[tuple[str, str, tuple]]) -> str:
    """A legend in large type for a projector: a swatch (dot, ring, ramp or glyph) and its label."""
    chips = []
    for shape, label, (r, g, b) in items:
        colour = f"rgb({r},{g},{b})"
        if shape == "dot":
            swatch = f'<span style="display:inline-block;width:16px;height:16px;border-radius:50%;background:{colour};border:2px solid white;box-shadow:0 0 0 1px #999"></span>'
        elif shape == "ring":
            swatch = f'<span style="display:inline-block;width:18px;height:18px;border-radius:50%;background:rgba({r},{g},{b},0.2);border:2px solid {colour}"></span>'
        elif shape == "ramp":
            swatch = '<span style="display:inline-block;width:44px;height:14px;background:linear-gradient(90deg,#ffeda0,#fe8d3c,#bd0026)"></span>'
        elif shape == "note":
            chips.append(f'<span style="color:#444">{html.escape(label)}</span>')
            continue
        else:
            swatch = f'<span style="color:{colour};font-size:20px;line-height:1">{html.escape(shape)}</span>'
        chips.append(f'<span style="white-space:nowrap">{swatch} {html.escape(label)}</span>')
    body = f'<b style="margin-right:14px">{LM.MAP_LEGEND_TITLE}</b>'
    body += "".join(f'<span style="margin-right:18px;display:inline-block">{c}</span>' for c in chips)
    return f'<div style="font-size:16px;line-height:1.9;font-family:{FONT}">{body}</div>'
