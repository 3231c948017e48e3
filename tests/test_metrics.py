"""The metric registry: one declaration per figure, shared sources called once, the cumulative story
on the calibrated demo, and the alert strip built from figures a page already has."""

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from fxdash import access, briefing, metrics, rights
from fxdash.filters import Filters, with_preset
from fxdash.labels import metrics as M
from fxdash.queries import alerts, community
from tests.conftest import APP_AS_OF, REF_DATE

D = dt.date
GROUPS = {"overview": metrics.OVERVIEW, "weekly": metrics.WEEKLY, "alerts": metrics.ALERTS, "story": metrics.STORY}
QINGCUN = "310120111"


@pytest.mark.parametrize("name", list(GROUPS))
def test_every_figure_of_a_group_is_declared_once_with_a_chinese_label_and_unit(name):
    group = GROUPS[name]
    keys = [m.key for m in group]
    assert len(keys) == len(set(keys)), f"{name}: a key twice"
    texts = {v for v in vars(M).values() if isinstance(v, str)}
    for m in group:
        assert m.label in texts and m.unit in texts, f"{m.key}: label or unit not from fxdash.labels.metrics"
        assert m.better in (-1, 0, 1) and callable(m.source) and "." not in m.source.__qualname__


def test_a_key_means_the_same_figure_in_every_group():
    seen = {}
    for group in GROUPS.values():
        for m in group:
            source = (m.source, m.pick, m.kwargs, m.stock, m.better)
            assert seen.setdefault(m.key, source) == source, f"{m.key} is declared twice with different meanings"


def test_colours_follow_which_way_is_good_news():
    assert metrics.ACTIVE_WORKERS.colour == "normal"
    assert metrics.REPORTS_OPEN.colour == "inverse" and metrics.OVERDUE_OPEN.colour == "inverse"
    assert metrics.REPORTS.colour == "off" and metrics.POINTS_REDEEMED.colour == "off"


def test_figures_that_share_a_source_share_one_call():
    calls = []

    def call(source, kwargs):
        calls.append((source.__name__, tuple(sorted(kwargs.items()))))
        return pd.DataFrame([{"reports": 5, "resolved": 2, "share_on_time": 0.5, "overdue_backlog": 1}])

    got = metrics.evaluate((metrics.REPORTS_NEW, metrics.ON_TIME_RATE, metrics.OVERDUE_OPEN), call)
    assert calls == [("on_time_summary", ())]
    assert (got["reports_new"], got["on_time_rate"], got["overdue_open"]) == (5, 50.0, 1)


def test_the_weekly_comparison_has_every_weekly_figure_in_registry_order(app_con):
    from fxdash.queries import weekly

    monday = D(2026, 11, 16)
    cmp = weekly.comparison(app_con, Filters(D(2026, 11, 1), APP_AS_OF), monday)
    assert list(cmp["key"]) == [m.key for m in metrics.WEEKLY]
    assert cmp.set_index("key").loc["unvisited_pairs", "note"] == M.NOTE_UNVISITED_PAIRS.format(
        days=community.OVERDUE_DAYS)


def test_the_story_on_the_article_day_shows_the_published_figures(ref_con):
    """The article (2026-03-18): 83 stations, 185 points, 28 scenes, 50 branches, 176 mobile party
    members, nearly 800 四大员, 600+ reports, 900+ participations, 30+ suggestions, 300余万元 stopped."""
    f = with_preset(Filters(REF_DATE, REF_DATE), "28d", REF_DATE)
    story = metrics.story(ref_con, f, as_of=REF_DATE).set_index("key")
    v = story["value"]
    assert (v["rider_stations"], v["service_points"], v["scenes"], v["branches"]) == (83, 185, 28, 50)
    assert v["mobile_party_members"] == 176 and 760 <= v["role_members"] <= 799
    assert 600 <= v["reports"] <= 699 and 900 <= v["participations"] <= 999
    assert v["suggestions"] >= 30 and v["fraud_amount"] >= 3_000_000 and v["fraud_cases"] > 1
    assert set(story["as_of"]) == {REF_DATE}
    assert story.loc["reports", "label"] == M.STORY_REPORTS


def test_the_story_never_reaches_past_the_data_day_and_follows_the_town_scope(app_con):
    ahead = Filters(D(2026, 11, 1), APP_AS_OF + dt.timedelta(days=30))
    assert set(metrics.story(app_con, ahead, as_of=APP_AS_OF)["as_of"]) == {APP_AS_OF}
    user = access.User("qc", access.TOWN, (QINGCUN,))
    f = Filters(D(2026, 11, 1), APP_AS_OF)
    mine = rights.call(metrics.story, app_con, f, user, as_of=APP_AS_OF)
    picked = metrics.story(app_con, replace(f, towns=(QINGCUN,)), as_of=APP_AS_OF)
    everyone = metrics.story(app_con, f, as_of=APP_AS_OF)
    pd.testing.assert_frame_equal(mine, picked)
    assert (mine["value"] <= everyone["value"]).all() and (mine["value"] < everyone["value"]).any()


def test_headline_rows_carry_the_registry_meaning(app_con):
    df = metrics.headline(app_con, Filters(D(2026, 11, 1), APP_AS_OF)).set_index("key")
    assert list(df.index) == [m.key for m in metrics.OVERVIEW]
    assert df.loc["reports_open", "label"] == M.REPORTS_OPEN and df.loc["reports_open", "better"] == -1
    assert df.loc["reports_open", "value"] <= df.loc["reports", "value"]


def test_trend_has_one_value_per_week_and_figure(app_con):
    df = metrics.kpi_trend(app_con, Filters(D(2026, 11, 1), APP_AS_OF), weeks=3)
    assert len(df) == 3 * len(metrics.OVERVIEW) and df["week_end"].max() == APP_AS_OF


def test_the_alert_strip_from_cached_figures_equals_the_one_computed_from_the_database(app_con):
    f = Filters(D(2026, 11, 1), APP_AS_OF)
    direct = alerts.alerts(app_con, f, APP_AS_OF)
    cached = alerts.strip(metrics.values(app_con, f, metrics.ALERTS), APP_AS_OF,
                          alerts.common.latest_activity(app_con))
    pd.testing.assert_frame_equal(direct, cached)


def test_alert_texts_name_their_scope_and_threshold():
    strip = alerts.strip({"overdue_open": 9, "unvisited_pairs": 0, "negative_balances": 0}, D(2026, 3, 18),
                         D(2026, 3, 18)).set_index("key")
    assert strip.loc["overdue_reports", "text"] == "超期未办结 9 条（含以前上报）"
    assert strip.loc["unvisited_pairs", "text"] == f"所有结对均在 {community.OVERDUE_DAYS} 天内走访"
    assert strip.loc["stale_days", "warn"] == False  # noqa: E712 - numpy bool


def test_the_period_open_count_says_it_is_about_the_period_only():
    assert metrics.REPORTS_OPEN.label.startswith("期内上报")
    assert "不论是否超期" in metrics.REPORTS_OPEN.note


def test_the_briefing_quotes_the_registry_threshold():
    cmp = pd.DataFrame([(m.key, m.label, m.unit, m.better) for m in metrics.WEEKLY],
                       columns=["key", "label", "unit", "better"]).assign(this_week=0.0, last_week=0.0, avg4=0.0)
    cmp.loc[cmp["key"] == "unvisited_pairs", "this_week"] = 3
    text = "".join(briefing.write(cmp, "本周"))
    assert f"超过 {metrics.UNVISITED_PAIRS.threshold} 天未走访的结对 3 对" in text


def test_a_weekly_chart_shows_at_most_its_last_half_year():
    year = Filters(D(2026, 6, 1), D(2026, 11, 27))
    assert metrics.chart_window(year) == year
    window = metrics.chart_window(with_preset(year, "all", D(2026, 11, 27)))
    assert window.date_to == D(2026, 11, 27) and window.days == 7 * metrics.CHART_MAX_WEEKS and window.preset == ""
