"""The weekly briefing written to disk ahead of the meeting (`python -m fxdash briefing`), and the list
of what has been written, for the 周报 page.

The files are exactly the 周报 page's export (same bundle, same notes, same builders in
fxdash.weekly_export) plus a PDF of the same content. Each file is written to a temporary name and
renamed, so a scheduled run never leaves a half-written file for the page to offer.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd

from fxdash import briefing, export, rights, weekly_export, weeks
from fxdash.filters import Filters, default_filters
from fxdash.labels import briefings as B
from fxdash.labels import weekly as LW
from fxdash.queries import common, weekly

STEM_RE = re.compile(r"^周报_([^_]+)(?:_(.+))?$")  # 周报_<week>[_<town>], as stem() names them
SUFFIXES = (".docx", ".xlsx", ".pdf")


def resolve_week(text: str, as_of: dt.date) -> dt.date:
    """'last' or 'YYYY-Www' -> that week's Monday; ValueError (Chinese) when bad or not over yet."""
    text = (text or "").strip()
    if not text:
        raise ValueError(B.ERR_WEEK_EMPTY)
    if text.lower() == "last":
        return weeks.last_complete_week(as_of)
    monday = weeks.parse(text)
    if weeks.week_end(monday) >= as_of:
        raise ValueError(B.ERR_WEEK_NOT_OVER.format(week=weeks.label(monday), end=weeks.cn_date(weeks.week_end(monday)),
                                                    as_of=weeks.cn_date(as_of)))
    return monday


def resolve_scope(con, text: str | None) -> str | None:
    """A town's name or code -> its code (None = the whole district); ValueError (Chinese) when unknown."""
    if text is None or not text.strip():
        return None
    names = common.town_names(con)
    value = text.strip()
    if value in names:
        return value
    by_name = {name: code for code, name in names.items()}
    if value in by_name:
        return by_name[value]
    raise ValueError(B.ERR_SCOPE.format(value=value[:40], names="、".join(names.values())))


def briefing_filters(as_of: dt.date, town: str | None) -> Filters:
    """The filters the 周报 page starts with (the sidebar's defaults), narrowed to one town if asked."""
    f = default_filters(as_of)
    return f if town is None else Filters(f.date_from, f.date_to, towns=(town,))


def stem(monday: dt.date, town_name: str | None) -> str:
    return f"周报_{weeks.label(monday)}" + (f"_{town_name}" if town_name else "")


def build(con, store, f: Filters, monday: dt.date, deadlines=None) -> dict[str, bytes]:
    """{suffix: bytes} of one week's briefing: the page's XLSX and DOCX, and the PDF."""
    # fpdf (with fontTools, ~220 ms) only when a PDF is made: the weekly page imports this module for the
    # list of written briefings, and its first view held every other session's on the import lock
    from fxdash import briefing_pdf

    # as the page runs it for a session without sign-in: the district's view, personal data masked
    b = briefing.with_sentences({**rights.call(weekly.bundle, con, f, None, monday=monday, deadlines=deadlines),
                                 "snapshot": weekly.latest_snapshot(store, f, monday)})
    notes = export.filter_notes(con, weekly.week_filters(f, monday))  # the week's dates, not the sidebar's
    charts = weekly_export.figures(b)
    xlsx, docx = weekly_export.build_files(b, notes, LW.WEEKLY_DOC_TITLE, charts=charts)
    tables = weekly_export.doc_tables(weekly.export_tables(b))
    pdf = briefing_pdf.pdf_bytes(LW.WEEKLY_DOC_TITLE, b["span"], b["sentences"], charts, tables, notes)
    return {".xlsx": xlsx, ".docx": docx, ".pdf": pdf}


def write(out_dir: Path, name: str, files: dict[str, bytes]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, data in files.items():
        path = out_dir / f"{name}{suffix}"
        tmp = out_dir / f".{name}{suffix}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(path)
    return written


def scopes_for(user, town_names: dict[str, str]) -> tuple[str, ...] | None:
    """Town names whose written briefings a user may see (None = all: the district's and every town's)."""
    if user is None or not user.towns:
        return None
    return tuple(town_names.get(code, code) for code in user.towns)


def listing(out_dir: Path, limit: int = 26, scopes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The briefings in a directory, most recently written first: week, scope, when written, and the files.
    `scopes` (town names) keeps only those towns' briefings, for a user who sees only some towns."""
    rows = {}
    if out_dir.is_dir():
        for path in out_dir.iterdir():
            m = STEM_RE.match(path.stem)
            if path.suffix in SUFFIXES and m and path.is_file():
                row = rows.setdefault(path.stem, {"stem": path.stem, "week": m.group(1),
                                                  "scope": m.group(2) or B.WHOLE_DISTRICT, "files": {}, "mtime": 0.0})
                row["files"][path.suffix] = path
                row["mtime"] = max(row["mtime"], path.stat().st_mtime)
    df = pd.DataFrame(list(rows.values()), columns=["stem", "week", "scope", "files", "mtime"])
    df["written"] = df["mtime"].map(dt.datetime.fromtimestamp)
    if scopes is not None:
        df = df[df["scope"].isin(scopes)]
    return df.sort_values(["mtime", "scope"], ascending=[False, True]).head(limit).reset_index(drop=True)
