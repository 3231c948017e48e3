"""问题上报: where riders report problems, when, what, how fast they are handled, who reports —
the overdue list the weekly meeting goes through, and a drill-down from any chart to the records."""

from functools import partial

import pandas as pd
import streamlit as st

from fxdash import charts, maps, report_charts, tables, textfmt, ui, ui_rights
from fxdash.labels import common as LC
from fxdash.labels import pages as PG
from fxdash.labels import reports as LRP
from fxdash.queries import common, overview, spatial
from fxdash.queries import report_drill as drills
from fxdash.queries import reports as R

DRILL_KEY = "drill"  # URL parameter of the drill-down, e.g. ?drill=town:310120111
CHIPS = ("status_at_end", "outcome")  # shown as chips (tables.report_columns): sent as text

f = ui.current_filters()
st.title(PG.PAGE_REPORTS)
with ui.controls():  # folded away in projector mode
    f = ui.page_filters(f, ("categories", "statuses"), st.container(horizontal=True))
st.caption(LRP.RPT_CAPTION.format(start=textfmt.day(f.date_from), end=textfmt.day(f.date_to), days=f.days))

deadlines = ui.settings().deadlines  # hashable, for the query cache
for message in ui.settings().deadline_errors:
    st.warning(ui.plain(message))
town_names = ui.run(common.town_names, ui.user_scope())  # the user's towns only


# --- drill-down: a click on a chart, a map cell or a list row sets ?drill=kind:value -------------


def set_drill(drill: drills.Drill | None) -> None:
    if drill is not None:
        st.query_params[DRILL_KEY] = drill.to_param()
    elif DRILL_KEY in st.query_params:
        del st.query_params[DRILL_KEY]


def on_chart(key: str, kind: str, values=None) -> None:
    drill = drills.from_points(kind, st.session_state[key].selection.points, values)
    if drill is not None or st.query_params.get(DRILL_KEY, "").startswith(f"{kind}:"):
        set_drill(drill)  # clearing a chart's selection clears its own drill only


def on_map(key: str, bins) -> None:
    rows = (st.session_state[key].selection.get("indices") or {}).get("report-density", [])
    if rows and rows[0] < len(bins):
        set_drill(drills.Drill("cell", f"{bins['cell_x'].iloc[rows[0]]}_{bins['cell_y'].iloc[rows[0]]}"))


def on_row(key: str, ids) -> None:
    rows = st.session_state[key].selection.rows
    set_drill(drills.Drill("id", ids[rows[0]]) if rows else None)


def fmt(value, pattern: str) -> str:
    return "—" if pd.isna(value) else pattern.format(value)


def headline(s) -> None:
    cols = st.columns(6)
    cols[0].metric(LRP.RPT_KPI_REPORTS, f"{int(s['reports']):,} 条", border=True)
    cols[1].metric(LRP.RPT_KPI_RESOLVED, f"{int(s['resolved']):,} 条", border=True)
    cols[2].metric(LRP.RPT_KPI_ON_TIME, fmt(s["share_on_time"], "{:.0%}"), border=True, help=LRP.RPT_KPI_ON_TIME_HELP)
    cols[3].metric(LRP.RPT_KPI_OVERDUE, f"{int(s['overdue_backlog']):,} 条", border=True, help=LRP.RPT_KPI_OVERDUE_HELP)
    cols[4].metric(LRP.RPT_KPI_ACCEPT, fmt(s["median_hours_to_accept"], "{:.1f} 小时"), border=True)
    cols[5].metric(LRP.RPT_KPI_RESOLVE, fmt(s["median_days_to_resolve"], "{:.1f} 天"), border=True)


def drill_note(drill) -> None:
    if drill is None:
        st.caption(LRP.RPT_DRILL_HINT)
        return
    note, clear = st.columns([5, 1])
    note.info(LRP.RPT_DRILL_NOTE.format(what=drills.describe(drill, town_names)), icon=":material/filter_alt:")
    clear.button(LRP.RPT_DRILL_CLEAR, on_click=set_drill, args=(None,), icon=":material/close:", width="stretch")


def where(f) -> None:
    st.subheader(LRP.RPT_SECTION_WHERE)
    left, right = st.columns([3, 2])
    bins = ui.run(spatial.report_bins, f, cell_m=drills.CELL_M)
    with left:
        boundaries, rivers, tile_url = ui.map_base()
        deck = ui.deck(maps.density_map, bins, ui.run(common.towns), boundaries, rivers, tile_url,
                       focus=maps.focus(f), size=maps.SIZE_WIDE)
        st.pydeck_chart(deck, on_select=partial(on_map, "rpt_map", bins), selection_mode="single-object",
                        key="rpt_map", height=maps.SIZE_WIDE[1])
        st.caption(LRP.RPT_MAP_CAPTION.format(cell=drills.CELL_M))
    with right:
        st.plotly_chart(ui.figure(report_charts.town_rate_bars, ui.run(R.town_rates, f)), key="rpt_towns", selection_mode="points",
                        on_select=partial(on_chart, "rpt_towns", "town"), width="stretch")
    communities = ui.run(R.community_ranking, f, limit=10)
    if not communities.empty:
        st.plotly_chart(ui.figure(report_charts.community_bars, communities, LRP.RPT_COMMUNITY_TITLE.format(n=len(communities))),
                        width="stretch")
        st.caption(LRP.RPT_COMMUNITY_NOTE)


def when(f) -> None:
    st.subheader(LRP.RPT_SECTION_WHEN)
    left, right = st.columns(2)
    weekly = ui.run(overview.weekly_reports, f)
    weeks = [pd.Timestamp(w).strftime("%Y-%m-%d") for w in weekly["week"]]
    as_of = ui.settings().as_of
    trend = ui.figure(charts.weekly_new_resolved, weekly, through=min(f.date_to, as_of), today=as_of,
                                       since=f.date_from)
    left.plotly_chart(trend, key="rpt_weeks", selection_mode="points",
                      on_select=partial(on_chart, "rpt_weeks", "week", weeks), width="stretch")
    slots = ui.run(R.hour_weekday, f)
    values = [f"{d}-{h}" for d, h in zip(slots["weekday"], slots["hour"])]
    right.plotly_chart(ui.figure(report_charts.hour_weekday_heatmap, slots), key="rpt_slots", selection_mode="points",
                       on_select=partial(on_chart, "rpt_slots", "slot", values), width="stretch")


def how_fast(f) -> None:
    st.subheader(LRP.RPT_SECTION_HOW)
    left, right = st.columns([3, 2])
    left.plotly_chart(ui.figure(report_charts.category_bars, ui.run(R.category_stats, f, deadlines=deadlines)), key="rpt_cats",
                      selection_mode="points", on_select=partial(on_chart, "rpt_cats", "cat"), width="stretch")
    right.plotly_chart(ui.figure(report_charts.status_funnel, ui.run(R.status_funnel, f, deadlines=deadlines).iloc[0]),
                       width="stretch")
    by = st.segmented_control(LRP.RPT_DURATION_PICK, list(LRP.RPT_DURATION_BY), default="category",
                              format_func=LRP.RPT_DURATION_BY.get, key="rpt_duration_by") or "category"
    durations = ui.run(R.duration_stats, f, by=by, deadlines=deadlines)
    if durations.empty:
        st.info(LC.NO_DATA)
    else:
        st.plotly_chart(ui.figure(report_charts.duration_boxes, durations, LRP.RPT_DURATION_BY[by]), width="stretch")
        st.caption(LRP.RPT_DURATION_NOTE)


def overdue_list(f) -> None:
    st.subheader(LRP.RPT_SECTION_OVERDUE)
    overdue = tables.outcome_words(ui.run(R.overdue_list, f, deadlines=deadlines))
    if overdue.empty:
        st.success(LRP.RPT_OVERDUE_EMPTY)
        return
    st.caption(LRP.RPT_OVERDUE_NOTE.format(n=len(overdue)))
    # a viewer: no personal columns; the first rows only (thousands at scale 100: 1 MB on every rerun)
    shown = ui.projected(ui.capped(overdue)[[c for c in R.OVERDUE_COLUMNS if c in overdue]])
    st.dataframe(ui.compact(tables.report_table(shown), keep=CHIPS), column_config=tables.report_columns(), hide_index=True,
                 key="rpt_overdue", on_select=partial(on_row, "rpt_overdue", overdue["report_id"].tolist()),
                 selection_mode="single-row", width="stretch",
                 height=ui.grid_height(len(shown), min(36 * (len(shown) + 1) + 4, 640)))
    ui.downloads(overdue, f, LRP.RPT_OVERDUE_STEM, "rpt_overdue_dl", labels=LRP.RPT_COLUMNS)


def who(f) -> None:
    st.subheader(LRP.RPT_SECTION_WHO)
    top = ui.run(R.top_reporters, f, limit=10)
    st.caption(LRP.RPT_TOP_REPORTERS_TITLE.format(n=len(top)))
    st.dataframe(top.drop(columns="reporter_id"), column_config=tables.report_columns(), hide_index=True, width="stretch")


def records(f, drill) -> None:
    st.subheader(LRP.RPT_SECTION_RECORDS)
    rows = tables.outcome_words(ui.run(R.records, f, deadlines=deadlines, drill=drill))
    if rows.empty:
        st.info(LC.NO_DATA)
        return
    st.caption(LRP.RPT_RECORDS_NOTE.format(n=len(rows)))
    st.dataframe(ui.compact(tables.report_table(ui.capped(rows)), keep=CHIPS), column_config=tables.report_columns(),
                 hide_index=True, width="stretch", height=420)
    extra = [(LRP.RPT_DRILL_EXPORT, drills.describe(drill, town_names))] if drill else []  # noted in the file
    ui.downloads(rows, f, LRP.RPT_EXPORT_STEM, "rpt_records_dl", labels=LRP.RPT_COLUMNS, extra_notes=extra)


drill, drill_error = drills.parse_drill(ui_rights.drill_in_scope(st.query_params.get(DRILL_KEY), town_names), town_names)
if drill_error:
    st.warning(ui.plain(drill_error))
    set_drill(None)

summary = ui.run(R.on_time_summary, f, deadlines=deadlines).iloc[0]
headline(summary)
if summary["reports"] == 0:
    st.info(LC.NO_DATA)  # the overdue list may still hold older reports
    overdue_list(f)
else:
    drill_note(drill)
    where(f)
    when(f)
    how_fast(f)
    overdue_list(f)
    who(f)
    records(f, drill)
