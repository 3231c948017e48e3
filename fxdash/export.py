"""CSV and XLSX downloads of what is on screen, with the active filters written into the file.

Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab/CR, or {= which
an XLSX writer takes for an array formula) are prefixed with an apostrophe, so an exported file cannot
execute anything when opened.
"""

import datetime as dt
import decimal
import io
import math

import pandas as pd
import xlsxwriter
from pandas.api.types import is_bool, is_float, is_integer

from fxdash import textfmt
from fxdash.labels import common as LC
from fxdash.labels import filters as LF

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "{=")


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: escape_cell(_listish(v)))
    out.columns = [escape_cell(str(c)) for c in out.columns]
    return out


def _listish(value):
    """Lists (amenities, tasks) become '、'-joined text, as staff write them."""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, str):
        return "、".join(str(v) for v in value.tolist())
    return value


def filter_notes(con, f) -> list[tuple[str, str]]:
    """The filters, the data's date and the export time, as written into every exported file."""
    return data_notes(con, f) + [export_time_note()]


def data_notes(con, f) -> list[tuple[str, str]]:
    """The filters and the data's date: the same for every export of one data version (the app caches
    them; a page with five tables asked for them five times per rerun, three queries each)."""
    from fxdash import db
    from fxdash.queries import common

    names = common.town_names(con)
    notes = f.describe(names, common.enterprise_names(con)) + scope_notes(f, names)
    notes.append((LF.DATA_AS_OF, textfmt.day(db.data_as_of(con))))
    return notes


def export_time_note() -> tuple[str, str]:
    return (EXPORT_TIME, textfmt.day_time(dt.datetime.now()))


EXPORT_TIME = "导出时间"


def scope_notes(f, town_names: dict) -> list[tuple[str, str]]:
    """The user's towns, for the notes written into an export."""
    from fxdash.labels import rights as LR

    return [(LR.SCOPE_NOTE, "、".join(town_names.get(c, c) for c in f.scope))] if f.scope else []


def column_names(extra: dict | None = None) -> dict:
    """English column name -> Chinese display name: the common ones, with a table's own `extra` first."""
    return {**LC.COLUMN_LABELS, **(extra or {})}


def with_labels(df: pd.DataFrame, extra: dict | None = None) -> pd.DataFrame:
    """Rename English columns to their Chinese display names; blank text cells read — (a person
    without a role shows — under 四大员角色, not None). Blank numbers and dates stay empty cells, so a
    spreadsheet still sums and sorts them."""
    names = column_names(extra)
    out = df.rename(columns={c: names.get(c, c) for c in df.columns})
    for col in out.columns:
        values = out[col]
        if (values.dtype == object or pd.api.types.is_string_dtype(values)) and values.isna().any():
            out[col] = values.astype(object).where(values.notna(), textfmt.MISSING)
    return out


def to_csv_bytes(df: pd.DataFrame, notes: list[tuple[str, str]]) -> bytes:
    """UTF-8 with BOM (Excel on Windows opens it as Chinese), filters as a header block."""
    buf = io.StringIO()
    buf.write(f"{LF.FILTERS_NOTE_TITLE}\n")
    for label, value in notes:
        buf.write(f"{escape_cell(label)},{escape_cell(value)}\n")
    buf.write("\n")
    escape_frame(df).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], notes: list[tuple[str, str]]) -> bytes:
    """One sheet per table, then a sheet that records the filters.

    Written with xlsxwriter cell by cell: the file pandas' to_excel wrote before, byte for byte but its
    creation time (tests/test_export_xlsx.py builds both), in about half the time (pandas made an object
    and a style key per cell: ~14 µs a cell, 1.25 s for the demo's workers table; now ~8 µs, 0.7 s)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    formats: dict[str, object] = {}
    for name, df in sheets.items():
        frame = escape_frame(df)
        for col in frame.columns:  # Excel has no timezone-aware datetimes
            if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                frame[col] = frame[col].dt.tz_localize(None)
        sheet = _write_frame(book, name[:31], frame, formats)
        for k, col in enumerate(frame.columns):
            sheet.set_column(k, k, min(40, max(10, len(str(col)) * 2 + 2)))
    notes_df = pd.DataFrame(notes, columns=["项目", "取值"])
    _write_frame(book, LF.FILTERS_NOTE_TITLE, escape_frame(notes_df), formats).set_column(0, 1, 30)
    book.close()
    return buf.getvalue()


MAX_ROWS, MAX_COLS = 1_048_576, 16_384
DATE_FORMAT, DATETIME_FORMAT = "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS"  # pandas' defaults, kept


def _write_frame(book, name: str, frame: pd.DataFrame, formats: dict):
    """Header row, then the body column by column (as pandas did: the same cells, formats made in the
    same order, so the same styles). Missing values are no cell at all."""
    rows, cols = frame.shape
    if rows + 1 > MAX_ROWS or cols > MAX_COLS:
        raise ValueError(f"This sheet is too large! Your sheet size is: {rows + 1}, {cols} "
                         f"Max sheet size is: {MAX_ROWS}, {MAX_COLS}")
    sheet = book.add_worksheet(name)
    for k, col in enumerate(frame.columns):
        sheet.write(0, k, *_excel_value(col, formats, book))
    for k in range(cols):
        series = frame.iloc[:, k]
        for r, (value, missing) in enumerate(zip(series.tolist(), series.isna().tolist()), start=1):
            if missing:
                continue
            value, fmt = _excel_value(value, formats, book)
            kind = type(value)
            # the typed calls skip write()'s dispatch; text that write() could take for a formula, a
            # link or a blank still goes through it
            if kind is str and value and value[0] not in "={" and ":" not in value:
                sheet.write_string(r, k, value)
            elif kind is int or kind is float:
                sheet.write_number(r, k, value, fmt)
            else:
                sheet.write(r, k, value, fmt)
    return sheet


def _excel_value(value, formats: dict, book) -> tuple:
    """(value, format) of one present cell, by pandas' rules: numbers as numbers (±inf as text), dates
    and datetimes with pandas' formats, durations as days, anything else as its text."""
    kind = type(value)
    if kind is str:
        return value, None
    if kind is float or is_float(value):
        if math.isinf(value):
            return ("inf" if value > 0 else "-inf"), None
        return float(value), None
    if is_integer(value):
        return int(value), None
    if is_bool(value):
        return bool(value), None
    if isinstance(value, decimal.Decimal):
        return value, None
    if getattr(value, "tzinfo", None) is not None:
        raise ValueError("Excel does not support datetimes with timezones.")
    if isinstance(value, dt.datetime):
        return value, _format(DATETIME_FORMAT, formats, book)
    if isinstance(value, dt.date):
        return value, _format(DATE_FORMAT, formats, book)
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400, _format("0", formats, book)
    return str(value), None


def _format(num_format: str, formats: dict, book):
    if num_format not in formats:
        formats[num_format] = book.add_format({"num_format": num_format})
    return formats[num_format]
