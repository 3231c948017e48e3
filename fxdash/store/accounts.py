"""Accounts in the operational store: rules, argon2id hashes, sign-in with lockout, demo accounts.

Passwords are never stored or logged: only their argon2id hash (argon2-cffi) is kept. Every change and
every sign-in attempt is announced through fxdash.access.record, which the audit log listens on.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update

from fxdash import access
from fxdash.labels import accounts as LA
from fxdash.store import now
from fxdash.store.schema import sessions as s_t
from fxdash.store.schema import users as t

MIN_PASSWORD = 10
MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCK_MINUTES = 15
NAME_RE = re.compile(r"^[\w.\-@]{2,40}$")  # \w includes Chinese characters

# argon2id (the library's default type) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
# The library's own default (64 MiB, 4 lanes) takes about a second on the department's small server.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY: list[str] = []  # a hash verified against when the user is unknown, so both cases take the same time


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash("not a password of anyone"))
    return _DUMMY[0]

# one account per role for the demo data; the passwords are public (README) and demo-only
DEMO_ACCOUNTS = (
    ("demo-admin", access.ADMIN, (), "demo-admin-2026"),
    ("demo-district", access.DISTRICT, (), "demo-district-2026"),
    ("demo-town", access.TOWN, ("310120111",), "demo-town-2026"),
    ("demo-viewer", access.VIEWER, (), "demo-viewer-2026"),
)


class AccountError(ValueError):
    """A rule a user or password breaks; the message is Chinese, for the user."""


@dataclass(frozen=True)
class SignIn:
    user: access.User | None
    outcome: str  # ok / failed / demo_off


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME_RE.match(name):
        raise AccountError(LA.ERR_NAME.format(name=name[:40]))
    return name


def check_password(name: str, password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(LA.ERR_PASSWORD_SHORT)
    if password.strip().casefold() == name.strip().casefold():
        raise AccountError(LA.ERR_PASSWORD_NAME)


def check_scope(role: str, towns, known_towns) -> tuple[str, ...]:
    """The role and town codes as stored; town codes must be in `known_towns` (the towns table)."""
    if role not in access.ROLES:
        raise AccountError(LA.ERR_ROLE.format(role=role))
    codes = tuple(dict.fromkeys(str(c).strip() for c in towns or () if str(c).strip()))
    for code in codes:
        if code not in known_towns:
            raise AccountError(LA.ERR_TOWN.format(code=code[:20]))
    if role == access.TOWN and not codes:
        raise AccountError(LA.ERR_TOWN_ROLE)
    return codes


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _user(row) -> access.User:
    return access.User(username=row.username, role=row.role, towns=tuple(json.loads(row.towns or "[]")),
                       pii=bool(row.pii))


def get(store, name: str):
    with store.read() as conn:
        return conn.execute(select(t).where(t.c.username == name)).first()


def add(store, name: str, role: str, towns, pii: bool, password: str, known_towns, *, by: str | None = None,
        demo: bool = False) -> access.User:
    name = check_name(name)
    codes = check_scope(role, towns, known_towns)
    check_password(name, password)
    stamp = now()
    with store.write() as conn:
        if conn.execute(select(t.c.username).where(t.c.username == name)).first():
            raise AccountError(LA.ERR_EXISTS.format(name=name))
        conn.execute(insert(t).values(username=name, role=role, towns=json.dumps(list(codes)), pii=bool(pii),
                                      password_hash=hash_password(password), active=True, demo=demo,
                                      failed_logins=0, created_at=stamp, updated_at=stamp))
    access.record("user_add", by, target=name, role=role, towns=list(codes), pii=bool(pii), demo=demo)
    return access.User(name, role, codes, bool(pii))


def _end_sessions(conn, name: str, reason: str) -> None:
    conn.execute(update(s_t).where(s_t.c.username == name, s_t.c.ended_at.is_(None))
                 .values(ended_at=now(), end_reason=reason))


def _change(store, name: str, values: dict, end_sessions: bool) -> None:
    with store.write() as conn:
        done = conn.execute(update(t).where(t.c.username == name).values(**values, updated_at=now()))
        if done.rowcount == 0:
            raise AccountError(LA.ERR_MISSING.format(name=name))
        if end_sessions:
            _end_sessions(conn, name, "changed")


def update_user(store, name: str, role: str, towns, pii: bool, active: bool, known_towns, *,
                by: str | None = None) -> None:
    """Set role, towns, pii and active; open sessions of the user end (they sign in with the new rights)."""
    codes = check_scope(role, towns, known_towns)
    _change(store, name, {"role": role, "towns": json.dumps(list(codes)), "pii": bool(pii), "active": bool(active)},
            end_sessions=True)
    access.record("user_update", by, target=name, role=role, towns=list(codes), pii=bool(pii), active=bool(active))


def disable(store, name: str, *, by: str | None = None) -> None:
    _change(store, name, {"active": False}, end_sessions=True)
    access.record("user_disable", by, target=name)


def set_password(store, name: str, password: str, *, by: str | None = None) -> None:
    check_password(name, password)
    _change(store, name, {"password_hash": hash_password(password), "failed_logins": 0, "locked_until": None},
            end_sessions=True)
    access.record("user_password", by, target=name)


def list_users(store) -> list:
    with store.read() as conn:
        return conn.execute(select(t).order_by(t.c.username)).all()


def has_real_admin(store) -> bool:
    """An active admin that is not a demo account exists (needed once real data is imported)."""
    with store.read() as conn:
        return conn.execute(select(t.c.username).where(t.c.role == access.ADMIN, t.c.active.is_(True),
                                                       t.c.demo.is_(False)).limit(1)).first() is not None


def ensure_demo_accounts(store, known_towns) -> list[tuple[str, str, str]]:
    """Create the demo accounts that are missing; return (name, role, password) of every demo account."""
    with store.read() as conn:
        have = set(conn.execute(select(t.c.username).where(t.c.demo.is_(True))).scalars())
    for name, role, towns, password in DEMO_ACCOUNTS:
        if name not in have:
            try:
                add(store, name, role, towns, False, password, known_towns, by=None, demo=True)
            except AccountError:
                pass  # created meanwhile by another process, or the name is taken by a real account
    return [(name, role, password) for name, role, _, password in DEMO_ACCOUNTS]


def _verify(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(store, name: str, password: str, demo_allowed: bool) -> SignIn:
    """Check a user name and password. Unknown user, wrong password, locked or disabled account all
    give outcome 'failed' (the caller shows one message); 5 failures in a row lock for 15 minutes."""
    name = (name or "").strip()[:40]
    row = get(store, name) if name else None
    stamp = now()
    if row is None:
        _verify(_dummy_hash(), password or "")
        access.record("login_failed", name or None, reason="unknown_user")
        return SignIn(None, "failed")
    if row.locked_until is not None and row.locked_until > stamp:
        _verify(_dummy_hash(), password or "")
        access.record("login_failed", name, reason="locked", locked_until=row.locked_until.isoformat())
        return SignIn(None, "failed")
    if not _verify(row.password_hash, password or ""):
        _count_failure(store, name, stamp)
        return SignIn(None, "failed")
    if not row.active:
        access.record("login_failed", name, reason="disabled")
        return SignIn(None, "failed")
    if row.demo and not demo_allowed:
        access.record("login_demo_off", name)
        return SignIn(None, "demo_off")
    values = {"failed_logins": 0, "locked_until": None}
    if _HASHER.check_needs_rehash(row.password_hash):
        values["password_hash"] = hash_password(password)
    if len(values) > 2 or row.failed_logins or row.locked_until is not None:  # a write only when one is due:
        with store.write() as conn:  # twenty sign-ins at once queue on the store's one write lock
            conn.execute(update(t).where(t.c.username == name).values(**values))
    access.record("login_ok", name)
    return SignIn(_user(row), "ok")


def _count_failure(store, name: str, stamp: dt.datetime) -> None:
    with store.write() as conn:  # increment in the database: parallel attempts all count
        conn.execute(update(t).where(t.c.username == name).values(failed_logins=t.c.failed_logins + 1))
        failures = conn.execute(select(t.c.failed_logins).where(t.c.username == name)).scalar()
        locked = failures >= MAX_FAILURES
        if locked:
            until = stamp + dt.timedelta(minutes=LOCK_MINUTES)
            conn.execute(update(t).where(t.c.username == name).values(failed_logins=0, locked_until=until))
    access.record("login_failed", name, reason="password", failures=failures)
    if locked:
        access.record("login_locked", name, minutes=LOCK_MINUTES)


def user_of(row) -> access.User:
    return _user(row)


def users_frame(store, town_names: dict[str, str], all_towns: str) -> pd.DataFrame:
    """Every account as the users page shows it (no hashes)."""
    rows = [{"username": r.username, "role": r.role,
             "towns": "、".join(town_names.get(c, c) for c in _user(r).towns) or all_towns,
             "pii": bool(r.pii), "active": bool(r.active), "demo": bool(r.demo), "locked_until": r.locked_until,
             "created_at": r.created_at, "updated_at": r.updated_at} for r in list_users(store)]
    return pd.DataFrame(rows, columns=["username", "role", "towns", "pii", "active", "demo", "locked_until",
                                       "created_at", "updated_at"])
