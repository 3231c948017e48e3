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


# The lookups below list every town / enterprise, or with `f` only those in the user's scope (the
# town selector, the URL check). Town names and centres alone are no data: maps draw every boundary.


def towns(con, f: Filters | None = None) -> pd.DataFrame:
    cond, params = f.scope_where("town_code") if f is not None else ("true", [])
    return fetch(con, f"select town_code, name, kind, lat, lon from towns where {cond} order by town_code", params)


def enterprises(con, f: Filters | None = None) -> pd.DataFrame:
    """Enterprises; for a scoped user those with a site or a registered worker in their towns."""
    from fxdash.queries.data import table_rows

    return table_rows(con, "enterprises", f).sort_values(["business", "name"]).reset_index(drop=True)[
        ["enterprise_id", "name", "business"]]


def town_names(con, f: Filters | None = None) -> dict[str, str]:
    df = towns(con, f)
    return dict(zip(df["town_code"], df["name"]))


def enterprise_names(con, f: Filters | None = None) -> dict[str, str]:
    df = enterprises(con, f)
    return dict(zip(df["enterprise_id"], df["name"]))


def latest_activity(con) -> dt.date | None:
    """The date of the newest report: a data-freshness signal."""
    value = scalar(con, "select max(reported_at) from reports")
    return value.date() if value is not None else None
