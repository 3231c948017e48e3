"""The overview's alert strip: what needs attention now, each figure from the area that owns it."""

import datetime as dt

import pandas as pd

from fxdash import labels as L
from fxdash.filters import Filters
from fxdash.queries import common, community, people_points, reports

STALE_DAYS = 3  # no new report for this many days usually means the mini-program export was not loaded


def alerts(con, f: Filters, today: dt.date, references: pd.DataFrame | None = None, deadlines=None) -> pd.DataFrame:
    """One row per alert: key, count, whether it needs attention, its text and the page that deals with it.

    `references` (the active published figures, for users who may open 数据核对) adds a row counting
    the figures the dashboard's data disagrees with. `deadlines`: the Settings' report deadlines."""
    overdue = int(reports.on_time_summary(con, f, deadlines).iloc[0]["overdue_backlog"])
    unvisited = len(community.overdue_pairs(con, f))
    negative = len(people_points.negative_balances(con, f))
    latest = common.latest_activity(con)
    stale = (today - latest).days if latest else None
    rows = [
        {"key": "overdue_reports", "count": overdue, "warn": overdue > 0},
        {"key": "unvisited_pairs", "count": unvisited, "warn": unvisited > 0},
        {"key": "negative_balances", "count": negative, "warn": negative > 0},
        {"key": "stale_days", "count": stale, "warn": stale is None or stale >= STALE_DAYS},
    ]
    for row in rows:
        warn_text, ok_text = L.ALERT_TEXT[row["key"]]
        if row["count"] is None:
            row["text"] = L.ALERT_NO_REPORTS
        else:
            row["text"] = warn_text.format(n=row["count"]) if row["warn"] else ok_text
        row["page"] = L.ALERT_PAGES[row["key"]]
    if references is not None:
        rows.append(_reference_alert(con, references))
    return pd.DataFrame(rows)


def _reference_alert(con, references: pd.DataFrame) -> dict:
    from fxdash import reconcile
    from fxdash.labels import reconcile as R

    off = reconcile.summary(reconcile.compare(con, references))["off"]
    return {"key": "reference_mismatch", "count": off, "warn": off > 0,
            "text": R.ALERT_WARN.format(n=off) if off else R.ALERT_OK, "page": "pages/reconcile.py"}
