"""队伍与志愿: the worker registry, party members, the four roles, volunteering and the points scheme."""

from functools import partial

import streamlit as st

from fxdash import charts, tables, textfmt, ui, ui_rights
from fxdash.labels import common as LC
from fxdash.labels import filters as LF
from fxdash.labels import pages as PG
from fxdash.labels import people as LP
from fxdash.labels import vocab as V
from fxdash.queries import people, people_party, people_points, people_roles

COLS = LP.PEOPLE_COLUMN_LABELS
TAB_KEY = "people_tab"  # URL parameter and session key of the open tab


def table(df, **config) -> None:
    """A dataframe with Chinese headers (and any special column formats)."""
    column_config = {c: COLS.get(c, c) for c in df.columns}
    column_config.update(config)
    shown = ui.projected(df)
    st.dataframe(ui.compact(textfmt.readable(shown)), hide_index=True, width="stretch", column_config=column_config,
                 height=ui.grid_height(len(shown)))


def chart(fig_or_none) -> None:
    st.plotly_chart(fig_or_none, width="stretch")


def no_data() -> None:
    st.info(LC.NO_DATA, icon=":material/info:")


def pct(value) -> str:
    return textfmt.MISSING if value is None else f"{value:.1%}"


COVERAGE = st.column_config.ProgressColumn(COLS["coverage"], format="percent", min_value=0, max_value=1)


def registry_tab(f) -> None:
    s = ui.run(people.registry_summary, f)
    c = st.columns(6)
    c[0].metric(LP.PEOPLE_ACTIVE, f"{s['active']:,} {LC.UNIT_PERSON}", f"{s['net']:+,}", help=LP.PEOPLE_ACTIVE_HELP,
                border=True)
    c[1].metric(LP.PEOPLE_JOINED, f"{s['joined']:,} {LC.UNIT_PERSON}", border=True)
    c[2].metric(LP.PEOPLE_LEFT, f"{s['left_']:,} {LC.UNIT_PERSON}", border=True)
    c[3].metric(LP.PEOPLE_TURNOVER, pct(s["turnover"]), help=LP.PEOPLE_TURNOVER_HELP, border=True)
    leaver = "" if s["leaver_tenure_days"] is None else LP.PEOPLE_LEAVER_TENURE.format(days=f"{s['leaver_tenure_days']:,.0f}")
    tenure = "—" if s["tenure_days"] is None else f"{s['tenure_days']:,.0f} {LP.PEOPLE_DAYS}"
    c[4].metric(LP.PEOPLE_TENURE, tenure, leaver, delta_color="off", delta_arrow="off", help=LP.PEOPLE_TENURE_HELP,
                border=True)
    c[5].metric(LP.PEOPLE_REGISTERED, pct(s["registered_share"]), help=LP.PEOPLE_REGISTERED_HELP, border=True)
    if not s["active"] and not s["left_"]:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(ui.figure(charts.people_flows, ui.run(people.monthly_flows, f)))
    with right:
        chart(ui.figure(charts.people_hbars, ui.run(people.active_by, f, by="town"), "label", "workers", LP.PEOPLE_TOWN_TITLE))
    c1, c2, c3 = st.columns(3)
    with c1:
        chart(ui.figure(charts.people_hbars, ui.run(people.active_by, f, by="occupation"), "label", "workers",
                                  LP.PEOPLE_OCCUPATION_TITLE, height=320))
    with c2:
        chart(ui.figure(charts.people_hbars, ui.run(people.age_bands, f), "label", "workers", LP.PEOPLE_AGE_TITLE,
                                  color=charts.PALETTE[2], height=320, ordered=True))
    with c3:
        chart(ui.figure(charts.people_hbars, ui.run(people.active_by, f, by="gender"), "label", "workers",
                                  LP.PEOPLE_GENDER_TITLE, color=charts.PALETTE[4], height=320))
    st.subheader(LP.PEOPLE_ENTERPRISE_HEADER, help=LP.PEOPLE_COVERAGE_HELP)
    ent = ui.run(people.enterprise_coverage, f)
    table(ent, coverage=COVERAGE)
    ui.downloads(ent, f, "一企一表_登记覆盖", "people_ent", COLS)
    st.subheader(LP.PEOPLE_SITE_HEADER, help=LP.PEOPLE_COVERAGE_HELP)
    sites = ui.run(people.site_coverage, f)
    st.caption(LP.PEOPLE_COVERAGE_LOW.format(n=int((sites["coverage"] < 0.5).sum())))
    table(sites, coverage=COVERAGE)
    ui.downloads(sites, f, "一网点一表_登记覆盖", "people_site", COLS)


def party_tab(f) -> None:
    s = ui.run(people_party.party_summary, f)
    c = st.columns(5)
    c[0].metric(LP.PEOPLE_PARTY_MEMBERS, f"{s['party_members']:,} {LC.UNIT_PERSON}", border=True)
    c[1].metric(LP.PEOPLE_MOBILE_MEMBERS, f"{s['mobile_members']:,} {LC.UNIT_PERSON}", border=True)
    c[2].metric(LP.PEOPLE_BRANCHES, f"{s['branches']:,} {LC.UNIT_ITEM}", border=True)
    c[3].metric(LP.PEOPLE_STUDY, f"{s['study']:,} {LP.PEOPLE_UNIT_TIMES}", border=True)
    c[4].metric(LP.PEOPLE_CONSULT, f"{s['consult']:,} {LP.PEOPLE_UNIT_TIMES}", border=True)
    by_town = ui.run(people_party.party_by_town, f)
    if s["party_members"] or s["mobile_members"]:
        chart(ui.figure(charts.people_grouped, by_town, "town", {"party_members": LP.PEOPLE_PARTY_MEMBERS,
                                                      "mobile_members": LP.PEOPLE_MOBILE_MEMBERS},
                                    LP.PEOPLE_PARTY_TOWN_TITLE))
    else:
        no_data()
    st.subheader(LP.PEOPLE_BRANCH_HEADER, help=LP.PEOPLE_BRANCH_HELP)
    branches = tables.worded(ui.run(people_party.branch_table, f), dates=("secretary_since",))
    if branches.empty:
        no_data()
        return
    table(branches)
    ui.downloads(branches, f, "街区党支部", "people_branches", COLS)


def roles_tab(f) -> None:
    section = ui.run(people_roles.role_section, f)  # the four role figures from one join (scale 100: 1/3 the time)
    s = section["summary"]
    v = ui.run(people_roles.volunteer_summary, f)
    c = st.columns(5)
    c[0].metric(LP.PEOPLE_ROLE_PEOPLE, f"{s['people']:,} {LC.UNIT_PERSON}", help=LP.PEOPLE_ROLE_PEOPLE_HELP, border=True)
    c[1].metric(LP.PEOPLE_ROLE_HOLDINGS, f"{s['holdings']:,} {LP.PEOPLE_UNIT_PARTS}", help=LP.PEOPLE_ROLE_HOLDINGS_HELP,
                border=True)
    c[2].metric(LP.PEOPLE_ROLE_ACTIVE, f"{s['active_people']:,} {LC.UNIT_PERSON}", pct(s["active_share"]),
                delta_color="off", delta_arrow="off", help=LP.PEOPLE_ROLE_ACTIVE_HELP, border=True)
    c[3].metric(LP.PEOPLE_VOLUNTEER_PARTS, f"{v['participations']:,} {LP.PEOPLE_UNIT_PARTS}",
                help=LP.PEOPLE_VOLUNTEER_HELP, border=True)
    c[4].metric(LP.PEOPLE_VOLUNTEER_HOURS, f"{v['hours']:,.1f} {LP.PEOPLE_UNIT_HOURS}", help=LP.PEOPLE_VOLUNTEER_HELP,
                border=True)
    st.caption(LP.PEOPLE_ROLE_NOTE)
    if not s["people"]:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(ui.figure(charts.people_roles, section["by_role"]))
    with right:
        chart(ui.figure(charts.people_stacked, section["by_town"], "town", "role", "holdings",
                                    LP.PEOPLE_ROLE_TOWN_TITLE, LP.PEOPLE_UNIT_PARTS, order=V.ROLES))
    left, right = st.columns(2)
    with left:
        chart(ui.figure(charts.people_lines, section["growth"],
                                  {"people": LP.PEOPLE_PEOPLE, "holdings": LP.PEOPLE_HOLDINGS},
                                  LP.PEOPLE_ROLE_GROWTH_TITLE))
    volunteer = ui.run(people_roles.volunteer_monthly, f)
    with right:
        if volunteer.empty:
            no_data()
        else:
            chart(ui.figure(charts.people_stacked, volunteer, "month", "kind", "participations", LP.PEOPLE_VOLUNTEER_TITLE,
                                        LP.PEOPLE_UNIT_PARTS, order=V.VOLUNTEER_ACTIVITY_KINDS, monthly=True))
    if not volunteer.empty:
        chart(ui.figure(charts.people_stacked, volunteer, "month", "kind", "hours", LP.PEOPLE_HOURS_TITLE,
                                    LP.PEOPLE_UNIT_HOURS, order=V.VOLUNTEER_ACTIVITY_KINDS, monthly=True))


def points_tab(f) -> None:
    s = ui.run(people_points.points_summary, f)
    c = st.columns(4)
    c[0].metric(LP.PEOPLE_POINTS_EARNED, f"{s['earned']:,} {LP.PEOPLE_UNIT_POINTS}", border=True)
    c[1].metric(LP.PEOPLE_POINTS_REDEEMED, f"{s['redeemed']:,} {LP.PEOPLE_UNIT_POINTS}", border=True)
    c[2].metric(LP.PEOPLE_POINTS_OUTSTANDING, f"{s['outstanding']:,} {LP.PEOPLE_UNIT_POINTS}",
                help=LP.PEOPLE_POINTS_OUTSTANDING_HELP, border=True)
    c[3].metric(LP.PEOPLE_MERCHANTS, f"{s['merchants']:,} {LP.PEOPLE_UNIT_SHOP}",
                LP.PEOPLE_MERCHANTS_USED.format(n=s["merchants_used"]), delta_color="off", delta_arrow="off",
                help=LP.PEOPLE_MERCHANTS_HELP, border=True)
    if s["negative_ever"]:
        st.error(LP.PEOPLE_NEGATIVE_FAULT.format(n=s["negative_ever"]), icon=":material/error:")
        table(ui.run(people_points.negative_balances, f))
    else:
        st.caption(LP.PEOPLE_NEGATIVE_OK)
    monthly = ui.run(people_points.points_monthly, f)
    if monthly.empty:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(ui.figure(charts.people_stacked, monthly, "month", "reason", "points", LP.PEOPLE_POINTS_TITLE,
                                    LP.PEOPLE_UNIT_POINTS, order=V.POINT_REASONS, monthly=True))
    items = ui.run(people_points.redeemed_by_item_month, f)
    with right:
        if items.empty:
            no_data()
        else:
            chart(ui.figure(charts.people_stacked, items, "month", "item", "points", LP.PEOPLE_ITEMS_TITLE,
                                        LP.PEOPLE_UNIT_POINTS, order=V.REDEEM_ITEMS, monthly=True))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(LP.PEOPLE_MERCHANT_HEADER)
        merchants = ui.run(people_points.redeemed_by_merchant, f)
        table(merchants)
        ui.downloads(merchants, f, "积分商户兑换", "people_merchants", COLS)
    with right:
        st.subheader(LP.PEOPLE_TOP_HEADER, help=ui_rights.privacy_note())
        table(ui.run(people_points.top_earners, f))


def list_tab(f) -> None:
    st.caption(LP.PEOPLE_LIST_HELP)
    c1, c2 = st.columns(2)
    party = c1.multiselect(LP.PEOPLE_LIST_PARTY, V.PARTY_STATUSES, placeholder=LF.FILTER_ALL,
                           **ui.kept("people_party", []))
    choice = c2.segmented_control(LP.PEOPLE_LIST_ACTIVE, LP.PEOPLE_LIST_ACTIVE_OPTIONS,
                                  **ui.kept("people_active", LP.PEOPLE_LIST_ACTIVE_OPTIONS[0]))
    active = {LP.PEOPLE_LIST_ACTIVE_OPTIONS[1]: True, LP.PEOPLE_LIST_ACTIVE_OPTIONS[2]: False}.get(choice)
    chosen = {"party": tuple(party), "active": active}
    n = ui.run(people.worker_count, f, **chosen)
    st.markdown(f"**{LP.PEOPLE_LIST_COUNT.format(n=n, privacy=ui_rights.privacy_note())}**")
    if not n:
        no_data()
        return

    def worded(df):
        return tables.worded(df, dates=("registered_on",), missing={"registered_on": LP.PEOPLE_NOT_REGISTERED})

    # the first rows only (the whole list can be 400,000 people); the download fetches every row when clicked
    table(ui.capped(worded(ui.run(people.worker_table, f, limit=ui.MAX_TABLE_ROWS, **chosen)), total=n))
    every_row = ui.deferred(people.worker_table, f, **chosen)
    ui.downloads(lambda: worded(every_row()), f, "人员名单", "people_list", COLS, rows=n)


f = ui.current_filters()

st.title(PG.PAGE_PEOPLE)
head, role_box = st.columns([3, 2])
with head:
    st.caption(LP.PEOPLE_CAPTION.format(start=textfmt.day(f.date_from), end=textfmt.day(f.date_to), days=f.days, months=people.TREND_MONTHS))
with role_box, ui.controls():  # folded away in projector mode
    f = ui.page_filters(f, ("roles",), st.container())
    st.caption(LP.PEOPLE_ROLE_FILTER_HELP)

# only the open tab runs (?people_tab=<label> in the URL)
ui.lazy_tabs(TAB_KEY, {label: partial(section, f) for label, section in
                       zip(LP.PEOPLE_TABS, (registry_tab, party_tab, roles_tab, points_tab, list_tab))})
