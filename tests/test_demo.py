"""The demo database reproduces every figure published on 2026-03-18, deterministically."""

import datetime as dt
import hashlib
import json

import pytest

from fxdash import demo
from fxdash.demo_names import ARTICLE_PEOPLE
from tests.conftest import TOWNS_GEOJSON

D = "date '2026-03-18'"
ACTIVE = f"w.joined_on <= {D} and (w.left_on is null or w.left_on > {D})"


def one(con, sql):
    return con.execute(sql).fetchone()


def test_stations_and_service_points_match_the_article(ref_con):
    """83 rider stations and 185 service points, with all five host types of the article."""
    rows = dict(ref_con.execute(f"select kind, count(*) from stations where opened_on <= {D} group by 1").fetchall())
    assert rows == {"骑手驿站": 83, "服务点位": 185}
    hosts = {r[0] for r in ref_con.execute(f"select distinct host_type from stations where kind = '服务点位' and opened_on <= {D}").fetchall()}
    assert {"党群服务站", "公共法律服务站", "社区卫生服务中心", "银行网点", "街区商铺"} <= hosts


def test_first_batch_of_friendly_scenes_has_28_of_all_six_types(ref_con):
    assert one(ref_con, "select count(*), count(distinct scene_type) from friendly_scenes where batch = 1") == (28, 6)


def test_fifty_block_party_branches(ref_con):
    assert one(ref_con, f"select count(*) from branches where founded_on <= {D}") == (50,)


def test_active_workers_mostly_couriers_and_riders_with_176_mobile_party_members(ref_con):
    n, core, mobile = one(ref_con, f"""
        select count(*), count(*) filter (where occupation in ('快递员', '外卖骑手')),
               count(*) filter (where is_mobile_party_member)
        from workers w where {ACTIVE}""")
    assert 4000 <= n <= 4499
    assert core / n >= 0.70
    assert mobile == 176


def test_nearly_800_four_role_members(ref_con):
    (n,) = one(ref_con, f"""
        select count(distinct r.worker_id) from worker_roles r join workers w using (worker_id)
        where r.since <= {D} and (r.until is null or r.until > {D}) and {ACTIVE}""")
    assert 760 <= n <= 799


def test_cumulative_reports_participations_activities_suggestions(ref_con):
    assert 600 <= one(ref_con, f"select count(*) from reports where reported_at < {D} + 1")[0] <= 699
    (participations,) = one(ref_con, f"""
        select count(*) from activity_participants p join activities a using (activity_id)
        where a.kind not in ('理论学习', '议事协商') and a.held_on <= {D}""")
    assert 900 <= participations <= 999
    (party,) = one(ref_con, f"select count(*) from activities where kind in ('理论学习', '议事协商') and held_on <= {D}")
    assert 60 <= party <= 69
    assert 30 <= one(ref_con, f"select count(*) from suggestions where submitted_on <= {D}")[0] <= 39


def test_fraud_stopped_adds_up_to_over_three_million_yuan(ref_con):
    cases, total = one(ref_con, f"select count(*), sum(amount_yuan) from fraud_interceptions where occurred_on <= {D}")
    assert cases >= 2
    assert 3_000_000 <= total <= 3_999_999


def test_zhenxing_road_branch_as_in_the_article(ref_con):
    row = one(ref_con, f"""
        select b.town_code, year(b.founded_on), b.secretary_from_new_employment, b.secretary_since,
               count(w.worker_id) filter (where {ACTIVE})
        from branches b left join workers w on w.branch_id = b.branch_id
        where b.name = '振兴路街区党支部' group by all""")
    town, founded_year, from_new, since, members = row
    assert (town, founded_year, from_new, since) == ("310120111", 2024, True, dt.date(2025, 8, 1))
    assert 180 <= members <= 220


def test_huqiao_community_as_in_the_article(ref_con):
    town, pop, old, alone = one(ref_con, """
        select c.town_code, population, elderly_60_plus, elderly_80_alone
        from communities c where name = '胡桥社区'""")
    assert town == "310120118"
    assert 3800 <= pop <= 3999
    assert 0.34 <= old / pop <= 0.36
    assert alone >= 200


def test_no_real_person_from_the_article_appears(ref_con):
    names = {r[0] for r in ref_con.execute("select name from workers").fetchall()}
    assert not names & ARTICLE_PEOPLE


def test_points_balances_never_go_below_zero(ref_con, app_con):
    for con in (ref_con, app_con):
        (low,) = one(con, """
            select min(balance) from (
                select sum(delta) over (partition by worker_id order by occurred_at, entry_id) as balance
                from points_ledger)""")
        assert low >= 0


def test_data_keeps_growing_after_the_article(app_con):
    """At the app's date (late 2026) recent weeks have reports, joins, leaves and redemptions."""
    recent = "date '2026-11-27' - interval 28 day"
    assert one(app_con, f"select count(*) from reports where reported_at >= {recent}")[0] >= 40
    assert one(app_con, f"select count(*) from workers where joined_on >= {recent}")[0] >= 50
    assert one(app_con, f"select count(*) from workers where left_on >= {recent}")[0] >= 50
    assert one(app_con, f"select count(*) from points_ledger where delta < 0 and occurred_at >= {recent}")[0] >= 10
    statuses = {r[0] for r in app_con.execute("select distinct status from reports").fetchall()}
    assert statuses == {"待受理", "处置中", "已办结", "不予受理"}


def test_nothing_is_dated_after_as_of(app_con):
    checks = {
        "reports": "max(greatest(reported_at, coalesce(accepted_at, reported_at), coalesce(resolved_at, reported_at)))",
        "points_ledger": "max(occurred_at)", "workers": "max(greatest(joined_on, coalesce(left_on, joined_on)))",
        "activities": "max(held_on)", "care_visits": "max(visited_on)", "stations": "max(opened_on)",
    }
    for table, expr in checks.items():
        (latest,) = one(app_con, f"select {expr}::date from {table}")
        assert latest <= dt.date(2026, 11, 27), table


def _digest(con) -> str:
    h = hashlib.sha256()
    for table in demo.TABLE_ORDER:
        for row in con.execute(f"select * from {table} order by all").fetchall():
            h.update(repr(row).encode())
    return h.hexdigest()


def test_same_seed_and_date_give_an_identical_database(ref_con, empty_con):
    """A second build at the same seed and date is identical row for row."""
    demo.populate_demo(empty_con, dt.date(2026, 3, 18))
    assert _digest(empty_con) == _digest(ref_con)


def test_another_seed_gives_other_data_but_the_same_published_figures(empty_con):
    demo.populate_demo(empty_con, dt.date(2026, 3, 18), seed=7)
    assert one(empty_con, "select count(*) from reports")[0] == 648
    names = one(empty_con, "select string_agg(name, ',' order by worker_id) from workers where worker_id < 'W0000010'")
    assert names != ("",)


@pytest.mark.skipif(not TOWNS_GEOJSON.exists(), reason="boundary file not available")
def test_every_point_lies_inside_its_town_polygon(ref_con):
    from shapely.geometry import Point, shape

    shapes = {f["properties"]["code"]: shape(f["geometry"])
              for f in json.loads(TOWNS_GEOJSON.read_text(encoding="utf-8"))["features"]}
    for table in ("stations", "friendly_scenes", "merchants", "sites", "branches", "communities", "reports"):
        rows = ref_con.execute(f"select town_code, lon, lat from {table} where lon is not null").fetchall()
        outside = [r for r in rows if not shapes[r[0]].contains(Point(r[1], r[2]))]
        assert not outside, (table, outside[:3])


def test_scale_multiplies_the_volumes(empty_con):
    counts = demo.populate_demo(empty_con, dt.date(2026, 3, 18), scale=2)
    assert counts["reports"] == 2 * 648
    assert counts["stations"] == 268  # places are real infrastructure: not scaled
