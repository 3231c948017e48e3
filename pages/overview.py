"""总览: the headline figures under the current filters, each against the previous period, and beside
them the cumulative story (the article's figures) up to the period's end."""

import streamlit as st

from fxdash import cards, charts, maps, metrics, reconcile, reconcile_form, station_map, ui, ui_rights
from fxdash.labels import common as LC
from fxdash.labels import metrics as M
from fxdash.labels import overview as LO
from fxdash.labels import pages as PG
from fxdash.queries import alerts, common, overview, spatial
from fxdash.queries import map as station_queries

f = ui.current_filters()
as_of = ui.settings().as_of


def cached(source, kwargs):
    """A metric's source through the page cache: the same entry the reports, people and community pages fill."""
    return ui.run(source, f, **kwargs, **metrics.settings_kwargs(source, ui.settings().deadlines))


compare = f.preset != "all"  # all time has no previous period of equal length worth showing
st.title(PG.PAGE_OVERVIEW)
if compare:
    ui.period_caption(f)
else:
    st.caption(M.CAPTION_ALL.format(period=f.period_text()))

# the published-figures check joins the strip for those who may open 数据核对
mismatches = None
if ui_rights.may_open_file("pages/reconcile.py"):
    mismatches = reconcile.summary(ui.run(reconcile.compare, None, refs=reconcile_form.figures()))["off"]
strip = alerts.strip(metrics.evaluate(metrics.ALERTS, cached), as_of, ui.run(common.latest_activity), mismatches)
cols = st.columns(len(strip))
for col, alert in zip(cols, strip.itertuples()):
    # red and bold when it needs attention; each links to the page that deals with it
    label = f":red[**{alert.text}**]" if alert.warn else f":green[{alert.text}]"
    with col.container(border=True):
        if ui_rights.may_open_file(alert.page):
            st.page_link(alert.page, label=label, icon=":material/warning:" if alert.warn else ":material/check_circle:")
        else:  # e.g. a viewer: the data page is not theirs to open
            st.markdown(label)

kpis = ui.run(metrics.headline, f)
trend = ui.run(metrics.kpi_trend, f)
story = ui.run(metrics.story, f, as_of=as_of)
spark = M.HELP_SPARK.format(weeks=metrics.TREND_WEEKS)
sparks = metrics.sparklines(trend)
left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(M.PRESET_LABEL)
    for row_start in range(0, len(kpis), 4):
        for col, kpi in zip(st.columns(4), kpis.iloc[row_start:row_start + 4].itertuples()):
            help_text = (M.HELP_STOCK if kpi.stock else M.HELP_FLOW) if compare else M.HELP_NO_PREVIOUS
            same = kpi.delta == 0 or not compare
            colour = metrics.by_key(metrics.OVERVIEW)[kpi.key].colour
            col.metric(kpi.label, f"{kpi.value:,} {kpi.unit}",
                       None if not compare else LC.DELTA_SAME if same else f"{kpi.delta:+,}",
                       delta_color="off" if same else colour, delta_arrow="off" if same else "auto",
                       delta_description=LC.DELTA_DESCRIPTION if compare else None,
                       help=f"{kpi.note}{help_text}{spark}", border=True,
                       chart_data=sparks.get(kpi.key, []),
                       chart_type="line" if kpi.stock else "bar")
with right:
    st.subheader(M.STORY_TITLE)
    st.html(cards.story_html(story))
    st.caption(M.STORY_CAPTION)

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{LO.OVERVIEW_MAP_TITLE}**")
    shown = ("stations", "density")
    data = station_map.MapData(stations=ui.run(station_queries.stations, f),
                               bins=ui.run(spatial.report_bins, f, cell_m=station_queries.DENSITY_CELL_M))
    boundaries, rivers, tile_url = ui.map_base()
    st.pydeck_chart(ui.deck(station_map.station_map, data, ui.run(common.towns), boundaries, rivers, tile_url,
                            shown=shown, focus=maps.focus(f), size=maps.SIZE_OVERVIEW), height=maps.SIZE_OVERVIEW[1])
    st.html(maps.legend_html(station_map.legend_items(data, 0, shown)))
with right:
    shown_weeks = metrics.chart_window(f)
    st.plotly_chart(ui.figure(charts.weekly_new_resolved, ui.run(overview.weekly_reports, shown_weeks),
                                               through=min(f.date_to, as_of), today=as_of,
                                               since=shown_weeks.date_from), width="stretch")
    if shown_weeks != f:
        st.caption(M.CHART_LAST_WEEKS.format(weeks=metrics.CHART_MAX_WEEKS, period=shown_weeks.period_text()))
st.plotly_chart(ui.figure(charts.town_bars, ui.run(common.town_summary, f)), width="stretch")
