"""textfmt.days / day_times write a datetime column as day / day_time write each of its values (the report
lists and tables of every page use them): the same text for every kind of datetime column."""

import pandas as pd
import pytest

from fxdash import tables, textfmt

STAMPS = ["2026-03-18 14:30:59", None, "2024-12-31 00:00:00", "2025-01-05 09:05:00.123456", "1999-07-04 23:59:00",
          "2026-11-27 08:00:00"]


def _columns():
    base = pd.Series(pd.to_datetime(STAMPS, format="ISO8601"), dtype="datetime64[us]", index=[5, 3, 9, 1, 0, 7])
    return {"us": base, "ns": base.astype("datetime64[ns]"), "s": base.astype("datetime64[s]"),
            "shanghai": base.dt.tz_localize("Asia/Shanghai"), "utc": base.dt.tz_localize("UTC"),
            "empty": base.iloc[:0], "all missing": base.iloc[[1]], "no missing": base.dropna()}


@pytest.mark.parametrize("kind", list(_columns()))
def test_a_column_reads_as_its_values_one_by_one(kind):
    values = _columns()[kind]
    for one, column in ((textfmt.day, textfmt.days), (textfmt.day_time, textfmt.day_times)):
        expected = values.map(one).astype(object)
        got = column(values)
        assert got.dtype == object and got.index.equals(values.index)
        assert got.tolist() == expected.tolist(), (one.__name__, kind)


def test_report_table_and_worded_keep_their_text():
    values = _columns()["us"]
    df = pd.DataFrame({"reported_at": values, "due": values.dt.normalize(), "n": range(len(values))})
    shown = tables.report_table(df)
    assert shown["reported_at"].tolist() == values.map(textfmt.day_time).tolist()
    assert shown["reported_at"].dtype == "str"
    worded = tables.worded(df, dates=("due",), missing={"due": "未报到"})
    assert worded["due"].tolist() == [textfmt.day(v) if pd.notna(v) else "未报到" for v in values]
