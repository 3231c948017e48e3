"""Import of the department's Excel/CSV files: read -> validate -> (all clean?) -> load + log + archive.

Public entry point: `import_file(con, data, file_name, table, crs)`. It never raises for a bad file:
every problem comes back in `ImportResult.problems` (Chinese, with Excel row and column), and a file
with any problem writes nothing. No streamlit here; the page and the CLI both call this.

The file is parsed in a child process with memory and time limits (sandbox.py, limits.py); a blank
cell of an update keeps the stored value and "<清空>" clears it; the result counts the rows that
matched stored records and, per column, the values the import changes.
"""

import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from fxdash import config
from fxdash import store as ops
from fxdash.ingest import boundaries, limits, load, log, sandbox, template
from fxdash.ingest.limits import MAX_BYTES, MB
from fxdash.ingest.problems import Problem, ProblemList, to_frame, to_text
from fxdash.ingest.read import ReadError
from fxdash.ingest.specs import EXPORTABLE, IMPORTABLE, spec, specs
from fxdash.ingest.validate import header_lookup, validate
from fxdash.labels import data as LD
from fxdash.labels import ingest as X

__all__ = ["EXPORTABLE", "IMPORTABLE", "MAX_BYTES", "MB", "ImportResult", "Problem", "boundaries", "import_file",
           "list_sheets", "spec", "specs", "template", "to_frame", "to_text"]

CRS = ("wgs84", "gcj02")


@dataclass
class ImportResult:
    table: str
    file_name: str
    sha256: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: int = 0  # rows whose key matched a stored record (updated + unchanged)
    changes: dict[str, int] = field(default_factory=dict)  # column label -> stored values changed
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader did: sheet read, rows skipped…
    sheets: list = field(default_factory=list)  # the workbook's sheets (SheetInfo) when one must be picked
    sheet: str = ""
    committed: bool = False
    archived_as: str | None = None
    seconds: float = 0.0
    started_at: dt.datetime | None = None
    has_coordinates: bool = False  # the file had lat/lon columns (its crs is worth logging)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem_count(self) -> int:
        """All problems, including those counted but not kept (see problems.ProblemList)."""
        return getattr(self.problems, "total", len(self.problems))

    def changes_text(self) -> str:
        return "、".join(X.CHANGES.format(label=k, n=n) for k, n in self.changes.items()) or X.CHANGES_NONE

    def summary(self) -> str:
        template = X.DONE if self.committed else X.CHECK_OK
        text = template.format(rows=self.rows, inserted=self.inserted, updated=self.updated,
                               unchanged=self.unchanged, matched=X.MATCHED.format(n=self.matched))
        return f"{text}{self.changes_text()}。" if self.updated or self.changes else text


def list_sheets(data: bytes) -> list:
    """The sheets of a workbook (name, hidden, declared rows), read in the child process; [] for CSV
    or a file that cannot be read (import_file then reports why)."""
    if not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a CSV: no child process needed
        return []
    try:
        return sandbox.list_sheets(data)
    except ReadError:
        return []


def import_file(con, data: bytes, file_name: str, table: str, crs: str = "wgs84", *, dry_run: bool = False,
                imports_dir: Path | None = None, username: str | None = None, district=None,
                progress=None, store=None, logged: bool = True, sheet: str | None = None,
                skip_hidden: bool = False, as_of: dt.date | None = None,
                limits_: limits.Limits | None = None) -> ImportResult:
    """Validate a file and, when it is clean and not a dry run, load it. See the module docstring.

    Every attempt that is not a dry run, accepted or rejected, is added to the import log in the
    operational store (`store`, default: the one FXDASH_STORE names), unless `logged` is False: the
    writer path (fxdash.writes) logs an accepted import itself, once its data version is published.
    `sheet` names the workbook sheet to read (needed when it has several); `skip_hidden` skips hidden
    and struck-through rows instead of reporting them; dates after `as_of` (default: today) are
    problems; `limits_` overrides the settings of fxdash.ingest.limits."""
    store = store or ops.open_store()
    options = {"sheet": sheet, "skip_hidden": skip_hidden, "as_of": as_of, "lim": limits_ or limits.load()}
    result = _import(con, data, file_name, table, crs, dry_run=dry_run, imports_dir=imports_dir, username=username,
                     district=district, progress=progress, store=store, **options)
    if not dry_run and logged:
        log.record(store, result, username, crs)
    return result


def _import(con, data: bytes, file_name: str, table: str, crs: str, *, dry_run: bool, imports_dir: Path | None,
            username: str | None, district, progress, store, sheet: str | None, skip_hidden: bool,
            as_of: dt.date | None, lim: limits.Limits) -> ImportResult:
    started = dt.datetime.now()
    result = ImportResult(table=table, file_name=Path(file_name).name, sha256=hashlib.sha256(data).hexdigest(),
                          started_at=started)
    if table not in IMPORTABLE:
        result.problems = [Problem(1, X.FILE_LEVEL, table, X.ERR_UNKNOWN_TABLE.format(value=table))]
        return result
    s = spec(table)
    _step(progress, 0.05, LD.DATA_PROGRESS)
    try:
        grid = sandbox.read_grid(data, file_name, sheet_hints=_hints(s), sheet=sheet, skip_hidden=skip_hidden,
                                 header_keys=frozenset(header_lookup(s)), limits=lim)
    except ReadError as exc:
        result.problems, result.sheets = [exc.problem], exc.sheets
        return _done(result, started)
    result.sheet, result.notes = grid.sheet, grid.notes
    if len(grid.sheet_infos) > 1:
        result.sheets = grid.sheet_infos
    if district is None:
        district = boundaries.district(store)
    _step(progress, 0.2, LD.DATA_PROGRESS)
    as_of = as_of or config.load_settings().as_of
    checked = validate(grid, s, con, crs=crs, district=district, as_of=as_of, kept=lim.problems_kept)
    result.rows = len(checked.frame)
    result.problems, result.notes = checked.problems, checked.notes
    if result.problems or not checked.columns:
        return _done(result, started)
    _step(progress, 0.5, LD.DATA_PROGRESS)
    name = f"_fx_stage_{uuid.uuid4().hex[:12]}"
    columns = load.stage(con, s, checked.frame, name)
    try:
        result.problems = ProblemList(
            (Problem(int(r), label, value, message)
             for r, value, label, message in (*load.failed_checks(con, s, name, columns),
                                              *load.locked_changes(con, s, name, columns))), kept=lim.problems_kept)
        if result.problems:
            return _done(result, started)
        if dry_run:
            _counts(result, load.plan(con, s, name, columns))
            return _done(result, started)
        _step(progress, 0.6, LD.DATA_PROGRESS)
        archive = _archive(data, result, started, imports_dir)
        result.has_coordinates = any(c in ("lat", "lon") for c in columns)
        try:
            _counts(result, load.write(con, s, name, columns, progress=progress))
        except Exception as exc:  # a constraint the validation did not foresee: nothing was written
            if archive:
                archive.unlink(missing_ok=True)
            result.problems = [Problem(1, X.FILE_LEVEL, "", X.ERR_DATABASE.format(detail=_short_error(exc)))]
            return _done(result, started)
        result.committed, result.archived_as = True, str(archive) if archive else None
    finally:
        con.execute(f"drop table if exists {name}")
    _step(progress, 1.0, LD.DATA_PROGRESS)
    return _done(result, started)


def _counts(result: ImportResult, counts: dict) -> None:
    result.inserted, result.updated, result.unchanged = counts["inserted"], counts["updated"], counts["unchanged"]
    result.matched, result.changes = counts["matched"], counts["changes"]


def _done(result: ImportResult, started: dt.datetime) -> ImportResult:
    result.seconds = (dt.datetime.now() - started).total_seconds()
    return result


def _step(progress, frac: float, text: str) -> None:
    if progress:
        progress(frac, text)


def _hints(s) -> tuple[str, ...]:
    """Sheet names that mean this table: its name, its label, and the label as templates shorten it."""
    return s.name, s.label, re.sub(r"[（(].*?[）)]", "", s.label), template.sheet_name(s)


def _short_error(exc: Exception) -> str:
    return str(exc).splitlines()[0][:300]


def _archive(data: bytes, result: ImportResult, started: dt.datetime, imports_dir: Path | None) -> Path | None:
    """Keep the original file: <imports>/<YYYY>/<timestamp>_<table>_<sha12>_<name>."""
    folder = Path(imports_dir or config.load_settings().imports_dir) / f"{started:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.\-()()]+", "_", result.file_name)[-80:] or "upload"
    path = folder / f"{started:%Y%m%d-%H%M%S}_{result.table}_{result.sha256[:12]}_{safe}"
    path.write_bytes(data)
    return path
