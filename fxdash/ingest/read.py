"""Read an uploaded file (XLSX/XLS/ODS or CSV in UTF-8/GBK) into a grid of strings.

Every cell becomes text as staff see it (dates as ISO text, whole numbers without '.0', '0001' kept
where the cell's number format pads it, all digits of a long number), so that one set of parsers in
validate.py handles both formats. Problems are returned, not raised. This module runs inside the
reading child process (fxdash.ingest.sandbox): it must not import pandas, DuckDB or streamlit.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from fxdash.ingest import limits as lim
from fxdash.ingest import xlsx
from fxdash.ingest.problems import Problem
from fxdash.labels import common as LC
from fxdash.labels import filters as LF
from fxdash.labels import ingest as X

MAX_BYTES = lim.MAX_BYTES
# fxdash.export.FORMULA_START (export imports pandas, which the reading child does not load)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "{=")
REQUIRED_MARKS = re.compile(r"(\*|(必填)|\(必填\)|(选填)|\(选填\))$")
TITLE_SCAN = 10  # the header is looked for among the first non-empty rows
WHOLE_ROW = "（整行）"
AUXILIARY = (X.DATA_TEMPLATE_SHEET_HELP, LF.FILTERS_NOTE_TITLE)  # the help sheet of templates and exports
_TOTAL = re.compile(r"^(合计|总计|小计|共计)[::]?$")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_SPREADSHEET_EXT = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


@dataclass
class Grid:
    """The data rows of one sheet: header cells, rows of cells, and each row's number in Excel."""

    headers: list[str]
    header_row: int
    rows: list[list[str]]
    row_numbers: list[int]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    encoding: str = ""
    sheet_infos: list[xlsx.SheetInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader did (title row skipped, sheet read…)
    problems: list[Problem] = field(default_factory=list)  # found while reading (formula without value…)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # merged ranges in the data rows


class ReadError(Exception):
    def __init__(self, problem: Problem, sheets: list | None = None):
        super().__init__(problem.message)
        self.problem = problem
        self.sheets = sheets or []  # set when the user must pick a sheet


def _fail(message: str, value: str = "") -> ReadError:
    return ReadError(Problem(1, X.FILE_LEVEL, value, message))


def norm(text: str) -> str:
    """Header/vocabulary comparison form: NFKC (full-width to half-width), no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def header_key(text: str) -> str:
    """A header cell's comparison form, without a trailing 必填/选填 mark."""
    return norm(REQUIRED_MARKS.sub("", norm(text)))


def read_grid(data: bytes, filename: str, sheet_hints: tuple[str, ...] = (), *, sheet: str | None = None,
              skip_hidden: bool = False, header_keys: frozenset = frozenset(),
              limits: lim.Limits | None = None) -> Grid:
    """Pick the reader by content (not only by extension) and return the grid."""
    limits = limits or lim.load()
    try:
        lim.check_size(len(data), limits)
        if not data.strip():
            raise _fail(X.ERR_FILE_EMPTY)
        lower = filename.lower()
        if data.startswith((_ZIP, _OLE)) or lower.endswith(_SPREADSHEET_EXT):
            return _read_workbook(data, sheet_hints, sheet, skip_hidden, header_keys, limits)
        return _read_csv(data, header_keys, limits)
    except lim.LimitError as exc:
        raise _fail(str(exc)) from exc


# --- workbooks ---------------------------------------------------------------------------------


def list_sheets(data: bytes, limits: lim.Limits | None = None) -> list[xlsx.SheetInfo]:
    """The sheets of a workbook (name, visibility, declared rows); [] for CSV."""
    limits = limits or lim.load()
    try:
        lim.check_size(len(data), limits)
        if data.startswith(_ZIP):
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                lim.check_zip(book, limits)
                found = xlsx.sheets(book)
                if found:
                    return found
        if data.startswith((_ZIP, _OLE)):
            return _calamine_sheets(data)
    except lim.LimitError as exc:
        raise _fail(str(exc)) from exc
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError) as exc:
        raise _fail(X.ERR_WORKBOOK) from exc
    except Exception as exc:  # calamine raises several types for broken/encrypted files
        raise _fail(X.ERR_WORKBOOK) from exc
    return []


def _calamine_sheets(data: bytes) -> list[xlsx.SheetInfo]:
    import python_calamine

    book = python_calamine.load_workbook(io.BytesIO(data))
    return [xlsx.SheetInfo(name=m.name, hidden=str(m.visible).rsplit(".", 1)[-1] != "Visible")
            for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")]


def choose_sheet(infos: list[xlsx.SheetInfo], wanted: str | None,
                 hints: tuple[str, ...]) -> tuple[xlsx.SheetInfo, list[str]]:
    """The sheet to read and the notes about it. Hidden sheets are read only when asked for by name;
    with several visible sheets, one named like the table is taken, else the user must choose."""
    names = "、".join(i.name for i in infos)
    if wanted:
        match = next((i for i in infos if i.name == wanted), None) or next(
            (i for i in infos if norm(i.name) == norm(wanted)), None)
        if match is None:
            raise ReadError(Problem(1, X.FILE_LEVEL, wanted, X.ERR_NO_SUCH_SHEET.format(sheet=wanted, sheets=names)),
                            infos)
        return match, [(X.NOTE_SHEET_HIDDEN if match.hidden else X.NOTE_SHEET).format(sheet=match.name)]
    visible = [i for i in infos if not i.hidden]
    hidden = [i.name for i in infos if i.hidden]
    data_sheets = [i for i in visible if i.name not in AUXILIARY]
    visible = data_sheets or visible
    if not visible:
        raise ReadError(Problem(1, X.FILE_LEVEL, "", X.ERR_ONLY_HIDDEN.format(sheets=names)), infos)
    wanted_names = {norm(h) for h in hints}
    hinted = [i for i in visible if norm(i.name) in wanted_names]
    pick = hinted[0] if len(hinted) == 1 else visible[0] if len(visible) == 1 else None
    if pick is None:
        shown = "、".join(i.name for i in visible)
        raise ReadError(Problem(1, X.FILE_LEVEL, "", X.ERR_PICK_SHEET.format(sheets=shown)), infos)
    notes = [X.NOTE_SHEET.format(sheet=pick.name)] if len(infos) > 1 else []
    if hidden:
        notes.append(X.NOTE_HIDDEN_SHEETS.format(sheets="、".join(hidden)))
    return pick, notes


def _read_workbook(data: bytes, hints: tuple[str, ...], wanted: str | None, skip_hidden: bool,
                   header_keys: frozenset, limits: lim.Limits) -> Grid:
    import python_calamine

    infos = list_sheets(data, limits)
    if not infos:
        raise _fail(X.ERR_NO_HEADER if data.startswith((_ZIP, _OLE)) else X.ERR_NOT_SPREADSHEET)
    info, notes = choose_sheet(infos, wanted, hints)
    meta = xlsx.SheetMeta()
    try:
        if info.path:  # an .xlsx: refuse by the declared size, then read the extra facts
            if info.dimension:
                lim.check_dimension(info.name, info.dimension, limits)
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                sheet_xml = book.read(info.path)
                if xlsx.last_row(sheet_xml) > limits.max_rows + 50:
                    raise lim.LimitError(X.ERR_TOO_MANY_ROWS.format(max_rows=limits.max_rows))
                meta = xlsx.scan(book, sheet_xml)
                del sheet_xml
        book = python_calamine.load_workbook(io.BytesIO(data))
        raw = book.get_sheet_by_name(info.name).to_python(skip_empty_area=False)
    except (ReadError, lim.LimitError):
        raise
    except Exception as exc:  # calamine raises several types for broken/encrypted/non-zip files
        raise _fail(X.ERR_WORKBOOK if data.startswith((_ZIP, _OLE)) else X.ERR_NOT_SPREADSHEET) from exc
    lim.check_grid(raw, limits)
    cells = [[v if type(v) is str and not v.startswith("'") else _cell(v) for v in row] for row in raw]
    del raw
    for (r, c), text in meta.texts.items():
        if r <= len(cells) and c <= len(cells[r - 1]):
            cells[r - 1][c - 1] = text
    grid = _grid(cells, header_keys)
    grid.sheet, grid.sheets, grid.sheet_infos = info.name, [i.name for i in infos], infos
    grid.notes = notes + grid.notes
    _apply_meta(grid, meta, skip_hidden)
    return grid


def _apply_meta(grid: Grid, meta: xlsx.SheetMeta, skip_hidden: bool) -> None:
    """Hidden and struck rows (skipped or reported), formulas without a value, merged ranges."""
    flagged = {r: X.ERR_HIDDEN_ROW for r in meta.hidden_rows} | {r: X.ERR_STRUCK_ROW for r in meta.struck_rows
                                                                 if r not in meta.hidden_rows}
    flagged = {r: m for r, m in flagged.items() if r > grid.header_row}
    if flagged and skip_hidden:
        keep = [k for k, n in enumerate(grid.row_numbers) if n not in flagged]
        skipped = [n for n in grid.row_numbers if n in flagged]
        grid.rows = [grid.rows[k] for k in keep]
        grid.row_numbers = [grid.row_numbers[k] for k in keep]
        if skipped:
            grid.notes.append(X.NOTE_SKIPPED_ROWS.format(n=len(skipped), rows=_numbers(skipped)))
    elif flagged:
        present = set(grid.row_numbers)
        grid.problems += [Problem(r, WHOLE_ROW, "", m) for r, m in sorted(flagged.items()) if r in present]
    present = set(grid.row_numbers)
    for (r, c), formula in sorted(meta.no_value.items()):
        if r in present:
            grid.problems.append(Problem(r, _column(grid, c), "", X.ERR_FORMULA_NO_VALUE.format(formula="=" + formula)))
    grid.merges = [m for m in meta.merges if m[2] > grid.header_row]


def _column(grid: Grid, col: int) -> str:
    header = grid.headers[col - 1].strip() if col <= len(grid.headers) else ""
    return header or f"第 {col} 列"


def _numbers(rows: list[int], shown: int = 20) -> str:
    text = "、".join(str(r) for r in rows[:shown])
    return text + ("…" if len(rows) > shown else "")


def _cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return LC.YES if value else LC.NO
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return _unescape(str(value))


def _unescape(text: str) -> str:
    """Undo fxdash.export's formula escape, so an exported file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


# --- CSV ---------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 (with/without BOM) first; else the detected Chinese encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Excel on Chinese Windows saves CSV as GBK; GB18030 is its superset, so decode with that.
    candidates = ["gb18030"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in ("gb2312", "gbk", "gb18030"):
            candidates.append(best.encoding)
    except Exception:  # detection is a hint only
        pass
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise _fail(X.ERR_ENCODING)


def _read_csv(data: bytes, header_keys: frozenset, limits: lim.Limits) -> Grid:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(X.ERR_NOT_SPREADSHEET)
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        raise _fail(X.ERR_ENCODING) from exc
    if _looks_binary(text):
        raise _fail(X.ERR_NOT_SPREADSHEET)
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count) if first else ","
    rows, cells = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += len(row)
            if len(row) > limits.max_cols:
                raise lim.LimitError(X.ERR_TOO_MANY_COLS.format(max_cols=limits.max_cols, row=len(rows) + 1,
                                                                cols=len(row)))
            if len(rows) > limits.max_rows + 50:
                raise lim.LimitError(X.ERR_TOO_MANY_ROWS.format(max_rows=limits.max_rows))
            if cells > limits.max_cells:
                raise lim.LimitError(X.ERR_TOO_MANY_CELLS.format(max_cells=limits.max_cells))
            rows.append(row)
        if "'" in text:  # only files with an apostrophe can hold escaped formulas
            rows = [[_unescape(c) for c in row] for row in rows]
    except csv.Error as exc:
        raise _fail(X.ERR_NOT_SPREADSHEET) from exc
    grid = _grid(rows, header_keys)
    grid.encoding = encoding
    return grid


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\r\n\t")
    return bad > max(3, len(sample) // 100)


# --- common ------------------------------------------------------------------------------------


def _grid(rows: list[list[str]], header_keys: frozenset = frozenset()) -> Grid:
    """Find the header (the first of the top rows that names known columns, else the first non-empty
    row); keep data rows with their Excel row numbers, without 合计/总计 rows."""
    filled = [i for i, row in enumerate(rows[:1000]) if any(str(c).strip() for c in row)]
    if not filled:
        raise _fail(X.ERR_FILE_EMPTY)
    header_index, notes = filled[0], []
    if header_keys:
        scores = [sum(1 for c in rows[i] if c.strip() and header_key(c) in header_keys) for i in filled[:TITLE_SCAN]]
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if scores[best] > 0 and best > 0:
            header_index = filled[best]
            notes.append(X.NOTE_TITLE_ROWS.format(rows=_numbers([i + 1 for i in filled[:best]]),
                                                  header=header_index + 1))
    headers = [str(c) for c in rows[header_index]]
    while headers and not headers[-1].strip():
        headers.pop()
    body, numbers, totals = [], [], []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        if not any(c.strip() for c in row):
            continue
        if "计" in "".join(row) and any(_TOTAL.match(norm(c)) for c in row):
            totals.append(i + 1)
            continue
        body.append(row)
        numbers.append(i + 1)
    if totals:
        notes.append(X.NOTE_TOTAL_ROWS.format(rows=_numbers(totals)))
    return Grid(headers=headers, header_row=header_index + 1, rows=body, row_numbers=numbers, notes=notes)
