"""The people page: the worker registry, party members, the four roles, volunteering, points.

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
from fxdash.labels import common as LC
from fxdash.labels import people as LP
from fxdash.labels import vocab as V
from fxdash.privacy import NAME, PHONE, personal
from fxdash.queries.common import active_at, fetch, registered_per, role_members, scalar, worker_where

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


def _months_cte() -> str:
    """CTE `months(month, month_end)`: the trend months; month_end is capped at the period end. 3 params."""
    return """months as (
            select month::date as month, least((month + interval 1 month - interval 1 day)::date, ?::date) as month_end
            from (select unnest(generate_series(?::date, ?::date, interval 1 month)) as month)
        )"""


def _months_params(f: Filters) -> list:
    return [f.date_to, trend_start(f), f.date_to]


def _role_cond(f: Filters, alias: str = "w", on: str = "?", day: dt.date | None = None) -> tuple[str, list]:
    """The role filter: the worker `alias` holds one of the chosen roles on a day.

    `on` is the SQL expression of that day (from code, e.g. "a.held_on"); "?" binds `day`.
    With no roles chosen the condition is simply true.
    """
    if not f.roles:
        return "true", []
    sql = f"""exists (select 1 from worker_roles rr where rr.worker_id = {alias}.worker_id
               and list_contains(?, rr.role) and rr.since <= {on} and (rr.until is null or rr.until > {on}))"""
    return sql, [list(f.roles), *([day, day] if on == "?" else [])]


def _active_window(f: Filters) -> tuple[dt.datetime, dt.datetime]:
    start = f.date_to - dt.timedelta(days=ACTIVE_DAYS - 1)
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time())


def _engaged_cte() -> str:
    """CTE `engaged(worker_id)`: reported an issue or took part in an activity in the window. 4 params."""
    return """engaged as (
            select reporter_id as worker_id from reports where reported_at >= ? and reported_at < ?
            union
            select p.worker_id from activity_participants p join activities a using (activity_id)
            where a.held_on >= ?::date and a.held_on < ?::date
        )"""


def _engaged_params(f: Filters) -> list:
    start, end = _active_window(f)
    return [start, end, start, end]


# --- registry ------------------------------------------------------------------------------------


def registry_summary(con, f: Filters) -> dict:
    """Headline registry figures: headcount at the end, joins/leaves in the period, turnover, tenure, 报到."""
    cond, params = worker_where(f)
    before = f.date_from - dt.timedelta(days=1)
    sql = f"""
        with scoped as (select w.* from workers w where {cond}),
        final as (
            select
                count(*) filter (where {active_at('scoped')}) as active,
                count(*) filter (where {active_at('scoped')}) as active_before,
                count(*) filter (where joined_on between ? and ?) as joined,
                count(*) filter (where left_on between ? and ?) as left_,
                count(*) filter (where {active_at('scoped')} and registered_on <= ?) as registered,
                median(?::date - joined_on) filter (where {active_at('scoped')}) as tenure_days,
                median(left_on - joined_on) filter (where left_on between ? and ?) as leaver_tenure_days
            from scoped
        )
        select * from final
    """
    d0, d1 = f.date_from, f.date_to
    row = fetch(con, sql, [*params, d1, d1, before, before, d0, d1, d0, d1, d1, d1, d1, d1, d1, d1, d0, d1]).iloc[0]
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
    cond, params = worker_where(f)
    sql = f"""
        with {_months_cte()},
        scoped as (select w.worker_id, w.joined_on, w.left_on from workers w where {cond}),
        counted as (
            select m.month, m.month_end,
                   count(*) filter (where s.joined_on between m.month and m.month_end) as joined,
                   count(*) filter (where s.left_on between m.month and m.month_end) as left_,
                   count(*) filter (where s.joined_on <= m.month_end
                                      and (s.left_on is null or s.left_on > m.month_end)) as active_end
            from months m cross join scoped s
            group by 1, 2
        ),
        final as (
            select month, joined, left_, joined - left_ as net, active_end from counted
        )
        select * from final order by month
    """
    df = fetch(con, sql, [*_months_params(f), *params])
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


# --- party ----------------------------------------------------------------------------------------

_PARTY_COUNTS = """count(*) filter (where list_contains(?, w.party_status)) as party_members,
                   count(*) filter (where w.is_mobile_party_member) as mobile_members"""


def party_summary(con, f: Filters) -> dict:
    """Party members and mobile party members at the period end, branches, party activities."""
    cond, params = worker_where(f)
    bcond, bparams = f.where(town="b.town_code")
    acond, aparams = f.where(date="a.held_on", town="a.town_code")
    sql = f"""
        with members as (
            select count(*) filter (where list_contains(?, w.party_status)) as party_members,
                   count(*) filter (where w.is_mobile_party_member) as mobile_members
            from workers w where {active_at('w')} and {cond}
        ),
        branches_now as (select count(*) as branches from branches b where b.founded_on <= ? and {bcond}),
        held as (
            select count(*) filter (where a.kind = ?) as study, count(*) filter (where a.kind = ?) as consult
            from activities a where {acond}
        ),
        final as (select * from members, branches_now, held)
        select * from final
    """
    row = fetch(con, sql, [list(V.PARTY_MEMBER_STATUSES), f.date_to, f.date_to, *params, f.date_to, *bparams,
                           *V.PARTY_ACTIVITY_KINDS, *aparams]).iloc[0]
    return {k: int(v) for k, v in row.items()}


def party_by_town(con, f: Filters) -> pd.DataFrame:
    """Per town: party members and mobile party members in the registry at the period end."""
    wsql, wparams = registered_per(f, "w.town_code", _PARTY_COUNTS, [list(V.PARTY_MEMBER_STATUSES)])
    tcond, tparams = f.where(town="t.town_code")
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
    return fetch(con, sql, [*wparams, *tparams])


def branch_table(con, f: Filters) -> pd.DataFrame:
    """Every block branch founded by the period end: its group, members and activities in the period."""
    wsql, wparams = registered_per(f, "w.branch_id", f"count(*) as group_size, {_PARTY_COUNTS}",
                                   [list(V.PARTY_MEMBER_STATUSES)])
    bcond, bparams = f.where(town="b.town_code")
    sql = f"""
        with members as ({wsql}),
        held as (
            select a.branch_id, count(*) filter (where a.kind = ?) as study, count(*) filter (where a.kind = ?) as consult
            from activities a where a.branch_id is not null and a.held_on between ? and ? group by 1
        ),
        final as (
            select b.name as branch, t.name as town, b.founded_on,
                   case when b.secretary_from_new_employment then ? else ? end as secretary_new,
                   coalesce(strftime(b.secretary_since, '%Y年%-m月%-d日'), '—') as secretary_since,
                   coalesce(m.group_size, 0) as group_size, coalesce(m.party_members, 0) as party_members,
                   coalesce(m.mobile_members, 0) as mobile_members,
                   coalesce(h.study, 0) as study, coalesce(h.consult, 0) as consult
            from branches b
            join towns t on t.town_code = b.town_code
            left join members m using (branch_id)
            left join held h using (branch_id)
            where b.founded_on <= ? and {bcond}
        )
        select * from final order by founded_on, branch
    """
    return fetch(con, sql, [*wparams, *V.PARTY_ACTIVITY_KINDS, f.date_from, f.date_to, LC.YES, LC.NO, f.date_to, *bparams])


# --- the four roles --------------------------------------------------------------------------------


def _holdings_sql(f: Filters) -> tuple[str, list]:
    """Rows (worker_id, role, town) of role-holdings at the period end, under all filters."""
    cond, params = worker_where(f)
    rcond, rparams = f.where(role="r.role")
    sql = f"""
        select r.worker_id, r.role, w.town_code
        from worker_roles r join workers w using (worker_id)
        where r.since <= ? and (r.until is null or r.until > ?) and {active_at('w')} and {cond} and {rcond}
    """
    return sql, [f.date_to, f.date_to, f.date_to, f.date_to, *params, *rparams]


def roles_summary(con, f: Filters) -> dict:
    """People (counted once) and role-holdings (one per role held) at the period end, and how many are active."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        {_engaged_cte()},
        final as (
            select count(distinct h.worker_id) as people, count(*) as holdings,
                   count(distinct h.worker_id) filter (where e.worker_id is not null) as active_people
            from holdings h left join engaged e using (worker_id)
        )
        select * from final
    """
    row = fetch(con, sql, [*hparams, *_engaged_params(f)]).iloc[0]
    out = {k: int(v) for k, v in row.items()}
    out["people"] = role_members(con, f)  # the overview's figure; equal to the distinct count above
    out["active_share"] = out["active_people"] / out["people"] if out["people"] else None
    return out


def roles_by_role(con, f: Filters) -> pd.DataFrame:
    """Per role: holders at the period end, how many were active in the last 30 days, and the share."""
    hsql, hparams = _holdings_sql(f)
    sql = f"""
        with holdings as ({hsql}),
        {_engaged_cte()},
        roles as (select unnest(?::varchar[]) as role),
        counted as (
            select h.role, count(*) as holders, count(e.worker_id) as active
            from holdings h left join engaged e using (worker_id) group by 1
        ),
        final as (
            select roles.role, coalesce(c.holders, 0) as holders, coalesce(c.active, 0) as active,
                   c.active / nullif(c.holders, 0) as active_share
            from roles left join counted c using (role)
        )
        select * from final
    """
    roles = list(f.roles) if f.roles else list(V.ROLES)
    return fetch(con, sql, [*hparams, *_engaged_params(f), roles])


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
    cond, params = worker_where(f)
    rcond, rparams = f.where(role="r.role")
    sql = f"""
        with {_months_cte()},
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
    return fetch(con, sql, [*_months_params(f), *params, *rparams])


def _volunteer_sql(f: Filters, group: str) -> tuple[str, list]:
    """Volunteer participations of the filtered workers between two bound dates, grouped by `group`."""
    cond, params = worker_where(f)
    role, rparams = _role_cond(f, on="a.held_on")
    sql = f"""
        select {group}
               count(*) as participations, coalesce(sum(p.hours), 0) as hours,
               count(distinct p.worker_id) as volunteers
        from activity_participants p
        join activities a using (activity_id)
        join workers w using (worker_id)
        where list_contains(?, a.kind) and a.held_on between ? and ? and {cond} and {role}
    """
    return sql, [list(V.VOLUNTEER_ACTIVITY_KINDS), *params, *rparams]


def volunteer_monthly(con, f: Filters) -> pd.DataFrame:
    """Per trend month and volunteer activity kind: participations, hours and distinct volunteers."""
    vsql, vparams = _volunteer_sql(f, "date_trunc('month', a.held_on)::date as month, a.kind,")
    sql = f"with final as ({vsql} group by 1, 2) select * from final order by month, kind"
    kinds, *rest = vparams
    return fetch(con, sql, [kinds, trend_start(f), f.date_to, *rest])


def volunteer_summary(con, f: Filters) -> dict:
    """In the period: volunteer participations, hours and distinct volunteers."""
    vsql, vparams = _volunteer_sql(f, "")
    kinds, *rest = vparams
    row = fetch(con, vsql, [kinds, f.date_from, f.date_to, *rest]).iloc[0]
    return {"participations": int(row["participations"]), "hours": float(row["hours"]),
            "volunteers": int(row["volunteers"])}


# --- points ---------------------------------------------------------------------------------------


def _ledger_sql(f: Filters) -> tuple[str, list]:
    """Ledger rows of the filtered workers, up to the period end."""
    cond, params = worker_where(f)
    sql = f"""
        select p.*, w.name, w.occupation, w.town_code
        from points_ledger p join workers w using (worker_id)
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
            select worker_id, any_value(name) as name, any_value(occupation) as occupation,
                   any_value(town_code) as town_code,
                   coalesce(sum(delta) filter (where delta > 0 and occurred_at >= ?), 0) as earned,
                   sum(delta) as balance
            from ledger group by 1
        ),
        final as (
            select p.worker_id, p.name, p.occupation, t.name as town, p.earned, p.balance
            from per_worker p join towns t using (town_code)
            where p.earned > 0
        )
        select * from final order by earned desc, worker_id limit ?
    """
    df = fetch(con, sql, [*lparams, dt.datetime.combine(f.date_from, dt.time()), int(n)])
    return df


@personal(name=NAME)
def negative_balances(con, f: Filters) -> pd.DataFrame:
    """Data faults: workers whose running balance went below zero at any time up to the period end."""
    lsql, lparams = _ledger_sql(f)
    sql = f"""
        with ledger as ({lsql}),
        running as (
            select worker_id, name, occurred_at,
                   sum(delta) over (partition by worker_id order by occurred_at, entry_id) as balance
            from ledger
        ),
        final as (
            select worker_id, any_value(name) as name,
                   min(occurred_at) filter (where balance < 0) as first_negative_at,
                   min(balance) as lowest_balance, arg_max(balance, occurred_at) as balance
            from running group by 1
            having min(balance) < 0
        )
        select * from final order by lowest_balance, worker_id
    """
    return fetch(con, sql, lparams)


# --- the worker list ------------------------------------------------------------------------------


@personal(name=NAME, phone=PHONE)
def worker_table(con, f: Filters, party: tuple[str, ...] = (), active: bool | None = None,
                 limit: int | None = None) -> pd.DataFrame:
    """Workers in the registry at the period end under every filter, phones masked, for ad-hoc lists.

    `party` keeps those with one of these party statuses; `active` keeps the active (True) or the
    inactive (False) in the last 30 days of the period; `limit` the first rows only (the page shows
    2,000 of up to 400,000 at scale 100: fetching them all took most of its cold run).
    """
    sql, params = _worker_list(f, party, active)
    return fetch(con, f"{sql} order by town, worker_id limit ?", [*params, limit])


def worker_count(con, f: Filters, party: tuple[str, ...] = (), active: bool | None = None) -> int:
    """How many rows worker_table has without a limit."""
    sql, params = _worker_list(f, party, active)
    return int(scalar(con, f"select count(*) from ({sql})", params))


def _worker_list(f: Filters, party: tuple[str, ...], active: bool | None) -> tuple[str, list]:
    cond, params = worker_where(f)
    role, rparams = _role_cond(f, day=f.date_to)
    pcond = "list_contains(?, w.party_status)" if party else "(? is null)"
    sql = f"""
        with {_engaged_cte()},
        roles_now as (
            select worker_id, string_agg(role, '、' order by role) as roles
            from worker_roles where since <= ? and (until is null or until > ?) group by 1
        ),
        final as (
            select w.worker_id, w.name, w.phone, w.gender, ? - w.birth_year as age, w.occupation,
                   e.name as enterprise, s.name as site_name, t.name as town, r.roles, w.party_status,
                   case when w.is_mobile_party_member then ? else ? end as mobile_member,
                   coalesce(strftime(w.registered_on, '%Y年%-m月%-d日'), ?) as registered_on, w.joined_on,
                   g.worker_id is not null as is_active, case when g.worker_id is not null then ? else ? end as active
            from workers w
            join towns t on t.town_code = w.town_code
            left join enterprises e on e.enterprise_id = w.enterprise_id
            left join sites s on s.site_id = w.site_id
            left join roles_now r on r.worker_id = w.worker_id
            left join engaged g on g.worker_id = w.worker_id
            where {active_at('w')} and {cond} and {role} and {pcond}
        )
        select * exclude (is_active) from final where ? is null or is_active = ?
    """
    return sql, [*_engaged_params(f), f.date_to, f.date_to, f.date_to.year, LC.YES, LC.NO, LP.PEOPLE_NOT_REGISTERED,
                 LC.YES, LC.NO, f.date_to, f.date_to,
                 *params, *rparams, list(party) if party else None, active, active]
