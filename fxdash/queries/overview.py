"""The overview's figures (sources of fxdash.metrics) and its weekly report flow; plus the two counts
of the weekly comparison no area module has (activities held, people who took up their first role)."""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import (
    _per_period,
    _periods_sql,
    active_at,
    bind,
    fetch,
    report_where,
    scalar,
    timed_series,
    worker_in,
    worker_where,
)


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
        select count(*), count(*) filter (where list_contains(?, r.status))
        from reports r
        where {cond}
    """
    total, still_open = con.execute(sql, [list(V.OPEN_STATUSES), *params]).fetchone()
    return total, still_open


def weekly_reports(con, f: Filters) -> pd.DataFrame:
    """New and resolved reports per week (Monday start) within the period."""
    cond, params = report_where(f, period=False, status=False)
    sql = f"""
        with scoped as (
            select r.reported_at, r.resolved_at, r.status
            from reports r
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


def activities_held(con, f: Filters) -> int:
    """Volunteer activities held in the period in which at least one filtered worker took part."""
    cond, params = worker_in(f, "p.worker_id")
    sql = f"""
        select count(distinct a.activity_id)
        from activities a
        join activity_participants p using (activity_id)
        where not list_contains(?, a.kind) and a.held_on between ? and ? and {cond}
    """
    return int(scalar(con, sql, [list(V.PARTY_ACTIVITY_KINDS), f.date_from, f.date_to, *params]))


def first_roles(con, f: Filters) -> int:
    """People whose first of the four roles began in the period (new members, not extra roles)."""
    cond, params = worker_in(f, "r.worker_id")
    sql = f"""
        with firsts as (
            select r.worker_id, min(r.since) as first_since
            from worker_roles r
            where {cond} group by 1
        )
        select count(*) from firsts where first_since between ? and ?
    """
    return int(scalar(con, sql, [*params, f.date_from, f.date_to]))


# --- series forms: the same figures for many periods in one grouped query (the sparklines) ----------
# Each returns one row per period, in the order given, with the figure(s) of fxdash.metrics as columns.


def _active_workers_series(con, f: Filters, periods) -> pd.DataFrame:
    cond, params = worker_where(f, named=True)
    psql, pparams = _periods_sql(periods)
    # registered on day d = joined by d minus left by d (nobody leaves before joining: a schema check):
    # one grouped pass over the registry, not every worker tested against every period
    sql = f"""
        with periods as ({psql}),
        scoped as (select w.joined_on, w.left_on from workers w where {cond}),
        moves as (
            select joined_on as day, count(*) as joined, 0 as left_ from scoped group by 1
            union all
            select left_on, 0, count(*) from scoped where left_on is not null group by 1
        )
        select p.p_to, (sum(m.joined) - sum(m.left_))::bigint as value
        from periods p join moves m on m.day <= p.p_to
        group by 1
    """
    return _per_period(con, sql, bind(params, pparams), periods)


def _dated_series(con, f: Filters, periods, table: str, date_col: str, extra: str = "true",
                  extra_params: dict | None = None) -> pd.DataFrame:
    """Rows of `table` (alias s) dated on or before each period's end, under the town filter."""
    cond, params = f.where(town="s.town_code", named=True)
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql})
        select p.p_to, count(*) as value
        from periods p, {table} s where s.{date_col} <= p.p_to and {extra} and {cond} group by 1
    """
    return _per_period(con, sql, bind(params, pparams, extra_params or {}), periods)


def _stations_open_series(con, f: Filters, periods, kind: str) -> pd.DataFrame:
    return _dated_series(con, f, periods, "stations", "opened_on", "s.kind = $kind", {"kind": kind})


def _scenes_certified_series(con, f: Filters, periods) -> pd.DataFrame:
    return _dated_series(con, f, periods, "friendly_scenes", "certified_on")


def _branches_founded_series(con, f: Filters, periods) -> pd.DataFrame:
    return _dated_series(con, f, periods, "branches", "founded_on")


def _reports_in_period_series(con, f: Filters, periods) -> pd.DataFrame:
    """reports_in_period per period: columns `total`, `still_open`."""
    cond, params = report_where(f, named=True, period=False)
    return timed_series(con, periods, rows="reports r", at="reported_at", columns="r.status", where=cond,
                        measures="count(*) as total, count(*) filter (where list_contains($open, s.status)) "
                                 "as still_open",
                        params=bind(params, open=list(V.OPEN_STATUSES)))


def _resolved_series(con, f: Filters, periods) -> pd.DataFrame:
    """The resolved reports weekly_reports counts over each period (its weeks summed): column `resolved`."""
    cond, params = report_where(f, named=True, period=False, status=False)
    return timed_series(con, periods, rows="reports r", at="resolved_at",
                        where=f"r.status = '已办结' and {cond}", measures="count(*) as resolved", params=params)


def _activities_held_series(con, f: Filters, periods) -> pd.DataFrame:
    cond, params = worker_in(f, "p.worker_id", named=True)
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        held as (
            select distinct a.activity_id, a.held_on
            from activities a
            join activity_participants p using (activity_id)
            where not list_contains($kinds, a.kind) and {cond}
              and a.held_on between (select min(p_from) from periods) and (select max(p_to) from periods)
        )
        select p.p_to, count(distinct h.activity_id) as value
        from periods p join held h on h.held_on between p.p_from and p.p_to
        group by 1
    """
    return _per_period(con, sql, bind(params, pparams, kinds=list(V.PARTY_ACTIVITY_KINDS)), periods)


def _first_roles_series(con, f: Filters, periods) -> pd.DataFrame:
    cond, params = worker_in(f, "r.worker_id", named=True)
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        firsts as (
            select r.worker_id, min(r.since) as first_since
            from worker_roles r
            where {cond} group by 1
        )
        select p.p_to, count(*) as value
        from periods p join firsts s on s.first_since between p.p_from and p.p_to
        group by 1
    """
    return _per_period(con, sql, bind(params, pparams), periods)
