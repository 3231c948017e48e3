"""Headline figures for the overview page."""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import overview as LO
from fxdash.queries.common import active_at, fetch, report_where, role_members, scalar, worker_where


def active_workers(con, f: Filters) -> int:
    """Workers registered at the end of the period, under the worker filters."""
    cond, params = worker_where(f)
    sql = f"select count(*) from workers w where {active_at('w')} and {cond}"
    return scalar(con, sql, [f.date_to, f.date_to, *params])


def stations_open(con, f: Filters, kind: str) -> int:
    cond, params = f.where(town="s.town_code")
    sql = f"select count(*) from stations s where s.kind = ? and s.opened_on <= ? and {cond}"
    return scalar(con, sql, [kind, f.date_to, *params])


def scenes_certified(con, f: Filters) -> int:
    cond, params = f.where(town="s.town_code")
    return scalar(con, f"select count(*) from friendly_scenes s where s.certified_on <= ? and {cond}",
                  [f.date_to, *params])


def branches_founded(con, f: Filters) -> int:
    cond, params = f.where(town="b.town_code")
    return scalar(con, f"select count(*) from branches b where b.founded_on <= ? and {cond}", [f.date_to, *params])


def reports_in_period(con, f: Filters) -> tuple[int, int]:
    """(reports made in the period, how many of them are still open now)."""
    cond, params = report_where(f)
    sql = f"""
        select count(*), count(*) filter (where r.status in ('待受理', '处置中'))
        from reports r
        left join workers w on w.worker_id = r.reporter_id
        where {cond}
    """
    total, still_open = con.execute(sql, params).fetchone()
    return total, still_open


KPIS = (
    # key, label, unit, is_stock (state at period end) or flow (within the period)
    ("active_workers", LO.KPI_ACTIVE_WORKERS, LC.UNIT_PERSON, True),
    ("rider_stations", LO.KPI_RIDER_STATIONS, LC.UNIT_ITEM, True),
    ("service_points", LO.KPI_SERVICE_POINTS, LC.UNIT_ITEM, True),
    ("scenes", LO.KPI_SCENES, LC.UNIT_ITEM, True),
    ("branches", LO.KPI_BRANCHES, LC.UNIT_ITEM, True),
    ("role_members", LO.KPI_ROLE_MEMBERS, LC.UNIT_PERSON, True),
    ("reports", LO.KPI_REPORTS, LC.UNIT_CASE, False),
    ("reports_open", LO.KPI_REPORTS_OPEN, LC.UNIT_CASE, False),
)


def _kpi_values(con, f: Filters) -> dict[str, int]:
    reports, still_open = reports_in_period(con, f)
    return {
        "active_workers": active_workers(con, f),
        "rider_stations": stations_open(con, f, "骑手驿站"),
        "service_points": stations_open(con, f, "服务点位"),
        "scenes": scenes_certified(con, f),
        "branches": branches_founded(con, f),
        "role_members": role_members(con, f),
        "reports": reports,
        "reports_open": still_open,
    }


def headline(con, f: Filters) -> pd.DataFrame:
    """One row per headline figure: value now, value in the previous period of equal length, change."""
    now, before = _kpi_values(con, f), _kpi_values(con, f.previous())
    rows = [
        {"key": key, "label": label, "unit": unit, "stock": stock, "value": now[key], "previous": before[key],
         "delta": now[key] - before[key]}
        for key, label, unit, stock in KPIS
    ]
    return pd.DataFrame(rows)


def weekly_reports(con, f: Filters) -> pd.DataFrame:
    """New and resolved reports per week (Monday start) within the period."""
    cond, params = f.where(town="r.town_code", category="r.category", occupation="w.occupation",
                           enterprise="w.enterprise_id")
    sql = f"""
        with scoped as (
            select r.reported_at, r.resolved_at, r.status
            from reports r
            left join workers w on w.worker_id = r.reporter_id
            where {cond}
        ),
        weeks as (
            select unnest(generate_series(date_trunc('week', ?::date), ?::date, interval 7 day))::date as week
        ),
        new as (
            select date_trunc('week', reported_at)::date as week, count(*) as n
            from scoped where reported_at >= ? and reported_at < ? group by 1
        ),
        resolved as (
            select date_trunc('week', resolved_at)::date as week, count(*) as n
            from scoped where status = '已办结' and resolved_at >= ? and resolved_at < ? group by 1
        ),
        final as (
            select weeks.week, coalesce(new.n, 0) as new, coalesce(resolved.n, 0) as resolved
            from weeks
            left join new using (week)
            left join resolved using (week)
        )
        select * from final order by week
    """
    start, end = f.where(timestamp="x")[1]
    return fetch(con, sql, [*params, f.date_from, f.date_to, start, end, start, end])


def kpi_trend(con, f: Filters, weeks: int = 12) -> pd.DataFrame:
    """Each headline figure over the last `weeks` weeks up to the period end (for sparklines).

    Stocks are read at each week's last day; flows count that week (reports made in it).
    """
    import datetime as dt

    rows = []
    for k in range(weeks - 1, -1, -1):
        end = f.date_to - dt.timedelta(days=7 * k)
        week = f.with_period(end - dt.timedelta(days=6), end)
        for key, value in _kpi_values(con, week).items():
            rows.append({"key": key, "week_end": end, "value": value})
    return pd.DataFrame(rows)
