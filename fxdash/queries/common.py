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


def report_where(f: Filters) -> tuple[str, list]:
    """Filters as they apply to reports `r` (joined to their reporter `w`): where and when reported,
    what, status, and who reported."""
    return f.where(timestamp="r.reported_at", town="r.town_code", category="r.category", status="r.status",
                   occupation="w.occupation", enterprise="w.enterprise_id")


def registered_per(f: Filters, by: str, counts: str = "count(*) as registered", counts_params: list = (),
                   where: tuple[str, list] | None = None) -> tuple[str, list]:
    """A subquery: workers `w` in the registry at the period end, grouped by `by`.

    `by` (a column of `w`) and `counts` (aggregates, binding `counts_params`) are SQL from code; the
    condition is the worker filters unless `where` gives another one (e.g. without the town filter).
    """
    cond, params = where if where is not None else worker_where(f)
    sql = f"select {by}, {counts} from workers w where {active_at('w')} and {cond} group by 1"
    return sql, [*counts_params, f.date_to, f.date_to, *params]


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


# --- figures more than one area shows ------------------------------------------------------------


def role_members(con, f: Filters) -> int:
    """Distinct people holding at least one of the four roles at the end of the period."""
    cond, params = worker_where(f)
    rcond, rparams = f.where(role="r.role")
    sql = f"""
        select count(distinct r.worker_id)
        from worker_roles r
        join workers w using (worker_id)
        where r.since <= ? and (r.until is null or r.until > ?)
          and {active_at('w')} and {cond} and {rcond}
    """
    return scalar(con, sql, [f.date_to, f.date_to, f.date_to, f.date_to, *params, *rparams])


def town_summary(con, f: Filters) -> pd.DataFrame:
    """Per town: workers registered at the period end and reports made in the period."""
    wsql, wparams = registered_per(f, "w.town_code", "count(*) as active_workers")
    rcond, rparams = report_where(f)
    tcond, tparams = f.where(town="t.town_code")
    sql = f"""
        with workers_now as ({wsql}),
        reports_in as (
            select r.town_code, count(*) as reports
            from reports r left join workers w on w.worker_id = r.reporter_id
            where {rcond} group by 1
        ),
        final as (
            select t.town_code, t.name as town, coalesce(a.active_workers, 0) as active_workers,
                   coalesce(p.reports, 0) as reports
            from towns t
            left join workers_now a using (town_code)
            left join reports_in p using (town_code)
            where {tcond}
        )
        select * from final order by active_workers desc
    """
    return fetch(con, sql, [*wparams, *rparams, *tparams])


def latest_activity(con) -> dt.date | None:
    """The date of the newest report: a data-freshness signal."""
    value = scalar(con, "select max(reported_at) from reports")
    return value.date() if value is not None else None
