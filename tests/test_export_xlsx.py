"""export.to_xlsx_bytes writes the workbook pandas' to_excel wrote before, cell for cell.

The reference below is the old implementation (pandas DataFrame.to_excel through xlsxwriter), kept only
here. Both files are built for every exportable table, the weekly and the report exports and a frame
with every kind of value; they must hold the same parts byte for byte (all but docProps/core.xml, which
records the time of writing) and read back (openpyxl) with the same sheets, values, types, number formats
and column widths.
"""

import datetime as dt
import decimal
import io
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from fxdash import briefing, export
from fxdash.filters import Filters
from fxdash.ingest import template
from fxdash.ingest.specs import EXPORTABLE, spec
from fxdash.labels import filters as LF
from fxdash.labels import reports as LRP
from fxdash.queries import data, weekly
from fxdash.queries import reports as R
from fxdash.weeks import last_complete_week
from tests.conftest import APP_AS_OF

NOTES = [("街镇", "全部"), ("公式", "=1+1"), ("数据截至", "2026年11月27日")]


def pandas_xlsx(sheets: dict[str, pd.DataFrame], notes: list[tuple[str, str]]) -> bytes:
    """The old export.to_xlsx_bytes, word for word: the reference."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        for name, df in sheets.items():
            frame = export.escape_frame(df)
            for col in frame.columns:
                if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                    frame[col] = frame[col].dt.tz_localize(None)
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for k, col in enumerate(frame.columns):
                sheet.set_column(k, k, min(40, max(10, len(str(col)) * 2 + 2)))
        notes_df = pd.DataFrame(notes, columns=["项目", "取值"])
        export.escape_frame(notes_df).to_excel(writer, sheet_name=LF.FILTERS_NOTE_TITLE, index=False)
        writer.sheets[LF.FILTERS_NOTE_TITLE].set_column(0, 1, 30)
    return buf.getvalue()


def parts(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def cells(xlsx: bytes) -> dict:
    """Sheet -> (column widths, every cell as (row, column, value, type, number format))."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=False)
    out = {}
    for sheet in book.worksheets:
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        out[sheet.title] = (widths, [(c.row, c.column, comparable(c.value), c.data_type, c.number_format)
                                     for row in sheet.iter_rows() for c in row])
    return out


def comparable(value):
    """A formula compares by its text (and range): none should be there, but a difference must show."""
    if isinstance(value, openpyxl.worksheet.formula.ArrayFormula):
        return ("array formula", value.text, value.ref)
    return value


def assert_same(sheets: dict[str, pd.DataFrame], notes=NOTES) -> None:
    new, old = export.to_xlsx_bytes(sheets, notes), pandas_xlsx(sheets, notes)
    assert parts(new) == parts(old)
    new_cells, old_cells = cells(new), cells(old)
    assert list(new_cells) == list(old_cells)
    for name in old_cells:
        assert new_cells[name] == old_cells[name], name
    assert sum(len(c) for _, c in new_cells.values()) > 2 * len(notes)  # the body was compared, not just notes


def sample(df: pd.DataFrame, head: int = 100) -> pd.DataFrame:
    """The first rows, and for every column its first blank and first filled row: every kind of cell the
    table has, without the seconds the reference takes on a whole table (a cell is written the same
    wherever it stands; a whole table's time is in the report, not here)."""
    picks = set(range(min(head, len(df))))
    for col in df.columns:
        for mask in (df[col].isna(), df[col].notna()):
            if mask.any():
                picks.add(int(np.flatnonzero(mask.to_numpy())[0]))
    return df.iloc[sorted(picks)]


@pytest.mark.parametrize("table", EXPORTABLE)
def test_every_whole_table_download_is_the_workbook_pandas_wrote(app_con, table):
    df = data.table_rows(app_con, table)
    assert len(df), f"the demo has {table} rows"
    assert_same({template.sheet_name(spec(table)): template.labelled(sample(df), table)})


def test_the_weekly_and_report_exports_are_the_workbooks_pandas_wrote(app_con):
    monday = last_complete_week(APP_AS_OF)
    f = Filters(APP_AS_OF - dt.timedelta(days=27), APP_AS_OF)
    b = briefing.with_sentences(weekly.bundle(app_con, f, monday))
    assert_same(weekly.export_tables(b))
    records = export.with_labels(R.records(app_con, f), LRP.RPT_COLUMNS)
    assert len(records)
    assert_same({"明细": records, "空表": records.iloc[:0]})


def test_every_kind_of_value_is_written_as_pandas_wrote_it():
    """Blanks of every kind, ±inf, nullable numbers, booleans, decimals, dates, datetimes (naive and with
    a timezone), durations, lists, formula-like and link-like text, and a sheet name over 31 characters."""
    when = pd.Timestamp("2026-03-18 08:30:15.123456")
    frame = pd.DataFrame({
        "文本": ["=1+1", "+86 电话", "", None, "{=SUM(A1)}", "http://example.org", "时间 08:30", "普通"],
        "整数": pd.array([1, None, 3, -4, 0, 2**40, 7, 8], dtype="Int64"),
        "小数": [1.5, np.nan, np.inf, -np.inf, 0.0, -2.25, 1e-9, 3.0],
        "布尔": pd.array([True, False, None, True, False, True, None, False], dtype="boolean"),
        "日期": pd.to_datetime(["2026-03-18", None, "2026-01-01", "2025-12-31", None, "2026-02-28",
                               "2026-03-01", "2026-03-02"]),
        "时刻": [when, pd.NaT, when, when, when, pd.NaT, when, when],
        "带时区": pd.to_datetime([when] * 8).tz_localize("Asia/Shanghai"),
        "对象": [dt.date(2026, 3, 18), dt.datetime(2026, 3, 18, 9), dt.timedelta(hours=36), decimal.Decimal("1.25"),
               5, 2.5, ["甲", "乙"], None],
        "@列名": ["a", "b", "c", "d", "e", "f", "g", "h"],
    })
    sheets = {"很长的工作表名称" * 5: frame, "空": frame.iloc[:0]}
    assert_same(sheets, NOTES + [("空", "")])
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(sheets, NOTES)))
    text = [c.value for c in book.worksheets[0]["A"]]
    assert text[:6] == ["文本", "'=1+1", "'+86 电话", None, None, "'{=SUM(A1)}"]  # {= would be an array formula
    assert not [c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
