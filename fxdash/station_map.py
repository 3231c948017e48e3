"""The station map of 阵地地图 (and the overview's small copy): stations, places, coverage, candidates.

Built on fxdash.maps (base layers, framing, labels, tooltips); framed on the district or the towns in
focus and on everything it draws.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydeck as pdk

from fxdash import map_view, maps
from fxdash.labels import layers as LY
from fxdash.labels import map as LM
from fxdash.maps import GLYPHS, QUOTED_FONT, layer, points, rows, tip
from fxdash.theme import CANDIDATE_COLOUR, COVER_COLOUR, HOST_COLOURS, PLACE_COLOURS, SCENE_COLOURS

MAP_LAYER_KEYS = ("stations", "density", "coverage", "candidates", "scenes", "branches", "merchants", "sites")
PLACE_KEYS = ("scenes", "branches", "merchants", "sites")


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

    def drawn(self, key: str, shown) -> pd.DataFrame | None:
        """The frame of layer `key` when it is switched on and has rows, else None."""
        frame = getattr(self, {"density": "bins", "coverage": "cover"}.get(key, key), None)
        return frame if key in shown and frame is not None and len(frame) else None


def stations_layer(stations: pd.DataFrame) -> pdk.Layer:
    """Rider stations as big dots with a white ring, service points smaller; colour = host type."""
    data = points(stations, ["station_id", "lat", "lon"])
    rider = stations["kind"].eq("骑手驿站")
    data["color"] = [list(HOST_COLOURS.get(h, (120, 120, 120))) + [235] for h in stations["host_type"]]
    data["radius"] = np.where(rider, 8, 4.5)
    data["line"] = np.where(rider, 2.0, 0.8)
    data["tip"] = [
        tip(name, ("类型", kind), ("依托单位", host), ("街镇", town), ("服务设施", amenities), ("启用日期", opened))
        for name, kind, host, town, amenities, opened in rows(stations, "name", "kind", "host_type", "town",
                                                               "amenities", "opened_on")
    ]
    return layer(
        "ScatterplotLayer", data=data, id="stations", get_position=["lon", "lat"],
        radius_units="'pixels'", get_radius="radius", get_fill_color="color",
        stroked=True, get_line_color=[255, 255, 255, 255], line_width_units="'pixels'", get_line_width="line",
        pickable=True, auto_highlight=True, highlight_color=[255, 255, 0, 200],
    )


def coverage_layer(cover: pd.DataFrame, radius_m: int) -> pdk.Layer:
    """A translucent disc of the chosen radius (in metres) round every station that counts."""
    return layer(
        "ScatterplotLayer", data=points(cover, ["lat", "lon"]), id="coverage", get_position=["lon", "lat"],
        get_radius=int(radius_m), get_fill_color=[*COVER_COLOUR, 28], stroked=True,
        get_line_color=[*COVER_COLOUR, 110], line_width_min_pixels=1, pickable=False,
    )


def candidate_layers(cand: pd.DataFrame, radius_m: int) -> list[pdk.Layer]:
    """Numbered purple markers, each with the ring a new station there would reach."""
    data = points(cand, ["lat", "lon"])
    data["label"] = cand["rank"].astype(str)
    data["tip"] = [
        tip(LM.MAP_CANDIDATE_LABEL.format(rank=rank), ("街镇", town),
            ("可新覆盖上报", f"{reports:,} 条"), ("可新覆盖骑手", f"{staff:,} 人"),
            ("离最近驿站", f"{nearest:,.0f} 米" if pd.notna(nearest) else "—"))
        for rank, town, reports, staff, nearest in rows(cand, "rank", "town", "reports", "staff", "nearest_station_m")
    ]
    ring = layer("ScatterplotLayer", data=data[["lat", "lon"]], id="candidate-rings",
                 get_position=["lon", "lat"], get_radius=int(radius_m), filled=False, stroked=True,
                 get_line_color=[*CANDIDATE_COLOUR, 230], line_width_min_pixels=2.5, pickable=False)
    dots = layer("ScatterplotLayer", data=data, id="candidates", get_position=["lon", "lat"],
                 radius_units="'pixels'", get_radius=13, get_fill_color=[*CANDIDATE_COLOUR, 245],
                 stroked=True, get_line_color=[255, 255, 255, 255], line_width_units="'pixels'",
                 get_line_width=2, pickable=True)
    numbers = layer("TextLayer", data=data[["lat", "lon", "label"]], id="candidate-numbers",
                    get_position=["lon", "lat"], get_text="label", get_size=15, get_color=[255, 255, 255, 255],
                    font_family=QUOTED_FONT, font_weight=700, character_set="'auto'", get_text_anchor="'middle'",
                    get_alignment_baseline="'center'", pickable=False)
    return [ring, dots, numbers]


def _place_layers(data: MapData, shown) -> list[pdk.Layer]:
    layers = []
    if (s := data.drawn("sites", shown)) is not None:
        tips = [tip(name, ("企业", ent), ("街镇", town), ("申报人数", staff), ("在册人数", workers))
                for name, ent, town, staff, workers in rows(s, "name", "enterprise", "town", "staff_count", "workers")]
        layers.append(maps.glyph_layer("sites", s, [[*PLACE_COLOURS["sites"], 230]] * len(s), tips, 16))
    if (m := data.drawn("merchants", shown)) is not None:
        tips = [tip(name, ("类型", "积分兑换商户"), ("可兑换", offers), ("街镇", town))
                for name, offers, town in rows(m, "name", "offers", "town")]
        layers.append(maps.glyph_layer("merchants", m, [[*PLACE_COLOURS["merchants"], 240]] * len(m), tips, 18))
    if (b := data.drawn("branches", shown)) is not None:
        tips = [tip(name, ("类型", "街区党支部"), ("街镇", town), ("成立日期", founded))
                for name, town, founded in rows(b, "name", "town", "founded_on")]
        layers.append(maps.glyph_layer("branches", b, [[*PLACE_COLOURS["branches"], 240]] * len(b), tips, 18))
    if (sc := data.drawn("scenes", shown)) is not None:
        layers.append(maps.scenes_layer(sc))
    return layers


def content_box(data: MapData, shown) -> maps.Bounds | None:
    """The box round everything the map draws (stations, cells, candidates and places)."""
    keys = ("stations", "density", "candidates", *PLACE_KEYS)
    return map_view.union(*(maps.points_box(data.drawn(k, shown)) for k in keys))


def station_map(data: MapData, towns: pd.DataFrame, boundaries: dict | None, rivers: dict | None = None,
                tile_url: str = "", radius_m: int = 1000, shown=MAP_LAYER_KEYS, focus: tuple[str, ...] = (),
                size: tuple[int, int] = maps.SIZE_MAP_PAGE) -> maps.Deck:
    """The map page's deck: base, density, coverage, other places, stations, candidates, then the town
    names on top; framed on the towns in focus (the district when none) and everything drawn."""
    layers = maps.base_layers(towns, boundaries, rivers, tile_url)
    if (bins := data.drawn("density", shown)) is not None:
        bins = bins.copy()
        bins["tip"] = [tip(town, ("期内上报", f"{n:,} 条"), ("未办结", f"{still_open:,} 条"), ("最多的类别", top))
                       for town, n, still_open, top in rows(bins, "town", "reports", "open_reports", "top_category")]
        layers.append(maps.density_layer(bins, opacity=0.6))
    if (cover := data.drawn("coverage", shown)) is not None:
        layers.append(coverage_layer(cover, radius_m))
    layers += _place_layers(data, shown)
    if "stations" in shown and len(data.stations):
        layers.append(stations_layer(data.stations))
    if (cand := data.drawn("candidates", shown)) is not None:
        layers += candidate_layers(cand, radius_m)
    view = maps.fit_view(maps.region(towns, boundaries, focus), content_box(data, shown), size=size)
    return maps.deck(layers, towns, view, size, maps.MAP_TOOLTIP, focus=focus)


def legend_items(data: MapData, radius_m: int, shown) -> list[tuple[str, str, tuple]]:
    """(shape, label, colour) for what is on the map now; the page renders them as HTML."""
    items = []
    if "stations" in shown and len(data.stations):
        present = set(data.stations["host_type"])
        items += [("dot", host, rgb) for host, rgb in HOST_COLOURS.items() if host in present]
        items.append(("note", LM.MAP_LEGEND_RIDER, (0, 0, 0)))
    if data.drawn("density", shown) is not None:
        items.append(("ramp", LM.MAP_LEGEND_DENSITY, (189, 0, 38)))
    if data.drawn("coverage", shown) is not None:
        items.append(("ring", LM.MAP_LEGEND_COVERAGE.format(radius=radius_m), COVER_COLOUR))
    if data.drawn("candidates", shown) is not None:
        items.append(("dot", LM.MAP_LEGEND_CANDIDATE, CANDIDATE_COLOUR))
    if (sc := data.drawn("scenes", shown)) is not None:
        items += [("★", f"友好场景·{t}", rgb) for t, rgb in SCENE_COLOURS.items() if t in set(sc["scene_type"])]
    for key, label in (("branches", LY.MAP_LAYER_BRANCHES), ("merchants", LY.MAP_LAYER_MERCHANTS),
                       ("sites", LY.MAP_LAYER_SITES)):
        if data.drawn(key, shown) is not None:
            items.append((GLYPHS[key], label, PLACE_COLOURS[key]))
    return items
