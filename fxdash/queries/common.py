"""Shared query helpers: fetching, lookups and the SQL pieces every area uses."""

import datetime as dt

import pandas as pd

from fxdash.filters import Filters


def fetch(con, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run a query and fetch it fully (a half-read result blocks the connection)."""
    return con.execute(sql, params or []).df()


def scalar(con, sql: str, params: list | None = None):
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def active_at(alias: str) -> str:
    """Condition: the worker `alias` is registered on a date bound twice (joined, left)."""
    return f"({alias}.joined_on <= ? and ({alias}.left_on is null or {alias}.left_on > ?))"


def worker_where(f: Filters, alias: str = "w") -> tuple[str, list]:
    """The global filters that apply to a worker: town, occupation, enterprise."""
    return f.where(town=f"{alias}.town_code", occupation=f"{alias}.occupation", enterprise=f"{alias}.enterprise_id")


def towns(con) -> pd.DataFrame:
    return fetch(con, "select town_code, name, kind, lat, lon from towns order by town_code")


def enterprises(con) -> pd.DataFrame:
    return fetch(con, "select enterprise_id, name, business from enterprises order by business, name")


def town_names(con) -> dict[str, str]:
    return dict(con.execute("select town_code, name from towns").fetchall())


def enterprise_names(con) -> dict[str, str]:
    return dict(con.execute("select enterprise_id, name from enterprises").fetchall())


def latest_activity(con) -> dt.date | None:
    """The date of the newest report: a data-freshness signal."""
    value = scalar(con, "select max(reported_at) from reports")
    return value.date() if value is not None else None
