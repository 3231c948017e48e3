"""tables.table_style makes its text columns in plain Python and the frame once (instead of astype, where
and a column set per column); every table of the community page must come out as before: the same
frame (values, dtypes, headers) and the same highlighted rows, on the demo data and on blanks of every kind."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fxdash import tables, textfmt
from fxdash.export import with_labels
from fxdash.filters import Filters
from fxdash.labels import community as LCM
from fxdash.queries import community, community_fraud, community_places, community_suggestions

from .conftest import REF_DATE


def former_table_style(df, labels, highlight=None):
    """tables.table_style as it was: a column set (astype, where) per converted column."""
    shown = df.copy()
    for col in shown.columns:  # which columns become text, and how, is unchanged (tables.screen_text)
        values = shown[col]
        text = tables.screen_text(col, values)
        if text is not None:
            shown[col] = text.astype(object).where(values.notna(), textfmt.MISSING)
    shown = with_labels(shown, labels)
    styler = shown.style
    if highlight is not None and highlight in df.columns:
        marked = df[highlight].fillna(False).astype(bool).to_numpy()
        styler = styler.apply(lambda _: ["background-color: #dff3ea" if m else "" for m in marked], axis=0)
    return styler


def _same(df, highlight=None):
    now, before = tables.table_style(df, LCM.COMMUNITY_COLUMNS, highlight), former_table_style(
        df, LCM.COMMUNITY_COLUMNS, highlight)
    pd.testing.assert_frame_equal(now.data, before.data, check_exact=True)
    assert [type(v) for v in now.data.to_numpy().ravel()] == [type(v) for v in before.data.to_numpy().ravel()]
    assert dict(now._compute().ctx) == dict(before._compute().ctx)


@pytest.mark.parametrize("f", [Filters(dt.date(2024, 1, 1), REF_DATE), Filters(dt.date(2026, 2, 19), REF_DATE)],
                         ids=("all", "four-weeks"))
def test_community_tables_come_out_as_before(ref_con, f):
    listed = community_suggestions.suggestion_list(ref_con, f)
    _same(listed, "adopted")
    for query in (community.overdue_pairs, community.coverage_by_community, community_fraud.fraud_cases,
                  community_places.scene_list, community_places.amenity_counts):
        _same(query(ref_con, f))
    if f.date_from.year == 2024:
        assert len(listed) and listed["adopted"].any() and listed.isna().any().any()


def test_blanks_of_every_kind_come_out_as_before():
    df = pd.DataFrame({
        "name": pd.array(["甲", None, "丙"], dtype="str"), "when": pd.to_datetime(["2026-03-18", None, "2026-01-02"]),
        "adopted": [True, False, True], "amount_yuan": [1234.0, np.nan, 5.5], "days": pd.array([3, None, 1], dtype="Int64"),
        "items": [["a", "b"], [], None], "count": [1, 2, 3], "share": [0.5, np.nan, 0.25]})
    _same(df, "adopted")
    _same(df.head(0))
