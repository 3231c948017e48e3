"""tables.screen_frame asks a column's dtype and its array (has_missing) instead of the Series, and plain_config
asks has_missing: the same screen frame as the Series-asking code gave and the same answer as isna().any(), for
every kind of column the pages' tables hold and a few they do not (categories, periods, intervals, masked values)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fxdash import tables, textfmt
from fxdash.export import column_names, with_labels
from fxdash.labels import community as LCM

COLUMNS = {
    "text": pd.Series(["甲", "乙", "丙"]),
    "text_blank": pd.Series(["甲", None, "丙"]),
    "objects": pd.Series(["a", "b", "c"], dtype=object),
    "object_lists": pd.Series([["a", "b"], None, []], dtype=object),
    "ints": pd.Series([1, 2, 3]),
    "masked_ints": pd.Series([1, None, 3], dtype="Int64"),
    "floats": pd.Series([1.5, 2.25, 3.0]),
    "float_blank": pd.Series([1.5, np.nan, 3.0]),
    "float_tie": pd.Series([0.125, 1.0, 2.0]),
    "bools": pd.Series([True, False, True]),
    "day": pd.Series(pd.to_datetime(["2026-03-01", None, "2026-03-18"])),
    "amount": pd.Series([1234.5, None, 7.0]),
    "category": pd.Series(["x", "y", "x"], dtype="category"),
    "period": pd.Series(pd.period_range("2026-01", periods=3, freq="M")),
    "interval": pd.Series(pd.interval_range(0, 3)),
    "dates": pd.Series([dt.date(2026, 3, 1), None, dt.date(2026, 3, 2)], dtype=object),
    "arrow_text": pd.Series(["甲", None, "丙"], dtype="string[pyarrow]"),
}


def _former_text(col, values):
    if pd.api.types.is_datetime64_any_dtype(values):
        return textfmt.days(values)
    if pd.api.types.is_bool_dtype(values):
        return values.map(lambda v: LCM.ADOPTED_YES if v else LCM.ADOPTED_NO)
    if col in ("amount_yuan", "amount", "cumulative_amount"):
        return values.map(textfmt.number)
    if values.isna().any():
        return values.map(textfmt.cell)
    return None


def _former_frame(df, labels):
    names, columns = column_names(labels), {}
    for col in df.columns:
        values = df[col]
        text = _former_text(col, values)
        if text is not None:
            cells = [t if present else textfmt.MISSING for t, present in zip(text.tolist(), values.notna().tolist())]
            values = pd.Series(cells, index=df.index, dtype=object)
        columns[col] = values
    headed = {names.get(col, col): values for col, values in columns.items()}
    if len(headed) == len(columns):
        return pd.DataFrame(headed, index=df.index)
    return with_labels(pd.DataFrame(columns, index=df.index), labels)


@pytest.mark.parametrize("name", list(COLUMNS))
def test_each_kind_of_column_reads_and_is_set_as_before(name):
    df = pd.DataFrame({"town": ["甲镇", "乙镇", "丙镇"], name: COLUMNS[name]})
    assert tables.has_missing(df[name]) == bool(df[name].isna().any())
    shown = tables.screen_frame(df, LCM.COMMUNITY_COLUMNS)
    pd.testing.assert_frame_equal(shown, _former_frame(df, LCM.COMMUNITY_COLUMNS), check_exact=True)
    tables.plain_config(shown)  # asks has_missing where it asked isna().any() (asserted above for every kind)


def test_the_whole_table_at_once():
    df = pd.DataFrame(COLUMNS)
    pd.testing.assert_frame_equal(tables.screen_frame(df, LCM.COMMUNITY_COLUMNS),
                                  _former_frame(df, LCM.COMMUNITY_COLUMNS), check_exact=True)
    assert tables.plain_config(df) is None  # booleans, periods, intervals: the Styler's text


@pytest.mark.parametrize("values", [
    pd.Series([1.25, np.nan, -0.0, 1e21, np.inf, -np.inf, 0.05, 2.5], name="days_to_resolve"),
    pd.Series([1.5, np.nan], dtype="float32", name="age_days"),
    pd.Series([1.5, None], dtype="Float64", name="hours_to_accept"),
], ids=["float64", "float32", "masked"])
def test_report_durations_as_one_decimal_text_as_before(values):
    former = values.map(lambda v: textfmt.MISSING if pd.isna(v) else f"{v:.1f}").astype("str")
    pd.testing.assert_series_equal(tables._one_decimal(values), former, check_exact=True)
    frame = pd.DataFrame({"report_id": ["a"] * len(values), values.name: values})
    assert tables.report_table(frame)[values.name].tolist() == former.tolist()
