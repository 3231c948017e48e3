"""Overview queries on hand-made data with known answers, and on the calibrated demo."""

import datetime as dt

import pytest

from fxdash import metrics
from fxdash.filters import Filters
from fxdash.queries import common, overview

D = dt.date


@pytest.fixture
def small(empty_con):
    """Two towns, three workers, two stations, four reports."""
    con = empty_con
    con.execute("""insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10), ('T2', '乙镇', '镇', 30.8, 121.4, 10)""")
    con.execute("insert into enterprises values ('E1', '某快递', '快递', null), ('E2', '某外卖', '外卖', null)")
    con.execute("""insert into workers (worker_id, name, occupation, enterprise_id, town_code, joined_on, left_on) values
        ('W1', '甲', '快递员', 'E1', 'T1', '2026-01-01', null),
        ('W2', '乙', '外卖骑手', 'E2', 'T1', '2026-01-01', '2026-03-10'),
        ('W3', '丙', '外卖骑手', 'E2', 'T2', '2026-03-05', null)""")
    con.execute("""insert into worker_roles values ('W1', '网格信息员', '2026-01-10', null),
        ('W1', '文明宣传员', '2026-02-01', null), ('W2', '爱心接力员', '2026-01-10', '2026-03-10')""")
    con.execute("""insert into stations (station_id, kind, host_type, name, town_code, lat, lon, opened_on) values
        ('S1', '骑手驿站', '党群服务站', '一号站', 'T1', 30.9, 121.5, '2026-01-01'),
        ('S2', '服务点位', '银行网点', '二号点', 'T2', 30.8, 121.4, '2026-03-15')""")
    con.execute("""insert into reports (report_id, reporter_id, category, town_code, reported_at, status, resolved_at) values
        ('R1', 'W1', '安全隐患', 'T1', '2026-03-02 10:00', '已办结', '2026-03-03 10:00'),
        ('R2', 'W1', '乱堆乱放', 'T1', '2026-03-18 23:59', '待受理', null),
        ('R3', 'W3', '占道停车', 'T2', '2026-03-19 00:00', '处置中', null),
        ('R4', 'W2', '其他', 'T1', '2026-02-20 09:00', '已办结', '2026-02-21 09:00')""")
    return con


def test_active_workers_counts_those_registered_at_period_end(small):
    f = Filters(D(2026, 3, 1), D(2026, 3, 18))
    assert overview.active_workers(small, f) == 2  # W2 left on 03-10
    assert overview.active_workers(small, f.previous()) == 2  # W1, W2 on 02-28; W3 not yet


def test_worker_filters_apply_by_town_and_occupation(small):
    assert overview.active_workers(small, Filters(D(2026, 3, 1), D(2026, 3, 18), towns=("T2",))) == 1
    assert overview.active_workers(small, Filters(D(2026, 3, 1), D(2026, 3, 18), occupations=("快递员",))) == 1


def test_role_members_count_people_not_role_holdings(small):
    f = Filters(D(2026, 3, 1), D(2026, 3, 18))
    assert common.role_members(small, f) == 1  # W1 holds two roles; W2 has left
    assert common.role_members(small, f.previous()) == 2


def test_reports_in_period_include_the_last_minute_and_exclude_the_next_day(small):
    assert overview.reports_in_period(small, Filters(D(2026, 3, 1), D(2026, 3, 18))) == (2, 1)


def test_station_counts_use_the_opening_date(small):
    f = Filters(D(2026, 3, 1), D(2026, 3, 14))
    assert overview.stations_open(small, f, "服务点位") == 0
    assert overview.stations_open(small, f.with_period(D(2026, 3, 1), D(2026, 3, 15)), "服务点位") == 1


def test_headline_reports_value_previous_and_change(small):
    df = metrics.headline(small, Filters(D(2026, 3, 1), D(2026, 3, 18))).set_index("key")
    assert df.loc["active_workers", ["value", "previous", "delta"]].tolist() == [2, 2, 0]
    assert df.loc["reports", ["value", "previous", "delta"]].tolist() == [2, 1, 1]
    assert df["label"].str.len().min() > 0


def test_weekly_reports_has_every_week_even_empty_ones(small):
    df = overview.weekly_reports(small, Filters(D(2026, 2, 16), D(2026, 3, 22)))
    assert [str(w)[:10] for w in df["week"]] == ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"]
    assert df["new"].tolist() == [1, 0, 1, 0, 2]
    assert df["resolved"].tolist() == [1, 0, 1, 0, 0]


def test_town_summary_lists_every_town(small):
    df = common.town_summary(small, Filters(D(2026, 3, 1), D(2026, 3, 18))).set_index("town_code")
    assert df.loc["T1", "active_workers"] == 1 and df.loc["T2", "active_workers"] == 1
    assert df.loc["T1", "reports"] == 2 and df.loc["T2", "reports"] == 0


def test_headline_on_the_calibrated_demo_shows_the_published_figures(ref_con):
    df = metrics.headline(ref_con, Filters(D(2026, 2, 19), D(2026, 3, 18))).set_index("key")["value"]
    assert df["rider_stations"] == 83 and df["service_points"] == 185
    assert df["scenes"] == 28 and df["branches"] == 50
    assert 760 <= df["role_members"] <= 799
