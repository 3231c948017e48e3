"""周报: one week against the week before and the four before, the briefing, hot spots, export, snapshot."""

import streamlit as st

from fxdash import (
    briefing,
    briefing_files,
    charts,
    maps,
    rights,
    textfmt,
    ui,
    ui_rights,
    ui_weekly,
    weekly_export,
    weeks,
)
from fxdash.labels import briefings as B
from fxdash.labels import common as LC
from fxdash.labels import pages as PG
from fxdash.labels import weekly as LW
from fxdash.queries import common, weekly

f = ui.current_filters()

st.title(PG.PAGE_WEEKLY)
monday = ui_weekly.week_picker(ui.controls())  # folded away in projector mode
# What the page draws from the week's bundle, made before anything is drawn: on a cold bundle the first
# session computes these one after another while the others wait at the shared caches (under the meeting's
# load, sessions drawing between two of them made the second take 0.3 s instead of 7 ms)
week = {"monday": monday, "deadlines": ui.settings().deadlines}  # the bundle the three below share
screen = ui.derived(ui_weekly.screen_tables, weekly.bundle, f, **week)
b = {**ui.derived(briefing.with_sentences, weekly.bundle, f, **week), "snapshot": ui_weekly.week_snapshot(f, monday)}
trend_chart = ui.figure(charts.weekly_new_resolved, b["trend"], weekly_export.trend_title())
cards = ui.derived(ui_weekly.cards, weekly.bundle, f, **week)
st.caption(LW.WEEKLY_CAPTION.format(span=b["span"]))
ui.record_view(f, period=b["span"])  # the projector's scope line names the week, not the sidebar dates

st.subheader(LW.WEEKLY_FIGURES)
per_row = 4 if ui.presentation_mode() else 6  # large type needs wider cards
for start in range(0, len(cards), per_row):
    for col, c in zip(st.columns(per_row), cards[start:start + per_row]):
        col.metric(c["label"], c["value"], c["delta"], delta_color=c["colour"],
                   delta_arrow="off" if c["colour"] == "off" else "auto", help=c["help"], border=True)

left, right = st.columns([3, 2])
with left:
    st.subheader(LW.WEEKLY_BRIEFING)
    st.markdown("\n".join(f"{k}. {s}" for k, s in enumerate(b["sentences"], start=1)))
with right:
    st.plotly_chart(trend_chart, width="stretch")

st.subheader(LW.WEEKLY_HOTSPOTS)
c1, c2, c3 = st.columns(3)
with c1:
    st.markdown(f"**{weekly_export.hot_cells_title()}**")
    boundaries, rivers, tiles = ui.map_base()
    hot_map = ui.deck(maps.density_map, b["hot_cells"], ui.run(common.towns), boundaries, rivers, tiles,
                      focus=maps.focus(f), size=maps.SIZE_THIRD, frame_cells_only=True)
    st.pydeck_chart(hot_map, height=maps.SIZE_THIRD[1])
    cells = ui_weekly.screen_table(screen["热点网格"])
    st.dataframe(cells, hide_index=True, width="stretch", height=ui.grid_height(len(cells)))
for col, title, name in ((c2, LW.WEEKLY_HOT_COMMUNITIES, "热点社区"), (c3, LW.WEEKLY_LAGGARDS, "按时办结率偏低街镇")):
    col.markdown(f"**{title}**")
    if len(screen[name][0]):
        with col:
            shown = ui_weekly.screen_table(screen[name])
            st.dataframe(shown, hide_index=True, width="stretch", height=ui.grid_height(len(shown)))
    else:
        col.caption(LC.NO_DATA)
st.markdown(f"**{LW.WEEKLY_OVERDUE}**")
overdue = ui_weekly.screen_table(screen["超期未办结"])
st.dataframe(overdue, hide_index=True, width="stretch", height=ui.grid_height(len(overdue)))
st.markdown(f"**{LW.WEEKLY_FIGURES}**")
figures = ui_weekly.figures_table(screen, b)
st.dataframe(figures, hide_index=True, width="stretch", height=ui.grid_height(len(figures)))

if ui_rights.may_download():
    st.subheader(LW.WEEKLY_EXPORT)
if ui_rights.may_download() and st.button(LW.WEEKLY_EXPORT_BUILD, help=LW.WEEKLY_EXPORT_HELP, icon=":material/description:"):
    with st.spinner(LW.WEEKLY_EXPORT_BUILD):
        st.session_state["_fx_week_files"] = (b["week"], *weekly_export.build_files(b, ui.filter_notes(weekly.week_filters(f, monday)),
                                                                                     LW.WEEKLY_DOC_TITLE))
files = st.session_state.get("_fx_week_files")
if files and files[0] == b["week"]:
    week, xlsx, docx = files
    st.caption(LW.WEEKLY_EXPORT_READY)
    d1, d2 = st.columns(2)
    rows = len(b["overdue"])  # the files' list of people; the rest are figures
    ui_rights.download_button(d1, "下载 Excel", lambda: xlsx, what=f"周报_{week}.xlsx", f=f, rows=rows,
                              file_name=f"周报_{week}.xlsx", width="stretch",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ui_rights.download_button(d2, "下载 Word", lambda: docx, what=f"周报_{week}.docx", f=f, rows=rows,
                              file_name=f"周报_{week}.docx", width="stretch",
                              mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

st.subheader(B.LIST_TITLE)
out_dir = ui.settings().briefings
st.caption(B.LIST_HELP.format(path=out_dir))
written = briefing_files.listing(out_dir, scopes=briefing_files.scopes_for(ui.current_user(), ui.run(common.town_names)))
if written.empty:
    st.caption(B.LIST_NONE)
for row in written.itertuples():
    cols = st.columns([4, 1, 1, 1])
    cols[0].markdown(B.LIST_ROW.format(week=textfmt.week(weeks.parse(row.week)), scope=row.scope,
                                         when=textfmt.day_time(row.written)))
    for col, (suffix, kind) in zip(cols[1:], B.KINDS.items()):
        path = row.files.get(suffix)
        if path is not None:
            ui_rights.download_button(col, kind, lambda p=path: p.read_bytes(), what=path.name, f=None, rows=0,
                                      file_name=path.name, key=f"brief_{path.name}", width="stretch",
                                      icon=":material/download:")

st.subheader(LW.WEEKLY_SNAPSHOT)
snap = b["snapshot"]
if len(snap):
    st.caption(LW.WEEKLY_SNAPSHOT_LAST.format(when=textfmt.day_time(snap['saved_at'].iloc[0]),
                                             who=snap["saved_by"].iloc[0]))
else:
    st.caption(LW.WEEKLY_SNAPSHOT_NONE)
if rights.may_save_snapshot(ui.current_user()):
    with st.form("weekly_snapshot"):
        who = st.text_input(LW.WEEKLY_SNAPSHOT_WHO, max_chars=40, help=LW.WEEKLY_SNAPSHOT_HELP)
        if st.form_submit_button(LW.WEEKLY_SNAPSHOT_SAVE):
            ui_weekly.save_week_snapshot(f, monday, who)
