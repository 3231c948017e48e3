"""The people page's four-roles figures written one query each, as fxdash.queries.people_roles had them
before `role_section` made them one query: the oracle that role_section is checked against
(tests/test_query_rewrites.py) and the plain statement of each figure that tests/test_people.py reads."""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import active_at, bind, fetch, worker_where
from fxdash.queries.people import engaged_cte, engaged_params, months_cte, months_params


def _holdings_sql(f: Filters) -> tuple[str, dict]:
    """Rows (worker_id, role, town) of role-holdings at the period end, under all filters."""
    cond, params = worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    sql = f"""
        select r.worker_id, r.role, w.town_code
        from worker_roles r join workers w using (worker_id)
        where r.since <= $date_to and (r.until is null or r.until > $date_to) and {active_at('w', '$date_to')}
          and {cond} and {rcond}
    """
    return sql, bind(params, rparams, date_to=f.date_to)


def roles_summary(con, f: Filters) -> dict:
    """People (counted once) and role-holdings (one per role held) at the period end, and how many are active."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        {engaged_cte()},
        final as (
            select count(distinct h.worker_id) as people, count(*) as holdings,
                   count(distinct h.worker_id) filter (where e.worker_id is not null) as active_people
            from holdings h left join engaged e using (worker_id)
        )
        select * from final
    """
    # `people` is the overview's figure (common.role_members): the same holdings counted once each
    row = fetch(con, sql, bind(hparams, engaged_params(f))).iloc[0]
    out = {k: int(v) for k, v in row.items()}
    out["active_share"] = out["active_people"] / out["people"] if out["people"] else None
    return out


def roles_by_role(con, f: Filters) -> pd.DataFrame:
    """Per role: holders at the period end, how many were active in the last 30 days, and the share."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        {engaged_cte()},
        roles as (select unnest($role_list::varchar[]) as role),
        counted as (
            select h.role, count(*) as holders, count(e.worker_id) as active
            from holdings h left join engaged e using (worker_id) group by 1
        ),
        final as (
            select roles.role, coalesce(c.holders, 0) as holders, coalesce(c.active, 0) as active,
                   c.active / nullif(c.holders, 0) as active_share
            from roles left join counted c using (role)
        )
        select * from final order by list_position($role_list::varchar[], role)
    """
    roles = list(f.roles) if f.roles else list(V.ROLES)
    return fetch(con, sql, bind(hparams, engaged_params(f), role_list=roles))


def roles_by_town(con, f: Filters) -> pd.DataFrame:
    """Per town and role: role-holdings at the period end (long form, zeros left out)."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        final as (
            select t.name as town, h.role, count(*) as holdings
            from holdings h join towns t using (town_code) group by 1, 2
        )
        select * from final order by town, role
    """
    return fetch(con, sql, hparams)


def role_people_by_town(con, f: Filters) -> pd.DataFrame:
    """Per town: people holding a role and their role-holdings at the period end."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        final as (
            select t.name as town, count(distinct h.worker_id) as people, count(*) as holdings
            from holdings h join towns t using (town_code) group by 1
        )
        select * from final order by people desc, town
    """
    return fetch(con, sql, hparams)


def role_growth(con, f: Filters) -> pd.DataFrame:
    """Per trend month: people with a role and role-holdings at month end."""
    cond, params = worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    sql = f"""
        with {months_cte()},
        scoped as (
            select r.worker_id, r.since, r.until, w.joined_on, w.left_on
            from worker_roles r join workers w using (worker_id)
            where {cond} and {rcond}
        ),
        final as (
            select m.month,
                   count(distinct s.worker_id) as people, count(s.worker_id) as holdings
            from months m
            left join scoped s
              on s.since <= m.month_end and (s.until is null or s.until > m.month_end)
             and s.joined_on <= m.month_end and (s.left_on is null or s.left_on > m.month_end)
            group by 1
        )
        select * from final order by month
    """
    return fetch(con, sql, bind(months_params(f), params, rparams))
