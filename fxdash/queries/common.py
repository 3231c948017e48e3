"""Shared query helpers: fetching, lookups and the SQL pieces every area uses."""

import datetime as dt

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V

RIDER_STATION, SERVICE_POINT = V.STATION_KINDS  # the two kinds of station, counted apart
KIND_PARAMS = {"rider_station": RIDER_STATION, "service_point": SERVICE_POINT}  # as named parameters


def fetch(con, sql: str, params: list | dict | None = None) -> pd.DataFrame:
    """Run a query and fetch it fully (a half-read result blocks the connection). `params` is a list
    for `?` placeholders or a dict for `$name` ones (DuckDB does not mix the two in one query)."""
    return con.execute(sql, params or []).df()


def scalar(con, sql: str, params: list | dict | None = None):
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def bind(*parts: dict, **more) -> dict:
    """Named parameters of a query from its parts; a name bound twice must mean the same value."""
    out: dict = {}
    for part in (*parts, more):
        for name, value in part.items():
            if name in out and out[name] != value:
                raise ValueError(f"parameter ${name} bound to two values")
            out[name] = value
    return out


def active_at(alias: str, day: str = "?") -> str:
    """Condition: the worker `alias` is registered on a day: `?` (bound twice: joined, left) or a
    named parameter / column such as `$date_to` (from code)."""
    return f"({alias}.joined_on <= {day} and ({alias}.left_on is null or {alias}.left_on > {day}))"


def worker_where(f: Filters, alias: str = "w", town: bool = True, named: bool = False,
                 prefix: str = "") -> tuple[str, list | dict]:
    """The global filters that apply to a worker: town, occupation, enterprise. `town=False` leaves the
    town to the query (it applies to where something happened, not where the worker is registered)."""
    return f.where(town=f"{alias}.town_code" if town else None, occupation=f"{alias}.occupation",
                   enterprise=f"{alias}.enterprise_id", named=named, prefix=prefix)


def worker_in(f: Filters, column: str, town: bool = True, named: bool = False,
              prefix: str = "") -> tuple[str, list | dict]:
    """Condition: the worker id `column` (of the query's own table) is of a worker passing the worker
    filters (`worker_where`), or plain `true` when none applies.

    Use it instead of joining the registry only to filter: DuckDB keeps a join that filters nothing,
    and a join with the registry (600,000 rows with varchar keys at scale 100) cost 0.02-0.04 s of CPU
    per query (0.1-0.3 s on the loaded machine) against 0.001 s without. A key that is null, or of a
    worker filtered out, fails the condition as the join did.
    """
    cond, params = worker_where(f, town=town, named=named, prefix=prefix)
    if cond == "true":
        return cond, params
    return f"{column} in (select w.worker_id from workers w where {cond})", params


def report_where(f: Filters, named: bool = False, prefix: str = "", period: bool = True,
                 status: bool = True) -> tuple[str, list | dict]:
    """Filters as they apply to reports `r`: where and when reported, what, status, and who reported
    (the reporter's occupation and enterprise, through `worker_in`: no join with the registry needed).
    `period=False` / `status=False` leave the period / the status filter to the query."""
    cond, params = f.where(timestamp="r.reported_at" if period else None, town="r.town_code", category="r.category",
                           status="r.status" if status else None, named=named, prefix=prefix)
    wcond, wparams = worker_in(f, "r.reporter_id", town=False, named=named, prefix=prefix)
    if wcond == "true":
        return cond, params
    return f"{cond} and {wcond}", {**params, **wparams} if named else [*params, *wparams]


def registered_per(f: Filters, by: str, counts: str = "count(*) as registered", counts_params=(),
                   where: tuple[str, list | dict] | None = None, named: bool = False) -> tuple[str, list | dict]:
    """A subquery: workers `w` in the registry at the period end, grouped by `by`.

    `by` (a column of `w`) and `counts` (aggregates, binding `counts_params`: a list, or a dict when
    `named`) are SQL from code; the condition is the worker filters unless `where` gives another one
    (e.g. without the town filter). `named`: `$date_to` and named filter parameters.
    """
    cond, params = where if where is not None else worker_where(f, named=named)
    sql = f"select {by}, {counts} from workers w where {active_at('w', '$date_to' if named else '?')} and {cond} group by 1"
    if named:
        return sql, bind(dict(counts_params), params, date_to=f.date_to)
    return sql, [*counts_params, f.date_to, f.date_to, *params]


def _periods_sql(periods) -> tuple[str, dict]:
    """A subquery of periods (`p_from`, `p_to` dates, `ts_from`, `ts_to` their timestamp bounds as in
    Filters.where) for the series form of a figure: one grouped query over all periods instead of one
    query per period. `periods` is a sequence of (date_from, date_to)."""
    starts = [a for a, _ in periods]
    ends = [b for _, b in periods]
    sql = ("select unnest($p_from) as p_from, unnest($p_to) as p_to, "
           "unnest($p_ts_from) as ts_from, unnest($p_ts_to) as ts_to")
    return sql, {"p_from": starts, "p_to": ends,
                 "p_ts_from": [dt.datetime.combine(a, dt.time()) for a in starts],
                 "p_ts_to": [dt.datetime.combine(b + dt.timedelta(days=1), dt.time()) for b in ends]}


def _per_period(con, sql: str, params: list | dict, periods, fill=0) -> pd.DataFrame:
    """Run a series query (grouped by `p_to`, one row per period that has data; periods end on
    distinct days) and return one row per period in the order given; a period without a row gets
    `fill` (0 for counts; None leaves NaN)."""
    return _in_period_order(fetch(con, sql, params), periods, fill)


def _in_period_order(got: pd.DataFrame, periods, fill=0) -> pd.DataFrame:
    """_per_period's rows of `got` (grouped by `p_to`) in the order of `periods`, `fill` for a missing one.
    When every period has exactly one row and `fill` is given, its rows are picked by position: the
    left merge, fillna and astype cost 5 ms a series on an idle machine (eleven series in the weekly
    page's comparison, more under the meeting's load) for six rows; the merge stays for the rest."""
    ends = pd.to_datetime([b for _, b in periods])
    got["p_to"] = pd.to_datetime(got["p_to"])
    if fill is not None and got["p_to"].is_unique:
        at = pd.Index(got["p_to"]).get_indexer(ends)
        if (at >= 0).all():
            # the merge's columns: the key first, then the rest in order; blanks within rows filled too
            out = got.iloc[at][["p_to", *(c for c in got.columns if c != "p_to")]].reset_index(drop=True)
            return out.fillna(fill).astype(got.dtypes.to_dict()) if out.isna().to_numpy().any() else out
    out = pd.DataFrame({"p_to": ends}).merge(got, on="p_to", how="left")
    if fill is None:
        return out
    return out.fillna(fill).astype(got.dtypes.to_dict())  # counts stay integers


def timed_series(con, periods, *, rows: str, at: str, where: str, measures: str, params: dict,
                 columns: str = "") -> pd.DataFrame:
    """Per period, `measures` (aggregates over alias s) of the timed rows of `rows` ("table alias"):
    the rows whose `at` timestamp lies in the span of all periods and that meet `where` are cut once,
    with `at` and `columns` ("alias.col, ..."), then joined to each period on the half-open
    [ts_from, ts_to) that Filters.where uses for one period. One row per period (see _per_period)."""
    alias = rows.split()[-1]
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        scoped as (
            select {", ".join(filter(None, (f"{alias}.{at}", columns)))}
            from {rows}
            where {alias}.{at} >= (select min(ts_from) from periods)
              and {alias}.{at} < (select max(ts_to) from periods) and {where}
        )
        select p.p_to, {measures}
        from periods p join scoped s on s.{at} >= p.ts_from and s.{at} < p.ts_to
        group by 1
    """
    return _per_period(con, sql, bind(params, pparams), periods)


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
    cond, params = worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    # the registered workers with a holding then (a semi-join: each counted once without a distinct
    # over every holding: district-wide at scale 100 30 -> 25 ms CPU, the same count)
    sql = f"""
        select count(*)
        from workers w
        where {active_at('w', '$date_to')} and {cond}
          and w.worker_id in (select r.worker_id from worker_roles r
                              where r.since <= $date_to and (r.until is null or r.until > $date_to) and {rcond})
    """
    return scalar(con, sql, bind(params, rparams, date_to=f.date_to))


def _role_members_series(con, f: Filters, periods) -> pd.DataFrame:
    """role_members at the end of each period (one grouped query); column `value`.

    A holding counts on day d when since <= d < until and its holder is registered (joined_on <= d <
    left_on): the span [s, e) below. A person's overlapping spans are merged into stretches first, so
    that each counts once: the count on day d is then the stretches begun by d minus those ended by d,
    instead of every holding tested against every period and the holders counted distinct (0.15 s of
    CPU for the 12 sparkline weeks at scale 100, now 0.09 s).
    """
    cond, params = worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        spans as (
            select * from (
                select w.rowid as k, greatest(r.since, w.joined_on) as s,
                       least(coalesce(r.until, 'infinity'::date), coalesce(w.left_on, 'infinity'::date)) as e
                from worker_roles r join workers w using (worker_id)
                where {cond} and {rcond}
            ) where s < e
        ),
        ordered as (
            select k, s, e,
                   max(e) over (partition by k order by s, e rows between unbounded preceding and 1 preceding) as before
            from spans
        ),
        islands as (
            -- a span starting after every earlier one of the person has ended opens a new stretch
            select k, s, e, sum((before is null or s > before)::int) over (partition by k order by s, e
                                                                           rows unbounded preceding) as stretch
            from ordered
        ),
        stretches as (select k, min(s) as s, max(e) as e from islands group by k, stretch),
        changes as (
            select s as day, count(*) as people from stretches group by 1
            union all select e, -count(*) from stretches where e < 'infinity'::date group by 1
        )
        select p.p_to, sum(c.people)::bigint as value
        from periods p join changes c on c.day <= p.p_to
        group by 1
    """
    return _per_period(con, sql, bind(params, rparams, pparams), periods)


def town_summary(con, f: Filters) -> pd.DataFrame:
    """Per town: workers registered at the period end and reports made in the period."""
    wsql, wparams = registered_per(f, "w.town_code", "count(*) as active_workers")
    rcond, rparams = report_where(f)
    tcond, tparams = f.where(town="t.town_code")
    sql = f"""
        with workers_now as ({wsql}),
        reports_in as (
            select r.town_code, count(*) as reports
            from reports r
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
