"""关爱与平安, elderly care pairs; the page's other sections live beside it: `community_fraud` (fraud
stopped), `community_suggestions` (people's suggestions) and `community_places` (friendly scenes,
service resources).

Conventions shared by every function here:
- A pair (or a role) with an `until` date is active on day d when `since <= d < until`, the same rule
  as workers' `left_on`; "at the period end" means on `date_to`.
- Town filters apply to where the thing is (the community, the case, the scene, the station) and,
  for suggestions, to the submitter's town; occupation and enterprise filters apply to the worker
  involved (the volunteer, the one who stopped the fraud, the submitter).
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.privacy import CODE, NAME, personal
from fxdash.queries.common import _per_period, fetch, worker_in

OVERDUE_DAYS = 14  # a pair not visited for more than this many days is raised in the weekly meeting


# --- elderly care ------------------------------------------------------------------------------------


def _pairs_sql(f: Filters, volunteer: bool = False) -> tuple[str, list]:
    """CTE body: care pairs whose volunteer passes the worker filters and whose community the town
    filter; `volunteer` adds the volunteer's name (a join with the large registry, only where shown)."""
    wcond, wparams = worker_in(f, "p.worker_id", town=False)
    tcond, tparams = f.where(town="c.town_code")
    name, join = ("w.name", "join workers w on w.worker_id = p.worker_id") if volunteer else ("null::varchar", "")
    sql = f"""
        select p.*, c.name as community, c.town_code, t.name as town, {name} as volunteer
        from care_pairs p
        join communities c using (community_id)
        join towns t on t.town_code = c.town_code
        {join}
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


def community_population(con, f: Filters, name: str) -> int | None:
    """community_profile's population alone (the comparison of published figures reads nothing else):
    None when the community is filtered out or absent, where community_profile is None. One lookup
    instead of every community's pairs (the comparison's dearest query at scale 1)."""
    tcond, tparams = f.where(town="c.town_code")
    row = con.execute(f"""
        select c.population from communities c join towns t on t.town_code = c.town_code
        where c.name = ? and {tcond} limit 1
    """, [name, *tparams]).fetchone()
    return None if row is None else row[0]


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
    pairs, pparams = _pairs_sql(f, volunteer=True)
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


# --- series forms (fxdash.metrics): one grouped query over many periods ----------------------------


def _care_visits_series(con, f: Filters, periods) -> pd.DataFrame:
    """care_summary's `visits` (visits of the filtered pairs within the period) per period."""
    pairs, pparams = _pairs_sql(f)
    # _pairs_sql binds `?` (DuckDB does not mix them with named ones): the periods as two lists here
    sql = f"""
        with pairs as ({pairs}),
        periods as (select unnest(?::date[]) as p_from, unnest(?::date[]) as p_to)
        select p.p_to, count(*) as visits
        from periods p join (care_visits v join pairs using (pair_id))
          on v.visited_on between p.p_from and p.p_to
        group by 1
    """
    return _per_period(con, sql, [*pparams, [a for a, _ in periods], [b for _, b in periods]], periods)


def _overdue_pairs_series(con, f: Filters, periods, days: int = OVERDUE_DAYS) -> pd.DataFrame:
    """len(overdue_pairs) at each period's end, in one query; column `value`."""
    pairs, pparams = _pairs_sql(f)
    sql = f"""
        with pairs as ({pairs}),
        periods as (select unnest(?::date[]) as p_from, unnest(?::date[]) as p_to),
        active as (
            select p.p_to, a.pair_id, a.since
            from periods p join pairs a on a.since <= p.p_to and coalesce(a.until, 'infinity'::date) > p.p_to
        ),
        last_visit as (
            select a.p_to, a.pair_id, max(v.visited_on) as last_visit
            from active a join care_visits v on v.pair_id = a.pair_id and v.visited_on <= a.p_to
            group by 1, 2
        )
        select a.p_to, count(*) as value
        from active a left join last_visit l using (p_to, pair_id)
        where date_diff('day', coalesce(l.last_visit, a.since), a.p_to) > ?
        group by 1
    """
    return _per_period(con, sql, [*pparams, [a for a, _ in periods], [b for _, b in periods], days], periods)
