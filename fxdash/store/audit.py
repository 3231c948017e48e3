"""The audit log: append-only, each row's hash chained to the one before, so that tampering shows.

hash = sha256(previous hash + canonical JSON of the row). Appends are serialised by locking the one
head row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the write transaction is BEGIN IMMEDIATE),
so two processes cannot fork the chain. The head also keeps the last seq and hash: a deleted tail shows.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, insert, select, update

from fxdash import access
from fxdash.store import now
from fxdash.store.schema import audit_head as h
from fxdash.store.schema import audit_log as t

GENESIS = "0" * 64
COLUMNS = ("seq", "ts", "username", "action", "detail")


def canonical_detail(detail: dict) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def row_hash(prev_hash: str, seq: int, ts: dt.datetime, username: str | None, action: str, detail: str) -> str:
    body = json.dumps({"seq": int(seq), "ts": ts.isoformat(timespec="microseconds"), "username": username,
                       "action": action, "detail": detail}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(store, action: str, username: str | None, detail: dict | None = None) -> int:
    """Add one row at the end of the chain; returns its seq."""
    text = canonical_detail(detail or {})
    action, username = str(action)[:50], None if username is None else str(username)[:100]
    with store.write() as conn:
        head = conn.execute(select(h.c.seq, h.c.hash).where(h.c.id == 1).with_for_update()).one()
        seq, ts = head.seq + 1, now()
        digest = row_hash(head.hash, seq, ts, username, action, text)
        conn.execute(insert(t).values(seq=seq, ts=ts, username=username, action=action, detail=text,
                                      prev_hash=head.hash, hash=digest))
        conn.execute(update(h).where(h.c.id == 1).values(seq=seq, hash=digest))
    return seq


# --- the sink: fxdash.access.record(...) lands here -----------------------------------------------------

_ATTACHED: list = []  # (store, sink): one store per process receives the events


def attach(store) -> None:
    """Make `store`'s audit log the receiver of fxdash.access events (replacing any earlier one)."""
    if _ATTACHED and _ATTACHED[0][0] is store:
        return
    detach()

    def sink(action: str, username: str | None, detail: dict) -> None:
        append(store, action, username, detail)

    access.add_sink(sink)
    _ATTACHED.append((store, sink))


def attach_default() -> None:
    """For the command line: events go to the store FXDASH_STORE names, opened at the first event (a
    command that announces nothing never opens it; one that does fails if the store cannot be had)."""
    from fxdash.store import open_store

    detach()

    def sink(action: str, username: str | None, detail: dict) -> None:
        append(open_store(), action, username, detail)

    access.add_sink(sink)
    _ATTACHED.append((None, sink))


def detach() -> None:
    while _ATTACHED:
        access.remove_sink(_ATTACHED.pop()[1])


# --- verification ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    ok: bool
    rows: int
    bad_seq: int | None = None
    problem: str | None = None  # hash / link / seq / head


def verify(store) -> Verdict:
    """Recompute the chain from the first row; stop at the first row that does not fit."""
    prev, expected, n = GENESIS, 1, 0
    with store.read() as conn:
        head = conn.execute(select(h.c.seq, h.c.hash).where(h.c.id == 1)).one()
        rows = conn.execution_options(stream_results=True, yield_per=2000).execute(select(t).order_by(t.c.seq))
        for r in rows:
            if r.seq != expected:
                return Verdict(False, n, r.seq, "seq")
            if r.prev_hash != prev:
                return Verdict(False, n, r.seq, "link")
            if row_hash(r.prev_hash, r.seq, r.ts, r.username, r.action, r.detail) != r.hash:
                return Verdict(False, n, r.seq, "hash")
            prev, expected, n = r.hash, expected + 1, n + 1
    if head.seq != n or head.hash != prev:
        return Verdict(False, n, n + 1 if head.seq > n else None, "head")
    return Verdict(True, n)


# --- reading it (the admin page) -------------------------------------------------------------------------


def _where(date_from: dt.date | None, date_to: dt.date | None, username: str | None, action: str | None):
    cond = []
    if date_from:
        cond.append(t.c.ts >= dt.datetime.combine(date_from, dt.time()))
    if date_to:
        cond.append(t.c.ts < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    if username:
        cond.append(t.c.username == username)
    if action:
        cond.append(t.c.action == action)
    return cond


def rows(store, date_from=None, date_to=None, username=None, action=None, limit: int | None = None) -> pd.DataFrame:
    """Audit rows, newest first, filtered by day range, user and action."""
    query = select(*(t.c[c] for c in COLUMNS)).where(*_where(date_from, date_to, username, action))
    query = query.order_by(t.c.seq.desc())
    if limit:
        query = query.limit(limit)
    with store.read() as conn:
        found = conn.execute(query).all()
    return pd.DataFrame([tuple(r) for r in found], columns=list(COLUMNS))


def count(store, date_from=None, date_to=None, username=None, action=None) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(t)
                            .where(*_where(date_from, date_to, username, action))).scalar()


def distinct(store, column: str) -> list[str]:
    col = {"username": t.c.username, "action": t.c.action}[column]  # whitelist
    with store.read() as conn:
        return [v for v in conn.execute(select(col).distinct().order_by(col)).scalars() if v is not None]


def labelled(df: pd.DataFrame, actions: dict[str, str], headers: dict[str, str]) -> pd.DataFrame:
    """Rows as shown and exported: the action's Chinese name beside its code, Chinese headers."""
    out = df.copy()
    out["action"] = out["action"].map(lambda a: f"{actions.get(a, a)}（{a}）")  # full-width: Chinese text
    # an event without detail is stored as "{}" (it is part of the hashed row); staff read that as blank
    out["detail"] = out["detail"].where(out["detail"] != canonical_detail({}), None)
    return out.rename(columns=headers)
