"""队伍与志愿: the worker registry, party members, the four roles, volunteering and the points scheme."""

import streamlit as st

from fxdash import charts, textfmt, ui, ui_rights
from fxdash import labels as L
from fxdash.queries import people, people_party, people_points, people_roles

COLS = L.PEOPLE_COLUMN_LABELS


def table(df, **config) -> None:
    """A dataframe with Chinese headers (and any special column formats)."""
    column_config = {c: COLS.get(c, c) for c in df.columns}
    column_config.update(config)
    st.dataframe(textfmt.readable(df), hide_index=True, width="stretch", column_config=column_config)


def chart(fig_or_none) -> None:
    st.plotly_chart(fig_or_none, width="stretch")


def no_data() -> None:
    st.info(L.NO_DATA, icon=":material/info:")


def pct(value) -> str:
    return textfmt.MISSING if value is None else f"{value:.1%}"


COVERAGE = st.column_config.ProgressColumn(COLS["coverage"], format="percent", min_value=0, max_value=1)


def registry_tab(f) -> None:
    s = ui.run(people.registry_summary, f)
    c = st.columns(6)
    c[0].metric(L.PEOPLE_ACTIVE, f"{s['active']:,} {L.UNIT_PERSON}", f"{s['net']:+,}", help=L.PEOPLE_ACTIVE_HELP,
                border=True)
    c[1].metric(L.PEOPLE_JOINED, f"{s['joined']:,} {L.UNIT_PERSON}", border=True)
    c[2].metric(L.PEOPLE_LEFT, f"{s['left_']:,} {L.UNIT_PERSON}", border=True)
    c[3].metric(L.PEOPLE_TURNOVER, pct(s["turnover"]), help=L.PEOPLE_TURNOVER_HELP, border=True)
    leaver = "" if s["leaver_tenure_days"] is None else L.PEOPLE_LEAVER_TENURE.format(days=f"{s['leaver_tenure_days']:,.0f}")
    tenure = "—" if s["tenure_days"] is None else f"{s['tenure_days']:,.0f} {L.PEOPLE_DAYS}"
    c[4].metric(L.PEOPLE_TENURE, tenure, leaver, delta_color="off", delta_arrow="off", help=L.PEOPLE_TENURE_HELP,
                border=True)
    c[5].metric(L.PEOPLE_REGISTERED, pct(s["registered_share"]), help=L.PEOPLE_REGISTERED_HELP, border=True)
    if not s["active"] and not s["left_"]:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(charts.people_flows(ui.run(people.monthly_flows, f)))
    with right:
        chart(charts.people_hbars(ui.run(people.active_by, f, by="town"), "label", "workers", L.PEOPLE_TOWN_TITLE))
    c1, c2, c3 = st.columns(3)
    with c1:
        chart(charts.people_hbars(ui.run(people.active_by, f, by="occupation"), "label", "workers",
                                  L.PEOPLE_OCCUPATION_TITLE, height=320))
    with c2:
        chart(charts.people_hbars(ui.run(people.age_bands, f), "label", "workers", L.PEOPLE_AGE_TITLE,
                                  color=charts.PALETTE[2], height=320, ordered=True))
    with c3:
        chart(charts.people_hbars(ui.run(people.active_by, f, by="gender"), "label", "workers",
                                  L.PEOPLE_GENDER_TITLE, color=charts.PALETTE[4], height=320))
    st.subheader(L.PEOPLE_ENTERPRISE_HEADER, help=L.PEOPLE_COVERAGE_HELP)
    ent = ui.run(people.enterprise_coverage, f)
    table(ent, coverage=COVERAGE)
    ui.downloads(ent, f, "一企一表_登记覆盖", "people_ent", COLS)
    st.subheader(L.PEOPLE_SITE_HEADER, help=L.PEOPLE_COVERAGE_HELP)
    sites = ui.run(people.site_coverage, f)
    st.caption(L.PEOPLE_COVERAGE_LOW.format(n=int((sites["coverage"] < 0.5).sum())))
    table(sites, coverage=COVERAGE)
    ui.downloads(sites, f, "一网点一表_登记覆盖", "people_site", COLS)


def party_tab(f) -> None:
    s = ui.run(people_party.party_summary, f)
    c = st.columns(5)
    c[0].metric(L.PEOPLE_PARTY_MEMBERS, f"{s['party_members']:,} {L.UNIT_PERSON}", border=True)
    c[1].metric(L.PEOPLE_MOBILE_MEMBERS, f"{s['mobile_members']:,} {L.UNIT_PERSON}", border=True)
    c[2].metric(L.PEOPLE_BRANCHES, f"{s['branches']:,} {L.UNIT_ITEM}", border=True)
    c[3].metric(L.PEOPLE_STUDY, f"{s['study']:,} {L.PEOPLE_UNIT_TIMES}", border=True)
    c[4].metric(L.PEOPLE_CONSULT, f"{s['consult']:,} {L.PEOPLE_UNIT_TIMES}", border=True)
    by_town = ui.run(people_party.party_by_town, f)
    if s["party_members"] or s["mobile_members"]:
        chart(charts.people_grouped(by_town, "town", {"party_members": L.PEOPLE_PARTY_MEMBERS,
                                                      "mobile_members": L.PEOPLE_MOBILE_MEMBERS},
                                    L.PEOPLE_PARTY_TOWN_TITLE))
    else:
        no_data()
    st.subheader(L.PEOPLE_BRANCH_HEADER, help=L.PEOPLE_BRANCH_HELP)
    branches = ui.run(people_party.branch_table, f)
    if branches.empty:
        no_data()
        return
    table(branches)
    ui.downloads(branches, f, "街区党支部", "people_branches", COLS)


def roles_tab(f) -> None:
    s = ui.run(people_roles.roles_summary, f)
    v = ui.run(people_roles.volunteer_summary, f)
    c = st.columns(5)
    c[0].metric(L.PEOPLE_ROLE_PEOPLE, f"{s['people']:,} {L.UNIT_PERSON}", help=L.PEOPLE_ROLE_PEOPLE_HELP, border=True)
    c[1].metric(L.PEOPLE_ROLE_HOLDINGS, f"{s['holdings']:,} {L.PEOPLE_UNIT_PARTS}", help=L.PEOPLE_ROLE_HOLDINGS_HELP,
                border=True)
    c[2].metric(L.PEOPLE_ROLE_ACTIVE, f"{s['active_people']:,} {L.UNIT_PERSON}", pct(s["active_share"]),
                delta_color="off", delta_arrow="off", help=L.PEOPLE_ROLE_ACTIVE_HELP, border=True)
    c[3].metric(L.PEOPLE_VOLUNTEER_PARTS, f"{v['participations']:,} {L.PEOPLE_UNIT_PARTS}",
                help=L.PEOPLE_VOLUNTEER_HELP, border=True)
    c[4].metric(L.PEOPLE_VOLUNTEER_HOURS, f"{v['hours']:,.1f} {L.PEOPLE_UNIT_HOURS}", help=L.PEOPLE_VOLUNTEER_HELP,
                border=True)
    st.caption(L.PEOPLE_ROLE_NOTE)
    if not s["people"]:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(charts.people_roles(ui.run(people_roles.roles_by_role, f)))
    with right:
        chart(charts.people_stacked(ui.run(people_roles.roles_by_town, f), "town", "role", "holdings",
                                    L.PEOPLE_ROLE_TOWN_TITLE, L.PEOPLE_UNIT_PARTS, order=L.ROLES))
    left, right = st.columns(2)
    with left:
        chart(charts.people_lines(ui.run(people_roles.role_growth, f),
                                  {"people": L.PEOPLE_PEOPLE, "holdings": L.PEOPLE_HOLDINGS},
                                  L.PEOPLE_ROLE_GROWTH_TITLE))
    volunteer = ui.run(people_roles.volunteer_monthly, f)
    with right:
        if volunteer.empty:
            no_data()
        else:
            chart(charts.people_stacked(volunteer, "month", "kind", "participations", L.PEOPLE_VOLUNTEER_TITLE,
                                        L.PEOPLE_UNIT_PARTS, order=L.VOLUNTEER_ACTIVITY_KINDS, monthly=True))
    if not volunteer.empty:
        chart(charts.people_stacked(volunteer, "month", "kind", "hours", L.PEOPLE_HOURS_TITLE,
                                    L.PEOPLE_UNIT_HOURS, order=L.VOLUNTEER_ACTIVITY_KINDS, monthly=True))


def points_tab(f) -> None:
    s = ui.run(people_points.points_summary, f)
    c = st.columns(4)
    c[0].metric(L.PEOPLE_POINTS_EARNED, f"{s['earned']:,} {L.PEOPLE_UNIT_POINTS}", border=True)
    c[1].metric(L.PEOPLE_POINTS_REDEEMED, f"{s['redeemed']:,} {L.PEOPLE_UNIT_POINTS}", border=True)
    c[2].metric(L.PEOPLE_POINTS_OUTSTANDING, f"{s['outstanding']:,} {L.PEOPLE_UNIT_POINTS}",
                help=L.PEOPLE_POINTS_OUTSTANDING_HELP, border=True)
    c[3].metric(L.PEOPLE_MERCHANTS, f"{s['merchants']:,} {L.PEOPLE_UNIT_SHOP}",
                L.PEOPLE_MERCHANTS_USED.format(n=s["merchants_used"]), delta_color="off", delta_arrow="off",
                help=L.PEOPLE_MERCHANTS_HELP, border=True)
    if s["negative_ever"]:
        st.error(L.PEOPLE_NEGATIVE_FAULT.format(n=s["negative_ever"]), icon=":material/error:")
        table(ui.run(people_points.negative_balances, f))
    else:
        st.caption(L.PEOPLE_NEGATIVE_OK)
    monthly = ui.run(people_points.points_monthly, f)
    if monthly.empty:
        no_data()
        return
    left, right = st.columns(2)
    with left:
        chart(charts.people_stacked(monthly, "month", "reason", "points", L.PEOPLE_POINTS_TITLE,
                                    L.PEOPLE_UNIT_POINTS, order=L.POINT_REASONS, monthly=True))
    items = ui.run(people_points.redeemed_by_item_month, f)
    with right:
        if items.empty:
            no_data()
        else:
            chart(charts.people_stacked(items, "month", "item", "points", L.PEOPLE_ITEMS_TITLE,
                                        L.PEOPLE_UNIT_POINTS, order=L.REDEEM_ITEMS, monthly=True))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(L.PEOPLE_MERCHANT_HEADER)
        merchants = ui.run(people_points.redeemed_by_merchant, f)
        table(merchants)
        ui.downloads(merchants, f, "积分商户兑换", "people_merchants", COLS)
    with right:
        st.subheader(L.PEOPLE_TOP_HEADER, help=ui_rights.privacy_note())
        table(ui.run(people_points.top_earners, f))


def list_tab(f) -> None:
    st.caption(L.PEOPLE_LIST_HELP)
    c1, c2 = st.columns(2)
    party = c1.multiselect(L.PEOPLE_LIST_PARTY, L.PARTY_STATUSES, key="people_party", placeholder=L.FILTER_ALL)
    choice = c2.segmented_control(L.PEOPLE_LIST_ACTIVE, L.PEOPLE_LIST_ACTIVE_OPTIONS, key="people_active",
                                  default=L.PEOPLE_LIST_ACTIVE_OPTIONS[0])
    active = {L.PEOPLE_LIST_ACTIVE_OPTIONS[1]: True, L.PEOPLE_LIST_ACTIVE_OPTIONS[2]: False}.get(choice)
    workers = ui.run(people.worker_table, f, party=tuple(party), active=active)
    st.markdown(f"**{L.PEOPLE_LIST_COUNT.format(n=len(workers), privacy=ui_rights.privacy_note())}**")
    if workers.empty:
        no_data()
        return
    table(ui.capped(workers))
    ui.downloads(workers, f, "人员名单", "people_list", COLS)


f = ui.current_filters()

st.title(L.PAGE_PEOPLE)
head, role_box = st.columns([3, 2])
with head:
    st.caption(L.PEOPLE_CAPTION.format(start=textfmt.day(f.date_from), end=textfmt.day(f.date_to), days=f.days, months=people.TREND_MONTHS))
f = ui.page_filters(f, ("roles",), role_box)
role_box.caption(L.PEOPLE_ROLE_FILTER_HELP)

tabs = st.tabs(list(L.PEOPLE_TABS))
for tab, section in zip(tabs, (registry_tab, party_tab, roles_tab, points_tab, list_tab)):
    with tab:
        section(f)
