"""The people page's registry and worker list, and the pieces its other sections share.

The sections live beside it: `people_party` (party members, branches), `people_roles` (the four
roles, volunteering) and `people_points` (the points ledger).

Conventions (shared with the overview):
- "in the registry at day d" is `active_at` (joined on or before d, not yet left on d);
- the global filters (town, occupation, enterprise) apply to the worker's own attributes;
- the page-level role filter narrows the four-roles figures and the worker list to people holding
  one of the chosen roles at the end of the period;
- monthly trends cover the period, widened to at least the TREND_MONTHS months ending with it, so
  that a four-week period still shows a trend.
"""

import datetime as dt

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import people as LP
from fxdash.privacy import NAME, PHONE, personal
from fxdash.queries.common import (
    _per_period,
    _periods_sql,
    active_at,
    bind,
    fetch,
    registered_per,
    scalar,
    worker_where,
)

TREND_MONTHS = 12
ACTIVE_DAYS = 30  # "active" = reported an issue or took part in an activity in the period's last 30 days
AGE_BANDS = ((0, 24), (25, 29), (30, 39), (40, 49), (50, 200))  # inclusive bounds, labelled in labels.py


# --- shared pieces -----------------------------------------------------------------------------


def trend_start(f: Filters) -> dt.date:
    """First day of the first month shown in monthly trends."""
    end = f.date_to.replace(day=1)
    back = end.year * 12 + end.month - 1 - (TREND_MONTHS - 1)
    earliest = dt.date(back // 12, back % 12 + 1, 1)
    return min(f.date_from.replace(day=1), earliest)


def months_cte() -> str:
    """CTE `months(month, month_end)`: the trend months; month_end is capped at the period end.
    Named parameters: months_params."""
    return """months as (
            select month::date as month,
                   least((month + interval 1 month - interval 1 day)::date, $date_to::date) as month_end
            from (select unnest(generate_series($trend_start::date, $date_to::date, interval 1 month)) as month)
        )"""


def months_params(f: Filters) -> dict:
    return {"date_to": f.date_to, "trend_start": trend_start(f)}


def role_cond(f: Filters, alias: str = "w", on: str = "$date_to") -> tuple[str, dict]:
    """The role filter: the worker `alias` holds one of the chosen roles on a day (named parameters).

    `on` is the SQL expression of that day (from code, e.g. "a.held_on"); by default the period end.
    With no roles chosen the condition is simply true.
    """
    if not f.roles:
        return "true", {}
    sql = f"""exists (select 1 from worker_roles rr where rr.worker_id = {alias}.worker_id
               and list_contains($roles, rr.role) and rr.since <= {on} and (rr.until is null or rr.until > {on}))"""
    return sql, {"roles": list(f.roles), **({"date_to": f.date_to} if on == "$date_to" else {})}


def _active_window(f: Filters) -> tuple[dt.datetime, dt.datetime]:
    start = f.date_to - dt.timedelta(days=ACTIVE_DAYS - 1)
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())


def engaged_cte() -> str:
    """CTE `engaged(worker_id)`: reported an issue or took part in an activity in the window.
    Named parameters: engaged_params."""
    return """engaged as (
            select reporter_id as worker_id from reports where reported_at >= $active_from and reported_at < $active_to
            union
            select p.worker_id from activity_participants p join activities a using (activity_id)
            where a.held_on >= $active_from::date and a.held_on < $active_to::date
        )"""


def engaged_params(f: Filters) -> dict:
    start, end = _active_window(f)
    return {"active_from": start, "active_to": end}


# --- registry ------------------------------------------------------------------------------------


def registry_summary(con, f: Filters) -> dict:
    """Headline registry figures: headcount at the end, joins/leaves in the period, turnover, tenure, 报到."""
    cond, params = worker_where(f, named=True)
    end = active_at("scoped", "$date_to")
    sql = f"""
        with scoped as (select w.* from workers w where {cond}),
        final as (
            select
                count(*) filter (where {end}) as active,
                count(*) filter (where {active_at('scoped', '$day_before')}) as active_before,
                count(*) filter (where joined_on between $date_from and $date_to) as joined,
                count(*) filter (where left_on between $date_from and $date_to) as left_,
                count(*) filter (where {end} and registered_on <= $date_to) as registered,
                median($date_to::date - joined_on) filter (where {end}) as tenure_days,
                median(left_on - joined_on) filter (where left_on between $date_from and $date_to) as leaver_tenure_days
            from scoped
        )
        select * from final
    """
    row = fetch(con, sql, bind(params, date_from=f.date_from, date_to=f.date_to,
                               day_before=f.date_from - dt.timedelta(days=1))).iloc[0]
    out = {k: (None if pd.isna(v) else v) for k, v in row.items()}
    for key in ("active", "active_before", "joined", "left_", "registered"):
        out[key] = int(out[key])
    average = (out["active"] + out["active_before"]) / 2
    out["net"] = out["active"] - out["active_before"]
    out["turnover"] = out["left_"] / average if average else None
    out["registered_share"] = out["registered"] / out["active"] if out["active"] else None
    return out


def active_by(con, f: Filters, by: str) -> pd.DataFrame:
    """Headcount at the period end by occupation, town or gender (`by` from a fixed list)."""
    column = {"occupation": "w.occupation", "town": "t.name", "gender": f"coalesce(w.gender, '{LP.UNKNOWN}')"}[by]
    cond, params = worker_where(f)
    sql = f"""
        with final as (
            select {column} as label, count(*) as workers
            from workers w join towns t using (town_code)
            where {active_at('w')} and {cond}
            group by 1
        )
        select * from final order by workers desc, label
    """
    return fetch(con, sql, [f.date_to, f.date_to, *params])


def age_bands(con, f: Filters) -> pd.DataFrame:
    """Headcount at the period end by age band (age = period-end year minus birth year)."""
    cond, params = worker_where(f)
    sql = f"""
        with final as (
            select ? - w.birth_year as age, count(*) as workers
            from workers w where {active_at('w')} and {cond} group by 1
        )
        select * from final
    """
    ages = fetch(con, sql, [f.date_to.year, f.date_to, f.date_to, *params])
    rows = []
    for (low, high), label in zip(AGE_BANDS, LP.AGE_BAND_LABELS):
        inside = ages["age"].between(low, high)
        rows.append({"label": label, "workers": int(ages.loc[inside, "workers"].sum())})
    rows.append({"label": LP.UNKNOWN, "workers": int(ages.loc[ages["age"].isna(), "workers"].sum())})
    df = pd.DataFrame(rows)
    return df[(df["workers"] > 0) | (df["label"] != LP.UNKNOWN)].reset_index(drop=True)


def monthly_flows(con, f: Filters) -> pd.DataFrame:
    """Per trend month: joins, leaves, net change and headcount at month end."""
    cond, params = worker_where(f, named=True)
    # joins and leaves counted per day in one pass over the registry, then summed per month; at a
    # month's end the registry holds those joined by then minus those left by then (nobody leaves
    # before joining: a schema check). No worker at all: no row (filled in below).
    sql = f"""
        with {months_cte()},
        scoped as (select w.joined_on, w.left_on from workers w where {cond}),
        joins as (select joined_on as day, count(*) as n from scoped group by 1),
        leaves as (select left_on as day, count(*) as n from scoped where left_on is not null group by 1),
        joined as (
            select m.month, sum(j.n) filter (where j.day >= m.month) as joined, sum(j.n) as by_end
            from months m join joins j on j.day <= m.month_end group by 1
        ),
        left_ as (
            select m.month, sum(l.n) filter (where l.day >= m.month) as left_, sum(l.n) as by_end
            from months m join leaves l on l.day <= m.month_end group by 1
        ),
        counted as (
            select m.month, coalesce(j.joined, 0)::bigint as joined, coalesce(l.left_, 0)::bigint as left_,
                   (coalesce(j.by_end, 0) - coalesce(l.by_end, 0))::bigint as active_end
            from months m left join joined j using (month) left join left_ l using (month)
            where exists (select 1 from scoped)
        ),
        final as (
            select month, joined, left_, joined - left_ as net, active_end from counted
        )
        select * from final order by month
    """
    df = fetch(con, sql, bind(months_params(f), params))
    if df.empty:  # no worker at all: still one row per month
        months = pd.date_range(trend_start(f), f.date_to, freq="MS")
        df = pd.DataFrame({"month": months, "joined": 0, "left_": 0, "net": 0, "active_end": 0})
    return df


def enterprise_coverage(con, f: Filters) -> pd.DataFrame:
    """Per enterprise (一企一表): registered at the period end vs the staff its sites declared."""
    wsql, wparams = registered_per(f, "w.enterprise_id")
    scond, sparams = f.where(town="s.town_code", enterprise="s.enterprise_id")
    ecur, eparams = f.where(enterprise="e.enterprise_id")
    sql = f"""
        with registered as ({wsql}),
        declared as (
            select s.enterprise_id, sum(s.staff_count) as declared, count(*) as sites
            from sites s where {scond} group by 1
        ),
        final as (
            select e.name as enterprise, e.business, coalesce(d.sites, 0) as sites,
                   coalesce(r.registered, 0) as registered, d.declared,
                   coalesce(r.registered, 0) / nullif(d.declared, 0) as coverage
            from enterprises e
            left join registered r using (enterprise_id)
            left join declared d using (enterprise_id)
            where {ecur} and (r.registered is not null or d.declared is not null)
        )
        select * from final order by registered desc, enterprise
    """
    return fetch(con, sql, [*wparams, *sparams, *eparams])


def site_coverage(con, f: Filters) -> pd.DataFrame:
    """Per site (一网点一表): registered at the period end vs the staff the site declared."""
    wsql, wparams = registered_per(f, "w.site_id")
    scond, sparams = f.where(town="s.town_code", enterprise="s.enterprise_id")
    sql = f"""
        with registered as ({wsql}),
        final as (
            select s.name as site_name, e.name as enterprise, t.name as town,
                   coalesce(r.registered, 0) as registered, s.staff_count as declared,
                   coalesce(r.registered, 0) / nullif(s.staff_count, 0) as coverage
            from sites s
            join enterprises e using (enterprise_id)
            join towns t on t.town_code = s.town_code
            left join registered r using (site_id)
            where {scond}
        )
        select * from final order by coverage nulls last, registered desc, site_name
    """
    return fetch(con, sql, [*wparams, *sparams])


# --- the worker list ------------------------------------------------------------------------------


@personal(name=NAME, phone=PHONE)
def worker_table(con, f: Filters, party: tuple[str, ...] = (), active: bool | None = None,
                 limit: int | None = None) -> pd.DataFrame:
    """Workers in the registry at the period end under every filter, phones masked, for ad-hoc lists.
    Plain values: `mobile_member` and `active` are booleans, `registered_on` a date (none: not 报到 yet).

    `party` keeps those with one of these party statuses; `active` keeps the active (True) or the
    inactive (False) in the last 30 days of the period; `limit` the first rows only (the page shows
    2,000 of up to 400,000 at scale 100: fetching them all took most of its cold run).
    """
    rows, params = _worker_rows(f, party, active)
    # the first rows are picked before the columns that only describe them (enterprise, site, roles,
    # activity) are joined: every one of those joins keeps the rows (one match or none); the roles of
    # every holder listed with string_agg cost 0.1 s of CPU at scale 100, those of the rows shown little
    sql = f"""
        with {engaged_cte()},
        top as (select * from ({rows}) order by town, worker_id limit $limit),
        roles_now as (
            select worker_id, string_agg(role, '、' order by role) as roles
            from worker_roles
            where since <= $date_to and (until is null or until > $date_to) and worker_id in (select worker_id from top)
            group by 1
        ),
        final as (
            select w.worker_id, w.name, w.phone, w.gender, $year - w.birth_year as age, w.occupation,
                   e.name as enterprise, s.name as site_name, w.town, r.roles, w.party_status,
                   coalesce(w.is_mobile_party_member, false) as mobile_member, w.registered_on, w.joined_on,
                   g.worker_id is not null as active
            from top w
            left join enterprises e on e.enterprise_id = w.enterprise_id
            left join sites s on s.site_id = w.site_id
            left join roles_now r on r.worker_id = w.worker_id
            left join engaged g on g.worker_id = w.worker_id
        )
        select * from final order by town, worker_id
    """
    return fetch(con, sql, bind(params, engaged_params(f), date_to=f.date_to, year=f.date_to.year, limit=limit))


def worker_count(con, f: Filters, party: tuple[str, ...] = (), active: bool | None = None) -> int:
    """How many rows worker_table has without a limit."""
    rows, params = _worker_rows(f, party, active)
    engaged = f"with {engaged_cte()} " if active is not None else ""
    return int(scalar(con, f"{engaged}select count(*) from ({rows})",
                      bind(params, engaged_params(f) if active is not None else {})))


def _worker_rows(f: Filters, party: tuple[str, ...], active: bool | None) -> tuple[str, dict]:
    """The worker list's rows (the worker's columns and `town`) under every filter, unordered. With
    `active` set, the query needs the CTE `engaged` (engaged_cte)."""
    cond, params = worker_where(f, named=True)
    role, rparams = role_cond(f)
    pcond = "list_contains($party, w.party_status)" if party else "true"
    acond = "(w.worker_id in (select worker_id from engaged)) = $active" if active is not None else "true"
    sql = f"""
        select w.*, t.name as town
        from workers w
        join towns t on t.town_code = w.town_code
        where {active_at('w', '$date_to')} and {cond} and {role} and {pcond} and {acond}
    """
    return sql, bind(params, rparams, date_to=f.date_to, **({"party": list(party)} if party else {}),
                     **({"active": active} if active is not None else {}))


def _registry_summary_series(con, f: Filters, periods) -> pd.DataFrame:
    """registry_summary's `joined` and `left_` per period, in one query."""
    cond, params = worker_where(f, named=True)
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        scoped as (select w.joined_on, w.left_on from workers w where {cond})
        select p.p_to,
               count(*) filter (where s.joined_on between p.p_from and p.p_to) as joined,
               count(*) filter (where s.left_on between p.p_from and p.p_to) as left_
        from periods p join scoped s
          on (s.joined_on between p.p_from and p.p_to) or (s.left_on between p.p_from and p.p_to)
        group by 1
    """
    return _per_period(con, sql, bind(params, pparams), periods)
