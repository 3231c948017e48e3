"""tables.shaded: a table with highlighted rows (人民建议's adopted suggestions) goes to st.dataframe as a Styler
whose translation is given, not computed: what Streamlit sends for it (the ArrowData proto marshall_styler
fills: uuid, CSS rules, display text, and the data) must be byte for byte what it sends for table_style's
Styler (for a slice of the rows, the same Arrow tables: see same_tables), and a table whose text could read
otherwise keeps table_style's Styler."""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData as ArrowProto

from fxdash import tables
from fxdash.filters import Filters
from fxdash.labels import community as LCM
from fxdash.queries import community_suggestions

from .conftest import REF_DATE


def sent(styler) -> bytes:
    """The ArrowData proto st.dataframe fills for a Styler (the uuid fixed: pandas draws a random one)."""
    styler.set_uuid("fx0")
    proto = ArrowProto()
    marshall_styler(proto, styler, "default")
    proto.data = dataframe_util.convert_pandas_df_to_arrow_bytes(dataframe_util.convert_anything_to_pandas_df(styler))
    return proto.SerializeToString()


def same_tables(ours: bytes, theirs: bytes) -> bool:
    """The same proto but for the Arrow buffers' layout: the same CSS, and display text and data that read
    as the same Arrow tables (schema, pandas metadata, every value). For a slice of a query's rows (the
    projector's first rows) Arrow writes a text column's whole buffer when the column is sent as it is,
    where Streamlit's writing the text back made a compact one: bytes the browser never reads."""
    a, b = ArrowProto(), ArrowProto()
    a.ParseFromString(ours)
    b.ParseFromString(theirs)

    def read(data: bytes) -> pa.Table:
        return pa.ipc.open_stream(data).read_all()
    return (a.styler.uuid, a.styler.styles, a.styler.caption) == (b.styler.uuid, b.styler.styles, b.styler.caption) \
        and all(read(x).equals(read(y), check_metadata=True) for x, y in ((a.styler.display_values, b.styler.display_values),
                                                                         (a.data, b.data)))


def as_before(df: pd.DataFrame, highlight: str = "adopted") -> bytes:
    return sent(tables.table_style(df, LCM.COMMUNITY_COLUMNS, highlight))


def now(df: pd.DataFrame, highlight: str = "adopted"):
    data, config = tables.screen_table(df, LCM.COMMUNITY_COLUMNS, highlight)
    assert config is None and dataframe_util.is_pandas_styler(data)
    return data


@pytest.mark.parametrize("f", [Filters(dt.date(2024, 1, 1), REF_DATE), Filters(dt.date(2026, 2, 19), REF_DATE),
                               Filters(dt.date(2025, 6, 1), dt.date(2025, 9, 30))], ids=("all", "four-weeks", "summer"))
@pytest.mark.parametrize("adopted_only", [False, True])
def test_the_suggestion_lists_are_sent_as_before(ref_con, f, adopted_only):
    listed = community_suggestions.suggestion_list(ref_con, f, adopted_only=adopted_only)
    for df in (listed, listed.head(0), listed.iloc[::-1].reset_index(drop=True)):
        styler = now(df)
        assert styler.ctx == {}, "the fast way: nothing computed"
        assert sent(styler) == as_before(df)
    for cut in (listed.head(3), listed.iloc[1:], listed.iloc[::-1]):  # slices (ui.projected's first rows)
        assert same_tables(sent(now(cut)), as_before(cut))
    if f.date_from.year == 2024 and not adopted_only:
        assert listed["adopted"].any() and not listed["adopted"].all() and len(listed) > 20


def test_text_and_integers_go_the_fast_way_anything_else_keeps_the_styler():
    df = pd.DataFrame({"title": ["甲", "乙<b>", "", " 丙 "], "n": [0, -5, 2**53 + 1, 7],
                       "big": np.array([1, 2, 3, 4], dtype="uint64"), "k": pd.array([1, 2, 3, 4], dtype="Int64"),
                       "adopted": [True, None, False, True]})
    styler = now(df)
    assert styler.ctx == {} and sent(styler) == as_before(df)
    for col, values in (("share", [0.5, -0.1, 1e20, 2.0]),  # floats: written with 6 decimals by the Styler
                        ("k", pd.array([1, None, 3, 4], dtype="Int64"))):  # a blank integer (— as text first)
        other = df.assign(**{col: values})
        styler = now(other)
        assert sent(styler) == as_before(other)
        if col == "share":
            assert styler.ctx != {}, "table_style's Styler, computed"
