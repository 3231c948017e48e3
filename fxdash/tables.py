"""Tables for the screen: Chinese headers and text that never reads "None" or "nan" (see fxdash.textfmt)."""

import math

import numpy as np
import pandas as pd
import streamlit as st

from fxdash import textfmt
from fxdash.export import column_names, with_labels
from fxdash.labels import community as LCM
from fxdash.labels import data as LD
from fxdash.labels import reports as LRP
from fxdash.labels import vocab as V


def table_style(df: pd.DataFrame, labels: dict, highlight: str | None = None):
    """A table for the screen: Chinese headers, dates as 2026年3月18日, yuan with thousands separators,
    yes/no as words, blanks as —, and rows where the boolean column `highlight` is true shaded green
    (e.g. adopted suggestions). Values become text: Streamlit would show a missing value as "None"."""
    styler = screen_frame(df, labels).style
    if highlight is not None and highlight in df.columns:
        styler = _shade(styler, _marked(df, highlight))
    return styler


def _marked(df: pd.DataFrame, highlight: str):
    return df[highlight].fillna(False).astype(bool).to_numpy()


def _shade(styler, marked):
    return styler.apply(lambda _: [SHADE if m else "" for m in marked], axis=0)


def screen_frame(df: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """table_style's frame (headers and text), without the Styler."""
    names = column_names(labels)
    columns = {}
    for col in df.columns:
        values = df[col]
        text = screen_text(col, values)
        if text is not None:
            # blanks as — in plain Python, the frame made once: astype, where and a column set per column cost
            # 3.1 ms for the one-row suggestion list at scale 100, 2.4 ms this way
            cells = text.tolist()
            if has_missing(values):  # (a column without blanks has no — to put in)
                cells = [t if present else textfmt.MISSING for t, present in zip(cells, values.notna().tolist())]
            values = pd.Series(cells, index=df.index, dtype=object)
        columns[col] = values
    headed = {names.get(col, col): values for col, values in columns.items()}
    if len(headed) == len(columns):
        # made under its headers at once: a column left as it is has no blanks (screen_text turns any column
        # with blanks into text), so with_labels' rename and blank scan would change nothing (~0.7 ms)
        shown = pd.DataFrame(headed, index=df.index)
    else:  # two columns under one header: with_labels keeps both
        shown = with_labels(pd.DataFrame(columns, index=df.index), labels)
    return shown


def screen_table(df: pd.DataFrame, labels: dict, highlight: str | None = None) -> tuple:
    """What st.dataframe gets for table_style's table: (data, column_config). A table without highlighted
    rows goes as the plain frame when every cell reads the same there as through the Styler (see
    plain_config): Streamlit's marshalling of a Styler (its display values, a column set per column) was
    ~6 ms of 友好场景's scene list at scale 100. Otherwise the Styler, no column_config: with highlighted
    rows, tables.shaded's when its text is every cell's str()."""
    if highlight is None or highlight not in df.columns:
        shown = screen_frame(df, labels)
        config = plain_config(shown)
        if config is not None:
            return shown, config or None
        return shown.style, None
    shown, marked = screen_frame(df, labels), _marked(df, highlight)
    # plain_config's {}: only text and integer columns, every cell's Styler text its str() (what shaded needs)
    return (shaded(shown, marked) if plain_config(shown) == {} else _shade(shown.style, marked)), None


SHADE = "background-color: #dff3ea"  # table_style's highlighted rows


def shaded(shown: pd.DataFrame, marked) -> "pd.io.formats.style.Styler":
    """table_style's Styler of `shown` (screen_frame's frame, every cell's text its str(): plain_config
    gives it no column settings) with the `marked` rows shaded, as st.dataframe marshals it for the browser
    (streamlit's marshall_styler: the Styler's uuid, its CSS rules, its display text) without pandas
    computing and translating it: the Styler's render tree (a dict per cell) and Streamlit writing each
    column's display text back one column at a time were ~12 ms of 人民建议's one-row list at scale 100.
    The Styler's translation is given as Streamlit reads it: the cell rules pandas would group (one rule,
    the marked rows' cells in row order) and display values for the integer columns only: Streamlit
    starts from every cell's str(), which is the Styler's text, and an integer column written back comes
    out of Arrow as it would (a text column written back is the same bytes, an integer one is not). Only for st.dataframe (the
    Styler is not computed: to_html or an export would show no shading). tests/test_table_shaded.py
    compares the marshalled proto with Streamlit's for the community page's tables."""
    styler = shown.style
    width = len(shown.columns)
    cells = [f"row{r}_col{c}" for r in np.flatnonzero(marked).tolist() for c in range(width)]
    name, value = SHADE.split(": ")
    body = [[] for _ in range(len(shown))]
    for c, col in enumerate(shown.columns):
        if shown[col].dtype.kind in "iu":  # written back as the Styler's text, as Streamlit does (see above)
            for r, v in enumerate(shown[col].tolist()):
                body[r].append({"id": f"row{r}_col{c}", "display_value": str(v)})
    translated = {"table_styles": [], "caption": None, "body": body,
                  "cellstyle": [{"props": [(name, value)], "selectors": cells}] if cells else []}
    styler._compute = lambda: styler  # what marshall_styler calls: the translation above is already made
    styler._translate = lambda *_args, **_kwargs: translated
    return styler


MAX_SAFE_INT = 2**53  # the browser's grid refuses larger integers in a number column


def plain_config(shown: pd.DataFrame) -> dict | None:
    """column_config under which the browser's grid writes every cell of `shown` as the Styler's display
    text does (pandas: str() of text and integers, floats with styler.format.precision decimals), or None
    when some column could read differently. The grid (Streamlit 1.67, DataFrame and formatNumber): a text
    cell as it is; an integer column rounded to 0 decimals without separators (str() for |n| < 2**53); a
    float column with format "%.Nf" through sprintf-js, i.e. JavaScript's toFixed(N) (exact, but a tie
    rounds up where Python rounds to even; -0 loses its sign; 1e21 and beyond in exponent form), so a
    float column goes plain only without ties, -0.0 and such sizes. Alignment and sorting follow the
    column's type either way (the Styler only supplies the text)."""
    if not shown.columns.is_unique:
        return None
    config = {}
    digits = pd.get_option("styler.format.precision")
    for col in shown.columns:
        values = shown[col]
        kind = values.dtype.kind
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            if not all(type(v) is str for v in values.tolist()):
                return None
        elif kind in "iu" or pd.api.types.is_integer_dtype(values):
            if has_missing(values) or not all(-MAX_SAFE_INT < int(v) < MAX_SAFE_INT for v in values.tolist()):
                return None
        elif kind == "f":
            if not all(_fixed_alike(v, digits) for v in values.tolist()):
                return None
            config[col] = st.column_config.NumberColumn(format=f"%.{digits}f")
        else:  # booleans, categories, dates… (screen_frame writes these as text; anything else: the Styler)
            return None
    return config


def _fixed_alike(x: float, digits: int) -> bool:
    """Whether JavaScript's x.toFixed(digits) and Python's f"{x:.{digits}f}" agree for certain: finite,
    not -0.0, below 1e21, and not exactly halfway between two `digits`-decimal numbers."""
    if not math.isfinite(x) or abs(x) >= 1e21 or (x == 0 and math.copysign(1.0, x) < 0):
        return False
    num, den = abs(x).as_integer_ratio()  # exact; den a power of two
    twice = num * 2 * 10**digits
    return twice % den != 0 or (twice // den) % 2 == 0


def screen_text(col: str, values: pd.Series) -> pd.Series | None:
    """A column of table_style as text (its blanks still to become —), or None for one shown as it is."""
    dtype = values.dtype  # asked of the dtype: 4-5x faster than of the Series, the same answer
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return textfmt.days(values)
    if pd.api.types.is_bool_dtype(dtype):
        return values.map(lambda v: LCM.ADOPTED_YES if v else LCM.ADOPTED_NO)
    if col in ("amount_yuan", "amount", "cumulative_amount"):
        return values.map(textfmt.number)
    if has_missing(values):
        return values.map(textfmt.cell)
    return None


def has_missing(values: pd.Series) -> bool:
    """values.isna().any(), asked of the column's array (pandas' _hasna: an Arrow column's null count, no
    mask made; 0.3 against 18 us a column, a dozen columns a table on every run)."""
    hasna = getattr(values.array, "_hasna", None)
    return bool(values.isna().any()) if hasna is None else bool(hasna)


def worded(df: pd.DataFrame, dates=(), missing: dict | None = None) -> pd.DataFrame:
    """A query's plain values in words, for the screen and the downloads alike: booleans as 是/否, the
    `dates` columns as 2026年3月18日 with a missing one as — (or the column's own word in `missing`,
    e.g. 未报到). Queries return plain columns; this is their edge."""
    missing = missing or {}
    out = df.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_bool_dtype(values):
            out[col] = values.map(lambda v: textfmt.YES if v else textfmt.NO).astype(object)
        elif col in dates:
            datetimes = pd.api.types.is_datetime64_any_dtype(values)  # else dates as objects: day() per value
            text = textfmt.days(values) if datetimes else values.map(textfmt.day).astype(object)
            out[col] = text.where(values.notna(), missing.get(col, textfmt.MISSING))
    return out


def count_words(counts: pd.DataFrame) -> pd.DataFrame:
    """Rows per table (fxdash.queries.data.table_counts) with each table's name in words."""
    return counts.assign(table_label=counts["table_name"].map(LD.TABLE_LABELS))[["table_label", "rows"]]


def import_log_words(log: pd.DataFrame) -> pd.DataFrame:
    """The import log (fxdash.queries.data.import_log) in words: table and coordinate system by name,
    — for a blank user or message (messages only on failures)."""
    out = log.copy()
    out.insert(3, "table_label", out.pop("table_name").map(lambda t: LD.TABLE_LABELS.get(t, t)))
    out["crs"] = out["crs"].map(lambda c: LD.CRS_LABELS.get(c, textfmt.MISSING) if isinstance(c, str) else textfmt.MISSING)
    for col in ("username", "message"):
        out[col] = out[col].astype(object).where(out[col].notna(), textfmt.MISSING)
    return out


def outcome_words(df: pd.DataFrame) -> pd.DataFrame:
    """Report rows (fxdash.queries.reports.records, overdue_list) with the outcome key in words."""
    return df.assign(outcome=df["outcome"].map(LRP.OUTCOME_LABELS).astype("str")) if "outcome" in df else df


def report_table(df: pd.DataFrame) -> pd.DataFrame:
    """Report rows for st.dataframe, which prints blanks as "None": times become 2026年3月18日 14:30 and
    durations one-decimal text, blanks "—". Columns without blanks stay numeric (sortable)."""
    out = df.copy()
    for col, dtype in df.dtypes.items():
        if pd.api.types.is_datetime64_any_dtype(dtype):
            out[col] = textfmt.day_times(df[col]).astype("str")
        elif pd.api.types.is_float_dtype(dtype) and has_missing(df[col]):
            out[col] = _one_decimal(df[col])
        elif pd.api.types.is_float_dtype(dtype):
            out[col] = df[col].round(1)
    return out


def _one_decimal(values: pd.Series) -> pd.Series:
    """A float column with blanks as one-decimal text, — for a blank. A numpy column in one list pass
    (a map with pd.isna per value was ~1 ms of each 1,000-row report list); masked floats as before."""
    if isinstance(values.dtype, np.dtype):
        text = [textfmt.MISSING if v != v else f"{v:.1f}" for v in values.tolist()]  # NaN is the only v != v
        return pd.Series(text, index=values.index, name=values.name, dtype="str")
    return values.map(lambda v: textfmt.MISSING if pd.isna(v) else f"{v:.1f}").astype("str")


# chip colours in the order of the options: waiting/rejected grey-ish, in progress orange, done green
STATUS_COLOURS = ["#D55E00", "#E69F00", "#009E73", "#999999"]
OUTCOME_COLOURS = ["#009E73", "#E69F00", "#D55E00", "#0072B2", "#999999", "#999999"]


def report_columns() -> dict:
    """Chinese headers and status chips of the report tables (their values: report_table)."""
    chips = {
        "status_at_end": st.column_config.MultiselectColumn(LRP.RPT_COLUMNS["status_at_end"],
                                                            options=list(V.REPORT_STATUSES), color=STATUS_COLOURS),
        "outcome": st.column_config.MultiselectColumn(LRP.RPT_COLUMNS["outcome"],
                                                      options=list(LRP.OUTCOME_LABELS.values()), color=OUTCOME_COLOURS),
    }
    text = {c: st.column_config.Column(label) for c, label in LRP.RPT_COLUMNS.items() if c not in chips}
    for c in ("hours_to_accept", "days_to_resolve", "age_days", "days_overdue", "deadline_days"):
        text[c] = st.column_config.Column(LRP.RPT_COLUMNS[c], alignment="right")  # may be text ("—" for blank)
    text["description"] = st.column_config.Column(LRP.RPT_COLUMNS["description"], width="large")
    return {**text, **chips}
