"""weekly.bundle runs its queries at once on cursors of their own (weekly._in_parallel): the same bundle as
the page's parts computed one after another on one connection, for weeks, filters and town scopes; errors
still reach the caller, and every cursor it opened is closed."""

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from fxdash import metrics, weeks
from fxdash.filters import default_filters
from fxdash.queries import overview, weekly
from tests.conftest import REF_DATE

MONDAYS = (dt.date(2026, 3, 9), dt.date(2026, 2, 16))


def _one_by_one(con, f, monday, deadlines=None) -> dict:
    """The bundle as it was made before: each part in turn on the one connection."""
    trend = f.with_period(monday - dt.timedelta(days=7 * (metrics.TREND_WEEKS - 1)), weeks.week_end(monday))
    return {"week": weeks.label(monday), "span": weeks.span_text(monday),
            "comparison": weekly.comparison(con, f, monday, deadlines),
            "top_categories": weekly.top_categories(con, f, monday), "hot_cells": weekly.hot_cells(con, f, monday),
            "hot_communities": weekly.hot_communities(con, f, monday), "hot_towns": weekly.hot_towns(con, f, monday),
            "laggards": weekly.laggard_towns(con, f, monday, deadlines=deadlines),
            "overdue": weekly.overdue_to_discuss(con, f, monday, deadlines),
            "trend": overview.weekly_reports(con, trend), "snapshot": None}


@pytest.mark.parametrize("monday", MONDAYS)
@pytest.mark.parametrize("narrow", [{}, {"towns": ("310120001",)}, {"scope": ("310120001",)}, {"categories": ("安全隐患",)}])
def test_the_bundle_is_its_parts_one_by_one(ref_con, monday, narrow):
    f = dataclasses.replace(default_filters(REF_DATE), **narrow)
    got, expected = weekly.bundle(ref_con, f, monday, ()), _one_by_one(ref_con, f, monday, ())
    assert list(got) == list(expected)
    for key, value in expected.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(got[key], value, check_exact=True)
        else:
            assert got[key] == value, key
    assert len(got["comparison"]) == len(metrics.WEEKLY)


def test_the_comparison_is_split_by_query_and_keeps_every_figure():
    parts = weekly._by_source(metrics.WEEKLY)
    assert sorted(m.key for part in parts for m in part) == sorted(m.key for m in metrics.WEEKLY)
    assert len(parts) > 1


class _Cursor:
    """A stand-in for a DuckDB connection that notes its cursors (the queries here take no database)."""

    def __init__(self):
        self.opened, self.closed = [], []

    def cursor(self):
        child = _Cursor()
        child.close = lambda: self.closed.append(child)
        self.opened.append(child)
        return child


def test_results_keep_their_order_errors_reach_the_caller_and_cursors_are_closed():
    con = _Cursor()
    assert weekly._in_parallel(con, [lambda c, i=i: (i, c in con.opened) for i in range(9)]) == \
        [(i, True) for i in range(9)]
    assert len(con.opened) == weekly.PARALLEL and sorted(map(id, con.closed)) == sorted(map(id, con.opened))

    def fails(_):
        raise ValueError("查询失败")
    con = _Cursor()
    with pytest.raises(ValueError, match="查询失败"):
        weekly._in_parallel(con, [lambda c: 1, fails, lambda c: 3])
    assert len(con.closed) == len(con.opened) == 3
    assert weekly._in_parallel(con, [lambda c: c is con]) == [True]  # one task: on the connection itself
