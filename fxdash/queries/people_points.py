"""The people page's points section: earned and redeemed points, merchants, balances (the points ledger).

Balances run over the whole ledger up to the period end; earned and redeemed count the period.
"""

import datetime as dt

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import people as LP
from fxdash.privacy import NAME, personal
from fxdash.queries.common import fetch, timed_series, worker_in
from fxdash.queries.people import trend_start


def _ledger_sql(f: Filters) -> tuple[str, list]:
    """Ledger rows of the filtered workers, up to the period end (the worker's own columns are joined
    by the queries that show them, after aggregating: the registry is large)."""
    cond, params = worker_in(f, "p.worker_id")
    sql = f"""
        select p.*
        from points_ledger p
        where p.occurred_at < ? and {cond}
    """
    end = dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())
    return sql, [end, *params]


def points_summary(con, f: Filters) -> dict:
    """Earned and redeemed in the period, outstanding at its end, merchants, balances below zero."""
    lsql, lparams = _ledger_sql(f)
    mcond, mparams = f.where(town="m.town_code")
    start = dt.datetime.combine(f.date_from, dt.time())
    sql = f"""
        with ledger as ({lsql}),
        balances as (select worker_id, sum(delta) as balance from ledger group by 1),
        totals as (
            select coalesce(sum(delta) filter (where delta > 0 and occurred_at >= ?), 0) as earned,
                   coalesce(-sum(delta) filter (where delta < 0 and occurred_at >= ?), 0) as redeemed,
                   coalesce(sum(delta), 0) as outstanding,
                   count(distinct merchant_id) filter (where delta < 0 and occurred_at >= ?) as merchants_used
            from ledger
        ),
        merchants_in as (
            select count(*) as merchants from merchants m where (m.joined_on is null or m.joined_on <= ?) and {mcond}
        ),
        negative as (select count(*) as negative_now from balances where balance < 0),
        final as (select * from totals, merchants_in, negative)
        select * from final
    """
    row = fetch(con, sql, [*lparams, start, start, start, f.date_to, *mparams]).iloc[0]
    out = {k: int(v) for k, v in row.items()}
    out["negative_ever"] = len(negative_balances(con, f))
    return out


def points_monthly(con, f: Filters) -> pd.DataFrame:
    """Per trend month and reason: points earned (positive) and redeemed (negative)."""
    lsql, lparams = _ledger_sql(f)
    sql = f"""
        with ledger as ({lsql}),
        final as (
            select date_trunc('month', occurred_at)::date as month, reason, sum(delta) as points, count(*) as entries
            from ledger where occurred_at >= ? group by 1, 2
        )
        select * from final order by month, reason
    """
    return fetch(con, sql, [*lparams, dt.datetime.combine(trend_start(f), dt.time())])


def redeemed_by_item_month(con, f: Filters) -> pd.DataFrame:
    """Per trend month and item (午餐, 修车…): points redeemed and times."""
    lsql, lparams = _ledger_sql(f)
    sql = f"""
        with ledger as ({lsql}),
        final as (
            select date_trunc('month', occurred_at)::date as month, coalesce(item, ?) as item,
                   -sum(delta) as points, count(*) as times
            from ledger where delta < 0 and occurred_at >= ? group by 1, 2
        )
        select * from final order by month, item
    """
    return fetch(con, sql, [*lparams, LP.UNKNOWN, dt.datetime.combine(trend_start(f), dt.time())])


def redeemed_by_merchant(con, f: Filters) -> pd.DataFrame:
    """Per merchant taking part: redemptions and points in the period (merchants with none listed too)."""
    lsql, lparams = _ledger_sql(f)
    mcond, mparams = f.where(town="m.town_code")
    sql = f"""
        with ledger as ({lsql}),
        used as (
            select merchant_id, count(*) as times, -sum(delta) as points,
                   string_agg(distinct item, '、' order by item) as items
            from ledger where delta < 0 and occurred_at >= ? group by 1
        ),
        final as (
            select m.name as merchant, t.name as town, array_to_string(m.offers, '、') as offers,
                   coalesce(u.times, 0) as times, coalesce(u.points, 0) as points, u.items
            from merchants m
            join towns t on t.town_code = m.town_code
            left join used u using (merchant_id)
            where (m.joined_on is null or m.joined_on <= ?) and {mcond}
        )
        select * from final order by points desc, merchant
    """
    start = dt.datetime.combine(f.date_from, dt.time())
    return fetch(con, sql, [*lparams, start, f.date_to, *mparams])


@personal(name=NAME)
def top_earners(con, f: Filters, n: int = 10) -> pd.DataFrame:
    """The workers who earned most points in the period (names masked), with their balance."""
    lsql, lparams = _ledger_sql(f)
    sql = f"""
        with ledger as ({lsql}),
        per_worker as (
            select worker_id, coalesce(sum(delta) filter (where delta > 0 and occurred_at >= ?), 0) as earned,
                   sum(delta) as balance
            from ledger group by 1
        ),
        top as (select * from per_worker where earned > 0 order by earned desc, worker_id limit ?),
        -- names for the few kept (every worker is in the registry and its town in towns: foreign keys)
        final as (
            select p.worker_id, w.name, w.occupation, t.name as town, p.earned, p.balance
            from top p join workers w using (worker_id) join towns t on t.town_code = w.town_code
        )
        select * from final order by earned desc, worker_id
    """
    df = fetch(con, sql, [*lparams, dt.datetime.combine(f.date_from, dt.time()), int(n)])
    return df


@personal(name=NAME)
def negative_balances(con, f: Filters) -> pd.DataFrame:
    """Data faults: workers whose running balance went below zero at any time up to the period end."""
    lsql, lparams = _ledger_sql(f)
    # Running sums (a window sorted per worker) only where the balance may have gone below zero: a
    # worker who redeemed nothing cannot, nor one who had earned, before the moment of their first
    # redemption, at least all they ever redeemed (every balance after it stays >= that margin).
    sql = f"""
        with ledger as ({lsql}),
        firsts as (
            select worker_id, min(occurred_at) as first_out, -sum(delta) as redeemed
            from ledger where delta < 0 group by 1
        ),
        at_risk as (
            select l.worker_id
            from ledger l join firsts x using (worker_id)
            group by l.worker_id, x.redeemed
            having coalesce(sum(l.delta) filter (where l.delta > 0 and l.occurred_at < x.first_out), 0) < x.redeemed
        ),
        redeemers as (select * from ledger where worker_id in (select worker_id from at_risk)),
        running as (
            select worker_id, occurred_at,
                   sum(delta) over (partition by worker_id order by occurred_at, entry_id) as balance
            from redeemers
        ),
        negative as (
            select worker_id, min(occurred_at) filter (where balance < 0) as first_negative_at,
                   min(balance) as lowest_balance, arg_max(balance, occurred_at) as balance
            from running group by 1
            having min(balance) < 0
        ),
        final as (
            select n.worker_id, w.name, n.first_negative_at, n.lowest_balance, n.balance
            from negative n join workers w using (worker_id)
        )
        select * from final order by lowest_balance, worker_id
    """
    return fetch(con, sql, lparams)


def _points_summary_series(con, f: Filters, periods) -> pd.DataFrame:
    """points_summary's `earned` and `redeemed` per period, in one query (the weekly comparison)."""
    cond, params = worker_in(f, "p.worker_id", named=True)
    return timed_series(con, periods, rows="points_ledger p", at="occurred_at", columns="p.delta", where=cond,
                        measures="coalesce(sum(s.delta) filter (where s.delta > 0), 0)::bigint as earned, "
                                 "coalesce(-sum(s.delta) filter (where s.delta < 0), 0)::bigint as redeemed",
                        params=params)
