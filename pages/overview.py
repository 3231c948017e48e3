"""总览: the headline figures under the current filters, each against the previous period."""

import streamlit as st

from fxdash import charts, maps, reconcile_form, ui, ui_rights
from fxdash import labels as L
from fxdash.queries import alerts, common, overview, spatial
from fxdash.queries import map as station_queries

f = ui.current_filters()

st.title(L.PAGE_OVERVIEW)
ui.period_caption(f)

# the published-figures check joins the strip for those who may open 数据核对
refs = reconcile_form.figures() if ui_rights.may_open_file("pages/reconcile.py") else None
strip = ui.run(alerts.alerts, f, today=ui.settings().as_of, references=refs, deadlines=ui.settings().deadlines)
cols = st.columns(len(strip))
for col, alert in zip(cols, strip.itertuples()):
    # red and bold when it needs attention; each links to the page that deals with it
    label = f":red[**{alert.text}**]" if alert.warn else f":green[{alert.text}]"
    with col.container(border=True):
        if ui_rights.may_open_file(alert.page):
            st.page_link(alert.page, label=label, icon=":material/warning:" if alert.warn else ":material/check_circle:")
        else:  # e.g. a viewer: the data page is not theirs to open
            st.markdown(label)

kpis = ui.run(overview.headline, f)
trend = ui.run(overview.kpi_trend, f)
for row_start in range(0, len(kpis), 4):
    cols = st.columns(4)
    for col, kpi in zip(cols, kpis.iloc[row_start:row_start + 4].itertuples()):
        help_text = L.KPI_HELP_PERIOD_END if kpi.stock else L.KPI_HELP_PERIOD_FLOW
        # more still-open reports is bad news (red); the number of reports is neither good nor bad
        colour = {"reports_open": "inverse", "reports": "off"}.get(kpi.key, "normal")
        same = kpi.delta == 0
        col.metric(kpi.label, f"{kpi.value:,} {kpi.unit}", L.DELTA_SAME if same else f"{kpi.delta:+,}",
                   delta_color="off" if same else colour, delta_arrow="off" if same else "auto",
                   delta_description=L.DELTA_DESCRIPTION, help=f"{help_text}{L.KPI_HELP_SPARK}", border=True,
                   chart_data=trend.loc[trend["key"] == kpi.key, "value"].tolist(),
                   chart_type="line" if kpi.stock else "bar")

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{L.OVERVIEW_MAP_TITLE}**")
    shown = ("stations", "density")
    data = maps.MapData(stations=ui.run(station_queries.stations, f),
                        bins=ui.run(spatial.report_bins, f, cell_m=station_queries.DENSITY_CELL_M))
    boundaries, rivers, tile_url = ui.map_base()
    st.pydeck_chart(maps.station_map(data, ui.run(common.towns), boundaries, rivers, tile_url, shown=shown,
                                     view=maps.SMALL_VIEW),
                    height=430)
    st.html(maps.legend_html(maps.legend_items(data, 0, shown)))
with right:
    as_of = ui.settings().as_of
    st.plotly_chart(charts.weekly_new_resolved(ui.run(overview.weekly_reports, f), through=min(f.date_to, as_of),
                                               today=as_of, since=f.date_from), width="stretch")
st.plotly_chart(charts.town_bars(ui.run(common.town_summary, f)), width="stretch")
