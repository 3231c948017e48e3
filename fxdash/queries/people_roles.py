"""The people page's four roles (四大员) and volunteering: holders at the period end, how many are active,
growth by month, volunteer participations and hours.

Same conventions as `fxdash.queries.people`; the page-level role filter narrows these figures.
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import (
    _per_period,
    _periods_sql,
    active_at,
    bind,
    fetch,
    worker_in,
    worker_where,
)
from fxdash.queries.people import engaged_cte, engaged_params, months_cte, months_params, role_cond, trend_start


def _volunteer_sql(f: Filters, group: str) -> tuple[str, dict]:
    """Volunteer participations of the filtered workers from `$held_from` to `$held_to`, grouped by `group`."""
    cond, params = worker_in(f, "p.worker_id", named=True)
    role, rparams = role_cond(f, alias="p", on="a.held_on")
    sql = f"""
        select {group}
               count(*) as participations, coalesce(sum(p.hours), 0) as hours,
               count(distinct p.worker_id) as volunteers
        from activity_participants p
        join activities a using (activity_id)
        where list_contains($kinds, a.kind) and a.held_on between $held_from and $held_to and {cond} and {role}
    """
    return sql, bind(params, rparams, kinds=list(V.VOLUNTEER_ACTIVITY_KINDS))


def volunteer_monthly(con, f: Filters) -> pd.DataFrame:
    """Per trend month and volunteer activity kind: participations, hours and distinct volunteers."""
    vsql, vparams = _volunteer_sql(f, "date_trunc('month', a.held_on)::date as month, a.kind,")
    sql = f"with final as ({vsql} group by 1, 2) select * from final order by month, kind"
    return fetch(con, sql, bind(vparams, held_from=trend_start(f), held_to=f.date_to))


def volunteer_summary(con, f: Filters) -> dict:
    """In the period: volunteer participations, hours and distinct volunteers."""
    vsql, vparams = _volunteer_sql(f, "")
    row = fetch(con, vsql, bind(vparams, held_from=f.date_from, held_to=f.date_to)).iloc[0]
    return {"participations": int(row["participations"]), "hours": float(row["hours"]),
            "volunteers": int(row["volunteers"])}


def _volunteer_summary_series(con, f: Filters, periods) -> pd.DataFrame:
    """volunteer_summary's `participations` per period, in one query."""
    vsql, vparams = _volunteer_sql(f, "p.activity_id, a.held_on,")
    psql, pparams = _periods_sql(periods)
    sql = f"""
        with periods as ({psql}),
        held as ({vsql} group by 1, 2)
        select p.p_to, sum(h.participations)::bigint as participations
        from periods p join held h on h.held_on between p.p_from and p.p_to
        group by 1
    """
    lo, hi = min(a for a, _ in periods), max(b for _, b in periods)
    return _per_period(con, sql, bind(vparams, pparams, held_from=lo, held_to=hi), periods)


# --- the four-roles tab in one query ------------------------------------------------------------------

_PARTS = ("summary", "by_role", "by_town", "growth")


def role_section(con, f: Filters) -> dict:
    """The four-roles tab's figures from one query: summary (people holding a role at the period end,
    counted once; role-holdings; how many are active, and the share), by_role (holders, active, share
    per role), by_town (holdings per town and role, zeros left out) and growth (people and holdings at
    each trend month's end). It replaced four queries, one per part, each joining the role holdings
    with the registry (600,000 rows with varchar keys at scale 100): 0.1-0.3 s apiece, most of the tab's
    cold run (measured by `fxdash bench --pages people:四大员`); here the join is made once and shared.
    The four, kept as the oracle it is tested against: tests/role_oracle.py."""
    cond, params = worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    sql = f"""
        with {months_cte()},
        scoped as materialized (
            select r.worker_id, r.role, r.since, r.until, w.joined_on, w.left_on, w.town_code
            from worker_roles r join workers w using (worker_id)
            where {cond} and {rcond}
        ),
        holdings as (
            select worker_id, role, town_code from scoped
            where since <= $date_to and (until is null or until > $date_to) and {active_at('scoped', '$date_to')}
        ),
        {engaged_cte()},
        marked as materialized (
            select h.worker_id, h.role, h.town_code, e.worker_id as engaged_id
            from holdings h left join engaged e using (worker_id)
        ),
        roles as (select unnest($role_list::varchar[]) as role),
        counted as (select role, count(*) as holders, count(engaged_id) as active from marked group by 1),
        growth as (
            select m.month, count(distinct s.worker_id) as people, count(s.worker_id) as holdings
            from months m
            left join scoped s
              on s.since <= m.month_end and (s.until is null or s.until > m.month_end)
             and s.joined_on <= m.month_end and (s.left_on is null or s.left_on > m.month_end)
            group by 1
        )
        select 'summary' as part, null::varchar as label, null::varchar as role, null::date as month,
               count(distinct worker_id) as n1, count(*) as n2,
               count(distinct worker_id) filter (where engaged_id is not null) as n3, null::double as share
        from marked
        union all
        select 'by_role', null, roles.role, null, coalesce(c.holders, 0), coalesce(c.active, 0), null,
               c.active / nullif(c.holders, 0)
        from roles left join counted c using (role)
        union all
        select 'by_town', t.name, h.role, null, count(*), null, null, null
        from marked h join towns t using (town_code) group by t.name, h.role
        union all
        select 'growth', null, null, month, people, holdings, null, null from growth
    """
    roles = list(f.roles) if f.roles else list(V.ROLES)
    rows = fetch(con, sql, bind(months_params(f), params, rparams, engaged_params(f), role_list=roles))
    return _split(rows, roles)


def _split(rows: pd.DataFrame, roles: list[str]) -> dict:
    """The parts of role_section's rows, in the columns, types and order of the four functions."""
    part = {name: rows[rows["part"] == name] for name in _PARTS}
    s = part["summary"].iloc[0]
    summary = {"people": int(s["n1"]), "holdings": int(s["n2"]), "active_people": int(s["n3"])}
    summary["active_share"] = summary["active_people"] / summary["people"] if summary["people"] else None
    by_role = part["by_role"].assign(order=lambda d: d["role"].map({r: k for k, r in enumerate(roles)}))
    by_role = by_role.sort_values("order", kind="stable")
    by_role = pd.DataFrame({"role": by_role["role"].to_numpy(), "holders": by_role["n1"].to_numpy(),
                            "active": by_role["n2"].to_numpy(), "active_share": by_role["share"].to_numpy()})
    by_town = part["by_town"].sort_values(["label", "role"], kind="stable")
    by_town = pd.DataFrame({"town": by_town["label"].to_numpy(), "role": by_town["role"].to_numpy(),
                            "holdings": by_town["n1"].to_numpy()})
    growth = part["growth"].sort_values("month", kind="stable")
    growth = pd.DataFrame({"month": growth["month"].to_numpy(), "people": growth["n1"].to_numpy(),
                           "holdings": growth["n2"].to_numpy()})
    return {"summary": summary, "by_role": by_role, "by_town": by_town, "growth": growth}
