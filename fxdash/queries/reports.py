"""Queries for the reports page (问题上报), and the one definition of "overdue".

Every report has a deadline: `deadlines[category]` days after it was reported (settings:
`Settings.deadlines`, passed in by the caller). Everything is measured at one moment T, the end of the period's last
day (`measured_at`), from the timestamps rather than the stored status, so that an earlier period
shows how things stood back then:

- open at T:        not closed (已办结/不予受理) before T
- overdue:          open at T and T > due_at (its age exceeds the deadline)
- resolved on time: 已办结 before T with resolved_at <= due_at (exactly at the deadline is on time)
- resolved late:    已办结 before T with resolved_at > due_at
- pending:          open at T, not yet due
- % on time = on time / (on time + late + overdue): open overdue reports count as late; pending
  ones (outcome unknown yet) and 不予受理 (not a handling) are left out.

`report_outcomes` is that definition; the weekly page and every aggregate here build on it.
"""

import datetime as dt

import pandas as pd

from fxdash import config
from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.privacy import NAME, PHONE, personal
from fxdash.queries import report_drill
from fxdash.queries.common import _per_period, _periods_sql, bind, fetch, report_where, town_names, town_summary

EARLIEST = dt.date(2000, 1, 1)  # "since records began": the backlog looks at every open report

# The state of a report at T (`measured_at`) and its outcome, over a row with status, accepted_at,
# resolved_at, due_at, measured_at (and status_at_end for the outcome): one definition for the
# per-report rows and the weekly series.
STATUS_AT_END = """case
        when status in ('已办结', '不予受理') and (resolved_at is null or resolved_at < measured_at) then status
        when accepted_at < measured_at or (accepted_at is null and status = '处置中') then '处置中'
        else '待受理'
    end"""
OUTCOME = """case
        when status_at_end = '不予受理' then 'rejected'
        when status_at_end = '已办结' and resolved_at is null then 'unknown'
        when status_at_end = '已办结' and resolved_at <= due_at then 'on_time'
        when status_at_end = '已办结' then 'late'
        when measured_at > due_at then 'overdue'
        else 'pending'
    end"""


def measured_at(f: Filters) -> dt.datetime:
    """T: the end of the period's last day (midnight after `date_to`)."""
    return dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())


def _deadline_pairs(deadlines) -> tuple[list[str], list[float]]:
    # `deadlines` (category -> days, or its pairs) comes from the settings (Settings.deadlines); every
    # page passes the same, so the weekly page and the alerts count overdue as the reports page does.
    # None: the built-in deadlines
    days = dict(deadlines) if deadlines else config.parse_deadlines("", V.REPORT_CATEGORIES)[0]
    return list(days), [float(v) for v in days.values()]


def _outcomes_sql(f: Filters, deadlines=None, backlog: bool = False, drill=None) -> tuple[str, dict]:
    """Per-report rows with due time, state at T and outcome; `backlog` widens to every report before T.
    The reporter's columns are null here (the aggregates need none): `_with_reporter` fills them in.

    Named parameters; the report filters' period ones carry the prefix `backlog_` for the backlog, so
    that a query can hold both (on_time_summary)."""
    cond, params = report_where(f.with_period(EARLIEST, f.date_to) if backlog else f, named=True,
                                prefix="backlog_" if backlog else "")
    dcond, dparams = report_drill.drill_where(drill)
    cats, days = _deadline_pairs(deadlines)
    sql = f"""
        with deadlines as (
            select unnest($deadline_categories::varchar[]) as category, unnest($deadline_days::double[]) as deadline_days
        ),
        scoped as (
            select r.report_id, r.reporter_id, r.category, r.description, r.town_code, r.community_id,
                   r.lat, r.lon, r.status, r.reported_at, r.accepted_at, r.resolved_at, r.handler,
                   r.points_awarded, null::varchar as reporter_name, null::varchar as reporter_phone,
                   null::varchar as reporter_occupation,
                   coalesce(d.deadline_days, $default_deadline) as deadline_days, $measured_at::timestamp as measured_at
            from reports r
            left join deadlines d on d.category = r.category
            where {cond} and {dcond}
        ),
        at_end as (
            -- the state at T: a report closed after T was still open then
            select *,
                   reported_at + deadline_days * interval 1 day as due_at,
                   {STATUS_AT_END} as status_at_end
            from scoped
        ),
        final as (
            select *,
                   list_contains($open_statuses, status_at_end) as open_at_end,
                   {OUTCOME} as outcome,
                   -- durations in hours / days from the timestamps (seconds / 3600, / 86400)
                   case when accepted_at < measured_at
                        then date_diff('second', reported_at, accepted_at) / 3600.0 end as hours_to_accept,
                   case when status_at_end = '已办结'
                        then date_diff('second', reported_at, resolved_at) / 86400.0 end as days_to_resolve,
                   case when list_contains($open_statuses, status_at_end)
                        then date_diff('second', reported_at, measured_at) / 86400.0 end as age_days
            from at_end
        )
        select * from final
    """
    return sql, bind(params, dparams, deadline_categories=cats, deadline_days=days,
                     default_deadline=config.DEFAULT_DEADLINE_DAYS, measured_at=measured_at(f),
                     open_statuses=list(V.OPEN_STATUSES))


def _with_reporter(rows_sql: str) -> str:
    """Rows of _outcomes_sql (filtered as the caller needs) with their reporter's name, phone and
    occupation, the columns in place: joined after filtering, so only the rows kept meet the registry."""
    return f"""
        select o.* replace (w.name as reporter_name, w.phone as reporter_phone, w.occupation as reporter_occupation)
        from ({rows_sql}) o left join workers w on w.worker_id = o.reporter_id
    """


@personal(reporter_name=NAME, reporter_phone=PHONE)
def report_outcomes(con, f: Filters, deadlines=None, backlog: bool = False, drill=None) -> pd.DataFrame:
    """One row per report in scope with its deadline, state at T and outcome (see module doc).

    `backlog=True` takes every report made before T,
    not only those made in the period (the overdue list must not lose old cases).
    """
    sql, params = _outcomes_sql(f, deadlines, backlog, drill)
    df = fetch(con, _with_reporter(sql) + " order by reported_at, report_id", params)
    df["days_overdue"] = ((df["measured_at"] - df["due_at"]).dt.total_seconds() / 86400).where(
        df["outcome"] == "overdue")
    return df


def on_time_summary(con, f: Filters, deadlines=None) -> pd.DataFrame:
    """One row: the period's reports by outcome, % on time, median times, and the whole overdue backlog."""
    sql, params = _outcomes_sql(f, deadlines)
    bsql, bparams = _outcomes_sql(f, deadlines, backlog=True)
    query = f"""
        with period as ({sql}),
        backlog as ({bsql}),
        counts as (
            select count(*) as reports,
                   count(*) filter (where status_at_end = '已办结') as resolved,
                   count(*) filter (where open_at_end) as open,
                   count(*) filter (where outcome = 'on_time') as on_time,
                   count(*) filter (where outcome = 'late') as late,
                   count(*) filter (where outcome = 'overdue') as overdue,
                   count(*) filter (where outcome = 'pending') as pending,
                   count(*) filter (where outcome = 'rejected') as rejected,
                   median(hours_to_accept) as median_hours_to_accept,
                   median(days_to_resolve) as median_days_to_resolve
            from period
        ),
        final as (
            select counts.*,
                   on_time / nullif(on_time + late + overdue, 0) as share_on_time,
                   (select count(*) from backlog where outcome = 'overdue') as overdue_backlog
            from counts
        )
        select * from final
    """
    return fetch(con, query, bind(params, bparams))


def on_time_by_town(con, f: Filters, deadlines=None) -> pd.DataFrame:
    """Per town (by code): the period's reports decided at T (on time, late or overdue) and those on time."""
    sql, params = _outcomes_sql(f, deadlines)
    query = f"""
        with period as ({sql}),
        final as (
            select town_code, count(*) as decided, count(*) filter (where outcome = 'on_time') as on_time
            from period where outcome in ('on_time', 'late', 'overdue') group by 1
        )
        select * from final order by town_code
    """
    return fetch(con, query, params)


@personal(reporter=NAME, reporter_phone=PHONE)
def overdue_list(con, f: Filters, deadlines=None, town_names: dict | None = None) -> pd.DataFrame:
    """Open reports past their deadline at T, made at any time before T, oldest first."""
    # kept in DuckDB: fetching every report before T to keep the overdue ones took 2 s at scale 100
    sql, params = _outcomes_sql(f, deadlines, backlog=True)
    overdue = _with_reporter(f"select * from ({sql}) where outcome = 'overdue'")
    df = fetch(con, f"{overdue} order by reported_at, report_id", params)
    df["days_overdue"] = (df["measured_at"] - df["due_at"]).dt.total_seconds() / 86400
    return _readable(con, df)


@personal(reporter=NAME, reporter_phone=PHONE)
def records(con, f: Filters, deadlines=None, drill=None) -> pd.DataFrame:
    """The period's reports (narrowed by the drill), newest first, with readable columns."""
    # a single report picked from the overdue list may predate the period
    backlog = drill is not None and drill.kind == "id"
    df = report_outcomes(con, f, deadlines, backlog=backlog, drill=drill).sort_values(
        ["reported_at", "report_id"], ascending=[False, True])
    return _readable(con, df)


RECORD_COLUMNS = ("report_id", "reported_at", "category", "town", "community", "status_at_end", "outcome",
                  "accepted_at", "resolved_at", "hours_to_accept", "days_to_resolve", "age_days", "days_overdue",
                  "deadline_days", "due_at", "handler", "reporter", "reporter_phone", "points_awarded",
                  "description")


# what the meeting reads off the overdue list
OVERDUE_COLUMNS = ("report_id", "reported_at", "days_overdue", "age_days", "deadline_days", "category", "town",
                   "community", "status_at_end", "handler", "reporter", "reporter_phone", "description")


def _readable(con, df: pd.DataFrame) -> pd.DataFrame:
    """Town and community names, the columns the table and export show (the outcome stays its key:
    fxdash.tables.outcome_words puts it in words)."""
    towns = town_names(con)
    communities = dict(con.execute("select community_id, name from communities").fetchall())
    out = df.assign(
        town=df["town_code"].map(towns).fillna(df["town_code"]).astype("str"),
        community=df["community_id"].map(communities).fillna("").astype("str"),
        reporter=df["reporter_name"],
    )
    return out[list(RECORD_COLUMNS)].reset_index(drop=True)


def category_stats(con, f: Filters, deadlines=None) -> pd.DataFrame:
    """Per category: reports, resolved, share resolved, % on time, median days to resolve, deadline."""
    sql, params = _outcomes_sql(f, deadlines)
    query = f"""
        with period as ({sql}),
        final as (
            select category, any_value(deadline_days) as deadline_days, count(*) as reports,
                   count(*) filter (where status_at_end = '已办结') as resolved,
                   count(*) filter (where open_at_end) as open,
                   count(*) filter (where outcome = 'overdue') as overdue,
                   count(*) filter (where status_at_end = '已办结') / count(*) as share_resolved,
                   count(*) filter (where outcome = 'on_time')
                       / nullif(count(*) filter (where outcome in ('on_time', 'late', 'overdue')), 0) as share_on_time,
                   median(days_to_resolve) as median_days_to_resolve
            from period group by category
        )
        select * from final order by reports desc, category
    """
    return fetch(con, query, params)


# grouping columns for the duration distributions: key -> column of the outcomes rows (a whitelist)
DURATION_GROUPS = {"category": "category", "town": "town_code", "handler": "handler"}


def duration_stats(con, f: Filters, by: str = "category", deadlines=None) -> pd.DataFrame:
    """Quartiles of days to resolve and median hours to accept per group (boxes drawn from these)."""
    column = DURATION_GROUPS[by]
    # a deadline belongs to a category; for towns or handlers it would mislead
    deadline = "any_value(deadline_days)" if by == "category" else "null::double"
    sql, params = _outcomes_sql(f, deadlines)
    query = f"""
        with period as ({sql}),
        stats as (
            select {column} as grp, count(days_to_resolve) as resolved,
                   quantile_cont(days_to_resolve, 0.25) as q1, median(days_to_resolve) as median,
                   quantile_cont(days_to_resolve, 0.75) as q3, quantile_cont(days_to_resolve, 0.9) as p90,
                   min(days_to_resolve) as low, max(days_to_resolve) as high,
                   median(hours_to_accept) as median_hours_to_accept,
                   {deadline} as deadline_days
            from period group by 1
        ),
        final as (
            select s.*, coalesce(t.name, s.grp) as label
            from stats s left join towns t on t.town_code = s.grp
            where s.resolved > 0
        )
        select * from final order by median desc
    """
    return fetch(con, query, params)


def status_funnel(con, f: Filters, deadlines=None) -> pd.DataFrame:
    """The pipeline at T for the period's reports: reported -> accepted -> resolved, and rejected."""
    sql, params = _outcomes_sql(f, deadlines)
    query = f"""
        with period as ({sql}),
        final as (
            select count(*) as reported,
                   count(*) filter (where status_at_end in ('处置中', '已办结')) as accepted,
                   count(*) filter (where status_at_end = '已办结') as resolved,
                   count(*) filter (where status_at_end = '待受理') as waiting,
                   count(*) filter (where status_at_end = '处置中') as in_progress,
                   count(*) filter (where status_at_end = '不予受理') as rejected
            from period
        )
        select * from final
    """
    return fetch(con, query, params)


def town_rates(con, f: Filters) -> pd.DataFrame:
    """Per town: reports in the period per 1,000 workers registered at the period end."""
    df = town_summary(con, f)
    df["per_1000"] = (df["reports"] * 1000 / df["active_workers"].where(df["active_workers"] > 0)).round(1)
    return df.sort_values(["per_1000", "reports"], ascending=False, na_position="last").reset_index(drop=True)


def community_ranking(con, f: Filters, limit: int = 15) -> pd.DataFrame:
    """Communities with the most reports in the period (workers have no community, so per 1,000 residents)."""
    cond, params = report_where(f)
    sql = f"""
        with counts as (
            select r.community_id, count(*) as reports
            from reports r
            where {cond} and r.community_id is not null
            group by 1
        ),
        final as (
            select c.community_id, c.name as community, t.name as town, n.reports, c.population,
                   round(n.reports * 1000.0 / nullif(c.population, 0), 2) as per_1000_residents
            from counts n
            join communities c using (community_id)
            join towns t on t.town_code = c.town_code
        )
        select * from final order by reports desc, community limit ?
    """
    return fetch(con, sql, [*params, limit])


def hour_weekday(con, f: Filters) -> pd.DataFrame:
    """Reports per ISO weekday (1 = Monday) and hour of day, every one of the 7 x 24 slots."""
    cond, params = report_where(f)
    sql = f"""
        with slots as (
            select d.weekday, h.hour
            from range(1, 8) d(weekday) cross join range(0, 24) h(hour)
        ),
        counts as (
            select isodow(r.reported_at) as weekday, hour(r.reported_at) as hour, count(*) as reports
            from reports r
            where {cond} group by 1, 2
        ),
        final as (
            select s.weekday::int as weekday, s.hour::int as hour, coalesce(c.reports, 0) as reports
            from slots s left join counts c using (weekday, hour)
        )
        select * from final order by weekday, hour
    """
    return fetch(con, sql, params)


@personal(reporter=NAME, reporter_phone=PHONE)
def top_reporters(con, f: Filters, limit: int = 10) -> pd.DataFrame:
    """Workers with the most reports in the period, their resolved reports and points awarded for them;
    `town` is where most of their reports were made (within the filters; a tie goes to the first town by
    code), not where they are registered."""
    cond, params = report_where(f)
    sql = f"""
        with per_town as (
            select r.reporter_id, r.town_code, count(*) as reports,
                   count(*) filter (where r.status = '已办结') as resolved, sum(r.points_awarded) as points
            from reports r
            where {cond} and r.reporter_id is not null
            group by 1, 2
        ),
        counts as (
            select reporter_id, first(town_code order by reports desc, town_code) as town_code,
                   sum(reports)::bigint as reports, sum(resolved)::bigint as resolved, sum(points)::bigint as points
            from per_town group by 1
        ),
        top as (select * from counts order by reports desc, points desc, reporter_id limit ?),
        -- the registry only for the few kept (every reporter is in it: a foreign key)
        final as (
            select c.reporter_id, w.name as reporter, w.phone as reporter_phone, w.occupation,
                   t.name as town, c.reports, c.resolved, c.points
            from top c
            join workers w on w.worker_id = c.reporter_id
            left join towns t on t.town_code = c.town_code
        )
        select * from final order by reports desc, points desc, reporter_id
    """
    return fetch(con, sql, [*params, limit])


def _on_time_series(con, f: Filters, periods, deadlines=None) -> pd.DataFrame:
    """on_time_summary's figures for many periods in one query (the weekly comparison): `reports`,
    `resolution_rate` and `on_time_rate` (%, NaN without a decided report) of the period's reports,
    and `overdue_backlog` at its end. The states and outcomes are _outcomes_sql's, measured at each
    period's end."""
    cond, params = report_where(f, named=True, period=False)
    psql, pparams = _periods_sql(periods)
    cats, days = _deadline_pairs(deadlines)
    sql = f"""
        with deadlines as (
            select unnest($deadline_categories::varchar[]) as category, unnest($deadline_days::double[]) as deadline_days
        ),
        periods as ({psql}),
        scoped as (
            select r.status, r.reported_at, r.accepted_at, r.resolved_at,
                   r.reported_at + coalesce(d.deadline_days, $default_deadline) * interval 1 day as due_at
            from reports r
            left join deadlines d on d.category = r.category
            where r.reported_at >= $earliest and r.reported_at < (select max(ts_to) from periods) and {cond}
        ),
        at_end as (
            select p.p_to, s.reported_at >= p.ts_from as in_period, p.ts_to as measured_at, s.status,
                   s.accepted_at, s.resolved_at, s.due_at
            from periods p join scoped s on s.reported_at < p.ts_to
        ),
        states as (select *, {STATUS_AT_END} as status_at_end from at_end),
        outcomes as (
            select p_to, in_period, status_at_end, {OUTCOME} as outcome
            from states
        ),
        counts as (
            select p_to,
                   count(*) filter (where in_period) as reports,
                   count(*) filter (where in_period and status_at_end = '已办结') as resolved,
                   count(*) filter (where in_period and outcome = 'on_time') as on_time,
                   count(*) filter (where in_period and outcome in ('on_time', 'late', 'overdue')) as decided,
                   count(*) filter (where outcome = 'overdue') as overdue_backlog
            from outcomes group by 1
        )
        select p.p_to, coalesce(c.reports, 0) as reports,
               100.0::double * c.resolved / nullif(c.reports, 0) as resolution_rate,
               100.0::double * (c.on_time / nullif(c.decided, 0)) as on_time_rate,
               coalesce(c.overdue_backlog, 0) as overdue_backlog
        from periods p left join counts c using (p_to)
    """
    return _per_period(con, sql, bind(params, pparams, deadline_categories=cats, deadline_days=days,
                                     default_deadline=config.DEFAULT_DEADLINE_DAYS,
                                     earliest=dt.datetime.combine(EARLIEST, dt.time())), periods, fill=None)

