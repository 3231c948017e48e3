"""Small named values the app sets at run time, e.g. the boundary file uploaded on the data page."""

from sqlalchemy import insert, select, update

from fxdash.store import now
from fxdash.store.schema import settings as t


def get(store, key: str, default: str | None = None) -> str | None:
    with store.read() as conn:
        value = conn.execute(select(t.c.value).where(t.c.key == key)).scalar()
    return default if value is None else value


def put(store, key: str, value: str, username: str | None = None) -> None:
    with store.write() as conn:
        values = {"value": value, "updated_at": now(), "updated_by": username}
        if conn.execute(update(t).where(t.c.key == key).values(**values)).rowcount == 0:
            conn.execute(insert(t).values(key=key, **values))
