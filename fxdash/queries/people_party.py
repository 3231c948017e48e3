"""The people page's party section: party members, mobile party members, block branches, party activities.

Same conventions as `fxdash.queries.people` (the registry at the period end is `active_at`).
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import active_at, bind, fetch, registered_per, worker_where

_PARTY_COUNTS = """count(*) filter (where list_contains($party_statuses, w.party_status)) as party_members,
                   count(*) filter (where w.is_mobile_party_member) as mobile_members"""


def _party_params() -> dict:
    return {"party_statuses": list(V.PARTY_MEMBER_STATUSES)}


def _kinds_params() -> dict:
    study, consult = V.PARTY_ACTIVITY_KINDS
    return {"study": study, "consult": consult}


def party_summary(con, f: Filters) -> dict:
    """Party members and mobile party members at the period end, branches, party activities."""
    cond, params = worker_where(f, named=True)
    bcond, bparams = f.where(town="b.town_code", named=True)
    acond, aparams = f.where(date="a.held_on", town="a.town_code", named=True)
    sql = f"""
        with members as (select {_PARTY_COUNTS} from workers w where {active_at('w', '$date_to')} and {cond}),
        branches_now as (select count(*) as branches from branches b where b.founded_on <= $date_to and {bcond}),
        held as (
            select count(*) filter (where a.kind = $study) as study, count(*) filter (where a.kind = $consult) as consult
            from activities a where {acond}
        ),
        final as (select * from members, branches_now, held)
        select * from final
    """
    row = fetch(con, sql, bind(params, bparams, aparams, _party_params(), _kinds_params(), date_to=f.date_to)).iloc[0]
    return {k: int(v) for k, v in row.items()}


def party_by_town(con, f: Filters) -> pd.DataFrame:
    """Per town: party members and mobile party members in the registry at the period end."""
    wsql, wparams = registered_per(f, "w.town_code", _PARTY_COUNTS, _party_params(), named=True)
    tcond, tparams = f.where(town="t.town_code", named=True)
    sql = f"""
        with counted as ({wsql}),
        final as (
            select t.name as town, coalesce(c.party_members, 0) as party_members,
                   coalesce(c.mobile_members, 0) as mobile_members
            from towns t left join counted c using (town_code)
            where {tcond}
        )
        select * from final order by party_members desc, town
    """
    return fetch(con, sql, bind(wparams, tparams))


def branch_table(con, f: Filters) -> pd.DataFrame:
    """Every block branch founded by the period end: its group, members and activities in the period."""
    wsql, wparams = registered_per(f, "w.branch_id", f"count(*) as group_size, {_PARTY_COUNTS}", _party_params(),
                                   named=True)
    bcond, bparams = f.where(town="b.town_code", named=True)
    sql = f"""
        with members as ({wsql}),
        held as (
            select a.branch_id, count(*) filter (where a.kind = $study) as study,
                   count(*) filter (where a.kind = $consult) as consult
            from activities a where a.branch_id is not null and a.held_on between $date_from and $date_to group by 1
        ),
        final as (
            select b.name as branch, t.name as town, b.founded_on,
                   coalesce(b.secretary_from_new_employment, false) as secretary_new, b.secretary_since,
                   coalesce(m.group_size, 0) as group_size, coalesce(m.party_members, 0) as party_members,
                   coalesce(m.mobile_members, 0) as mobile_members,
                   coalesce(h.study, 0) as study, coalesce(h.consult, 0) as consult
            from branches b
            join towns t on t.town_code = b.town_code
            left join members m using (branch_id)
            left join held h using (branch_id)
            where b.founded_on <= $date_to and {bcond}
        )
        select * from final order by founded_on, branch
    """
    return fetch(con, sql, bind(wparams, bparams, _kinds_params(), date_from=f.date_from))




def branch_group_size(con, f: Filters, name: str) -> int | None:
    """branch_table's group_size of one branch (the comparison of published figures reads nothing else):
    None when the branch is not founded by the period end, filtered out or absent. Only that branch's
    workers are counted, without the other branches' members and activities."""
    cond, params = worker_where(f, named=True)
    wsql, wparams = registered_per(f, "w.branch_id", "count(*) as group_size", named=True,
                                   where=(f"w.branch_id in (select branch_id from chosen) and {cond}", params))
    bcond, bparams = f.where(town="b.town_code", named=True)
    sql = f"""
        with chosen as (
            select b.branch_id, b.founded_on from branches b join towns t on t.town_code = b.town_code
            where b.name = $name and b.founded_on <= $date_to and {bcond}
        ),
        members as ({wsql})
        select coalesce(m.group_size, 0) from chosen c left join members m using (branch_id)
        order by c.founded_on limit 1
    """
    row = con.execute(sql, bind(wparams, bparams, name=name)).fetchone()
    return None if row is None else row[0]
