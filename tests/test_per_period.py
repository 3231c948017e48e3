"""common._in_period_order picks a series query's rows by position when every period has one: the same frame
(columns, dtypes, values, index) as the left merge, fillna and astype it replaces, for every figure with a
series form, district-wide and for a town, and in periods without data."""

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fxdash import metrics
from fxdash.filters import default_filters
from fxdash.queries import common

from .conftest import REF_DATE


def merged(got: pd.DataFrame, periods, fill=0) -> pd.DataFrame:
    """The rows in period order as _per_period made them before (a left merge on the period ends)."""
    order = pd.DataFrame({"p_to": pd.to_datetime([b for _, b in periods])})
    got["p_to"] = pd.to_datetime(got["p_to"])
    out = order.merge(got, on="p_to", how="left")
    return out if fill is None else out.fillna(fill).astype(got.dtypes.to_dict())


def weeks_to(end: dt.date, n: int = 6) -> list[tuple[dt.date, dt.date]]:
    return [(end - dt.timedelta(days=7 * k + 6), end - dt.timedelta(days=7 * k)) for k in reversed(range(n))]


@pytest.fixture
def compared(monkeypatch):
    """Every _per_period call also made the old way and compared; how often each way was taken."""
    seen = {"picked": 0, "merged": 0}
    fast = common._in_period_order

    def both(got, periods, fill=0):
        expected = merged(got.copy(), periods, fill)
        complete = got["p_to"].is_unique and set(pd.to_datetime(got["p_to"])) >= set(expected["p_to"])
        seen["picked" if complete else "merged"] += 1
        out = fast(got, periods, fill)
        pd.testing.assert_frame_equal(out, expected, check_exact=True)
        return out
    monkeypatch.setattr(common, "_in_period_order", both)
    return seen


def test_every_series_reads_as_the_merge_made_it(ref_con, compared):
    group = tuple(v for v in vars(metrics).values() if isinstance(v, metrics.Metric) and v.series is not None)
    assert len(group) >= 10
    f = default_filters(REF_DATE)
    town = ref_con.execute("select min(town_code) from towns").fetchone()[0]
    for filters in (f, dataclasses.replace(f, scope=(town,))):
        for end in (REF_DATE, dt.date(2021, 3, 7)):  # the demo's weeks, and weeks before any data
            metrics.values_series(ref_con, filters, group, weeks_to(end))
    assert compared["picked"] > 0 and compared["merged"] > 0


@pytest.mark.parametrize("rows", [
    {"p_to": ["2026-03-08", "2026-03-01"], "n": [3, 4], "rate": [np.nan, 0.5]},  # a blank value within a row
    {"p_to": ["2026-03-01", "2026-03-08"], "n": pd.array([1, None], dtype="Int64"), "rate": [1.0, 2.0]},
    {"p_to": ["2026-03-01"], "n": [5], "rate": [1.5]},  # a period without a row
    {"p_to": ["2026-03-01", "2026-03-01", "2026-03-08"], "n": [1, 2, 3], "rate": [1.0, 2.0, 3.0]},  # twice
    {"n": [7, 8], "p_to": ["2026-03-08", "2026-03-01"], "rate": [1.0, 2.0]},  # the key not first
])
@pytest.mark.parametrize("fill", [0, None])
def test_hand_made_rows(rows, fill):
    periods = [(dt.date(2026, 2, 23), dt.date(2026, 3, 1)), (dt.date(2026, 3, 2), dt.date(2026, 3, 8))]
    got = pd.DataFrame({k: pd.to_datetime(v).astype("datetime64[us]") if k == "p_to" else v for k, v in rows.items()})
    pd.testing.assert_frame_equal(common._in_period_order(got.copy(), periods, fill), merged(got.copy(), periods, fill),
                                  check_exact=True)
