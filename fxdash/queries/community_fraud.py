"""关爱与平安, fraud stopped: cases and yuan the workers stopped, by month, town and the roles they held.

Town filters apply to where the case happened; occupation and enterprise to the worker who stopped it.
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import community as LCM
from fxdash.labels import vocab as V
from fxdash.privacy import NAME, personal
from fxdash.queries.common import _per_period, bind, fetch, worker_in


def _period(f: Filters) -> dict:
    return {"date_from": f.date_from, "date_to": f.date_to}


def _fraud_sql(f: Filters, worker: bool = False) -> tuple[str, dict]:
    """CTE body: cases under the town and worker filters (any date); `worker` adds the name of the
    worker who stopped it (a join with the large registry, only where shown)."""
    wcond, wparams = worker_in(f, "x.worker_id", town=False, named=True)
    tcond, tparams = f.where(town="x.town_code", named=True)
    name, join = ("w.name", "left join workers w on w.worker_id = x.worker_id") if worker else ("null::varchar", "")
    sql = f"""
        select x.*, t.name as town, {name} as worker
        from fraud_interceptions x
        join towns t on t.town_code = x.town_code
        {join}
        where {tcond} and {wcond}
    """
    return sql, bind(tparams, wparams)


def fraud_totals(con, f: Filters) -> dict:
    """Cases and yuan in the period, and cumulative to the period end (the article's "300余万元")."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases})
        select count(*) filter (where occurred_on between $date_from and $date_to),
               coalesce(sum(amount_yuan) filter (where occurred_on between $date_from and $date_to), 0),
               count(*) filter (where occurred_on <= $date_to),
               coalesce(sum(amount_yuan) filter (where occurred_on <= $date_to), 0)
        from cases
    """
    row = con.execute(sql, bind(params, date_from=f.date_from, date_to=f.date_to)).fetchone()
    return {"cases": row[0], "amount": float(row[1]), "cases_total": row[2], "amount_total": float(row[3])}


def _fraud_totals_series(con, f: Filters, periods) -> pd.DataFrame:
    """fraud_totals' `cases` and `amount` per period in one query (the weekly comparison's five weeks)."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases}),
        periods as (select unnest($p_from::date[]) as p_from, unnest($p_to::date[]) as p_to)
        select p.p_to, count(*) as cases, coalesce(sum(c.amount_yuan), 0)::double as amount
        from periods p join cases c on c.occurred_on between p.p_from and p.p_to
        group by 1
    """
    return _per_period(con, sql, bind(params, p_from=[a for a, _ in periods], p_to=[b for _, b in periods]), periods)


def fraud_by_month(con, f: Filters) -> pd.DataFrame:
    """Per month of the period: cases, yuan, and the cumulative yuan since records began."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases}),
        months as (
            select unnest(generate_series(date_trunc('month', $date_from::date), $date_to::date, interval 1 month))::date as month
        ),
        per_month as (
            select date_trunc('month', occurred_on)::date as month, count(*) as cases, sum(amount_yuan) as amount
            from cases where occurred_on between $date_from and $date_to group by 1
        ),
        before as (select coalesce(sum(amount_yuan), 0) as amount from cases where occurred_on < $date_from),
        final as (
            select months.month, coalesce(p.cases, 0) as cases, coalesce(p.amount, 0) as amount,
                   (select amount from before)
                   + sum(coalesce(p.amount, 0)) over (order by months.month) as cumulative_amount
            from months left join per_month p using (month)
        )
        select * from final order by month
    """
    return fetch(con, sql, bind(params, _period(f)))


def fraud_by_town(con, f: Filters) -> pd.DataFrame:
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases}),
        final as (
            select town, count(*) as cases, sum(amount_yuan) as amount
            from cases where occurred_on between $date_from and $date_to group by 1
        )
        select * from final order by amount desc, town
    """
    return fetch(con, sql, bind(params, _period(f)))


def _case_roles_sql() -> str:
    """CTE body over `cases`: each case with each of the four roles its worker held on that day."""
    return """
        select c.case_id, coalesce(r.role, $no_role) as role
        from cases c
        left join worker_roles r
               on r.worker_id = c.worker_id and r.since <= c.occurred_on
              and (r.until is null or r.until > c.occurred_on)
    """


def fraud_by_role(con, f: Filters) -> pd.DataFrame:
    """Cases in the period per role the stopping worker held at the time: all four roles (zeros too);
    a case counts under each role its worker held, and under 未担任四大员 (shown only if any) when none."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases} and x.occurred_on between $date_from and $date_to),
        case_roles as ({_case_roles_sql()}),
        roles as (select unnest($role_order::varchar[]) as role),
        counted as (
            select roles.role, count(distinct c.case_id) as cases
            from roles left join case_roles c using (role)
            group by 1
        ),
        final as (select * from counted where role <> $no_role or cases > 0)
        select * from final order by list_position($role_order::varchar[], role)
    """
    return fetch(con, sql, bind(params, _period(f), no_role=LCM.FRAUD_NO_ROLE, role_order=[*V.ROLES, LCM.FRAUD_NO_ROLE]))


@personal(worker=NAME)
def fraud_cases(con, f: Filters) -> pd.DataFrame:
    """The period's cases, newest first, with the roles the worker held then."""
    cases, params = _fraud_sql(f, worker=True)
    sql = f"""
        with cases as ({cases} and x.occurred_on between $date_from and $date_to),
        case_roles as ({_case_roles_sql()}),
        roles as (select case_id, string_agg(role, '、' order by role) as roles from case_roles group by 1),
        final as (
            select c.case_id, c.occurred_on, c.town, c.worker, r.roles, c.method, c.amount_yuan, c.description
            from cases c join roles r using (case_id)
        )
        select * from final order by occurred_on desc, case_id
    """
    return fetch(con, sql, bind(params, _period(f), no_role=LCM.FRAUD_NO_ROLE))
