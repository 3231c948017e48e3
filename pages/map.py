"""阵地地图: every station, point and scene on an offline map, report density, coverage and gaps."""

import streamlit as st

from fxdash import maps, playback, station_map, textfmt, ui, weeks
from fxdash.labels import layers as LY
from fxdash.labels import map as LM
from fxdash.labels import pages as PG
from fxdash.labels import playback as PB
from fxdash.queries import common, spatial
from fxdash.queries import map as M

f = ui.current_filters()

st.title(PG.PAGE_MAP)
st.caption(LM.MAP_CAPTION.format(start=textfmt.day(f.date_from), end=textfmt.day(f.date_to)))

with ui.controls():  # folded away in projector mode
    columns = st.columns(5)
    for col, name in zip(columns, ("station_kinds", "host_types", "amenities", "categories", "statuses")):
        f = ui.page_filters(f, (name,), col)
    shown = st.pills(LM.MAP_LAYERS, list(station_map.MAP_LAYER_KEYS), selection_mode="multi",
                       default=list(LY.MAP_LAYERS_ON), format_func=LY.MAP_LAYER_LABELS.get, key="fx_map_layers")
    radius = st.columns([1, 2])[0].slider(LM.MAP_RADIUS, M.RADIUS_MIN_M, M.RADIUS_MAX_M, 1000, step=100, key="fx_map_radius",
                          help=LM.MAP_RADIUS_HELP)

stations = ui.run(M.stations, f)
cover = ui.run(M.coverage, f, radius_m=radius)
candidates = ui.run(M.candidates, f, radius_m=radius)
kinds = "、".join(M.coverage_kinds(f))
n_stations, n_points = M.kind_counts(stations).values()  # rider stations, service points (vocabulary order)

# headline figures: what is on the map and how much of the demand it reaches
metrics = st.columns(5)
metrics[0].metric(LM.MAP_KPI_STATIONS, f"{n_stations:,} 个", border=True)
metrics[1].metric(LM.MAP_KPI_POINTS, f"{n_points:,} 个", border=True)
COVER_LABELS = {"reports": LM.MAP_COVER_REPORTS, "sites": LM.MAP_COVER_SITES, "staff": LM.MAP_COVER_STAFF}
for col, row in zip(metrics[2:], cover.itertuples()):
    value = f"{row.share:.0%}" if row.total else "—"
    col.metric(COVER_LABELS[row.key], value, border=True,
               help=LM.MAP_COVER_HELP.format(covered=row.covered, total=row.total, radius=radius, kinds=kinds))
st.caption(LM.MAP_COVER_BASIS.format(kinds=kinds))

data = station_map.MapData(
    stations=stations,
    bins=ui.run(spatial.report_bins, f, cell_m=M.DENSITY_CELL_M) if "density" in shown else None,
    cover=ui.run(M.coverage_stations, f) if "coverage" in shown else None,
    candidates=candidates,
    scenes=ui.run(M.scenes, f) if "scenes" in shown else None,
    branches=ui.run(M.branches, f) if "branches" in shown else None,
    merchants=ui.run(M.merchants, f) if "merchants" in shown else None,
    sites=ui.run(M.sites, f) if "sites" in shown else None,
)
boundaries, rivers, tile_url = ui.map_base()
deck = ui.deck(station_map.station_map, data, ui.run(common.towns), boundaries, rivers, tile_url, radius_m=radius,
               shown=shown, focus=maps.focus(f))

map_col, detail_col = st.columns([3, 1])
with map_col:
    if stations.empty:
        st.info(LM.MAP_NO_STATIONS)
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="fx_map_deck", height=640)
    st.html(maps.legend_html(station_map.legend_items(data, radius, shown)))

with detail_col:
    st.subheader(LM.MAP_DETAIL_TITLE)
    picked = (event.selection.get("objects") or {}).get("stations", []) if event else []
    station_id = picked[0].get("station_id") if picked else None
    if station_id is None:
        st.info(LM.MAP_DETAIL_NONE)
        st.caption(LM.MAP_SELECT_HINT)
    elif station_id not in set(stations["station_id"]):
        st.warning(LM.MAP_DETAIL_GONE)
    else:
        detail = stations[stations["station_id"] == station_id].iloc[0]
        st.markdown(f"**{ui.plain(detail['name'])}**")
        for field, label in LM.MAP_DETAIL_FIELDS:
            value = detail[field]
            shown_value = "、".join(value) if field == "amenities" else (
                textfmt.cell(value))
            st.markdown(f"{label}：{ui.plain(shown_value or textfmt.MISSING)}")
        near = ui.run(M.reports_near, f, station_id=station_id)
        st.markdown(LM.MAP_DETAIL_REPORTS.format(radius=M.NEAR_REPORTS_M, n=len(near)))
        if near.empty:
            st.caption(LM.MAP_DETAIL_NO_REPORTS)
        else:
            st.dataframe(textfmt.readable(near).rename(columns=LM.MAP_NEAR_REPORT_LABELS), hide_index=True, height=200)
        sites = ui.run(M.sites_near, f, station_id=station_id)
        st.markdown(LM.MAP_DETAIL_SITES.format(radius=M.NEAR_SITES_M, n=len(sites),
                                              workers=int(sites["workers"].sum()) if len(sites) else 0))
        if sites.empty:
            st.caption(LM.MAP_DETAIL_NO_SITES)
        else:
            st.dataframe(textfmt.readable(sites).rename(columns=LM.MAP_NEAR_SITE_LABELS), hide_index=True)

# time playback: frames built here once, stepped in the browser (fxdash.playback)
if st.toggle(PB.TOGGLE, help=PB.TOGGLE_HELP, key="fx_map_playback"):
    step = st.segmented_control(PB.STEP, list(PB.STEPS), format_func=PB.STEPS.get, default="day",
                                key="fx_pb_step") or "day"
    frames = ui.run(playback.frames, f, step=step)
    st.caption(PB.CAPTION.format(start=weeks.cn_date(f.date_from), end=weeks.cn_date(f.date_to),
                                 frames=len(frames["labels"]), total=sum(frames["totals"]), cell=frames["cell_m"],
                                 coarse=PB.COARSE if frames["cell_m"] > playback.CELL_SIZES_M[0] else ""))
    present = ui.presentation_mode()
    st.iframe(playback.document(frames, stations, boundaries, present), height=playback.height(present))

st.subheader(LM.MAP_CANDIDATES_TITLE)
st.caption(LM.MAP_CANDIDATES_NOTE.format(radius=radius))
if candidates.empty:
    st.success(LM.MAP_CANDIDATES_NONE.format(radius=radius))
else:
    shown_cand = candidates.drop(columns=["town_code"])
    st.dataframe(shown_cand.rename(columns=LM.MAP_COLUMN_LABELS), hide_index=True,
                 column_config={LM.MAP_COLUMN_LABELS["nearest_station_m"]: st.column_config.NumberColumn(format="%d"),
                                LM.MAP_COLUMN_LABELS["lat"]: st.column_config.NumberColumn(format="%.5f"),
                                LM.MAP_COLUMN_LABELS["lon"]: st.column_config.NumberColumn(format="%.5f")})
    ui.downloads(shown_cand, f, "建议新增驿站位置", key="map_candidates", labels=LM.MAP_COLUMN_LABELS)

st.subheader(LM.MAP_TOWNS_TITLE)
towns = ui.run(M.town_table, f, radius_m=radius).drop(columns=["town_code"])
st.dataframe(towns.rename(columns=LM.MAP_TOWN_LABELS), hide_index=True, height=36 * (len(towns) + 1) + 4,
             column_config={LM.MAP_TOWN_LABELS["covered_share"]: st.column_config.ProgressColumn(
                 format="percent", min_value=0, max_value=1)})
ui.downloads(towns, f, "各街镇阵地与覆盖", key="map_towns", labels=LM.MAP_TOWN_LABELS)

st.subheader(LM.MAP_STATIONS_TITLE)
if stations.empty:
    st.info(LM.MAP_NO_STATIONS)
else:
    listed = stations.drop(columns=["town_code"])
    st.dataframe(textfmt.readable(listed).rename(columns=LM.MAP_STATION_LABELS), hide_index=True, height=320)
    ui.downloads(listed, f, "阵地清单", key="map_stations", labels=LM.MAP_STATION_LABELS)
