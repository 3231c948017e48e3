"""关爱与平安: elderly care pairs, fraud stopped, people's suggestions, friendly scenes, service resources."""

import streamlit as st

from fxdash import charts, maps, tables, textfmt, ui
from fxdash.labels import common as LC
from fxdash.labels import community as LCM
from fxdash.labels import metrics as LM
from fxdash.labels import pages as PG
from fxdash.labels import vocab as V
from fxdash.metrics import story_filters
from fxdash.queries import common, community, community_fraud, community_places, community_suggestions

f = ui.current_filters()
COLS = LCM.COMMUNITY_COLUMNS
TAB_KEY = "community_tab"  # URL parameter and session key of the open tab


def no_data() -> None:
    st.info(LC.NO_DATA, icon=":material/info:")


def chart(fig_fn, df, *args, show: bool = True, **kwargs) -> None:
    """A chart, or the no-data note instead of an empty (or all-zero: `show` false) frame."""
    if df.empty or not show:
        no_data()
    else:
        st.plotly_chart(ui.figure(fig_fn, df, *args, **kwargs), width="stretch")


def table(df, stem: str, key: str, highlight: str | None = None, height: int | None = None) -> None:
    """The section's table on screen and as CSV/XLSX with the filters noted."""
    if df.empty:
        no_data()
        return
    shown = ui.projected(df)
    data, config = tables.screen_table(shown, COLS, highlight)
    st.dataframe(data, column_config=config, hide_index=True, width="stretch",
                 height=ui.grid_height(len(shown), height or "auto"))
    ui.downloads(df, f, stem, key, labels=COLS)


def metrics(items) -> None:
    for col, (label, value, help_text) in zip(st.columns(len(items)), items):
        col.metric(label, value, help=help_text, border=True)


def care() -> None:
    st.caption(LCM.CARE_INTRO)
    s = ui.run(community.care_summary, f)
    coverage = "—" if s["coverage_pct"] is None else f"{s['coverage_pct']:.1f}%"
    metrics([
        (LCM.CARE_KPI_PAIRS_END, f"{s['pairs_at_end']:,} {LCM.UNIT_PAIR}", None),
        (LCM.CARE_KPI_ELDERLY, f"{s['elderly_80_alone']:,} {LC.UNIT_PERSON}", None),
        (LCM.CARE_KPI_COVERAGE, coverage, LCM.CARE_HELP_COVERAGE),
        (LCM.CARE_KPI_VISITS, f"{s['visits']:,} {LCM.UNIT_TIMES}", None),
        (LCM.CARE_KPI_OVERDUE.format(days=community.OVERDUE_DAYS), f"{s['overdue']:,} {LCM.UNIT_PAIR}", None),
    ])
    profile = ui.run(community.community_profile, f, name=LCM.HUQIAO)
    if profile is not None:
        st.markdown(LCM.CARE_PROFILE.format(
            name=ui.plain(profile["community"]), town=ui.plain(profile["town"]), population=profile["population"],
            elderly_60=profile["elderly_60_plus"], share=profile["share_60_pct"],
            elderly_80=profile["elderly_80_alone"], paired=profile["paired_80"], gap=profile["gap"],
            coverage=profile["coverage_pct"] or 0.0))

    st.subheader(LCM.CARE_OVERDUE_TITLE.format(days=community.OVERDUE_DAYS, end=textfmt.day(f.date_to)))
    st.caption(LCM.CARE_OVERDUE_NOTE.format(days=community.OVERDUE_DAYS))
    overdue = ui.run(community.overdue_pairs, f)
    if overdue.empty:
        st.success(LCM.CARE_OVERDUE_NONE.format(days=community.OVERDUE_DAYS), icon=":material/check_circle:")
    else:
        table(overdue, "超期未走访结对", "dl_overdue")

    gap = ui.run(community.coverage_by_community, f)
    left, right = st.columns([3, 2])
    with left:
        chart(charts.care_gap_bars, gap)
        st.caption(LCM.CARE_GAP_NOTE)
    with right:
        chart(charts.care_town_bars, ui.run(community.pairs_by_town, f))
    with st.expander(LCM.CARE_GAP_TITLE):
        table(gap, "结对覆盖缺口", "dl_gap", height=400)

    visits = ui.run(community.visits_by_month, f)
    left, right = st.columns(2)
    with left:
        chart(charts.care_visits_chart, visits, show=s["pairs_in_period"] > 0)
        st.caption(LCM.CARE_VISITS_NOTE)
    with right:
        chart(charts.count_bars, ui.run(community.visit_tasks, f), "task", "visits", LCM.CARE_TASKS_TITLE, LCM.UNIT_TIMES)
    ui.downloads(visits, f, "每月走访", "dl_visits", labels=COLS)


def fraud() -> None:
    st.caption(LCM.FRAUD_INTRO)
    t = ui.run(community_fraud.fraud_totals, f)
    if t["cases"] == 0 and f.preset != "all":
        # nothing in this period (the usual 近28天): the cumulative record and a way to it, not zeros and empty charts
        metrics([
            (LCM.FRAUD_KPI_TOTAL_CASES, f"{t['cases_total']:,} 起", LCM.FRAUD_HELP_TOTAL),
            (LCM.FRAUD_KPI_TOTAL, charts.wan_yuan(t["amount_total"]), LCM.FRAUD_HELP_TOTAL),
        ])
        note, action = st.columns([4, 1], vertical_alignment="center")
        note.info(LM.EMPTY_PERIOD.format(period=f.period_text(), what=LM.FRAUD_WHAT), icon=":material/info:")
        action.button(LM.EMPTY_PERIOD_SHOW_ALL, on_click=ui.use_preset, args=("all",), width="stretch")
        whole = story_filters(f, ui.settings().as_of)  # every month since records began
        chart(charts.fraud_month_chart, ui.run(community_fraud.fraud_by_month, whole), show=t["cases_total"] > 0)
        return
    metrics([
        (LCM.FRAUD_KPI_CASES, f"{t['cases']:,} 起", None),
        (LCM.FRAUD_KPI_AMOUNT, charts.wan_yuan(t["amount"]), None),
        (LCM.FRAUD_KPI_TOTAL_CASES, f"{t['cases_total']:,} 起", LCM.FRAUD_HELP_TOTAL),
        (LCM.FRAUD_KPI_TOTAL, charts.wan_yuan(t["amount_total"]), LCM.FRAUD_HELP_TOTAL),
    ])
    months = ui.run(community_fraud.fraud_by_month, f)
    left, right = st.columns(2)
    with left:
        chart(charts.fraud_month_chart, months, show=t["cases_total"] > 0)
    with right:
        chart(charts.fraud_town_bars, ui.run(community_fraud.fraud_by_town, f))
    roles = ui.run(community_fraud.fraud_by_role, f)
    left, right = st.columns([2, 3])
    with left:
        chart(charts.count_bars, roles, "role", "cases", LCM.FRAUD_ROLE_TITLE, "起", show=t["cases"] > 0)
        st.caption(LCM.FRAUD_ROLE_NOTE)
    with right:
        st.subheader(LCM.FRAUD_LIST_TITLE)
        table(ui.run(community_fraud.fraud_cases, f), "阻止涉诈案件", "dl_fraud")


def suggestions() -> None:
    st.caption(LCM.SUGGEST_INTRO)
    s = ui.run(community_suggestions.suggestion_summary, f)
    rate = "—" if s["adoption_pct"] is None else f"{s['adoption_pct']:.1f}%"
    days = "—" if s["median_days"] is None else f"{s['median_days']:.0f} {LCM.UNIT_DAY}"
    metrics([
        (LCM.SUGGEST_KPI_SUBMITTED, f"{s['submitted']:,} {LC.UNIT_CASE}", None),
        (LCM.SUGGEST_KPI_ANSWERED, f"{s['answered']:,} {LC.UNIT_CASE}", None),
        (LCM.SUGGEST_KPI_ADOPTION, rate, LCM.SUGGEST_HELP_ADOPTION),
        (LCM.SUGGEST_KPI_DAYS, days, None),
    ])
    listed = ui.run(community_suggestions.suggestion_list, f)
    left, right = st.columns([2, 3])
    with left:
        chart(charts.suggestion_topic_bars, ui.run(community_suggestions.suggestions_by_topic, f))
    with right:
        st.subheader(LCM.SUGGEST_ADOPTED_TITLE)
        adopted = ui.run(community_suggestions.suggestion_list, f, adopted_only=True)
        if adopted.empty:
            no_data()
        for row in adopted.head(4).itertuples():  # titles and outcomes are imported text: never markdown
            st.success(f"**{ui.plain(row.title)}**（{ui.plain(row.topic)}，{ui.plain(row.town or '—')}）"
                       f"\n\n{ui.plain(row.outcome or '')}", icon=":material/verified:")
    st.subheader(LCM.SUGGEST_LIST_TITLE)
    table(listed, "人民建议", "dl_suggestions", highlight="adopted")


def scenes() -> None:
    st.caption(LCM.SCENE_INTRO)
    by_type = ui.run(community_places.scenes_by_type, f)
    metrics([
        (LCM.SCENE_KPI_TOTAL, f"{by_type['scenes'].sum():,} {LC.UNIT_ITEM}", None),
        (LCM.SCENE_KPI_NEW, f"{by_type['new_in_period'].sum():,} {LC.UNIT_ITEM}", None),
        (LCM.SCENE_KPI_TYPES, f"{(by_type['scenes'] > 0).sum()} / {len(V.SCENE_TYPES)}", None),
    ])
    listed = ui.run(community_places.scene_list, f)
    if listed.empty:
        no_data()
        return
    batches = ui.run(community_places.scenes_by_batch, f)
    batch_names = {b: LCM.SCENE_BATCH_LABEL.format(batch=b) for b in batches["batch"]}
    left, right = st.columns(2)
    with left:
        chart(charts.scene_type_bars, by_type)
    with right:
        chart(charts.stacked_scene_bars, batches, "batch", LCM.SCENE_BATCH_TITLE, batch_names)
    chart(charts.stacked_scene_bars, ui.run(community_places.scenes_by_town, f), "town", LCM.SCENE_TOWN_TITLE)
    left, right = st.columns([3, 2])
    with left:
        st.subheader(LCM.SCENE_MAP_TITLE)
        boundaries, rivers, tile_url = ui.map_base()
        deck, legend = ui.deck(maps.scene_map, listed, ui.run(common.towns), boundaries, rivers, tile_url, focus=maps.focus(f),
                                      size=maps.SIZE_SCENES)
        st.pydeck_chart(deck, height=maps.SIZE_SCENES[1])
        st.markdown(legend, unsafe_allow_html=True)
    with right:
        table(listed, "友好场景", "dl_scenes", height=460)


def resources() -> None:
    st.caption(LCM.RESOURCE_INTRO)
    amen = ui.run(community_places.amenity_counts, f)
    if amen.empty:
        no_data()
        return
    metrics([(LCM.RESOURCE_KPI.format(amenity=a), f"{n:,} {LC.UNIT_ITEM}", None) for a, n in community_places.amenity_headline(amen)])
    left, right = st.columns([3, 2])
    with left:
        chart(charts.amenity_bars, amen)
    with right:
        table(amen, "服务设施", "dl_amenities")


st.title(PG.PAGE_COMMUNITY)
st.caption(LCM.COMMUNITY_CAPTION.format(start=textfmt.day(f.date_from), end=textfmt.day(f.date_to), days=f.days))
# only the open tab runs (?community_tab=<label> in the URL)
ui.lazy_tabs(TAB_KEY, dict(zip(LCM.COMMUNITY_TABS, (care, fraud, suggestions, scenes, resources))))
