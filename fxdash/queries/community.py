"""关爱与平安: elderly care pairs, fraud stopped, people's suggestions, friendly scenes, service resources.

Conventions shared by every function here:
- A pair (or a role) with an `until` date is active on day d when `since <= d < until`, the same rule
  as workers' `left_on`; "at the period end" means on `date_to`.
- Town filters apply to where the thing is (the community, the case, the scene, the station) and,
  for suggestions, to the submitter's town; occupation and enterprise filters apply to the worker
  involved (the volunteer, the one who stopped the fraud, the submitter).
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import community as LCM
from fxdash.labels import vocab as V
from fxdash.privacy import CODE, NAME, personal
from fxdash.queries.common import fetch

OVERDUE_DAYS = 14  # a pair not visited for more than this many days is raised in the weekly meeting


def _volunteer_where(f: Filters, alias: str = "w") -> tuple[str, list]:
    """Occupation and enterprise filters on the worker; the town filter is applied by each query."""
    return f.where(occupation=f"{alias}.occupation", enterprise=f"{alias}.enterprise_id")


# --- elderly care ------------------------------------------------------------------------------------


def _pairs_sql(f: Filters) -> tuple[str, list]:
    """CTE body: care pairs whose volunteer passes the worker filters and whose community the town filter."""
    wcond, wparams = _volunteer_where(f)
    tcond, tparams = f.where(town="c.town_code")
    sql = f"""
        select p.*, c.name as community, c.town_code, t.name as town, w.name as volunteer
        from care_pairs p
        join communities c using (community_id)
        join towns t on t.town_code = c.town_code
        join workers w on w.worker_id = p.worker_id
        where {wcond} and {tcond}
    """
    return sql, [*wparams, *tparams]


def coverage_by_community(con, f: Filters) -> pd.DataFrame:
    """Per community: elders 80+ living alone, how many of them are paired at the period end, the gap.

    Paired elders are counted once however many volunteers they have, and only those aged 80+ (a few
    pairs care for younger elders, who are not in the 80+ count). Worst first: the most unpaired elders,
    then the lowest coverage.
    """
    pairs, pparams = _pairs_sql(f)
    tcond, tparams = f.where(town="c.town_code")
    sql = f"""
        with pairs as ({pairs}),
        active_in_period as (
            select community_id, count(*) as pairs_in_period
            from pairs
            where since <= ? and (until is null or until > ?)
            group by 1
        ),
        paired_now as (
            select community_id, count(distinct elder_code) as paired_80
            from pairs
            where since <= ? and (until is null or until > ?) and elder_age >= 80
            group by 1
        ),
        final as (
            select c.community_id, c.name as community, t.name as town, c.elderly_80_alone,
                   coalesce(a.pairs_in_period, 0) as pairs_in_period,
                   coalesce(n.paired_80, 0) as paired_80,
                   greatest(c.elderly_80_alone - coalesce(n.paired_80, 0), 0) as gap,
                   round(100.0 * least(coalesce(n.paired_80, 0), c.elderly_80_alone)
                         / nullif(c.elderly_80_alone, 0), 1) as coverage_pct
            from communities c
            join towns t on t.town_code = c.town_code
            left join active_in_period a using (community_id)
            left join paired_now n using (community_id)
            where {tcond}
        )
        select * from final
        order by gap desc nulls last, coverage_pct asc nulls last, community
    """
    params = [*pparams, f.date_to, f.date_from, f.date_to, f.date_to, *tparams]
    return fetch(con, sql, params)


def pairs_by_town(con, f: Filters) -> pd.DataFrame:
    """Pairs active at any time in the period, and at its end, per town."""
    pairs, pparams = _pairs_sql(f)
    sql = f"""
        with pairs as ({pairs}),
        final as (
            select town, count(*) as pairs_in_period,
                   count(*) filter (where until is null or until > ?) as pairs_at_end
            from pairs
            where since <= ? and (until is null or until > ?)
            group by 1
        )
        select * from final order by pairs_in_period desc, town
    """
    return fetch(con, sql, [*pparams, f.date_to, f.date_to, f.date_from])


def community_profile(con, f: Filters, name: str) -> dict | None:
    """One community's published facts and its pairs at the period end (None if filtered out/absent)."""
    df = coverage_by_community(con, f)
    row = df[df["community"] == name]
    if row.empty:
        return None
    facts = con.execute(
        "select population, elderly_60_plus, elderly_80_alone from communities where name = ?", [name]
    ).fetchone()
    r = row.iloc[0]
    population, elderly_60, elderly_80 = facts
    share_60 = round(100.0 * elderly_60 / population, 1) if population else None
    return {"community": name, "town": r["town"], "population": population, "elderly_60_plus": elderly_60,
            "share_60_pct": share_60, "elderly_80_alone": elderly_80, "paired_80": int(r["paired_80"]),
            "gap": int(r["gap"]), "coverage_pct": float(r["coverage_pct"])}


def visits_by_month(con, f: Filters) -> pd.DataFrame:
    """Per calendar month (clipped to the period): visits, pairs active then, and visits per pair
    scaled to 30 days (a month the period only touches for a day would otherwise look idle)."""
    pairs, pparams = _pairs_sql(f)
    sql = f"""
        with pairs as ({pairs}),
        months as (
            select greatest(m, ?::date) as month_start,
                   least((m + interval 1 month - interval 1 day)::date, ?::date) as month_end,
                   m as month
            from (select unnest(generate_series(date_trunc('month', ?::date), ?::date, interval 1 month))::date as m)
        ),
        active as (
            select months.month, count(p.pair_id) as active_pairs
            from months
            left join pairs p on p.since <= months.month_end and (p.until is null or p.until > months.month_start)
            group by 1
        ),
        visits as (
            select months.month, count(v.visit_id) as visits
            from months
            left join (care_visits v join pairs p using (pair_id))
                   on v.visited_on between months.month_start and months.month_end
            group by 1
        ),
        final as (
            -- per 30 days, so that a month the period only clips (e.g. its last day) compares fairly
            select month, visits, active_pairs, date_diff('day', month_start, month_end) + 1 as days,
                   round(visits / nullif(active_pairs, 0) * 30.0 / (date_diff('day', month_start, month_end) + 1), 2)
                       as visits_per_pair
            from months join active using (month) join visits using (month)
        )
        select * from final order by month
    """
    return fetch(con, sql, [*pparams, f.date_from, f.date_to, f.date_from, f.date_to])


def visit_tasks(con, f: Filters) -> pd.DataFrame:
    """What was done on the period's visits: one row per task, most frequent first."""
    pairs, pparams = _pairs_sql(f)
    sql = f"""
        with pairs as ({pairs}),
        tasks as (
            select unnest(v.tasks) as task
            from care_visits v join pairs p using (pair_id)
            where v.visited_on between ? and ?
        ),
        final as (select task, count(*) as visits from tasks group by 1)
        select * from final order by visits desc, task
    """
    return fetch(con, sql, [*pparams, f.date_from, f.date_to])


@personal(volunteer=NAME, elder_code=CODE)
def overdue_pairs(con, f: Filters, days: int = OVERDUE_DAYS) -> pd.DataFrame:
    """Pairs active at the period end whose last visit (or, never visited, their start) is more than
    `days` days before it: the list the weekly meeting follows up. Visits after the end do not count."""
    pairs, pparams = _pairs_sql(f)
    sql = f"""
        with pairs as ({pairs}),
        active as (
            select * from pairs where since <= ? and (until is null or until > ?)
        ),
        last_visit as (
            select v.pair_id, max(v.visited_on) as last_visit, count(*) as visits
            from care_visits v join active using (pair_id)
            where v.visited_on <= ?
            group by 1
        ),
        final as (
            select a.pair_id, a.community, a.town, a.elder_code, a.elder_age, a.volunteer, a.since,
                   l.last_visit, coalesce(l.visits, 0) as visits,
                   date_diff('day', coalesce(l.last_visit, a.since), ?::date) as days_since
            from active a left join last_visit l using (pair_id)
        )
        select * from final where days_since > ? order by days_since desc, pair_id
    """
    return fetch(con, sql, [*pparams, f.date_to, f.date_to, f.date_to, f.date_to, days])


def care_summary(con, f: Filters) -> dict:
    """The section's headline: pairs, elders 80+ alone and how many are paired, visits, overdue pairs."""
    cov = coverage_by_community(con, f)
    towns = pairs_by_town(con, f)
    visits = visits_by_month(con, f)
    elderly = int(cov["elderly_80_alone"].fillna(0).sum())
    # an over-reported community must not hide another's gap: cap each at its own count
    paired = int(cov[["paired_80", "elderly_80_alone"]].fillna(0).min(axis=1).sum())
    return {"pairs_at_end": int(towns["pairs_at_end"].sum()), "pairs_in_period": int(towns["pairs_in_period"].sum()),
            "elderly_80_alone": elderly, "paired_80": paired,
            "coverage_pct": round(100.0 * paired / elderly, 1) if elderly else None,
            "visits": int(visits["visits"].sum()), "overdue": len(overdue_pairs(con, f))}


# --- fraud stopped -----------------------------------------------------------------------------------


def _fraud_sql(f: Filters) -> tuple[str, list]:
    """CTE body: cases under the town and worker filters (any date)."""
    wcond, wparams = _volunteer_where(f)
    tcond, tparams = f.where(town="x.town_code")
    sql = f"""
        select x.*, t.name as town, w.name as worker
        from fraud_interceptions x
        join towns t on t.town_code = x.town_code
        left join workers w on w.worker_id = x.worker_id
        where {tcond} and {wcond}
    """
    return sql, [*tparams, *wparams]


def fraud_totals(con, f: Filters) -> dict:
    """Cases and yuan in the period, and cumulative to the period end (the article's "300余万元")."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases})
        select count(*) filter (where occurred_on between ? and ?),
               coalesce(sum(amount_yuan) filter (where occurred_on between ? and ?), 0),
               count(*) filter (where occurred_on <= ?),
               coalesce(sum(amount_yuan) filter (where occurred_on <= ?), 0)
        from cases
    """
    row = con.execute(sql, [*params, f.date_from, f.date_to, f.date_from, f.date_to, f.date_to, f.date_to]).fetchone()
    return {"cases": row[0], "amount": float(row[1]), "cases_total": row[2], "amount_total": float(row[3])}


def fraud_by_month(con, f: Filters) -> pd.DataFrame:
    """Per month of the period: cases, yuan, and the cumulative yuan since records began."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases}),
        months as (
            select unnest(generate_series(date_trunc('month', ?::date), ?::date, interval 1 month))::date as month
        ),
        per_month as (
            select date_trunc('month', occurred_on)::date as month, count(*) as cases, sum(amount_yuan) as amount
            from cases where occurred_on between ? and ? group by 1
        ),
        before as (select coalesce(sum(amount_yuan), 0) as amount from cases where occurred_on < ?),
        final as (
            select months.month, coalesce(p.cases, 0) as cases, coalesce(p.amount, 0) as amount,
                   (select amount from before)
                   + sum(coalesce(p.amount, 0)) over (order by months.month) as cumulative_amount
            from months left join per_month p using (month)
        )
        select * from final order by month
    """
    return fetch(con, sql, [*params, f.date_from, f.date_to, f.date_from, f.date_to, f.date_from])


def fraud_by_town(con, f: Filters) -> pd.DataFrame:
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases}),
        final as (
            select town, count(*) as cases, sum(amount_yuan) as amount
            from cases where occurred_on between ? and ? group by 1
        )
        select * from final order by amount desc, town
    """
    return fetch(con, sql, [*params, f.date_from, f.date_to])


def _case_roles_sql() -> str:
    """CTE body over `cases`: each case with each of the four roles its worker held on that day."""
    return """
        select c.case_id, coalesce(r.role, ?) as role
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
        with cases as ({cases} and x.occurred_on between ? and ?),
        case_roles as ({_case_roles_sql()}),
        roles as (select unnest(?::varchar[]) as role),
        counted as (
            select roles.role, count(distinct c.case_id) as cases
            from roles left join case_roles c using (role)
            group by 1
        ),
        final as (select * from counted where role <> ? or cases > 0)
        select * from final order by list_position(?::varchar[], role)
    """
    order = [*V.ROLES, LCM.FRAUD_NO_ROLE]
    return fetch(con, sql, [*params, f.date_from, f.date_to, LCM.FRAUD_NO_ROLE, order, LCM.FRAUD_NO_ROLE, order])


@personal(worker=NAME)
def fraud_cases(con, f: Filters) -> pd.DataFrame:
    """The period's cases, newest first, with the roles the worker held then."""
    cases, params = _fraud_sql(f)
    sql = f"""
        with cases as ({cases} and x.occurred_on between ? and ?),
        case_roles as ({_case_roles_sql()}),
        roles as (select case_id, string_agg(role, '、' order by role) as roles from case_roles group by 1),
        final as (
            select c.case_id, c.occurred_on, c.town, c.worker, r.roles, c.method, c.amount_yuan, c.description
            from cases c join roles r using (case_id)
        )
        select * from final order by occurred_on desc, case_id
    """
    return fetch(con, sql, [*params, f.date_from, f.date_to, LCM.FRAUD_NO_ROLE])


# --- people's suggestions ----------------------------------------------------------------------------


def _suggestions_sql(f: Filters) -> tuple[str, list]:
    """CTE body: suggestions submitted in the period by workers passing the filters (town = theirs)."""
    cond, params = f.where(date="s.submitted_on", town="w.town_code", occupation="w.occupation",
                           enterprise="w.enterprise_id")
    sql = f"""
        select s.*, w.name as submitter, w.occupation, t.name as town,
               case when s.status = '已答复' then date_diff('day', s.submitted_on, s.closed_on) end as days_to_answer
        from suggestions s
        left join workers w on w.worker_id = s.worker_id
        left join towns t on t.town_code = w.town_code
        where {cond}
    """
    return sql, params


def suggestion_summary(con, f: Filters) -> dict:
    """Submitted, answered, adopted; adoption rate = adopted / answered (None when nothing answered
    yet: a pending suggestion can still be adopted); days to answer, median and mean."""
    rows, params = _suggestions_sql(f)
    sql = f"""
        with rows as ({rows})
        select count(*), count(*) filter (where status = '已答复'), count(*) filter (where adopted),
               median(days_to_answer), avg(days_to_answer)
        from rows
    """
    submitted, answered, adopted, median_days, mean_days = con.execute(sql, params).fetchone()
    rate = round(100.0 * adopted / answered, 1) if answered else None
    return {"submitted": submitted, "answered": answered, "adopted": adopted, "adoption_pct": rate,
            "median_days": None if median_days is None else float(median_days),
            "mean_days": None if mean_days is None else round(float(mean_days), 1)}


def suggestions_by_topic(con, f: Filters) -> pd.DataFrame:
    """Per topic and status: how many (only combinations that occur)."""
    rows, params = _suggestions_sql(f)
    sql = f"""
        with rows as ({rows}),
        final as (
            select topic, status, count(*) as suggestions, count(*) filter (where adopted) as adopted,
                   round(avg(days_to_answer), 1) as mean_days
            from rows group by 1, 2
        )
        select * from final order by topic, status
    """
    return fetch(con, sql, params)


@personal(submitter=NAME)
def suggestion_list(con, f: Filters, adopted_only: bool = False) -> pd.DataFrame:
    """Every suggestion of the period (or only the adopted ones), adopted first, then newest first."""
    rows, params = _suggestions_sql(f)
    sql = f"""
        with rows as ({rows}),
        final as (
            select suggestion_id, submitted_on, title, topic, submitter, occupation, town, status, adopted,
                   closed_on, days_to_answer, outcome
            from rows
            where adopted or not ?
        )
        select * from final order by adopted desc, closed_on desc nulls last, submitted_on desc, suggestion_id
    """
    return fetch(con, sql, [*params, adopted_only])


# --- friendly scenes ---------------------------------------------------------------------------------


def _scenes_sql(f: Filters) -> tuple[str, list]:
    """CTE body: scenes certified by the period end in the filtered towns."""
    cond, params = f.where(town="s.town_code")
    sql = f"""
        select s.*, t.name as town
        from friendly_scenes s join towns t using (town_code)
        where s.certified_on <= ? and {cond}
    """
    return sql, [f.date_to, *params]


def scenes_by_type(con, f: Filters) -> pd.DataFrame:
    """All six types (zeros included), certified by the period end and new within it."""
    scenes, params = _scenes_sql(f)
    sql = f"""
        with scenes as ({scenes}),
        types as (select unnest(?::varchar[]) as scene_type),
        final as (
            select types.scene_type, count(s.scene_id) as scenes,
                   count(s.scene_id) filter (where s.certified_on >= ?) as new_in_period
            from types left join scenes s using (scene_type)
            group by 1
        )
        select * from final order by list_position(?::varchar[], scene_type)
    """
    types = list(V.SCENE_TYPES)
    return fetch(con, sql, [*params, types, f.date_from, types])


def scenes_by_town(con, f: Filters) -> pd.DataFrame:
    scenes, params = _scenes_sql(f)
    sql = f"""
        with scenes as ({scenes}),
        final as (select town, scene_type, count(*) as scenes from scenes group by 1, 2)
        select * from final order by town, scene_type
    """
    return fetch(con, sql, params)


def scenes_by_batch(con, f: Filters) -> pd.DataFrame:
    """Per batch: when it was certified (first and last date) and how many scenes of each type."""
    scenes, params = _scenes_sql(f)
    sql = f"""
        with scenes as ({scenes}),
        final as (
            select batch, scene_type, count(*) as scenes,
                   min(min(certified_on)) over (partition by batch) as first_certified,
                   max(max(certified_on)) over (partition by batch) as last_certified
            from scenes group by 1, 2
        )
        select * from final order by batch, scene_type
    """
    return fetch(con, sql, params)


def scene_list(con, f: Filters) -> pd.DataFrame:
    scenes, params = _scenes_sql(f)
    sql = f"""
        with scenes as ({scenes}),
        final as (select scene_id, name, scene_type, town, batch, certified_on, lat, lon from scenes)
        select * from final order by batch, certified_on, scene_id
    """
    return fetch(con, sql, params)


# --- service resources -------------------------------------------------------------------------------


HEADLINE_AMENITIES = ("健康科普角", "法律服务", "充换电", "就餐")  # the services the departments set up


def amenity_headline(amenities: pd.DataFrame) -> list[tuple[str, int]]:
    """(amenity, stations) for each HEADLINE_AMENITIES, 0 when no station offers it, from amenity_counts."""
    counts = dict(zip(amenities["amenity"], amenities["stations"]))
    return [(a, int(counts.get(a, 0))) for a in HEADLINE_AMENITIES]


def amenity_counts(con, f: Filters) -> pd.DataFrame:
    """Stations open at the period end offering each amenity, split by station kind (vocabulary order)."""
    cond, params = f.where(town="s.town_code", station_kind="s.kind", host_type="s.host_type")
    sql = f"""
        with open_stations as (
            select s.kind, unnest(s.amenities) as amenity
            from stations s
            where s.opened_on <= ? and {cond}
        ),
        final as (
            select amenity, count(*) as stations,
                   count(*) filter (where kind = '骑手驿站') as rider_stations,
                   count(*) filter (where kind = '服务点位') as service_points
            from open_stations group by 1
        )
        select * from final
    """
    df = fetch(con, sql, [f.date_to, *params])
    order = {a: k for k, a in enumerate(V.AMENITIES)}
    return df.sort_values("amenity", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)
