"""Every write of analytics data, each a new version through the one writer path (versions.publish).

The page, the command line and the first start of the app call these; nothing else opens the data
file for writing. No streamlit here.
"""

import datetime as dt
import uuid
from contextlib import contextmanager
from pathlib import Path

from fxdash import db, demo, ingest, versions
from fxdash import store as ops
from fxdash.ingest import log as import_log
from fxdash.labels import data as LD
from fxdash.labels import versions as LV
from fxdash.store import imports


class Refused(Exception):  # noqa: N818 - the message is what the user reads
    """A write that must not happen as asked (the message says why, in Chinese)."""


@contextmanager
def snapshot(path):
    """A read-only connection to the current data; an empty in-memory schema when there is no file
    yet (a first import checks against nothing). Needs no writer lock: dry runs use this."""
    if Path(path).exists():
        with versions.open_current(path) as con:
            yield con
    else:
        con = db.connect(":memory:")
        try:
            yield con
        finally:
            con.close()


def import_file(path, data: bytes, file_name: str, table: str, crs: str = "wgs84", *, dry_run: bool = False,
                username: str | None = None, imports_dir=None, progress=None, wait=None, wait_progress=None,
                command: str = "import", store=None, **options) -> ingest.ImportResult:
    """Check a file against the current data without the lock; when clean (and not a dry run), import
    it into a new version. A file with problems never waits for the lock. Every attempt that is not a
    dry run goes to the import log of the operational store; an accepted one once it is published.
    `options` go to fxdash.ingest.import_file (sheet=, skip_hidden=)."""
    store = store or ops.open_store()
    log_pending(path, store)

    def part(start, share):  # the check and the write each report their share of one progress bar
        return (lambda frac, text: progress(start + frac * share, text)) if progress else None

    with snapshot(path) as con:
        checked = ingest.import_file(con, data, file_name, table, crs, dry_run=True, store=store,
                                     progress=progress if dry_run else part(0.0, 0.5), **options)
    if dry_run:
        return checked
    if not checked.ok:
        import_log.record(store, checked, username, crs)
        return checked

    def change(con):
        result = ingest.import_file(con, data, file_name, table, crs, imports_dir=imports_dir, username=username,
                                    progress=part(0.5, 0.5), store=store, logged=False, **options)
        if not result.committed:  # the data changed since the check and the file no longer fits
            raise versions.Discard(result)
        return result

    label = LD.TABLE_LABELS.get(table, table)
    description = f"{label} ← {Path(file_name).name}（新增 {checked.inserted:,} 行、更新 {checked.updated:,} 行）"
    import_id = uuid.uuid4().hex
    try:
        result, record = versions.publish(path, change, action="import", user=username, description=description,
                                          command=command, wait=wait, progress=wait_progress,
                                          log_entry=lambda r: _log_entry(r, import_id, username, crs))
    except versions.WriterBusy as exc:
        import_log.record(store, checked, username, crs, message=str(exc))
        raise
    if record is None:
        import_log.record(store, result, username, crs)
        return result
    log_pending(path, store)
    result.version = str(record.id)
    return result


def _log_entry(result: ingest.ImportResult, import_id: str, username, crs: str) -> dict:
    return {"import_id": import_id, "username": username, "crs": crs, "table": result.table,
            "file_name": result.file_name, "sha256": result.sha256, "rows": result.rows,
            "inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
            "archived_as": result.archived_as, "has_coordinates": result.has_coordinates,
            "started_at": result.started_at.isoformat() if result.started_at else None}


def log_pending(path, store) -> None:
    """Add to the import log every published import whose row is missing: normally the one just
    published; after a writer was killed between its publish and its log write, that one."""
    now = versions.current(path)
    pending = [r for r in versions.records(path) if r.log and now is not None and r.id <= now]
    have = imports.known(store, [r.log["import_id"] for r in pending])
    for r in pending:
        e = r.log
        if e["import_id"] in have:
            continue
        result = ingest.ImportResult(
            table=e["table"], file_name=e["file_name"], sha256=e["sha256"], rows=e["rows"], inserted=e["inserted"],
            updated=e["updated"], unchanged=e["unchanged"], committed=True, archived_as=e["archived_as"],
            started_at=dt.datetime.fromisoformat(e["started_at"]) if e["started_at"] else dt.datetime.now(),
            has_coordinates=e["has_coordinates"])
        result.version = str(r.id)
        import_log.record(store, result, e["username"], e["crs"], import_id=e["import_id"])


def ensure_database(path, as_of, progress=None, wait=None, wait_progress=None):
    """First start: build the demo database when there is none; make an existing file not written by
    this module (copied in, or from an older version of the app) a kept version so that it can be
    restored. Two processes starting together: the second finds the work done under the lock."""
    path = Path(path)
    if path.exists() and versions.current(path) is not None:
        return None

    def missing_only(p):
        if Path(p).exists():
            raise versions.Discard()

    if not path.exists():
        return demo.publish_demo(path, as_of, progress=progress, precheck=missing_only, wait=wait,
                                 wait_progress=wait_progress, command="app-first-start")[1]

    def unversioned_only(p):
        if not Path(p).exists() or versions.current(p) is not None:
            raise versions.Discard()

    return versions.publish(path, lambda con: None, action="adopt", description=str(path), command="adopt",
                            precheck=unversioned_only, wait=wait, progress=wait_progress)[1]


def build_demo(path, as_of, scale: int = 1, seed: int = 42, *, force: bool = False, user=None, progress=None,
               wait=None, wait_progress=None):
    """The demo database as a new version; refuses (Refused) to replace imported data unless force."""
    def guard(p):
        if force or not Path(p).exists():
            return
        with versions.open_current(p) as con:
            real = demo.has_real_data(con)
        if real:
            raise Refused(LV.DEMO_REFUSED.format(path=p))

    return demo.publish_demo(path, as_of, scale=scale, seed=seed, progress=progress, user=user, precheck=guard,
                             wait=wait, wait_progress=wait_progress)


def rollback(path, target: int, expected_current: int, *, user=None, command: str = "rollback", wait=None,
             wait_progress=None):
    """Republish kept version `target` as the newest version, provided the data is still the
    `expected_current` the user confirmed the change against."""
    def unchanged(p):
        if versions.current(p) != expected_current:
            raise Refused(LV.ROLLBACK_CHANGED)
        if target not in {r.id for r in versions.records(p)}:
            raise Refused(LV.ROLLBACK_UNKNOWN.format(id=target, ids="—"))

    description = LV.ROLLBACK_DESCRIPTION.format(target=target, undone=expected_current)
    return versions.publish(path, None, action="rollback", user=user, description=description, command=command,
                            base=target, precheck=unchanged, wait=wait, progress=wait_progress)[1]
