"""What python-calamine does not tell about an .xlsx: sheet visibility and size, hidden and
struck-through rows, formulas without a cached value, zero-padded number formats, numbers with more
digits than a float keeps, and merged cells.

calamine reads the values fast (a 100,000-row sheet in about a second); this module reads the same
sheet XML once more with a few byte-level regular expressions, each guarded by a cheap substring
test, so a plain data sheet costs a few tenths of a second extra. Element names may carry a
namespace prefix (<x:row>), which the patterns allow.
"""

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from fxdash.ingest.limits import cell_index

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SMALL_XML = 20_000_000  # workbook.xml, styles.xml: anything bigger is not a workbook staff made

_P = rb"(?:\w+:)?"  # optional namespace prefix
_ROW_HIDDEN = re.compile(rb"<" + _P + rb"row\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_ATTR_R = re.compile(rb"\br=\"([A-Z]*)(\d+)\"")
_ATTR_T = re.compile(rb"\bt=\"(\w+)\"")
_NO_VALUE_FORMULA = re.compile(
    rb"<" + _P + rb"c\b([^>]*)>(?:<" + _P + rb"f\b[^>]*/>|<" + _P + rb"f\b[^>]*>([^<]*)</" + _P + rb"f>)"
    rb"(?:<" + _P + rb"v\s*/>|<" + _P + rb"v></" + _P + rb"v>)?</" + _P + rb"c>")
_LONG_NUMBER = re.compile(rb"<" + _P + rb"c\b([^>]*)><" + _P + rb"v>(-?\d{16,})</" + _P + rb"v></" + _P + rb"c>")
_LONG_GUARD = re.compile(rb">-?\d{16}")
_HAS_VALUE = re.compile(rb"<" + _P + rb"[vt][ >]")
_MERGE = re.compile(rb"<" + _P + rb"mergeCell\b[^>]*\bref=\"([A-Z]+\d+):([A-Z]+\d+)\"")
_DIMENSION = re.compile(rb"<" + _P + rb"dimension\b[^>]*\bref=\"([^\"]+)\"")
_ROWS = re.compile(rb"<" + _P + rb"row\b[^>]*?\br=\"(\d+)\"")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool
    path: str = ""  # the sheet's XML part inside the zip
    dimension: str = ""  # as declared, e.g. A1:I100001
    rows: int | None = None  # rows by the declared dimension


@dataclass
class SheetMeta:
    """Positions are (Excel row, column), both 1-based."""

    hidden_rows: set[int] = field(default_factory=set)
    struck_rows: set[int] = field(default_factory=set)
    no_value: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> formula text
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> displayed text to use instead
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2)


def _xml(book: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = book.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _SMALL_XML:
        return None
    return ET.fromstring(book.read(info))


def sheets(book: zipfile.ZipFile) -> list[SheetInfo]:
    """Every worksheet in workbook order, with its visibility and declared size."""
    wb = _xml(book, "xl/workbook.xml")
    rels = _xml(book, "xl/_rels/workbook.xml.rels")
    if wb is None:
        return []
    targets = {}
    for rel in (rels if rels is not None else []):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = re.sub(r"[^/]+/\.\./", "", target)
    out = []
    for node in wb.iter(f"{_MAIN}sheet"):
        path = targets.get(node.get(f"{_REL}id"), "")
        dimension = _dimension(book, path)
        rows = cell_index(dimension.split(":")[-1])[0] if dimension else None
        out.append(SheetInfo(name=node.get("name", ""), hidden=node.get("state", "visible") != "visible",
                             path=path, dimension=dimension, rows=rows))
    return out


def _dimension(book: zipfile.ZipFile, path: str) -> str:
    """The sheet's declared range, from the first few KB of its XML (nothing else is decompressed)."""
    try:
        with book.open(path) as f:
            head = f.read(8192)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError):
        return ""
    m = _DIMENSION.search(head)
    return m.group(1).decode("ascii", "replace") if m else ""


def _styles(book: zipfile.ZipFile) -> tuple[set[int], dict[int, int]]:
    """(style indexes whose font is struck through, style index -> zero-padded width for formats
    like '0000' that show 1 as 0001)."""
    root = _xml(book, "xl/styles.xml")
    if root is None:
        return set(), {}
    formats = {int(n.get("numFmtId", -1)): n.get("formatCode", "") for n in root.iter(f"{_MAIN}numFmt")}
    fonts_node = root.find(f"{_MAIN}fonts")
    struck_fonts = set()
    for i, font in enumerate(fonts_node if fonts_node is not None else []):
        strike = font.find(f"{_MAIN}strike")
        if strike is not None and strike.get("val", "1") not in ("0", "false"):
            struck_fonts.add(i)
    xfs = root.find(f"{_MAIN}cellXfs")
    struck, padded = set(), {}
    for i, xf in enumerate(xfs if xfs is not None else []):
        if int(xf.get("fontId", 0)) in struck_fonts:
            struck.add(i)
        code = formats.get(int(xf.get("numFmtId", 0)), "")
        if re.fullmatch(r"0{2,}", code):
            padded[i] = len(code)
    return struck, padded


def scan(book: zipfile.ZipFile, xml: bytes) -> SheetMeta:
    meta = SheetMeta()
    if b"hidden=" in xml:
        for m in _ROW_HIDDEN.finditer(xml):
            r = _ATTR_R.search(m.group(0))
            if r:
                meta.hidden_rows.add(int(r.group(2)))
    if b"<f" in xml:
        for m in _NO_VALUE_FORMULA.finditer(xml):
            row, col = _position(m.group(1))
            if row:
                meta.no_value[(row, col)] = (m.group(2) or b"").decode("utf-8", "replace")
    for m in (_LONG_NUMBER.finditer(xml) if _LONG_GUARD.search(xml) else ()):
        t = _ATTR_T.search(m.group(1))
        row, col = _position(m.group(1))
        if row and (t is None or t.group(1) == b"n"):
            meta.texts[(row, col)] = m.group(2).decode("ascii")
    if b"mergeCell" in xml:
        for m in _MERGE.finditer(xml):
            (r1, c1), (r2, c2) = cell_index(m.group(1).decode()), cell_index(m.group(2).decode())
            if (r1, c1) != (r2, c2):
                meta.merges.append((r1, c1, r2, c2))
    struck, padded = _styles(book)
    if struck or padded:
        _styled_cells(xml, struck, padded, meta)
    return meta


def _styled_cells(xml: bytes, struck: set[int], padded: dict[int, int], meta: SheetMeta) -> None:
    ids = b"|".join(str(i).encode() for i in sorted(struck | set(padded)))
    pattern = re.compile(rb"<" + _P + rb"c\b([^>]*?\bs=\"(" + ids + rb")\"[^>]*)(?:/>|>(.*?)</" + _P + rb"c>)",
                         re.DOTALL)
    for m in pattern.finditer(xml):
        row, col = _position(m.group(1))
        if not row:
            continue
        style, body = int(m.group(2)), m.group(3) or b""
        value = re.search(rb"<" + _P + rb"v>([^<]*)</", body)
        if style in struck and _HAS_VALUE.search(body):  # a struck empty cell does not strike the row
            meta.struck_rows.add(row)
        t = _ATTR_T.search(m.group(1))
        if style in padded and value is not None and (t is None or t.group(1) == b"n"):
            text = value.group(1).decode("ascii", "replace")
            if re.fullmatch(r"\d+(?:\.0*)?", text):
                meta.texts[(row, col)] = text.split(".")[0].zfill(padded[style])


def _position(attrs: bytes) -> tuple[int, int]:
    r = _ATTR_R.search(attrs)
    if not r:
        return 0, 0
    return cell_index((r.group(1) + r.group(2)).decode("ascii"))


def last_row(xml: bytes) -> int:
    """The highest row number written in the sheet (rows are in order, so the last <row> tag)."""
    tail = xml[-200_000:]
    found = [int(m.group(1)) for m in _ROWS.finditer(tail)]
    return found[-1] if found else 0
