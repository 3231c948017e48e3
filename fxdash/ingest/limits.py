"""Resource limits of the importer, checked before and while a file is parsed.

A file is untrusted input: a 2 KB workbook can declare a sheet of 17 billion cells, and a 40 MB zip
can unpack to gigabytes. So the importer (1) refuses what the file's own headers declare to be too
large (`precheck`: the zip's total uncompressed size, each sheet's <dimension>), (2) counts rows,
columns and cells while reading, and (3) reads in a child process with a memory and time limit
(fxdash.ingest.sandbox), so that whatever slips past 1 and 2 kills the child, never the server.

Every limit is a setting (environment variable) with a default sized for the department's largest
ledgers (100,000 rows import in a few seconds). Sizes are in bytes; the UI shows MB = 10^6 bytes.
"""

import os
import re
import zipfile
from dataclasses import dataclass

from fxdash.labels import ingest as X

MB = 1_000_000

_SETTINGS = {  # name: (environment variable, default)
    "max_bytes": ("FXDASH_INGEST_MAX_BYTES", 50 * MB),  # the upload itself
    "max_unpacked": ("FXDASH_INGEST_MAX_UNPACKED", 400 * MB),  # a workbook's zip, uncompressed
    "max_rows": ("FXDASH_INGEST_MAX_ROWS", 200_000),
    "max_cols": ("FXDASH_INGEST_MAX_COLS", 200),
    "max_cells": ("FXDASH_INGEST_MAX_CELLS", 4_000_000),
    "memory": ("FXDASH_INGEST_MEMORY", 1_500 * MB),  # address space of the reading child process
    "seconds": ("FXDASH_INGEST_SECONDS", 60),  # wall time of the reading child process
    "problems_kept": ("FXDASH_INGEST_PROBLEMS_KEPT", 100_000),  # problems listed in full; the rest counted
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unpacked: int
    max_rows: int
    max_cols: int
    max_cells: int
    memory: int
    seconds: int
    problems_kept: int


def load(env=None) -> Limits:
    """The limits from the environment; a malformed value falls back to the default."""
    env = os.environ if env is None else env
    values = {}
    for name, (var, default) in _SETTINGS.items():
        try:
            values[name] = max(1, int(str(env.get(var, default)).replace("_", "")))
        except ValueError:
            values[name] = default
    return Limits(**values)


MAX_BYTES = _SETTINGS["max_bytes"][1]


class LimitError(Exception):
    """A limit was hit: the message is the Chinese problem for the user."""


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise LimitError(X.ERR_FILE_TOO_BIG.format(size_mb=size / MB, limit_mb=limits.max_bytes / MB))


def check_zip(book: zipfile.ZipFile, limits: Limits) -> None:
    """The sum of the declared uncompressed sizes (a zip bomb declares its real size or fails the
    CRC check when it lies, so reading stops at the declared size anyway)."""
    total = sum(max(0, i.file_size) for i in book.infolist())
    if total > limits.max_unpacked:
        raise LimitError(X.ERR_UNPACKED_TOO_BIG.format(size_mb=total / MB, limit_mb=limits.max_unpacked / MB))


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def cell_index(ref: str) -> tuple[int, int]:
    """'B3' -> (row 3, column 2), 1-based; (0, 0) when the reference is not a cell."""
    m = _REF.match(ref.strip().upper())
    if not m:
        return 0, 0
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def check_dimension(sheet: str, ref: str, limits: Limits) -> None:
    """A sheet's declared <dimension ref="A1:XFD1048576">: refuse before reading a cell."""
    last = ref.split(":")[-1]
    rows, cols = cell_index(last)
    if rows > limits.max_rows + 50 or cols > limits.max_cols or rows * cols > limits.max_cells:
        raise LimitError(X.ERR_DIMENSION.format(sheet=sheet, ref=ref, rows=rows, cols=cols, max_rows=limits.max_rows,
                                                max_cols=limits.max_cols, max_cells=limits.max_cells))


def check_grid(rows: list[list], limits: Limits) -> None:
    """Counted while reading (the declared dimension may be missing or wrong)."""
    if len(rows) > limits.max_rows + 50:  # a few title and total rows on top of the data rows
        raise LimitError(X.ERR_TOO_MANY_ROWS.format(max_rows=limits.max_rows))
    widths = list(map(len, rows))
    if widths and max(widths) > limits.max_cols:
        row = next(i for i, w in enumerate(widths, start=1) if w > limits.max_cols)
        raise LimitError(X.ERR_TOO_MANY_COLS.format(max_cols=limits.max_cols, row=row, cols=widths[row - 1]))
    if sum(widths) > limits.max_cells:
        raise LimitError(X.ERR_TOO_MANY_CELLS.format(max_cells=limits.max_cells))
