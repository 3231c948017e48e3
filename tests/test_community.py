"""关爱与平安: care coverage, overdue visits, adoption rate and fraud figures, on hand-made data with
known answers and on the calibrated demo; the page itself under AppTest."""

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import community as LCM
from fxdash.labels import vocab as V
from fxdash.queries import community, community_fraud, community_places, community_suggestions
from tests.auth import login_apptest
from tests.conftest import REF_DATE, ROOT

D = dt.date
MARCH = Filters(D(2026, 3, 1), D(2026, 3, 31))


@pytest.fixture
def people(empty_con):
    """Two towns, two workers with different occupations."""
    con = empty_con
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10), ('T2', '乙镇', '镇', 30.8, 121.4, 10)")
    con.execute("""insert into workers (worker_id, name, occupation, town_code, joined_on) values
        ('W1', '张一', '快递员', 'T1', '2025-01-01'), ('W2', '李二', '外卖骑手', 'T2', '2025-01-01')""")
    return con


@pytest.fixture
def care(people):
    """Four communities and eight pairs whose answers at 2026-03-31 are worked out by hand:

    P1 last visited exactly 14 days before the end (not overdue); P2 15 days (overdue; a visit after
    the end does not count); P3 never visited since 02-01 (overdue, 58 days; same elder as P2);
    P4 ended on 03-20 (never listed); P5 elder aged 70, paired 6 days ago; P6 starts on the end day;
    P7, P8 pair two elders in a community that reports only one (coverage capped at 100%).
    """
    con = people
    con.execute("""insert into communities (community_id, town_code, name, elderly_80_alone) values
        ('C1', 'T1', '一村', 10), ('C2', 'T2', '二村', 3), ('C3', 'T1', '三村', 0), ('C4', 'T2', '四村', 1)""")
    con.execute("""insert into care_pairs values
        ('P1', 'W1', 'C1', 'E1', 85, '2026-01-01', null),
        ('P2', 'W1', 'C1', 'E2', 82, '2026-01-01', null),
        ('P3', 'W2', 'C1', 'E2', 82, '2026-02-01', null),
        ('P4', 'W2', 'C1', 'E3', 90, '2026-01-01', '2026-03-20'),
        ('P5', 'W1', 'C2', 'E4', 70, '2026-03-25', null),
        ('P6', 'W2', 'C2', 'E5', 88, '2026-03-31', null),
        ('P7', 'W1', 'C4', 'E6', 81, '2026-01-01', null),
        ('P8', 'W1', 'C4', 'E7', 80, '2026-01-01', null)""")
    con.execute("""insert into care_visits values
        ('V1', 'P1', '2026-03-17', ['代购', '燃气检查']),
        ('V2', 'P2', '2026-03-16', ['送药']),
        ('V3', 'P2', '2026-04-05', ['送药']),
        ('V4', 'P7', '2026-03-30', ['陪伴聊天']),
        ('V5', 'P8', '2026-03-30', ['代购']),
        ('V6', 'P1', '2026-02-10', ['代购'])""")
    return con


def test_coverage_gap_counts_distinct_elders_aged_80_paired_at_the_period_end(care):
    df = community.coverage_by_community(care, MARCH)
    assert df["community"].tolist() == ["一村", "二村", "四村", "三村"]  # worst gap first
    rows = df.set_index("community_id")
    # C1: E1 and E2 (E2 twice) are paired at the end; E3's pair ended on 03-20
    assert rows.loc["C1", ["paired_80", "gap", "pairs_in_period"]].tolist() == [2, 8, 4]
    assert rows.loc["C1", "coverage_pct"] == 20.0
    # C2: the elder aged 70 is not in the 80+ count; the pair starting on the end day is
    assert rows.loc["C2", ["paired_80", "gap"]].tolist() == [1, 2]
    assert rows.loc["C2", "coverage_pct"] == 33.3
    # C4: more paired than reported: no negative gap, coverage capped
    assert rows.loc["C4", ["paired_80", "gap", "coverage_pct"]].tolist() == [2, 0, 100.0]
    # C3: nobody to pair: coverage undefined rather than 0% or a division error
    assert rows.loc["C3", "gap"] == 0 and rows["coverage_pct"].isna()["C3"]


def test_coverage_follows_the_town_and_volunteer_filters(care):
    assert community.coverage_by_community(care, Filters(MARCH.date_from, MARCH.date_to, towns=("T2",)))[
        "community_id"].tolist() == ["C2", "C4"]
    riders = community.coverage_by_community(care, Filters(MARCH.date_from, MARCH.date_to, occupations=("外卖骑手",)))
    assert riders.set_index("community_id").loc["C1", "paired_80"] == 1  # only P3 (E2)


def test_overdue_pairs_are_more_than_14_days_without_a_visit_at_the_period_end(care):
    df = community.overdue_pairs(care, MARCH)
    assert df["pair_id"].tolist() == ["P3", "P2"]
    rows = df.set_index("pair_id")
    assert rows.loc["P3", "days_since"] == 58 and rows.loc["P3", "visits"] == 0
    assert rows["last_visit"].isna()["P3"]  # never visited: counted from the pairing date
    assert rows.loc["P2", "days_since"] == 15 and str(rows.loc["P2", "last_visit"])[:10] == "2026-03-16"


def test_overdue_edge_cases_exactly_14_days_ended_pairs_and_new_pairs_are_not_listed(care):
    listed = set(community.overdue_pairs(care, MARCH)["pair_id"])
    assert "P1" not in listed  # exactly 14 days
    assert "P4" not in listed  # ended before the period end, never visited
    assert "P5" not in listed and "P6" not in listed  # paired recently, not visited yet
    # one day later P1 is overdue too, and the visit after the end still does not count for P2
    later = community.overdue_pairs(care, Filters(D(2026, 3, 1), D(2026, 4, 1)))
    assert "P1" in set(later["pair_id"])


def test_overdue_pairs_follow_the_volunteer_filter(care):
    f = Filters(MARCH.date_from, MARCH.date_to, occupations=("外卖骑手",))
    assert community.overdue_pairs(care, f)["pair_id"].tolist() == ["P3"]


def test_visits_per_pair_per_month_and_tasks(care):
    df = community.visits_by_month(care, Filters(D(2026, 2, 1), D(2026, 3, 31)))
    assert [str(m)[:7] for m in df["month"]] == ["2026-02", "2026-03"]
    assert df["visits"].tolist() == [1, 4]
    assert df["active_pairs"].tolist() == [6, 8]  # February: P1-P4, P7, P8; March: all eight
    assert df["days"].tolist() == [28, 31]
    assert df["visits_per_pair"].tolist() == [0.18, 0.48]  # 1/6 and 4/8 visits, scaled to 30 days
    tasks = community.visit_tasks(care, MARCH).set_index("task")["visits"].to_dict()
    assert tasks == {"代购": 2, "燃气检查": 1, "送药": 1, "陪伴聊天": 1}


def test_pairs_by_town_counts_period_and_end(care):
    df = community.pairs_by_town(care, MARCH).set_index("town")
    assert df.loc["甲镇", ["pairs_in_period", "pairs_at_end"]].tolist() == [4, 3]
    assert df.loc["乙镇", ["pairs_in_period", "pairs_at_end"]].tolist() == [4, 4]


# --- suggestions -------------------------------------------------------------------------------------


@pytest.fixture
def suggestions(people):
    people.execute("""insert into suggestions values
        ('S1', 'W1', '2026-03-01', '新就业群体服务', '延长食堂时间', '已答复', true, '2026-03-11', '午餐延长至14点'),
        ('S2', 'W2', '2026-03-02', '交通出行', '增设临时停车区', '已答复', false, '2026-03-22', null),
        ('S3', 'W2', '2026-03-05', '公共服务', '增设饮水点', '办理中', false, null, null),
        ('S4', 'W1', '2026-02-20', '社区治理', '更早的一条', '已答复', true, '2026-02-25', '已落实')""")
    return people


def test_adoption_rate_is_adopted_over_answered(suggestions):
    s = community_suggestions.suggestion_summary(suggestions, MARCH)
    assert (s["submitted"], s["answered"], s["adopted"], s["adoption_pct"]) == (3, 2, 1, 50.0)
    assert s["median_days"] == 15.0 and s["mean_days"] == 15.0  # 10 and 20 days


def test_adoption_rate_is_undefined_when_nothing_is_answered(suggestions):
    only_pending = community_suggestions.suggestion_summary(suggestions, Filters(D(2026, 3, 5), D(2026, 3, 5)))
    assert only_pending["submitted"] == 1 and only_pending["adoption_pct"] is None
    nothing = community_suggestions.suggestion_summary(suggestions, Filters(D(2025, 1, 1), D(2025, 1, 31)))
    assert nothing["submitted"] == 0 and nothing["adoption_pct"] is None and nothing["median_days"] is None


def test_suggestions_follow_the_submitters_town_and_list_adopted_first(suggestions):
    t2 = community_suggestions.suggestion_summary(suggestions, Filters(MARCH.date_from, MARCH.date_to, towns=("T2",)))
    assert (t2["submitted"], t2["adoption_pct"]) == (2, 0.0)
    listed = community_suggestions.suggestion_list(suggestions, MARCH)
    assert listed["suggestion_id"].tolist() == ["S1", "S2", "S3"]  # adopted, then latest answered, pending
    assert community_suggestions.suggestion_list(suggestions, MARCH, adopted_only=True)["suggestion_id"].tolist() == ["S1"]
    assert listed.loc[0, "outcome"] == "午餐延长至14点"


# --- fraud -------------------------------------------------------------------------------------------


@pytest.fixture
def fraud(people):
    people.execute("""insert into worker_roles values
        ('W1', '网格信息员', '2025-01-01', null), ('W1', '文明宣传员', '2025-01-01', '2026-03-10'),
        ('W2', '爱心接力员', '2026-03-20', null)""")
    people.execute("""insert into fraud_interceptions (case_id, worker_id, town_code, occurred_on, amount_yuan) values
        ('F1', 'W1', 'T1', '2026-02-15', 100000), ('F2', 'W1', 'T1', '2026-03-15', 50000),
        ('F3', 'W2', 'T2', '2026-03-18', 20000), ('F4', 'W2', 'T2', '2026-04-02', 7000)""")
    return people


def test_fraud_totals_split_period_and_cumulative(fraud):
    assert community_fraud.fraud_totals(fraud, MARCH) == {"cases": 2, "amount": 70000.0, "cases_total": 3,
                                            "amount_total": 170000.0}
    months = community_fraud.fraud_by_month(fraud, MARCH)
    assert months["cumulative_amount"].tolist() == [170000.0]


def test_fraud_roles_are_the_ones_held_on_the_day(fraud):
    df = community_fraud.fraud_by_role(fraud, MARCH).set_index("role")["cases"].to_dict()
    # F2: W1's 文明宣传员 ended 03-10; F3: W2 became 爱心接力员 only on 03-20
    assert df == {"网格信息员": 1, "文明宣传员": 0, "爱心接力员": 0, "应急辅助员": 0, LCM.FRAUD_NO_ROLE: 1}
    feb = community_fraud.fraud_by_role(fraud, Filters(D(2026, 2, 1), D(2026, 2, 28))).set_index("role")["cases"].to_dict()
    assert feb["网格信息员"] == 1 and feb["文明宣传员"] == 1 and LCM.FRAUD_NO_ROLE not in feb


def test_fraud_total_at_the_article_date_is_the_published_300_wan(ref_con):
    f = Filters(REF_DATE - dt.timedelta(days=27), REF_DATE)
    total = community_fraud.fraud_totals(ref_con, f)["amount_total"]
    in_demo = ref_con.execute("select sum(amount_yuan) from fraud_interceptions").fetchone()[0]
    assert 3_000_000 <= total <= 3_999_999
    assert total == in_demo == 3_268_500
    assert community_fraud.fraud_by_month(ref_con, f)["cumulative_amount"].iloc[-1] == total


# --- on the demo at the article's date -----------------------------------------------------------------


def test_huqiao_reads_true_to_the_article(ref_con):
    p = community.community_profile(ref_con, Filters(REF_DATE - dt.timedelta(days=27), REF_DATE), LCM.HUQIAO)
    assert 3800 <= p["population"] < 3900  # 近3900
    assert round(p["share_60_pct"]) == 35
    assert 200 < p["elderly_80_alone"] < 300  # 200余名
    assert 0 < p["paired_80"] < p["elderly_80_alone"]


def test_the_canteen_suggestion_is_adopted_with_its_outcome(ref_con):
    df = community_suggestions.suggestion_list(ref_con, Filters(D(2025, 10, 1), REF_DATE))
    canteen = df[df["title"].str.contains("社区食堂")]
    assert len(canteen) == 1 and bool(canteen["adopted"].iloc[0])
    assert "下午2点" in canteen["outcome"].iloc[0]


def test_first_batch_has_28_scenes_of_all_six_types(ref_con):
    df = community_places.scenes_by_type(ref_con, Filters(REF_DATE - dt.timedelta(days=27), REF_DATE))
    assert df["scene_type"].tolist() == list(V.SCENE_TYPES)
    assert df["scenes"].sum() == 28 and (df["scenes"] > 0).all()


def test_health_corners_are_at_every_rider_station(ref_con):
    df = community_places.amenity_counts(ref_con, Filters(REF_DATE, REF_DATE)).set_index("amenity")
    assert df.loc["健康科普角", "rider_stations"] == 83
    assert df.loc["法律服务", "stations"] > 0


# --- the page ----------------------------------------------------------------------------------------


def run_page(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    login_apptest(at.run())
    return at.switch_page("pages/community.py").run()


def open_tab(at: AppTest, label: str) -> AppTest:
    """Only the open tab runs (lazy tabs): open another one as a click does, ?community_tab=<label>."""
    at.query_params["community_tab"] = label  # the URL a click writes,
    at.session_state["community_tab"] = label  # and the tab state it sets (AppTest keeps it across runs)
    return at.run()


def test_page_shows_every_section_with_charts_and_a_map(app_env_read_only):
    at = run_page()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.tabs] == list(LCM.COMMUNITY_TABS)
    labels, charts, decks, downloads = [], [], [], 0
    for tab in LCM.COMMUNITY_TABS:
        at = open_tab(at, tab)
        assert not at.exception, (tab, [e.message for e in at.exception])
        labels += [m.label for m in at.metric]
        charts += at.get("plotly_chart")
        decks += at.get("deck_gl_json_chart")
        downloads += len(at.get("download_button"))
    assert LCM.FRAUD_KPI_TOTAL in labels and LCM.SUGGEST_KPI_ADOPTION in labels
    assert len(charts) >= 8
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "") for c in charts]
    assert LCM.FRAUD_ROLE_TITLE in titles
    assert len(decks) == 1
    spec = json.loads(decks[0].proto.json)
    assert "mapProvider" not in spec or spec.get("mapProvider") in (None, "")
    assert downloads >= 10


def test_page_with_a_town_without_data_says_so_instead_of_empty_charts(app_env_read_only):
    at = run_page({"from": "2026-11-20", "to": "2026-11-27", "town": "310120111"})
    text = ""
    for tab in LCM.COMMUNITY_TABS:
        at = open_tab(at, tab)
        assert not at.exception, (tab, [e.message for e in at.exception])
        text += " ".join(str(el.value) for el in at.caption) + " ".join(str(el.value) for el in at.info)
    assert LC.NO_DATA in text
