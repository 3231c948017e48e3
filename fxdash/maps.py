"""pydeck deck builders. Offline by construction: no basemap provider, our own boundary layer.

`map_style=None` alone still fetches a Carto basemap in Streamlit, so every deck is built with
`map_provider=None`; the base is the town boundaries from the configured file, or town centre
points when no file is configured. An intranet raster tile server can be added (FXDASH_TILE_URL).
"""

import pandas as pd
import pydeck as pdk

from fxdash import charts

FENGXIAN_VIEW = pdk.ViewState(latitude=30.915, longitude=121.56, zoom=10.2, pitch=0, bearing=0)
FONT = charts.FONT


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
        font_family=FONT,
        character_set="auto",
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
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, map_style=None,
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
        [[w, s], [e, s], [e, n], [w, n]]
        for w, s, e, n in zip(data["west"], data["south"], data["east"], data["north"])
    ]
    keep = ["polygon", "color", "reports", "open_reports", "town", "top_category"]
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
    stops = ((255, 237, 160), (254, 141, 60), (189, 0, 38))
    if share <= 0.5:
        a, b, t = stops[0], stops[1], share / 0.5
    else:
        a, b, t = stops[1], stops[2], (share - 0.5) / 0.5
    return [round(a[i] + (b[i] - a[i]) * t) for i in range(3)] + [210]


DENSITY_TOOLTIP = {
    "html": "<b>{town}</b><br/>上报 {reports} 条,未办结 {open_reports} 条<br/>最多:{top_category}",
    "style": {"fontFamily": FONT, "fontSize": "14px"},
}
