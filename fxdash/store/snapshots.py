"""Weekly snapshots: a week's figures as they stood when the meeting saved them, per view."""

import datetime as dt

import pandas as pd
from sqlalchemy import func, insert, select

from fxdash.store.schema import weekly_snapshots as t


def save(store, week: str, filters: str, figures: dict[str, float | None], saved_by: str,
         saved_at: dt.datetime) -> int:
    """Store every figure of one week and view in one transaction; returns the number saved."""
    rows = [{"week": week, "filters": filters, "metric": key, "value": value, "saved_at": saved_at,
             "saved_by": saved_by} for key, value in figures.items()]
    with store.write() as conn:
        conn.execute(insert(t), rows)
    return len(rows)


def latest(store, week: str, filters: str) -> pd.DataFrame:
    """The most recent snapshot of a week and view: metric, value, saved_at, saved_by (empty if none)."""
    mine = (t.c.week == week) & (t.c.filters == filters)
    last = select(func.max(t.c.saved_at)).where(mine).scalar_subquery()
    with store.read() as conn:
        rows = conn.execute(select(t.c.metric, t.c.value, t.c.saved_at, t.c.saved_by)
                            .where(mine, t.c.saved_at == last).order_by(t.c.metric)).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=["metric", "value", "saved_at", "saved_by"])
    df["value"] = df["value"].astype("float64")
    df["saved_at"] = pd.to_datetime(df["saved_at"])
    return df
