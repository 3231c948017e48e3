"""The series form of a figure (one grouped query over many periods, for the overview's sparklines and
the weekly comparison) gives, for every period, exactly the value of the single-period source."""

import datetime as dt
import math

import pytest

from fxdash import metrics
from fxdash.filters import Filters
from fxdash.queries import weekly
from tests.conftest import REF_DATE

D = dt.date
QINGCUN = "310120111"
NANQIAO = "310120102"

# every figure of every group, once (the story's relabelled copies share the source and series)
ALL = tuple({m.key: m for group in (metrics.OVERVIEW, metrics.WEEKLY, metrics.ALERTS, metrics.STORY)
             for m in group}.values())
WITH_SERIES = tuple(m for m in ALL if m.series is not None)

FILTER_SETS = {
    "all": Filters(REF_DATE, REF_DATE),
    "town scope": Filters(REF_DATE, REF_DATE, scope=(QINGCUN,)),
    "towns, occupation, role": Filters(REF_DATE, REF_DATE, towns=(QINGCUN, NANQIAO), occupations=("外卖骑手",),
                                       roles=("网格信息员",)),
    "categories and statuses": Filters(REF_DATE, REF_DATE, categories=("乱堆乱放", "安全隐患"),
                                       statuses=("已办结", "处置中")),
}


def trailing_weeks(end: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """The sparklines' periods: n seven-day windows ending on `end`, 7 days apart (not Monday-aligned)."""
    return [(end - dt.timedelta(days=7 * k + 6), end - dt.timedelta(days=7 * k)) for k in range(n - 1, -1, -1)]


def comparison_weeks(monday: dt.date) -> list[tuple[dt.date, dt.date]]:
    return [(m, m + dt.timedelta(days=6)) for m in (monday, *[monday - dt.timedelta(days=7 * k) for k in range(1, 5)])]


def same(a, b) -> bool:
    nan_a = a is None or (isinstance(a, float) and math.isnan(a))
    nan_b = b is None or (isinstance(b, float) and math.isnan(b))
    return (nan_a and nan_b) or (not nan_a and not nan_b and a == b)


def test_the_figures_that_cost_most_per_week_have_a_series_form():
    keys = {m.key for m in WITH_SERIES}
    assert {m.key for m in metrics.OVERVIEW} <= keys  # the 12-week sparklines: all in grouped queries
    assert {"points_earned", "care_visits", "unvisited_pairs", "roles_new", "fraud_cases", "suggestions"} <= keys


@pytest.mark.parametrize("name", list(FILTER_SETS))
@pytest.mark.parametrize("periods", ["trailing", "mondays"])
def test_every_series_value_equals_the_single_period_value(ref_con, name, periods):
    f = FILTER_SETS[name]
    spans = trailing_weeks(REF_DATE, 3) if periods == "trailing" else comparison_weeks(D(2026, 3, 9))[:3]
    got = metrics.values_series(ref_con, f, WITH_SERIES, spans)
    assert len(got) == len(spans)
    wrong = []
    for (start, end), row in zip(spans, got, strict=True):
        single = metrics.values(ref_con, f.with_period(start, end), WITH_SERIES)
        wrong += [(m.key, end, row[m.key], single[m.key]) for m in WITH_SERIES if not same(row[m.key], single[m.key])]
    assert not wrong, wrong
    # the test means something: figures move from week to week on the demo
    assert any(len({row[m.key] for row in got}) > 1 for m in WITH_SERIES)


def test_a_group_mixing_series_and_single_period_figures_keeps_its_order_and_values(ref_con):
    f = FILTER_SETS["town scope"]
    spans = comparison_weeks(D(2026, 3, 9))
    got = metrics.values_series(ref_con, f, metrics.WEEKLY, spans)
    for (start, end), row in zip(spans, got, strict=True):
        single = metrics.values(ref_con, f.with_period(start, end), metrics.WEEKLY)
        assert list(row) == list(single)
        assert all(same(row[k], single[k]) for k in single), (end, row, single)


def test_the_weekly_comparison_is_the_week_by_week_figures(ref_con):
    f, monday = FILTER_SETS["all"], D(2026, 3, 9)
    cmp = weekly.comparison(ref_con, f, monday).set_index("key")
    this = weekly.week_figures(ref_con, f, monday)
    last = weekly.week_figures(ref_con, f, monday - dt.timedelta(days=7))
    for key, value in this.items():
        assert same(cmp.loc[key, "this_week"], float(value)) and same(cmp.loc[key, "last_week"], float(last[key])), key


def test_the_sparklines_are_the_week_by_week_overview_figures(ref_con):
    f = FILTER_SETS["town scope"].with_period(D(2026, 2, 19), REF_DATE)
    trend = metrics.kpi_trend(ref_con, f, weeks=4)
    assert len(trend) == 4 * len(metrics.OVERVIEW)
    for start, end in trailing_weeks(REF_DATE, 4):
        single = metrics.values(ref_con, f.with_period(start, end), metrics.OVERVIEW)
        week = trend[trend["week_end"] == end].set_index("key")["value"]
        assert {k: week[k] for k in single} == single


def test_report_outcomes_in_series_follow_the_settings_deadlines(ref_con):
    f = FILTER_SETS["all"]
    deadlines = (("乱堆乱放", 1.0), ("安全隐患", 10.0), ("涉诈线索", 0.5))
    spans = comparison_weeks(D(2026, 3, 9))[:3]
    group = (metrics.REPORTS_NEW, metrics.RESOLUTION_RATE, metrics.ON_TIME_RATE, metrics.OVERDUE_OPEN)
    got = metrics.values_series(ref_con, f, group, spans, deadlines)
    default = metrics.values_series(ref_con, f, group, spans)
    for (start, end), row in zip(spans, got, strict=True):
        single = metrics.values(ref_con, f.with_period(start, end), group, deadlines)
        assert all(same(row[k], single[k]) for k in single), (end, row, single)
    assert got != default  # the deadlines change the outcomes


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_fraud_and_suggestion_series_are_the_single_period_figures(ref_con, name):
    """The weekly comparison's fraud and suggestion figures (one grouped query each, not one per week),
    over months too, where the demo has cases and suggestions in each."""
    f = FILTER_SETS[name]
    group = (metrics.FRAUD_CASES, metrics.FRAUD_AMOUNT, metrics.SUGGESTIONS)
    months = [(D(2025, m, 1), D(2025, m + 1, 1) - dt.timedelta(days=1)) for m in range(3, 11)]
    for spans in (months, comparison_weeks(D(2026, 3, 9))):
        got = metrics.values_series(ref_con, f, group, spans)
        singles = [metrics.values(ref_con, f.with_period(a, b), group) for a, b in spans]
        assert got == singles
    if name == "all":
        month_rows = metrics.values_series(ref_con, f, group, months)
        assert all(sum(row[m.key] for row in month_rows) > 0 for m in group)
