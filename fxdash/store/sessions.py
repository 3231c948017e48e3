"""Signed-in sessions: a random token (kept by the browser session, never in a URL), its sha256 in the
store, idle expiry. The user's rights are read afresh on every check, so changes apply at once."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from fxdash import access
from fxdash.store import accounts, now
from fxdash.store.schema import sessions as t
from fxdash.store.schema import users as u_t

TOUCH_SECONDS = 30  # last_seen is written at most this often (not on every script run)


@dataclass(frozen=True)
class Check:
    user: access.User | None
    reason: str  # ok / missing / ended / expired / disabled / demo_off


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(store, username: str) -> str:
    token = secrets.token_urlsafe(32)
    stamp = now()
    with store.write() as conn:
        conn.execute(insert(t).values(token_hash=_digest(token), username=username, created_at=stamp,
                                      last_seen=stamp))
    return token


def _end(store, token: str, reason: str) -> None:
    with store.write() as conn:
        conn.execute(update(t).where(t.c.token_hash == _digest(token), t.c.ended_at.is_(None))
                     .values(ended_at=now(), end_reason=reason))


def check(store, token: str | None, idle_minutes: float, demo_allowed: bool) -> Check:
    """The session's user if it is open, not idle too long and its account still works; else why not
    (an idle or no longer valid session is ended and announced)."""
    if not token:
        return Check(None, "missing")
    with store.read() as conn:
        row = conn.execute(select(t, u_t.c.role, u_t.c.towns, u_t.c.pii, u_t.c.active, u_t.c.demo)
                           .join(u_t, u_t.c.username == t.c.username)
                           .where(t.c.token_hash == _digest(token))).first()
    if row is None:
        return Check(None, "missing")
    if row.ended_at is not None:
        return Check(None, "ended")
    stamp = now()
    reason = None
    if stamp - row.last_seen > dt.timedelta(minutes=idle_minutes):
        reason = "expired"
    elif not row.active:
        reason = "disabled"
    elif row.demo and not demo_allowed:
        reason = "demo_off"
    if reason:
        _end(store, token, reason)
        access.record("session_expired" if reason == "expired" else "session_ended", row.username, reason=reason,
                      idle_minutes=idle_minutes)
        return Check(None, reason)
    if stamp - row.last_seen > dt.timedelta(seconds=TOUCH_SECONDS):
        with store.write() as conn:
            conn.execute(update(t).where(t.c.token_hash == _digest(token)).values(last_seen=stamp))
    return Check(accounts.user_of(row), "ok")


def end(store, token: str | None, username: str | None) -> None:
    """Sign out."""
    if token:
        _end(store, token, "logout")
    access.record("logout", username)
