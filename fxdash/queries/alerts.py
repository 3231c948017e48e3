"""The overview's alert strip: what needs attention now. The figures are metrics.ALERTS (each from the
area that owns it); a page passes the ones it already has cached to `strip`, so nothing is computed
twice."""

import datetime as dt

import pandas as pd

from fxdash import metrics, reconcile
from fxdash.filters import Filters
from fxdash.labels import metrics as M
from fxdash.labels import pages as PG
from fxdash.labels import reconcile as R
from fxdash.queries import common

STALE_DAYS = 3  # no new report for this many days usually means the mini-program export was not loaded

# alert key -> (metric, its texts when it needs attention and when not); PG.ALERT_PAGES says where each links
ROWS = {
    "overdue_reports": (metrics.OVERDUE_OPEN, M.ALERT_OVERDUE),
    "unvisited_pairs": (metrics.UNVISITED_PAIRS, M.ALERT_UNVISITED),
    "negative_balances": (metrics.NEGATIVE_BALANCES, M.ALERT_NEGATIVE),
}


def alerts(con, f: Filters, today: dt.date, references: pd.DataFrame | None = None, deadlines=None) -> pd.DataFrame:
    """One row per alert: key, count, whether it needs attention, its text and the page that deals with it.

    `references` (the active published figures, for users who may open 数据核对) adds a row counting
    the figures the dashboard's data disagrees with."""
    off = _mismatches(con, references) if references is not None else None
    return strip(metrics.values(con, f, metrics.ALERTS, deadlines), today, common.latest_activity(con), off)


def _mismatches(con, references: pd.DataFrame) -> int:
    return reconcile.summary(reconcile.compare(con, references))["off"]


def strip(figures: dict, today: dt.date, latest: dt.date | None, mismatches: int | None = None) -> pd.DataFrame:
    """The alert rows from figures already computed (metrics.ALERTS), the day of the latest report and
    the number of published figures the data disagrees with (None: not shown to this user)."""
    rows = []
    for key, (metric, (warn_text, ok_text)) in ROWS.items():
        n = int(figures[metric.key])
        fill = {"n": n, "days": metric.threshold}
        rows.append({"key": key, "count": n, "warn": n > 0, "text": (warn_text if n > 0 else ok_text).format(**fill),
                     "page": PG.ALERT_PAGES[key]})
    stale = (today - latest).days if latest else None
    warn_text, ok_text = M.ALERT_STALE
    rows.append({"key": "stale_days", "count": stale, "warn": stale is None or stale >= STALE_DAYS,
                 "text": M.ALERT_NO_REPORTS if stale is None else
                 warn_text.format(n=stale) if stale >= STALE_DAYS else ok_text,
                 "page": PG.ALERT_PAGES["stale_days"]})
    if mismatches is not None:
        rows.append(_reference_alert(mismatches))
    return pd.DataFrame(rows)


def _reference_alert(off: int) -> dict:
    return {"key": "reference_mismatch", "count": off, "warn": off > 0,
            "text": R.ALERT_WARN.format(n=off) if off else R.ALERT_OK, "page": "pages/reconcile.py"}
