"""What a grid sends to the browser: repeating text as categories (ui.compact), the same on screen."""

import pandas as pd
from streamlit import dataframe_util

from fxdash import ui_widgets


def frame(rows: int = 400) -> pd.DataFrame:
    return pd.DataFrame({
        "report_id": [f"R{i:07d}" for i in range(rows)],  # unique: stays text
        "town": [("奉城镇", "南桥镇", "青村镇", None)[i % 4] for i in range(rows)],
        "status_at_end": [("处置中", "已办结")[i % 2] for i in range(rows)],  # kept as text (chips)
        "days": [i / 3 for i in range(rows)],  # numbers stay numbers
    })


def test_repeating_text_is_sent_as_categories_with_the_same_values():
    df = frame()
    out = ui_widgets.compact(df, keep=("status_at_end",))
    assert isinstance(out["town"].dtype, pd.CategoricalDtype)
    assert not isinstance(out["report_id"].dtype, pd.CategoricalDtype)
    assert not isinstance(out["status_at_end"].dtype, pd.CategoricalDtype)
    assert out["days"].dtype == df["days"].dtype
    assert out["town"].astype(object).fillna("—").tolist() == df["town"].fillna("—").tolist()
    assert df["town"].dtype != out["town"].dtype  # the input is left alone
    sent = len(dataframe_util.convert_pandas_df_to_arrow_bytes(out))
    assert sent < len(dataframe_util.convert_pandas_df_to_arrow_bytes(df))


def test_short_tables_are_left_as_they_are():
    df = frame(20)
    assert ui_widgets.compact(df).dtypes.tolist() == df.dtypes.tolist()
