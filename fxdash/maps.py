"""pydeck deck builders. Offline by construction: no basemap provider, our own boundary layer.

`map_style=None` alone still fetches a Carto basemap in Streamlit, so every deck is built with
`map_provider=None`; the base is the town boundaries from the configured file, or town centre
points when no file is configured. An intranet raster tile server can be added (FXDASH_TILE_URL).
"""

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydeck as pdk

from fxdash import labels as L
from fxdash import textfmt
from fxdash.theme import (
    CANDIDATE_COLOUR,
    COVER_COLOUR,
    DENSITY_RAMP,
    FONT,
    HOST_COLOURS,
    OTHER_RGB,
    PLACE_COLOURS,
    SCENE_COLOURS,
)

FENGXIAN_VIEW = pdk.ViewState(latitude=30.915, longitude=121.56, zoom=10.2, pitch=0, bearing=0)
# pydeck turns a bare string prop into a JS expression ("@@=auto"), which breaks TextLayer; a quoted
# string is passed through as a plain string.
QUOTED_FONT = f"'{FONT}'"


def boundary_layer(geojson: dict) -> pdk.Layer:
    return pdk.Layer(
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
    return pdk.Layer("GeoJsonLayer", data=geojson, id="rivers", stroked=False, filled=True,
                     get_fill_color=[150, 190, 230, 200], pickable=False)


def town_labels_layer(towns: pd.DataFrame) -> pdk.Layer:
    """Town names at their label points (deck.gl needs the Chinese glyphs: character_set='auto')."""
    return pdk.Layer(
        "TextLayer",
        data=towns[["name", "lon", "lat"]],
        id="town-labels",
        get_position=["lon", "lat"],
        get_text="name",
        get_size=14,
        get_color=[40, 40, 60, 220],
        font_family=QUOTED_FONT,
        character_set="'auto'",
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        pickable=False,
    )


def town_points_layer(towns: pd.DataFrame) -> pdk.Layer:
    """Fallback base without a boundary file: a ring at each town's centre."""
    return pdk.Layer("ScatterplotLayer", data=towns[["name", "lon", "lat"]], id="town-centres",
                     get_position=["lon", "lat"], get_radius=1200, stroked=True, filled=True,
                     get_fill_color=[236, 240, 245, 160], get_line_color=[90, 100, 120, 255],
                     line_width_min_pixels=1, pickable=False)


def tile_layer(url: str) -> pdk.Layer:
    """An intranet raster tile server (e.g. the department's Tianditu mirror)."""
    return pdk.Layer("TileLayer", data=url, id="intranet-tiles", min_zoom=0, max_zoom=18, tile_size=256)


def base_layers(towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
                tile_url: str = "") -> list[pdk.Layer]:
    layers = [tile_layer(tile_url)] if tile_url else []
    if boundaries is not None:
        layers.append(boundary_layer(boundaries))
    else:
        layers.append(town_points_layer(towns))
    if rivers is not None:
        layers.append(rivers_layer(rivers))
    layers.append(town_labels_layer(towns))
    return layers


def deck(layers: list[pdk.Layer], tooltip: dict | bool | None = None,
         view: pdk.ViewState = FENGXIAN_VIEW) -> pdk.Deck:
    # map_style is left at pydeck's default sentinel ("__MAP_STYLE__"): with map_provider=None it reaches
    # the browser as is and Streamlit draws no basemap. map_style=None makes Streamlit fetch Carto's style.
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None,
                    tooltip=tooltip if tooltip is not None else False)


# --- report density (shared by the map and reports pages) -------------------------------------------


def density_layer(bins: pd.DataFrame, layer_id: str = "report-density", opacity: float = 0.75) -> pdk.Layer:
    """Grid cells coloured from pale yellow to deep red by their report count (bins, not raw points)."""
    data = bins.copy()
    top = max(int(data["reports"].max()), 1) if len(data) else 1
    share = (data["reports"] / top).clip(0, 1) if len(data) else data.get("reports", pd.Series(dtype=float))
    # YlOrRd ramp, interpolated in three stops
    data["color"] = [_ramp(s) for s in share]
    data["polygon"] = [
        [[w, s], [e, s], [e, n], [w, n]]  # 6 decimals (~0.1 m) keep the JSON small at --scale 100
        for w, s, e, n in zip(data["west"].round(6), data["south"].round(6), data["east"].round(6),
                              data["north"].round(6))
    ]
    keep = ["polygon", "color", "reports", "open_reports", "town", "top_category", "tip"]
    return pdk.Layer(
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


def _ramp(share: float) -> list[int]:
    stops = DENSITY_RAMP
    if share <= 0.5:
        a, b, t = stops[0], stops[1], share / 0.5
    else:
        a, b, t = stops[1], stops[2], (share - 0.5) / 0.5
    return [round(a[i] + (b[i] - a[i]) * t) for i in range(3)] + [210]


DENSITY_TOOLTIP = {
    "html": "<b>{town}</b><br/>上报 {reports} 条，未办结 {open_reports} 条<br/>最多：{top_category}",
    "style": {"fontFamily": FONT, "fontSize": "14px"},
}


# --- map page (阵地地图): stations, places, coverage and candidate sites ------------------------------

# Shapes drawn as text glyphs (an IconLayer would need an icon atlas, i.e. another request).
GLYPHS = {"scenes": "★", "branches": "▲", "merchants": "◆", "sites": "■"}
# a little closer than FENGXIAN_VIEW: the map column is about 3/4 of a 1600 px screen
MAP_VIEW = pdk.ViewState(latitude=30.912, longitude=121.575, zoom=10.25, pitch=0, bearing=0)
# the whole district in a narrower column (the overview's small map)
SMALL_VIEW = pdk.ViewState(latitude=30.905, longitude=121.56, zoom=9.85, pitch=0, bearing=0)
MAP_LAYER_KEYS = ("stations", "density", "coverage", "candidates", "scenes", "branches", "merchants", "sites")
# Streamlit escapes the values it puts into a tooltip's html, so each place carries a plain-text `tip`
# whose lines are shown by the tooltip's innerText (newlines kept by white-space: pre-line).
MAP_TOOLTIP = {
    "text": "{tip}",
    "style": {"fontFamily": FONT, "fontSize": "16px", "lineHeight": "1.5", "whiteSpace": "pre-line",
              "backgroundColor": "rgba(30,30,40,0.92)", "color": "white", "padding": "8px 10px",
              "borderRadius": "4px", "maxWidth": "360px"},
}


@dataclass
class MapData:
    """Everything the station map draws; each frame comes from fxdash.queries.map (or spatial)."""

    stations: pd.DataFrame
    bins: pd.DataFrame | None = None
    cover: pd.DataFrame | None = None  # the stations that count for coverage
    candidates: pd.DataFrame | None = None
    scenes: pd.DataFrame | None = None
    branches: pd.DataFrame | None = None
    merchants: pd.DataFrame | None = None
    sites: pd.DataFrame | None = None


def _esc(value) -> str:
    """A value as tooltip text (lists joined with 、, dates as YYYY-MM-DD, missing as —)."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = "、".join(str(v) for v in list(value)) or "—"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if hasattr(value, "strftime"):
        value = textfmt.day(value)
    return str(value)


def _tip(title, *lines: tuple[str, object]) -> str:
    """Plain text, one fact a line: the tooltip shows it with innerText, so nothing is parsed as HTML."""
    return _esc(title) + "".join(f"\n{label}：{_esc(v)}" for label, v in lines)


def _points(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = df[cols].copy()
    out["lat"], out["lon"] = out["lat"].round(6), out["lon"].round(6)
    return out


def stations_layer(stations: pd.DataFrame) -> pdk.Layer:
    """Rider stations as big dots with a white ring, service points smaller; colour = host type."""
    data = _points(stations, ["station_id", "lat", "lon"])
    rider = stations["kind"].eq("骑手驿站")
    data["color"] = [list(HOST_COLOURS.get(h, (120, 120, 120))) + [235] for h in stations["host_type"]]
    data["radius"] = np.where(rider, 8, 4.5)
    data["line"] = np.where(rider, 2.0, 0.8)
    data["tip"] = [
        _tip(r.name, ("类型", r.kind), ("依托单位", r.host_type), ("街镇", r.town),
             ("服务设施", r.amenities), ("启用日期", r.opened_on))
        for r in stations.itertuples()
    ]
    return pdk.Layer(
        "ScatterplotLayer", data=data, id="stations", get_position=["lon", "lat"],
        radius_units="'pixels'", get_radius="radius", get_fill_color="color",
        stroked=True, get_line_color=[255, 255, 255, 255], line_width_units="'pixels'", get_line_width="line",
        pickable=True, auto_highlight=True, highlight_color=[255, 255, 0, 200],
    )


def coverage_layer(cover: pd.DataFrame, radius_m: int) -> pdk.Layer:
    """A translucent disc of the chosen radius (in metres) round every station that counts."""
    return pdk.Layer(
        "ScatterplotLayer", data=_points(cover, ["lat", "lon"]), id="coverage", get_position=["lon", "lat"],
        get_radius=int(radius_m), get_fill_color=[*COVER_COLOUR, 28], stroked=True,
        get_line_color=[*COVER_COLOUR, 110], line_width_min_pixels=1, pickable=False,
    )


def candidate_layers(cand: pd.DataFrame, radius_m: int) -> list[pdk.Layer]:
    """Numbered purple markers, each with the ring a new station there would reach."""
    data = _points(cand, ["lat", "lon"])
    data["label"] = cand["rank"].astype(str)
    data["tip"] = [
        _tip(L.MAP_CANDIDATE_LABEL.format(rank=r.rank), ("街镇", r.town),
             ("可新覆盖上报", f"{r.reports:,} 条"), ("可新覆盖骑手", f"{r.staff:,} 人"),
             ("离最近驿站", f"{r.nearest_station_m:,.0f} 米" if pd.notna(r.nearest_station_m) else "—"))
        for r in cand.itertuples()
    ]
    ring = pdk.Layer("ScatterplotLayer", data=data[["lat", "lon"]], id="candidate-rings",
                     get_position=["lon", "lat"], get_radius=int(radius_m), filled=False, stroked=True,
                     get_line_color=[*CANDIDATE_COLOUR, 230], line_width_min_pixels=2.5, pickable=False)
    dots = pdk.Layer("ScatterplotLayer", data=data, id="candidates", get_position=["lon", "lat"],
                     radius_units="'pixels'", get_radius=13, get_fill_color=[*CANDIDATE_COLOUR, 245],
                     stroked=True, get_line_color=[255, 255, 255, 255], line_width_units="'pixels'",
                     get_line_width=2, pickable=True)
    numbers = pdk.Layer("TextLayer", data=data[["lat", "lon", "label"]], id="candidate-numbers",
                        get_position=["lon", "lat"], get_text="label", get_size=15, get_color=[255, 255, 255, 255],
                        font_family=QUOTED_FONT, font_weight=700, character_set="'auto'", get_text_anchor="'middle'",
                        get_alignment_baseline="'center'", pickable=False)
    return [ring, dots, numbers]


def glyph_layer(key: str, df: pd.DataFrame, colours: list, tips: list[str], size: int = 20) -> pdk.Layer:
    """Places drawn as a text glyph (★ ▲ ◆ ■), pickable for their tooltip."""
    data = _points(df, ["lat", "lon"])
    data["glyph"] = GLYPHS[key]
    data["color"] = colours
    data["tip"] = tips
    return pdk.Layer("TextLayer", data=data, id=key, get_position=["lon", "lat"], get_text="glyph",
                     get_size=size, get_color="color", font_family=QUOTED_FONT, character_set="'auto'",
                     get_text_anchor="'middle'", get_alignment_baseline="'center'", outline_width=2,
                     outline_color=[255, 255, 255, 255], font_settings={"sdf": True}, pickable=True)


def _place_layers(data: MapData, shown) -> list[pdk.Layer]:
    layers = []
    if "sites" in shown and data.sites is not None and len(data.sites):
        s = data.sites
        tips = [_tip(r.name, ("企业", r.enterprise), ("街镇", r.town), ("申报人数", r.staff_count),
                     ("在册人数", r.workers)) for r in s.itertuples()]
        layers.append(glyph_layer("sites", s, [[*PLACE_COLOURS["sites"], 230]] * len(s), tips, 16))
    if "merchants" in shown and data.merchants is not None and len(data.merchants):
        m = data.merchants
        tips = [_tip(r.name, ("类型", "积分兑换商户"), ("可兑换", r.offers), ("街镇", r.town)) for r in m.itertuples()]
        layers.append(glyph_layer("merchants", m, [[*PLACE_COLOURS["merchants"], 240]] * len(m), tips, 18))
    if "branches" in shown and data.branches is not None and len(data.branches):
        b = data.branches
        tips = [_tip(r.name, ("类型", "街区党支部"), ("街镇", r.town), ("成立日期", r.founded_on)) for r in b.itertuples()]
        layers.append(glyph_layer("branches", b, [[*PLACE_COLOURS["branches"], 240]] * len(b), tips, 18))
    if "scenes" in shown and data.scenes is not None and len(data.scenes):
        sc = data.scenes
        colours = [[*SCENE_COLOURS.get(t, OTHER_RGB), 250] for t in sc["scene_type"]]
        tips = [_tip(r.name, ("类型", f"友好场景·{r.scene_type}"), ("批次", f"第{r.batch}批"), ("街镇", r.town),
                     ("认定日期", r.certified_on)) for r in sc.itertuples()]
        layers.append(glyph_layer("scenes", sc, colours, tips, 26))
    return layers


def town_names_layer(towns: pd.DataFrame) -> pdk.Layer:
    """Town names drawn above the points, large and haloed so they stay legible on a projector."""
    return pdk.Layer("TextLayer", data=towns[["name", "lon", "lat"]], id="town-labels", get_position=["lon", "lat"],
                     get_text="name", get_size=19, get_color=[25, 30, 45, 255], font_family=QUOTED_FONT,
                     font_weight=700, character_set="'auto'", get_text_anchor="'middle'",
                     get_alignment_baseline="'center'", outline_width=3, outline_color=[255, 255, 255, 235],
                     font_settings={"sdf": True}, pickable=False)


def station_map(data: MapData, towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
                tile_url: str = "", radius_m: int = 1000, shown=MAP_LAYER_KEYS,
                view: pdk.ViewState = MAP_VIEW) -> pdk.Deck:
    """The map page's deck: base, density, coverage, other places, stations, then candidates on top."""
    # the base's small town labels are replaced by large ones drawn above the points
    layers = [x for x in base_layers(towns, boundaries, rivers, tile_url) if x.id != "town-labels"]
    if "density" in shown and data.bins is not None and len(data.bins):
        bins = data.bins.copy()
        bins["tip"] = [_tip(r.town, ("期内上报", f"{r.reports:,} 条"), ("未办结", f"{r.open_reports:,} 条"),
                            ("最多的类别", r.top_category)) for r in bins.itertuples()]
        layers.append(density_layer(bins, opacity=0.6))
    if "coverage" in shown and data.cover is not None and len(data.cover):
        layers.append(coverage_layer(data.cover, radius_m))
    layers += _place_layers(data, shown)
    if "stations" in shown and len(data.stations):
        layers.append(stations_layer(data.stations))
    layers.append(town_names_layer(towns))
    if "candidates" in shown and data.candidates is not None and len(data.candidates):
        layers += candidate_layers(data.candidates, radius_m)
    return deck(layers, MAP_TOOLTIP, view=view)


def legend_items(data: MapData, radius_m: int, shown) -> list[tuple[str, str, tuple]]:
    """(shape, label, colour) for what is on the map now; the page renders them as HTML."""
    items = []
    if "stations" in shown and len(data.stations):
        present = set(data.stations["host_type"])
        items += [("dot", host, rgb) for host, rgb in HOST_COLOURS.items() if host in present]
        items.append(("note", L.MAP_LEGEND_RIDER, (0, 0, 0)))
    if "density" in shown and data.bins is not None and len(data.bins):
        items.append(("ramp", L.MAP_LEGEND_DENSITY, (189, 0, 38)))
    if "coverage" in shown and data.cover is not None and len(data.cover):
        items.append(("ring", L.MAP_LEGEND_COVERAGE.format(radius=radius_m), COVER_COLOUR))
    if "candidates" in shown and data.candidates is not None and len(data.candidates):
        items.append(("dot", L.MAP_LEGEND_CANDIDATE, CANDIDATE_COLOUR))
    if "scenes" in shown and data.scenes is not None and len(data.scenes):
        items += [("★", f"友好场景·{t}", rgb) for t, rgb in SCENE_COLOURS.items() if t in set(data.scenes["scene_type"])]
    for key, label in (("branches", L.MAP_LAYER_BRANCHES), ("merchants", L.MAP_LAYER_MERCHANTS),
                       ("sites", L.MAP_LAYER_SITES)):
        frame = getattr(data, key)
        if key in shown and frame is not None and len(frame):
            items.append((GLYPHS[key], label, PLACE_COLOURS[key]))
    return items


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
    body = f'<b style="margin-right:14px">{L.MAP_LEGEND_TITLE}</b>'
    body += "".join(f'<span style="margin-right:18px;display:inline-block">{c}</span>' for c in chips)
    return f'<div style="font-size:16px;line-height:1.9;font-family:{FONT}">{body}</div>'


# --- community page (关爱与平安): friendly scenes on a small map ---------------------------------------


def scenes_layer(scenes: pd.DataFrame, size: int = 26) -> pdk.Layer:
    """Friendly scenes as ★ in their type's colour (SCENE_COLOURS), with a name/type/batch tooltip.

    Needs columns name, scene_type, batch, town, certified_on, lat, lon (as the map page's scenes).
    """
    colours = [[*SCENE_COLOURS.get(t, OTHER_RGB), 250] for t in scenes["scene_type"]]
    tips = [_tip(r.name, ("类型", f"友好场景·{r.scene_type}"), ("批次", f"第{r.batch}批"), ("街镇", r.town),
                 ("认定日期", r.certified_on)) for r in scenes.itertuples()]
    return glyph_layer("scenes", scenes, colours, tips, size)


def scene_map(scenes: pd.DataFrame, towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
              tile_url: str = "") -> tuple[pdk.Deck, str]:
    """The community page's scene map and its legend (HTML), offline like every deck here."""
    located = scenes.dropna(subset=["lat", "lon"])
    layers = [*base_layers(towns, boundaries, rivers, tile_url), scenes_layer(located)]
    present = set(located["scene_type"])
    legend = legend_html([("★", f"友好场景·{t}", rgb) for t, rgb in SCENE_COLOURS.items() if t in present])
    return deck(layers, MAP_TOOLTIP), legend
