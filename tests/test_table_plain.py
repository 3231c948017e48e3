"""tables.screen_table sends a table without highlighted rows as the plain frame (with column_config) instead of
a pandas Styler, only where the browser's grid writes every cell as the Styler's display text does. The Styler's
text here is what Streamlit itself sends (its marshall_styler's display values); the grid's text is modelled on
Streamlit 1.67's frontend (formatNumber: a text cell as it is, an integer column with 0 decimals and no
separators, a "%.Nf" format through sprintf-js, i.e. JavaScript's toFixed), checked against node where present."""

import datetime as dt
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData as ArrowProto

from fxdash import tables
from fxdash.filters import Filters
from fxdash.labels import community as LCM
from fxdash.queries import community, community_fraud, community_places, community_suggestions

from .conftest import REF_DATE
from .test_table_shaded import sent

TIE = 1 / 128  # 0.0078125: halfway at 6 decimals (Python 0.007812, JavaScript 0.007813)


def styler_text(styler) -> list[list[str]]:
    """The display text Streamlit sends for a Styler, row by row."""
    proto = ArrowProto()
    marshall_styler(proto, styler, "test")
    shown = pa.ipc.open_stream(proto.styler.display_values).read_all().to_pandas()
    return [[str(v) for v in row] for row in shown.itertuples(index=False)]


def js_to_fixed(x: float, digits: int) -> str:
    """sprintf-js "%.Nf": parseFloat(String(x)).toFixed(N), its sign moved in front (ECMAScript toFixed: the
    nearest N-decimal number to the exact value, the larger one on a tie; -0 as 0)."""
    sign = "-" if x < 0 else ""
    exact = Decimal(abs(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return sign + f"{exact:f}"


def grid_text(frame: pd.DataFrame, config: dict | None) -> list[list[str]]:
    """What the grid writes in each cell of the plain frame under `config`."""
    config = config or {}
    columns = []
    for col in frame.columns:
        values, fmt = frame[col], ((config.get(col) or {}).get("type_config") or {}).get("format")
        if pd.api.types.is_float_dtype(values):
            assert fmt and fmt.startswith("%.") and fmt.endswith("f"), f"a float column without a format: {col}"
            columns.append([js_to_fixed(v, int(fmt[2:-1])) for v in values.tolist()])
        elif pd.api.types.is_integer_dtype(values):
            assert fmt is None
            columns.append([str(int(round(v))) for v in values.tolist()])
        else:
            assert fmt is None and all(type(v) is str for v in values.tolist())
            columns.append(values.tolist())
    return [list(row) for row in zip(*columns)] if columns else []


def _same_on_screen(df):
    data, config = tables.screen_table(df, LCM.COMMUNITY_COLUMNS)
    styler = tables.table_style(df, LCM.COMMUNITY_COLUMNS)
    if not isinstance(data, pd.DataFrame):  # kept as a Styler: the same one table_style makes
        assert config is None
        pd.testing.assert_frame_equal(data.data, styler.data, check_exact=True)
        return False
    pd.testing.assert_frame_equal(data, styler.data, check_exact=True)  # the same data (types, headers)
    assert grid_text(data, config) == styler_text(styler)
    return True


@pytest.mark.parametrize("f", [Filters(dt.date(2024, 1, 1), REF_DATE), Filters(dt.date(2026, 2, 19), REF_DATE)],
                         ids=("all", "four-weeks"))
def test_community_tables_read_the_same_without_the_styler(ref_con, f):
    plain = []
    for query in (community.overdue_pairs, community.coverage_by_community, community_fraud.fraud_cases,
                  community_places.scene_list, community_places.amenity_counts):
        df = query(ref_con, f)
        plain.append(_same_on_screen(df))
        assert _same_on_screen(df.head(0))
    listed = community_suggestions.suggestion_list(ref_con, f)  # adopted rows shaded: only a Styler can
    data, config = tables.screen_table(listed, LCM.COMMUNITY_COLUMNS, "adopted")  # sent as table_style's
    assert config is None and sent(data) == sent(tables.table_style(listed, LCM.COMMUNITY_COLUMNS, "adopted"))
    if f.date_from.year == 2024:
        assert listed["adopted"].any() and not listed["adopted"].all()
        assert plain[3] and plain[4], "the scene list and the amenities (floats, integers) go plain"


def test_edge_values_read_the_same_or_keep_the_styler():
    df = pd.DataFrame({"name": ["甲", "乙<b>", "丙"], "n": [0, -5, 2**53 - 1], "big": np.array([1, 2, 3], dtype="uint64"),
                       "share": [0.5, -0.1234565, 1e20], "lat": [30.9123456789, 121.1, -0.0000001]})
    assert _same_on_screen(df)
    nullable = pd.DataFrame({"n": pd.array([1, 2], dtype="Int64"), "x": pd.array([1.5, 2.25], dtype="Float64")})
    assert _same_on_screen(nullable)
    for column, odd in (("share", TIE), ("share", -0.0), ("share", 1e21), ("share", np.inf), ("n", 2**53),
                        ("name", 7)):
        changed = df.astype({column: object}) if column == "name" else df.copy()
        changed.loc[1, column] = odd
        assert not _same_on_screen(changed), (column, odd)
    lists = pd.DataFrame({"items": [["a"], ["b", "c"]]})
    assert not _same_on_screen(lists)
    two_under_one = pd.DataFrame([["a", "b"]], columns=["名称", "名称"])
    assert tables.plain_config(two_under_one) is None


def test_a_tie_is_what_sets_the_two_apart():
    assert f"{TIE:.6f}" == "0.007812" and js_to_fixed(TIE, 6) == "0.007813"
    assert not tables._fixed_alike(TIE, 6) and tables._fixed_alike(TIE, 7) and tables._fixed_alike(0.1, 6)
    assert js_to_fixed(-0.0, 6) == "0.000000" != f"{-0.0:.6f}"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_model_of_to_fixed_matches_javascript():
    values = [TIE, -TIE, 0.5, 2.5, 1e-7, -1e-7, 30.9123456789, 121.4999995, 1e20, 123456.0000005, 0.1 + 0.2]
    script = f"for (const x of {values!r}) console.log((x >= 0 ? '' : '-') + x.toFixed(6).replace(/^[+-]/, ''))"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert out == [js_to_fixed(v, 6) for v in values]  # sprintf-js "%.6f": toFixed, the sign set apart
