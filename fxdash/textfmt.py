"""How dates, weeks, numbers and missing values read in Chinese, everywhere (screen, charts, files).

2026年3月18日 for a day (3月18日 on a chart axis), 2026年第11周 for an ISO week (URLs keep 2026-W11),
"—" for anything missing: one module, so every page and export writes them the same way.
"""

import datetime as dt
import math

import pandas as pd

MISSING = "—"
YES, NO = "是", "否"


def is_missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False


def _when(value, text) -> str:
    return MISSING if is_missing(value) else text(pd.Timestamp(value))


def _ymd(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _ymd_hm(d) -> str:
    return f"{_ymd(d)} {d.hour:02d}:{d.minute:02d}"  # %H:%M without strftime (a column of them: textfmt.day_times)


def day(value) -> str:
    """2026年3月18日 (— when missing)."""
    return _when(value, _ymd)


def month_day(value) -> str:
    """3月18日, for chart axes where the year is in the title."""
    return _when(value, lambda d: f"{d.month}月{d.day}日")


def month(value) -> str:
    """2026年3月."""
    return _when(value, lambda d: f"{d.year}年{d.month}月")


def day_time(value) -> str:
    """2026年3月18日 14:30."""
    return _when(value, _ymd_hm)


def days(values: pd.Series) -> pd.Series:
    """day() of every value of a datetime column at once (object dtype): the same text from Python's
    datetimes, without a pd.Timestamp and a missing-value check per cell (~4 µs a cell: the report lists
    of 问题上报 format ~5,000 at scale 100 on every cold view)."""
    return _column_text(values, _ymd)


def day_times(values: pd.Series) -> pd.Series:
    """day_time() of every value of a datetime column at once (see days)."""
    return _column_text(values, _ymd_hm)


def _column_text(values: pd.Series, text) -> pd.Series:
    stamps = values.dt.to_pydatetime()  # NaT stays NaT
    return pd.Series([MISSING if t is pd.NaT else text(t) for t in stamps], index=values.index, dtype=object)


def period(start, end) -> str:
    """2026年2月19日至3月18日 (the year written once when both days share it)."""
    if pd.Timestamp(start).year == pd.Timestamp(end).year:
        return f"{day(start)}至{month_day(end)}"
    return f"{day(start)}至{day(end)}"


def week(monday: dt.date) -> str:
    """2026年第11周 (ISO week: the ISO year can differ from the calendar year)."""
    year, number, _ = monday.isocalendar()
    return f"{year}年第{number}周"


def number(value, decimals: int = 0, unit: str = "") -> str:
    """1,234 / 12.5 with thousands separators; — when missing."""
    if is_missing(value) or (isinstance(value, float) and math.isinf(value)):
        return MISSING
    text = f"{value:,.{decimals}f}"
    return f"{text} {unit}" if unit else text


def cell(value) -> str:
    """A table cell as text: dates and times in Chinese, lists joined with 、, missing as —."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "、".join(str(v) for v in items) if len(items) else MISSING
    if is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return day_time(value) if (value.hour, value.minute) != (0, 0) else day(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """A copy for display where no cell reads "None"/"nan": columns with missing values, dates and
    lists become text (— for missing); complete numeric columns stay numbers (sortable)."""
    out = df.copy()
    for col in out.columns:
        values = out[col]
        dated = pd.api.types.is_datetime64_any_dtype(values)
        if dated or values.dtype == object or values.isna().any():
            if dated and values.notna().all() and (values.dt.normalize() == values).all():
                out[col] = values.map(day).astype(object)
            else:
                out[col] = values.map(cell).astype(object)
    return out
