"""Queries rewritten for cost at scale 100 (issue 17) give exactly the figures of their plain form.

The rewrites: a worker filter as a semi-join on the registry instead of a join (none at all when no
worker filter applies), the registry joined only for the rows a list shows (after picking them),
headcounts from joins and leaves counted per day, per-town rates counted in DuckDB. Each test writes
the plain form out as the reference (the join, or pandas over the raw tables) and compares under
several filter sets: all towns, a town account's scope, towns with an occupation, enterprises over a
narrow period, a role with report categories and statuses.
"""

import datetime as dt

import pandas as pd
import pytest

from fxdash.filters import Filters
from fxdash.queries import common, overview, people, people_points, people_roles, reports, weekly
from tests import role_oracle
from tests.conftest import REF_DATE

D = dt.date
QINGCUN = "310120111"
NANQIAO = "310120102"
START = D(2026, 1, 1)

FILTER_SETS = {
    "all": Filters(START, REF_DATE),
    "town scope": Filters(START, REF_DATE, scope=(QINGCUN,)),
    "towns and occupation": Filters(START, REF_DATE, towns=(QINGCUN, NANQIAO), occupations=("外卖骑手",)),
    "enterprises, narrow": Filters(REF_DATE - dt.timedelta(days=6), REF_DATE, enterprises=("E001", "E002", "E005")),
    "role, categories, statuses": Filters(START, REF_DATE, roles=("网格信息员",), categories=("乱堆乱放", "安全隐患"),
                                          statuses=("已办结", "处置中")),
}
SETS = pytest.mark.parametrize("name", list(FILTER_SETS))


def ids(con, sql: str, params) -> list[str]:
    return sorted(row[0] for row in con.execute(sql, params).fetchall())


@SETS
def test_report_filters_select_the_reports_the_join_with_their_reporters_did(ref_con, name):
    f = FILTER_SETS[name]
    cond, params = common.report_where(f)
    got = ids(ref_con, f"select r.report_id from reports r where {cond}", params)
    joined, jparams = f.where(timestamp="r.reported_at", town="r.town_code", category="r.category", status="r.status",
                              occupation="w.occupation", enterprise="w.enterprise_id")
    want = ids(ref_con, f"select r.report_id from reports r left join workers w on w.worker_id = r.reporter_id "
                        f"where {joined}", jparams)
    assert got == want and got


# (table, its worker id column, its key): every table a worker filter reaches through worker_in
WORKER_TABLES = (("points_ledger", "entry_id"), ("activity_participants", "activity_id || '/' || x.worker_id"),
                 ("worker_roles", "x.worker_id || x.role || x.since"), ("care_pairs", "pair_id"),
                 ("suggestions", "suggestion_id"))


@SETS
@pytest.mark.parametrize("town", [True, False], ids=["worker's town", "town elsewhere"])
def test_worker_filters_keep_the_rows_the_join_with_the_registry_kept(ref_con, name, town):
    f = FILTER_SETS[name]
    for table, key in WORKER_TABLES:
        cond, params = common.worker_in(f, "x.worker_id", town=town)
        got = ids(ref_con, f"select {key} from {table} x where {cond}", params)
        wcond, wparams = common.worker_where(f, town=town)
        want = ids(ref_con, f"select {key} from {table} x join workers w on w.worker_id = x.worker_id where {wcond}",
                   wparams)
        assert got == want and got, table


def test_a_report_without_a_reporter_is_dropped_by_a_worker_filter_only(empty_con):
    con = empty_con
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10)")
    con.execute("""insert into workers (worker_id, name, occupation, town_code, joined_on) values
        ('W1', '甲', '快递员', 'T1', '2025-01-01'), ('W2', '乙', '外卖骑手', 'T1', '2025-01-01')""")
    con.execute("""insert into reports (report_id, reporter_id, category, town_code, reported_at, status) values
        ('R1', 'W1', '其他', 'T1', '2026-03-02 10:00', '待受理'), ('R2', null, '其他', 'T1', '2026-03-03 10:00', '待受理'),
        ('R3', 'W2', '其他', 'T1', '2026-03-04 10:00', '待受理')""")
    march = Filters(D(2026, 3, 1), D(2026, 3, 31))
    assert overview.reports_in_period(con, march) == (3, 3)
    assert overview.reports_in_period(con, Filters(march.date_from, march.date_to, occupations=("快递员",))) == (1, 1)


@pytest.fixture
def ledger(empty_con):
    """Six workers' points: one goes below zero and recovers, one ends below zero, one redeems exactly
    what it had, one only earns, one redeems more than it had earned before but never goes below, one
    earns and redeems in the same minute (earned first); one of them registered in another town."""
    con = empty_con
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10), ('T2', '乙镇', '镇', 30.8, 121.4, 10)")
    con.execute("""insert into workers (worker_id, name, occupation, town_code, joined_on) values
        ('W1', '王小明', '快递员', 'T1', '2025-01-01'), ('W2', '李四', '外卖骑手', 'T1', '2025-01-01'),
        ('W3', '张三', '快递员', 'T2', '2025-01-01'), ('W4', '赵五', '快递员', 'T1', '2025-01-01'),
        ('W5', '钱六', '快递员', 'T1', '2025-01-01'), ('W6', '孙七', '快递员', 'T1', '2025-01-01')""")
    con.execute("""insert into points_ledger (entry_id, worker_id, occurred_at, delta, reason) values
        ('P1', 'W1', '2026-03-01 09:00', 3, '参加志愿活动'), ('P2', 'W1', '2026-03-02 09:00', -5, '积分兑换'),
        ('P3', 'W1', '2026-03-05 09:00', 10, '参加志愿活动'),
        ('P4', 'W2', '2026-03-01 09:00', -1, '积分兑换'), ('P5', 'W2', '2026-03-09 09:00', -2, '积分兑换'),
        ('P6', 'W3', '2026-03-01 09:00', 8, '参加志愿活动'), ('P7', 'W3', '2026-03-02 09:00', -8, '积分兑换'),
        ('P8', 'W4', '2026-03-01 09:00', 4, '参加志愿活动'), ('P9', 'W4', '2026-03-20 09:00', 6, '参加志愿活动'),
        ('P10', 'W2', '2026-04-02 09:00', 9, '参加志愿活动'),
        ('P11', 'W5', '2026-03-01 09:00', 5, '参加志愿活动'), ('P12', 'W5', '2026-03-02 09:00', -3, '积分兑换'),
        ('P13', 'W5', '2026-03-03 09:00', 10, '参加志愿活动'), ('P14', 'W5', '2026-03-04 09:00', -10, '积分兑换'),
        ('P20', 'W6', '2026-03-06 09:00', 5, '参加志愿活动'), ('P21', 'W6', '2026-03-06 09:00', -5, '积分兑换')""")
    return con


def running_balances(con, f: Filters) -> pd.DataFrame:
    """negative_balances the plain way: every worker's running balance in pandas."""
    end = dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())
    df = con.execute("select p.*, w.name, w.town_code from points_ledger p join workers w using (worker_id) "
                     "where p.occurred_at < ?", [end]).df()
    if f.towns:
        df = df[df["town_code"].isin(f.towns)]
    df = df.sort_values(["worker_id", "occurred_at", "entry_id"])
    df["balance"] = df.groupby("worker_id")["delta"].cumsum()
    rows = []
    for worker, g in df.groupby("worker_id"):
        if g["balance"].min() < 0:
            rows.append({"worker_id": worker, "name": g["name"].iloc[0],
                         "first_negative_at": g.loc[g["balance"] < 0, "occurred_at"].min(),
                         "lowest_balance": g["balance"].min(), "balance": g["balance"].iloc[-1]})
    return pd.DataFrame(rows).sort_values(["lowest_balance", "worker_id"]).reset_index(drop=True)


@pytest.mark.parametrize("f", [Filters(D(2026, 3, 1), D(2026, 3, 31)), Filters(D(2026, 3, 1), D(2026, 3, 3)),
                               Filters(D(2026, 3, 1), D(2026, 4, 30), towns=("T1",))], ids=["march", "to 3 march", "T1"])
def test_negative_balances_are_the_running_balances_that_went_below_zero(ledger, f):
    got = people_points.negative_balances(ledger, f)
    want = running_balances(ledger, f)
    assert got["worker_id"].tolist() == want["worker_id"].tolist() and len(got) >= 1
    for col in ("name", "first_negative_at", "lowest_balance", "balance"):
        assert got[col].tolist() == want[col].tolist(), col


def test_negative_balances_of_the_whole_ledger(ledger):
    got = people_points.negative_balances(ledger, Filters(D(2026, 3, 1), D(2026, 4, 30)))
    # W3 and W6 come down to exactly 0 (not below), W4 only earns, W5 stays above 0
    assert got[["worker_id", "lowest_balance", "balance"]].values.tolist() == [["W2", -3, 6], ["W1", -2, 8]]


@SETS
def test_top_earners_are_the_largest_earners_of_the_whole_ledger(ref_con, name):
    f = FILTER_SETS[name]
    got = people_points.top_earners(ref_con, f, n=15)
    end = dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())
    cond, params = common.worker_where(f)
    df = ref_con.execute(f"select p.*, w.name, w.occupation, w.town_code from points_ledger p join workers w "
                         f"using (worker_id) where p.occurred_at < ? and {cond}", [end, *params]).df()
    start = pd.Timestamp(f.date_from)
    df["earned"] = df["delta"].where((df["delta"] > 0) & (df["occurred_at"] >= start), 0)
    per = df.groupby("worker_id").agg(earned=("earned", "sum"), balance=("delta", "sum")).reset_index()
    per = per[per["earned"] > 0].sort_values(["earned", "worker_id"], ascending=[False, True]).head(15)
    assert got["worker_id"].tolist() == per["worker_id"].tolist()
    assert got["earned"].tolist() == per["earned"].tolist() and got["balance"].tolist() == per["balance"].tolist()
    names = dict(ref_con.execute("select worker_id, name from workers").fetchall())
    assert got["name"].tolist() == [names[w] for w in got["worker_id"]]


@SETS
def test_top_reporters_are_the_most_frequent_reporters_with_their_names(ref_con, name):
    f = FILTER_SETS[name]
    got = reports.top_reporters(ref_con, f, limit=12)
    cond, params = common.report_where(f)
    df = ref_con.execute(f"select r.reporter_id, count(*) as reports, sum(r.points_awarded)::bigint as points "
                         f"from reports r where {cond} and r.reporter_id is not null group by 1", params).df()
    df = df.sort_values(["reports", "points", "reporter_id"], ascending=[False, False, True],
                        na_position="last").head(12)
    assert got["reporter_id"].tolist() == df["reporter_id"].tolist() and len(got)
    people_rows = ref_con.execute("select worker_id, name, phone from workers").df().set_index("worker_id")
    assert got["reporter"].tolist() == people_rows.loc[got["reporter_id"], "name"].tolist()
    assert got["reporter_phone"].tolist() == people_rows.loc[got["reporter_id"], "phone"].tolist()


@SETS
def test_reporter_columns_are_the_reporters_own(ref_con, name):
    f = FILTER_SETS[name]
    rows = reports.report_outcomes(ref_con, f)
    who = ref_con.execute("select worker_id, name, phone, occupation from workers").df()
    merged = rows.merge(who, left_on="reporter_id", right_on="worker_id", how="left")
    assert len(rows) and merged["name"].tolist() == rows["reporter_name"].tolist()
    assert merged["phone"].fillna("").tolist() == rows["reporter_phone"].fillna("").tolist()
    assert merged["occupation"].tolist() == rows["reporter_occupation"].tolist()
    overdue = reports.overdue_list(ref_con, f)
    reporter_of = dict(ref_con.execute("select report_id, reporter_id from reports").fetchall())
    names = who.set_index("worker_id")["name"]
    assert overdue["reporter"].tolist() == [names[reporter_of[r]] for r in overdue["report_id"]]
    assert len(overdue) or name != "all"


@SETS
def test_laggard_towns_count_the_per_report_outcomes(ref_con, name):
    f = FILTER_SETS[name]
    monday = D(2026, 3, 9)
    got = weekly.laggard_towns(ref_con, f, monday, n=20, min_decided=1)
    start = monday - dt.timedelta(days=7 * (weekly.LAGGARD_WEEKS - 1))
    rows = reports.report_outcomes(ref_con, f.with_period(start, monday + dt.timedelta(days=6)))
    decided = rows[rows["outcome"].isin(["on_time", "late", "overdue"])]
    per = decided.groupby("town_code")["outcome"].agg(decided="size", on_time=lambda s: int((s == "on_time").sum()))
    names = common.town_names(ref_con)
    want = {names[code]: (int(r.decided), int(r.on_time)) for code, r in per.iterrows()}
    assert {r.town: (r.decided, r.on_time) for r in got.itertuples()} == want and want
    assert got["on_time_rate"].is_monotonic_increasing


@SETS
def test_monthly_flows_are_the_registry_month_by_month(ref_con, name):
    f = FILTER_SETS[name]
    df = people.monthly_flows(ref_con, f)
    cond, params = common.worker_where(f)
    for row in df.itertuples():
        end = min((row.month + pd.offsets.MonthEnd(0)).date(), f.date_to)
        assert row.active_end == overview.active_workers(ref_con, f.with_period(START, end))
        joined, left = ref_con.execute(
            f"select count(*) filter (where joined_on between ? and ?), count(*) filter (where left_on between ? and ?) "
            f"from workers w where {cond}", [row.month.date(), end, row.month.date(), end, *params]).fetchone()
        assert (row.joined, row.left_, row.net) == (joined, left, joined - left)


def test_monthly_flows_without_any_worker_still_list_the_months(empty_con):
    df = people.monthly_flows(empty_con, Filters(D(2026, 3, 1), D(2026, 3, 31)))
    assert len(df) == people.TREND_MONTHS and (df[["joined", "left_", "net", "active_end"]] == 0).all().all()


@pytest.mark.parametrize("chosen", [{}, {"active": True}, {"active": False}, {"party": ("中共党员", "中共预备党员")},
                                    {"party": ("群众",), "active": True}], ids=str)
def test_the_first_rows_of_the_worker_list_are_the_first_of_the_whole_list(ref_con, chosen):
    f = FILTER_SETS["all"]
    whole = people.worker_table(ref_con, f, **chosen)
    first = people.worker_table(ref_con, f, limit=40, **chosen)
    assert len(whole) > 0
    pd.testing.assert_frame_equal(first, whole.head(40))
    assert people.worker_count(ref_con, f, **chosen) == len(whole)
    if "active" in chosen:
        assert whole["active"].eq(chosen["active"]).all()


@SETS
def test_the_role_section_counts_the_overviews_role_members(ref_con, name):
    f = FILTER_SETS[name]
    assert role_oracle.roles_summary(ref_con, f)["people"] == common.role_members(ref_con, f) > 0


ROLE_FILTERS = {**FILTER_SETS, "two roles, long ago": Filters(D(2024, 1, 1), D(2025, 6, 30), roles=("爱心接力员", "网格信息员")),
                "nobody": Filters(START, REF_DATE, enterprises=("E404",))}


@pytest.mark.parametrize("name", list(ROLE_FILTERS))
def test_the_role_tab_in_one_query_gives_the_four_role_queries_figures(ref_con, name):
    """people_roles.role_section (the 四大员 tab's one query) against the four queries it replaced."""
    f = ROLE_FILTERS[name]
    section = people_roles.role_section(ref_con, f)
    assert section["summary"] == role_oracle.roles_summary(ref_con, f)
    for key, plain in (("by_role", role_oracle.roles_by_role), ("by_town", role_oracle.roles_by_town),
                       ("growth", role_oracle.role_growth)):
        pd.testing.assert_frame_equal(section[key], plain(ref_con, f), check_exact=True)
    assert len(section["growth"]) > 0 and len(section["by_role"]) == len(f.roles or people_roles.V.ROLES)
    assert (section["summary"]["people"] == 0) == (name == "nobody")
