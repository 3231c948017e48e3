"""Read an uploaded file (XLSX/XLS/ODS or CSV in UTF-8/GBK) into a grid of strings.

Every cell becomes text exactly as staff see it (dates as ISO text, whole numbers without '.0'),
so that one set of parsers in validate.py handles both formats. Problems are returned, not raised.
"""

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field

from fxdash import labels as L
from fxdash.export import FORMULA_START
from fxdash.ingest.problems import Problem

MAX_BYTES = 50 * 1024 * 1024  # the upload limit of .streamlit/config.toml (maxUploadSize = 50)

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


class ReadError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _fail(message: str, value: str = "") -> ReadError:
    return ReadError(Problem(1, L.FILE_LEVEL, value, message))


def norm(text: str) -> str:
    """Header/vocabulary comparison form: NFKC (full-width to half-width), no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def read_grid(data: bytes, filename: str, sheet_hints: tuple[str, ...] = ()) -> Grid:
    """Pick the reader by content (not only by extension) and return the grid."""
    if len(data) > MAX_BYTES:
        raise _fail(L.ERR_FILE_TOO_BIG.format(size_mb=len(data) / 1024 / 1024, limit_mb=MAX_BYTES // 1024 // 1024))
    if not data.strip():
        raise _fail(L.ERR_FILE_EMPTY)
    lower = filename.lower()
    if data.startswith((_ZIP, _OLE)) or lower.endswith(_SPREADSHEET_EXT):
        return _read_workbook(data, sheet_hints)
    return _read_csv(data)


# --- workbooks ---------------------------------------------------------------------------------


def _read_workbook(data: bytes, sheet_hints: tuple[str, ...]) -> Grid:
    import python_calamine

    try:
        book = python_calamine.load_workbook(io.BytesIO(data))
        names = list(book.sheet_names)
        wanted = {norm(h) for h in sheet_hints}
        name = next((n for n in names if norm(n) in wanted), names[0] if names else None)
        if name is None:
            raise _fail(L.ERR_NO_HEADER)
        raw = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception as exc:  # calamine raises several types for broken/encrypted/non-zip files
        raise _fail(L.ERR_WORKBOOK if data.startswith((_ZIP, _OLE)) else L.ERR_NOT_SPREADSHEET) from exc
    grid = _grid([[_cell(v) for v in row] for row in raw])
    grid.sheet, grid.sheets = name, names
    return grid


def _cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return L.YES if value else L.NO
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
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_START:
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
    raise _fail(L.ERR_ENCODING)


def _read_csv(data: bytes) -> Grid:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(L.ERR_NOT_SPREADSHEET)
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        raise _fail(L.ERR_ENCODING) from exc
    if _looks_binary(text):
        raise _fail(L.ERR_NOT_SPREADSHEET)
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count) if first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if "'" in text:  # only files with an apostrophe can hold escaped formulas
            rows = [[_unescape(c) for c in row] for row in rows]
    except csv.Error as exc:
        raise _fail(L.ERR_NOT_SPREADSHEET) from exc
    grid = _grid(rows)
    grid.encoding = encoding
    return grid


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\r\n\t")
    return bad > max(3, len(sample) // 100)


# --- common ------------------------------------------------------------------------------------


def _grid(rows: list[list[str]]) -> Grid:
    """Find the header (first non-empty row); keep data rows with their Excel row numbers."""
    header_index = next((i for i, row in enumerate(rows) if any(str(c).strip() for c in row)), None)
    if header_index is None:
        raise _fail(L.ERR_FILE_EMPTY)
    headers = [str(c) for c in rows[header_index]]
    while headers and not headers[-1].strip():
        headers.pop()
    body, numbers = [], []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        if any(c.strip() for c in row):
            body.append(row)
            numbers.append(i + 1)
    return Grid(headers=headers, header_row=header_index + 1, rows=body, row_numbers=numbers)
