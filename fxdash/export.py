"""CSV and XLSX downloads of what is on screen, with the active filters written into the file.

Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) are
prefixed with an apostrophe, so an exported file cannot execute anything when opened.
"""

import datetime as dt
import io

import pandas as pd

from fxdash import textfmt
from fxdash.labels import common as LC
from fxdash.labels import filters as LF

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    """One sheet per table, then a sheet that records the filters."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        for name, df in sheets.items():
            frame = escape_frame(df)
            for col in frame.columns:  # Excel has no timezone-aware datetimes
                if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                    frame[col] = frame[col].dt.tz_localize(None)
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for k, col in enumerate(frame.columns):
                sheet.set_column(k, k, min(40, max(10, len(str(col)) * 2 + 2)))
        notes_df = pd.DataFrame(notes, columns=["项目", "取值"])
        escape_frame(notes_df).to_excel(writer, sheet_name=LF.FILTERS_NOTE_TITLE, index=False)
        writer.sheets[LF.FILTERS_NOTE_TITLE].set_column(0, 1, 30)
    return buf.getvalue()
