"""People-page queries on a hand-made database with known answers, on the calibrated demo, and the page."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from fxdash import access, rights
from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import people as LP
from fxdash.queries import common, people, people_party, people_points, people_roles
from tests import role_oracle
from tests.auth import login_apptest
from tests.conftest import ROOT

D = dt.date
MARCH = Filters(D(2026, 3, 1), D(2026, 3, 31))


DISTRICT = access.User("d", access.DISTRICT)  # masked: no pii


@pytest.fixture
def small(empty_con):
    """Five workers, two branches, four role-holdings, four activities, a points ledger with faults.

    Period: March 2026. In the registry on 02-28: W1, W2, W5; on 03-31: W1, W3.
    """
    con = empty_con
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10), ('T2', '乙镇', '镇', 30.8, 121.4, 10)")
    con.execute("insert into enterprises values ('E1', '某快递', '快递', null), ('E2', '某外卖', '外卖', null)")
    con.execute("""insert into sites (site_id, enterprise_id, town_code, name, staff_count) values
        ('S1', 'E1', 'T1', '甲站', 4), ('S2', 'E1', 'T2', '乙站', 6)""")
    con.execute("""insert into branches (branch_id, name, town_code, founded_on, secretary_from_new_employment) values
        ('B1', '甲街区党支部', 'T1', '2024-08-01', true), ('B2', '乙街区党支部', 'T2', '2026-04-01', false)""")
    con.execute("""insert into workers (worker_id, name, gender, birth_year, phone, occupation, enterprise_id, site_id,
                                        town_code, branch_id, party_status, is_mobile_party_member, registered_on,
                                        joined_on, left_on) values
        ('W1', '王小明', '男', 1990, '13812345678', '快递员', 'E1', 'S1', 'T1', 'B1', '中共党员', true,
         '2025-05-01', '2025-03-31', null),
        ('W2', '李四', '男', 1995, null, '外卖骑手', 'E2', null, 'T1', null, '群众', false, null, '2026-01-01', '2026-03-10'),
        ('W3', '张三丰', '女', 2003, '13900001111', '外卖骑手', 'E1', 'S2', 'T2', null, '群众', false, null,
         '2026-03-05', null),
        ('W4', '赵五', '男', 1988, null, '快递员', 'E1', null, 'T1', null, '群众', false, null, '2026-02-01', '2026-02-15'),
        ('W5', '钱六', '男', 1980, null, '快递员', 'E1', null, 'T2', null, '群众', false, null, '2024-03-31', '2026-03-31')
    """)
    con.execute("""insert into worker_roles values
        ('W1', '网格信息员', '2026-01-10', null), ('W1', '文明宣传员', '2026-02-01', null),
        ('W3', '爱心接力员', '2026-03-20', null), ('W2', '应急辅助员', '2026-01-05', '2026-03-10')""")
    con.execute("""insert into reports (report_id, reporter_id, category, town_code, reported_at, status) values
        ('R1', 'W1', '安全隐患', 'T1', '2026-03-15 10:00', '待受理'),
        ('R2', 'W3', '其他', 'T2', '2026-03-01 23:59', '待受理')""")  # one minute before W3's 30-day window
    con.execute("""insert into activities (activity_id, kind, held_on, town_code, branch_id) values
        ('A1', '文明引导', '2026-02-20', 'T2', null), ('A2', '送药送餐', '2026-03-12', 'T1', null),
        ('A3', '理论学习', '2026-03-05', 'T1', 'B1'), ('A4', '议事协商', '2026-01-10', 'T1', 'B1')""")
    con.execute("""insert into activity_participants values
        ('A1', 'W3', 2), ('A2', 'W1', 3), ('A2', 'W2', 1.5), ('A3', 'W1', 1)""")
    con.execute("""insert into merchants (merchant_id, name, town_code, offers, joined_on) values
        ('M1', '甲面馆', 'T1', ['午餐', '修车'], '2025-01-01'), ('M2', '乙车行', 'T2', ['修车'], '2026-04-01')""")
    con.execute("""insert into points_ledger (entry_id, worker_id, occurred_at, delta, reason, merchant_id, item) values
        ('P1', 'W1', '2026-02-01 09:00', 10, '问题上报办结', null, null),
        ('P2', 'W1', '2026-03-03 12:00', -5, '积分兑换', 'M1', '午餐'),
        ('P3', 'W1', '2026-03-15 09:00', 4, '参加志愿活动', null, null),
        ('P4', 'W3', '2026-03-10 09:00', 2, '参加志愿活动', null, null),
        ('P5', 'W3', '2026-03-20 12:00', -5, '积分兑换', 'M1', '修车'),
        ('P6', 'W3', '2026-03-25 09:00', 6, '参加志愿活动', null, null),
        ('P7', 'W2', '2026-04-02 09:00', 1, '参加志愿活动', null, null),
        ('P8', 'W5', '2026-01-05 12:00', -2, '积分兑换', 'M1', '午餐')""")
    return con


# --- registry ----------------------------------------------------------------------------------


def test_registry_summary_counts_turnover_and_tenure(small):
    s = people.registry_summary(small, MARCH)
    assert (s["active"], s["active_before"], s["joined"], s["left_"], s["net"]) == (2, 3, 1, 2, -1)
    assert s["turnover"] == pytest.approx(2 / 2.5)  # leavers / mean of headcount before and at the end
    assert s["tenure_days"] == pytest.approx((365 + 26) / 2)  # W1 365 days, W3 26 days
    assert s["leaver_tenure_days"] == pytest.approx((68 + 730) / 2)  # W2 68 days, W5 730 days
    assert s["registered_share"] == pytest.approx(0.5)


def test_registry_summary_on_an_empty_database_has_no_rates(empty_con):
    s = people.registry_summary(empty_con, MARCH)
    assert s["active"] == 0 and s["turnover"] is None and s["tenure_days"] is None


def test_active_by_town_occupation_gender_and_age(small):
    assert dict(people.active_by(small, MARCH, "town").values) == {"甲镇": 1, "乙镇": 1}
    assert dict(people.active_by(small, MARCH, "occupation").values) == {"快递员": 1, "外卖骑手": 1}
    assert dict(people.active_by(small, MARCH, "gender").values) == {"男": 1, "女": 1}
    ages = dict(people.age_bands(small, MARCH).values)
    assert ages[LP.AGE_BAND_LABELS[0]] == 1 and ages[LP.AGE_BAND_LABELS[2]] == 1 and LP.UNKNOWN not in ages


def test_monthly_flows_reconcile_with_the_headcount(small):
    df = people.monthly_flows(small, MARCH)
    assert len(df) == people.TREND_MONTHS and str(df["month"].iloc[0])[:10] == "2025-04-01"
    feb, mar = df.iloc[-2], df.iloc[-1]
    assert (feb["joined"], feb["left_"], feb["active_end"]) == (1, 1, 3)
    assert (mar["joined"], mar["left_"], mar["net"], mar["active_end"]) == (1, 2, -1, 2)
    assert (df["active_end"].diff().dropna() == df["net"].iloc[1:]).all()


def test_enterprise_and_site_coverage_compare_registered_with_declared(small):
    ent = people.enterprise_coverage(small, MARCH).set_index("enterprise")
    assert list(ent.index) == ["某快递"]  # 某外卖 has neither sites nor anyone registered now
    assert ent.loc["某快递", ["sites", "registered", "declared"]].tolist() == [2, 2, 10]
    assert ent.loc["某快递", "coverage"] == pytest.approx(0.2)
    sites = people.site_coverage(small, MARCH)
    assert sites["site_name"].tolist() == ["乙站", "甲站"]  # lowest coverage first
    assert sites["coverage"].tolist() == pytest.approx([1 / 6, 1 / 4])
    narrowed = people.site_coverage(small, Filters(D(2026, 3, 1), D(2026, 3, 31), towns=("T1",)))
    assert narrowed["site_name"].tolist() == ["甲站"]


# --- party -------------------------------------------------------------------------------------


def test_party_summary_and_branch_table(small):
    assert people_party.party_summary(small, MARCH) == {"party_members": 1, "mobile_members": 1, "branches": 1,
                                                  "study": 1, "consult": 0}
    b = people_party.branch_table(small, MARCH)
    assert b["branch"].tolist() == ["甲街区党支部"]  # 乙 is founded after the period
    row = b.iloc[0]
    assert (row["secretary_new"], row["group_size"], row["party_members"], row["study"], row["consult"]) == \
        (True, 1, 1, 1, 0)
    towns = people_party.party_by_town(small, MARCH).set_index("town")
    assert towns.loc["甲镇", "mobile_members"] == 1 and towns.loc["乙镇", "party_members"] == 0


# --- the four roles ------------------------------------------------------------------------------


def test_people_and_role_holdings_are_counted_separately(small):
    s = role_oracle.roles_summary(small, MARCH)
    assert (s["people"], s["holdings"]) == (2, 3)  # W1 holds two roles, W3 one; W2 has left
    assert s["people"] == common.role_members(small, MARCH)


def test_active_share_uses_the_last_30_days(small):
    s = role_oracle.roles_summary(small, MARCH)
    # W1 reported on 03-15; W3 reported at 03-01 23:59 and took part on 02-20: both before 03-02
    assert s["active_people"] == 1 and s["active_share"] == pytest.approx(0.5)
    by_role = role_oracle.roles_by_role(small, MARCH).set_index("role")
    assert by_role.loc["网格信息员", ["holders", "active"]].tolist() == [1, 1]
    assert by_role.loc["爱心接力员", ["holders", "active"]].tolist() == [1, 0]
    assert by_role.loc["应急辅助员", "holders"] == 0
    later = role_oracle.roles_summary(small, Filters(D(2026, 2, 1), D(2026, 2, 28)))
    assert (later["people"], later["active_people"]) == (2, 0)  # W1, W2 hold roles; W3 (active) did not yet


def test_roles_by_town_and_growth(small):
    by_town = role_oracle.role_people_by_town(small, MARCH).set_index("town")
    assert by_town.loc["甲镇", ["people", "holdings"]].tolist() == [1, 2]
    assert role_oracle.roles_by_town(small, MARCH)["holdings"].sum() == 3
    growth = role_oracle.role_growth(small, MARCH).set_index(role_oracle.role_growth(small, MARCH)["month"].astype(str).str[:7])
    assert growth.loc["2026-01", ["people", "holdings"]].tolist() == [2, 2]
    assert growth.loc["2026-03", ["people", "holdings"]].tolist() == [2, 3]


def test_role_filter_narrows_roles_volunteering_and_the_list(small):
    f = Filters(D(2026, 3, 1), D(2026, 3, 31), roles=("爱心接力员",))
    assert role_oracle.roles_summary(small, f)["people"] == 1
    assert people.worker_table(small, f)["worker_id"].tolist() == ["W3"]
    assert people_roles.volunteer_summary(small, f)["participations"] == 0
    grid = Filters(D(2026, 3, 1), D(2026, 3, 31), roles=("网格信息员",))
    assert people_roles.volunteer_summary(small, grid) == {"participations": 1, "hours": 3.0, "volunteers": 1}


def test_volunteer_participations_and_hours(small):
    assert people_roles.volunteer_summary(small, MARCH) == {"participations": 2, "hours": 4.5, "volunteers": 2}
    monthly = people_roles.volunteer_monthly(small, MARCH)
    assert set(monthly["kind"]) == {"文明引导", "送药送餐"}  # party activities are not volunteering
    assert monthly["hours"].sum() == pytest.approx(6.5)


# --- points --------------------------------------------------------------------------------------


def test_points_summary_balance_and_merchants(small):
    s = people_points.points_summary(small, MARCH)
    assert (s["earned"], s["redeemed"]) == (12, 10)
    assert s["outstanding"] == 9 + 3 - 2  # W1 9, W3 3, W5 -2; W2's April entry is after the period
    assert (s["merchants"], s["merchants_used"]) == (1, 1)  # M2 joins in April
    assert (s["negative_now"], s["negative_ever"]) == (1, 2)


def test_negative_balances_are_flagged_even_when_repaid(small):
    df = rights.call(people_points.negative_balances, small, MARCH, DISTRICT).set_index("worker_id")
    assert list(df.index) == ["W3", "W5"]
    assert df.loc["W3", ["lowest_balance", "balance"]].tolist() == [-3, 3]
    assert str(df.loc["W3", "first_negative_at"]) == "2026-03-20 12:00:00"
    assert df.loc["W3", "name"] == "张*"


def test_points_by_month_item_merchant_and_top_earners(small):
    monthly = people_points.points_monthly(small, MARCH)
    march = monthly[monthly["month"].astype(str).str[:7] == "2026-03"].set_index("reason")["points"]
    assert march["参加志愿活动"] == 12 and march["积分兑换"] == -10
    items = people_points.redeemed_by_item_month(small, MARCH)
    assert items["points"].sum() == 12  # 午餐 5 + 2 (January), 修车 5
    m = people_points.redeemed_by_merchant(small, MARCH)
    assert m[["merchant", "times", "points", "items"]].values.tolist() == [["甲面馆", 2, 10, "修车、午餐"]]
    top = rights.call(people_points.top_earners, small, MARCH, DISTRICT)
    assert top[["worker_id", "name", "earned"]].values.tolist() == [["W3", "张*", 8], ["W1", "王*", 4]]


# --- the worker list -----------------------------------------------------------------------------


def test_worker_table_masks_phones_and_filters_by_party_and_activity(small):
    df = rights.call(people.worker_table, small, MARCH, DISTRICT).set_index("worker_id")
    assert list(df.index) == ["W3", "W1"]  # by town name, then id
    assert df.loc["W1", "phone"] == "138****5678" and "12345678" not in " ".join(df["phone"])
    assert df.loc["W1", "roles"] == "文明宣传员、网格信息员"
    assert (df.loc["W1", "active"], df.loc["W3", "active"]) == (True, False)
    assert people.worker_table(small, MARCH, party=("中共党员",))["worker_id"].tolist() == ["W1"]
    assert people.worker_table(small, MARCH, active=False)["worker_id"].tolist() == ["W3"]


def test_trend_start_covers_a_year_or_the_whole_period():
    assert people.trend_start(MARCH) == D(2025, 4, 1)
    assert people.trend_start(Filters(D(2024, 1, 15), D(2026, 3, 31))) == D(2024, 1, 1)


# --- the calibrated demo -----------------------------------------------------------------------


def test_demo_people_figures_match_the_article(ref_con):
    f = Filters(D(2026, 2, 19), D(2026, 3, 18))
    assert people.registry_summary(ref_con, f)["active"] >= 4000
    party = people_party.party_summary(ref_con, f)
    assert party["mobile_members"] == 176 and party["branches"] == 50
    roles = role_oracle.roles_summary(ref_con, f)
    assert 760 <= roles["people"] <= 799 and roles["holdings"] > roles["people"]
    assert people_points.points_summary(ref_con, f)["negative_ever"] == 0


# --- the page ----------------------------------------------------------------------------------


def run_page(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    login_apptest(at.run())
    return at.switch_page("pages/people.py").run()


def open_tab(at: AppTest, label: str) -> AppTest:
    """Only the open tab runs (lazy tabs): open another one as a click does, ?people_tab=<label>."""
    at.query_params["people_tab"] = label  # the URL a click writes,
    at.session_state["people_tab"] = label  # and the tab state it sets (AppTest keeps it across runs)
    return at.run()


def test_people_page_shows_every_section(app_env_read_only):
    at = run_page()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.tabs] == list(LP.PEOPLE_TABS)
    labels, n_charts, n_frames = [], 0, 0
    for tab in LP.PEOPLE_TABS:
        at = open_tab(at, tab)
        assert not at.exception, (tab, [e.message for e in at.exception])
        labels += [m.label for m in at.metric]
        n_charts += len(at.get("plotly_chart"))
        n_frames += len(at.dataframe)
    for label in (LP.PEOPLE_ACTIVE, LP.PEOPLE_MOBILE_MEMBERS, LP.PEOPLE_ROLE_PEOPLE, LP.PEOPLE_ROLE_HOLDINGS,
                  LP.PEOPLE_POINTS_OUTSTANDING):
        assert label in labels
    assert n_charts >= 10
    assert n_frames >= 5


def test_people_page_role_filter_from_the_url(app_env_read_only):
    at = run_page({"role": "爱心接力员", "town": "310120111", "people_tab": LP.PEOPLE_TABS[2]})
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="fx_w_roles").value == ["爱心接力员"]
    people_metric = next(m for m in at.metric if m.label == LP.PEOPLE_ROLE_PEOPLE)
    holdings_metric = next(m for m in at.metric if m.label == LP.PEOPLE_ROLE_HOLDINGS)
    assert people_metric.value.split()[0] == holdings_metric.value.split()[0]  # one role: people = holdings


def test_people_page_says_no_data_instead_of_empty_charts(app_env_read_only):
    at = run_page({"from": "2023-01-01", "to": "2023-01-31"})
    assert not at.exception, [e.message for e in at.exception]
    assert any(LC.NO_DATA in i.value for i in at.info)
    for tab in LP.PEOPLE_TABS:
        assert not open_tab(at, tab).get("plotly_chart"), tab
