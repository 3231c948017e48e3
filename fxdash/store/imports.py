"""The import log: every import attempt, accepted or rejected, with who, what, counts and why."""

import datetime as dt
import json
import uuid

import pandas as pd
from sqlalchemy import insert, select

from fxdash.store import now
from fxdash.store.schema import import_log as t

COLUMNS = ("started_at", "finished_at", "username", "file_name", "table_name", "crs", "rows_total",
           "rows_inserted", "rows_updated", "rows_unchanged", "status", "message", "sha256", "archived_as",
           "changes", "version")


def record(store, *, started_at: dt.datetime, file_name: str, sha256: str, table_name: str, status: str,
           username: str | None = None, crs: str | None = None, rows_total: int = 0, inserted: int = 0,
           updated: int = 0, unchanged: int = 0, message: str | None = None, archived_as: str | None = None,
           changes: dict | None = None, version: str | None = None, import_id: str | None = None) -> str:
    """Add one attempt to the log; returns its id."""
    import_id = import_id or uuid.uuid4().hex
    with store.write() as conn:
        conn.execute(insert(t).values(
            import_id=import_id, started_at=started_at, finished_at=now(), username=username, file_name=file_name,
            sha256=sha256, table_name=table_name, crs=crs, rows_total=rows_total, rows_inserted=inserted,
            rows_updated=updated, rows_unchanged=unchanged, status=status, message=message,
            archived_as=archived_as, version=version,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes is not None else None))
    return import_id


def known(store, import_ids: list[str]) -> set[str]:
    """Which of these attempts are in the log."""
    if not import_ids:
        return set()
    with store.read() as conn:
        return set(conn.execute(select(t.c.import_id).where(t.c.import_id.in_(import_ids))).scalars())


def recent(store, limit: int = 200) -> pd.DataFrame:
    """The latest attempts, newest first, with the columns of COLUMNS (changes decoded to a dict)."""
    with store.read() as conn:
        rows = conn.execute(select(*(t.c[c] for c in COLUMNS))
                            .order_by(t.c.started_at.desc(), t.c.finished_at.desc()).limit(limit)).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=list(COLUMNS))
    df["changes"] = df["changes"].map(lambda v: json.loads(v) if isinstance(v, str) else None)
    return df
