"""Versioned analytics data: one writer at a time, any number of read-only readers.

Every write of analytics data (import, demo build, rollback, boundary upload, weekly snapshot) goes
through `publish`: it takes the writer lock, builds the next version in a private copy, and only
then renames it over PATH. Readers never see a half-written file, and a killed writer leaves at most
a temp file that the next writer removes.

Layout beside PATH (the FXDASH_DB file, which operators and other tools may open read-only):
  PATH                 the current version: a hard link to one kept version file
  PATH.lock            the writer lock (fcntl), holding a JSON note about the holder
  PATH.versions/       v000012.duckdb  kept version files (hard links: the current one costs no disk)
                       v000012.json    its record (id, time, action, user, description, counts, parent)
                       manifest.json   every record and the current id, rewritten atomically (for operators;
                                       the code trusts the records and PATH's inode, so a writer killed
                                       before the manifest write leaves nothing to repair but the index)
                       .next-*         a version being built; removed by the next writer if its writer died
No streamlit here: the app (fxdash.ui via fxdash.readers), the CLI and the tests share it.
"""

import datetime as dt
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import duckdb

from fxdash import access, config, db
from fxdash.labels import versions as LV
from fxdash.writer_lock import WriterBusy, fsync_dir, hold, writer_lock

__all__ = ["Discard", "Record", "WriterBusy", "current", "diff", "file_of", "open_current", "publish", "records",
           "recover", "rollback_target", "versions_dir"]

_FILE = re.compile(r"^v(\d{6,})\.duckdb$")


class Discard(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a change to publish nothing (e.g. a file with problems); `value` is returned."""

    def __init__(self, value=None):
        super().__init__("discard")
        self.value = value


@dataclass
class Record:
    id: int
    created: str
    action: str
    user: str | None
    description: str
    command: str
    parent: int | None
    counts: dict[str, int] = field(default_factory=dict)
    target: int | None = None  # rollback: the version whose content this is
    log: dict | None = None  # what the operational store's log must hold for this version (fxdash.writes)

    @property
    def label(self) -> str:
        return LV.ACTIONS.get(self.action, self.action)


_FIELDS = {f.name for f in fields(Record)}


def versions_dir(path) -> Path:
    return Path(f"{path}.versions")


def file_of(path, version_id: int) -> Path:
    return versions_dir(path) / f"v{version_id:06d}.duckdb"


def _record_file(path, version_id: int) -> Path:
    return versions_dir(path) / f"v{version_id:06d}.json"


def _ids(path) -> list[int]:
    folder = versions_dir(path)
    if not folder.is_dir():
        return []
    return sorted(int(m.group(1)) for name in os.listdir(folder) if (m := _FILE.match(name)))


def current(path) -> int | None:
    """The id of the version PATH is (same inode as a kept file), highest first; None if PATH is not
    one (missing, or put there by something other than this module)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    for vid in reversed(_ids(path)):
        try:
            other = os.stat(file_of(path, vid))
        except FileNotFoundError:
            continue
        if (other.st_ino, other.st_dev) == (st.st_ino, st.st_dev):
            return vid
    return None


def records(path) -> list[Record]:
    """Records of the kept versions, oldest first (versions whose file is gone are left out)."""
    out = []
    for vid in _ids(path):
        try:
            raw = json.loads(_record_file(path, vid).read_text(encoding="utf-8"))
            out.append(Record(**{k: v for k, v in raw.items() if k in _FIELDS}))  # tolerate newer fields
        except (OSError, ValueError, TypeError):
            continue  # a version file without its record: never published (recover removes it)
    return out


def _write_atomic(target: Path, text: str, point: str | None = None) -> None:
    tmp = target.with_name(f".next-{target.name}.{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    if point:
        hold(point)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def _write_manifest(path, point: str | None = None) -> None:
    body = {"current": current(path), "path": str(path), "versions": [asdict(r) for r in records(path)]}
    _write_atomic(versions_dir(path) / "manifest.json", json.dumps(body, ensure_ascii=False, indent=1),
                  point=point)


def recover(path) -> None:
    """Under the writer lock: remove what a killed writer left (temp files, a version built but never
    published) and rewrite the manifest so that it agrees with PATH."""
    folder = versions_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    for name in os.listdir(folder):
        if name.startswith(".next-"):
            (folder / name).unlink(missing_ok=True)
    for stale in Path(path).parent.glob(f".{Path(path).name}.next-*"):
        stale.unlink(missing_ok=True)
    now = current(path)
    for vid in _ids(path):
        if now is not None and vid > now:  # built after the current one but never renamed over PATH
            file_of(path, vid).unlink(missing_ok=True)
            _record_file(path, vid).unlink(missing_ok=True)
    for vid in _ids(path):
        if not _record_file(path, vid).exists() and vid != now:
            file_of(path, vid).unlink(missing_ok=True)
    _write_manifest(path)


def table_counts(con) -> dict[str, int]:
    # identifiers come from the catalog, not from input; one query, not one per table
    tables = db.table_names(con)
    if not tables:
        return {}
    row = con.execute("select " + ", ".join(f'(select count(*) from "{t}")' for t in tables)).fetchone()
    return dict(zip(tables, row))


def _fsync(file: Path) -> None:
    with open(file, "rb") as fh:
        os.fsync(fh.fileno())


def _build(path, tmp: Path, change, fresh: bool, vid: int):
    """Copy the current data to tmp (unless fresh), apply the change, checkpoint, close, fsync."""
    hold("before-copy")
    started = time.perf_counter()
    if not fresh and Path(path).exists():
        shutil.copyfile(path, tmp)
        if Path(f"{path}.wal").exists():  # left by a process that wrote PATH in place and was killed
            shutil.copyfile(f"{path}.wal", f"{tmp}.wal")
    copied = time.perf_counter()
    con = db.connect(tmp)  # also creates tables a newer schema added: the migration rides on a write
    try:
        value = change(con)
        hold("during-apply")
        db.set_meta(con, "data_version", f"v{vid}")
        con.execute("checkpoint")
        counts = table_counts(con)
    finally:
        con.close()
    applied = time.perf_counter()
    Path(f"{tmp}.wal").unlink(missing_ok=True)  # empty after checkpoint + close
    _fsync(tmp)
    timing = {"copy": copied - started, "apply": applied - copied, "fsync": time.perf_counter() - applied}
    return value, counts, timing


def publish(path, change: Callable | None, *, action: str, user: str | None = None, description: str = "",
            command: str = "", fresh: bool = False, base: int | None = None, precheck: Callable | None = None,
            wait: float | None = None, progress: Callable | None = None, keep: int | None = None,
            log_entry: Callable | None = None):
    """Write the next version of the data at PATH and make it current. Returns (value, Record | None).

    change(con) gets a read-write connection to a private copy (an empty schema when `fresh`) and
    returns a value; raising Discard publishes nothing. `base` republishes a kept version as it is
    (rollback: a hard link, so the content is byte for byte the old one); action "adopt" registers the
    file at PATH itself as a version (a hard link unless a WAL must first be folded in). precheck(path) runs under
    the lock before anything is built (it may raise Discard or an error of its own). log_entry(value)
    gives a dict kept in the version's record (written before the publish, so it survives a crash).
    Raises WriterBusy when the lock cannot be had within `wait` seconds.
    """
    path = Path(path)
    settings = config.load_settings()
    with writer_lock(path, command or action, user, settings.writer_wait if wait is None else wait, progress):
        recover(path)
        if precheck:
            try:
                precheck(path)
            except Discard as exc:
                return exc.value, None
        parent = current(path)
        vid = max([0, *_ids(path)]) + 1
        target = file_of(path, vid)
        value, timing = None, {}
        if base is not None:
            os.link(file_of(path, base), target)
            counts = next(r.counts for r in records(path) if r.id == base)
        elif action == "adopt" and not Path(f"{path}.wal").exists():
            os.link(path, target)  # a complete file already: keep it as it is, at no cost
            with duckdb.connect(str(target), read_only=True) as con:
                counts = table_counts(con)
        else:
            tmp = versions_dir(path) / f".next-v{vid:06d}.{os.getpid()}.duckdb"
            try:
                value, counts, timing = _build(path, tmp, change, fresh, vid)
            except Discard as exc:
                tmp.unlink(missing_ok=True)
                Path(f"{tmp}.wal").unlink(missing_ok=True)
                return exc.value, None
            hold("before-rename")
            os.replace(tmp, target)
        record = Record(id=vid, created=dt.datetime.now().isoformat(timespec="seconds"), action=action, user=user,
                        description=description, command=command or action, parent=parent, counts=counts,
                        target=base, log=log_entry(value) if log_entry else None)
        _write_atomic(_record_file(path, vid), json.dumps(asdict(record), ensure_ascii=False, indent=1))
        started = time.perf_counter()
        link = path.with_name(f".{path.name}.next-{os.getpid()}")
        link.unlink(missing_ok=True)
        os.link(target, link)
        os.replace(link, path)  # the publish: readers opening PATH now get the new version
        fsync_dir(path.parent)
        timing["rename"] = time.perf_counter() - started
        hold("after-rename")
        _write_manifest(path, point="during-manifest")
        _prune(path, settings.keep_versions if keep is None else keep)
    access.record(f"data_{action}", user, version=vid, parent=parent, description=description)
    record.timing = timing  # for the command line's report and the benchmark; not stored
    return value, record


def _prune(path, keep: int) -> None:
    """Keep the newest `keep` versions (and always the current one); readers holding an older file
    open keep reading it (the inode lives on until they close it)."""
    now = current(path)
    ids = _ids(path)
    for vid in ids[: max(0, len(ids) - max(1, keep))]:
        if vid != now:
            file_of(path, vid).unlink(missing_ok=True)
            _record_file(path, vid).unlink(missing_ok=True)
    _write_manifest(path)


def rollback_target(path, to: int | None = None) -> tuple[int, Record]:
    """(target id, current record) for `rollback --to` or, without it, the undo of the latest change."""
    kept = {r.id: r for r in records(path)}
    now = current(path)
    if now is None or now not in kept:
        raise LookupError(LV.ROLLBACK_NOTHING)
    if to is None:
        to = _undo_target(kept, now)
        if to is None:
            raise LookupError(LV.ROLLBACK_NOTHING)
    if to not in kept:
        raise LookupError(LV.ROLLBACK_UNKNOWN.format(id=to, ids="、".join(map(str, sorted(kept))) or "无"))
    if to == now:
        raise LookupError(LV.ROLLBACK_SAME.format(id=to))
    return to, kept[now]


def _undo_target(kept: dict[int, Record], vid: int) -> int | None:
    """The version before `vid`'s change; undoing a rollback goes on back from the version it restored."""
    record = kept[vid]
    if record.action == "rollback" and record.target in kept:
        return kept[record.target].parent
    return record.parent


def before(path, vid: int) -> int | None:
    """The version a chosen version's change was applied to (what 撤销 of that change restores)."""
    kept = {r.id: r for r in records(path)}
    return _undo_target(kept, vid) if vid in kept else None


def diff(path, target: int) -> list[tuple[str, int, int]]:
    """(table, rows now, rows after restoring target) for every table whose row count differs."""
    kept = {r.id: r for r in records(path)}
    now = kept.get(current(path))
    now_counts = now.counts if now else {}
    after = kept[target].counts
    tables = sorted(set(now_counts) | set(after))
    return [(t, now_counts.get(t, -1), after.get(t, -1)) for t in tables if now_counts.get(t, -1) != after.get(t, -1)]


def diff_rows(path, target: int) -> list[tuple[str, int, int, str]]:
    """What restoring `target` changes, for the confirmation: (table label, rows now, rows after, change)."""
    from fxdash.labels import data as LD

    out = []
    for table, now, after in diff(path, target):
        if after < 0:
            change = LV.TABLE_GONE
        elif now < 0:
            change = LV.TABLE_NEW
        else:
            change = f"{after - now:+,}"
        out.append((LD.TABLE_LABELS.get(table, table), max(now, 0), max(after, 0), change))
    return out


@contextmanager
def open_current(path):
    """A read-only connection to the current data (its own kept file when versioned, so that a later
    open in this process is not handed an old instance by DuckDB's per-path cache)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(LV.DB_MISSING.format(path=path))
    vid = current(path)
    con = db.connect(file_of(path, vid) if vid is not None else path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def describe_error(exc: Exception, path=None) -> str:
    """One Chinese line for an error opening the data (no English DuckDB text as the only content)."""
    if isinstance(exc, (WriterBusy, config.SettingError)):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return str(exc) if "python -m fxdash" in str(exc) else LV.DB_MISSING.format(path=path or exc.filename)
    detail = str(exc).splitlines()[0][:200] if isinstance(exc, duckdb.Error) else type(exc).__name__
    return LV.DB_UNREADABLE.format(path=path or "", detail=detail)
