"""关爱与平安, people's suggestions (人民建议): submitted in the period, answered, adopted, days to answer.

Every filter (town included) applies to the worker who submitted the suggestion.
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.privacy import NAME, personal
from fxdash.queries.common import _per_period, fetch, worker_in


def _suggestions_sql(f: Filters, submitter: bool = False) -> tuple[str, list]:
    """CTE body: suggestions submitted in the period by workers passing the filters (town = theirs);
    `submitter` adds who submitted them (name, occupation, town: a join with the large registry, only
    where shown)."""
    dcond, dparams = f.where(date="s.submitted_on")
    wcond, wparams = worker_in(f, "s.worker_id")
    if submitter:
        columns = "w.name as submitter, w.occupation, t.name as town"
        joins = "left join workers w on w.worker_id = s.worker_id left join towns t on t.town_code = w.town_code"
    else:
        columns, joins = "null::varchar as submitter, null::varchar as occupation, null::varchar as town", ""
    sql = f"""
        select s.*, {columns},
               case when s.status = '已答复' then date_diff('day', s.submitted_on, s.closed_on) end as days_to_answer
        from suggestions s
        {joins}
        where {dcond} and {wcond}
    """
    return sql, [*dparams, *wparams]


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


def _suggestion_summary_series(con, f: Filters, periods) -> pd.DataFrame:
    """suggestion_summary's `submitted` per period in one query (the weekly comparison's five weeks)."""
    rows, params = _suggestions_sql(f.with_period(min(a for a, _ in periods), max(b for _, b in periods)))
    # _suggestions_sql binds `?` (DuckDB does not mix them with named ones): the periods as two lists here
    sql = f"""
        with rows as ({rows}),
        periods as (select unnest(?::date[]) as p_from, unnest(?::date[]) as p_to)
        select p.p_to, count(*) as submitted
        from periods p join rows r on r.submitted_on between p.p_from and p.p_to
        group by 1
    """
    return _per_period(con, sql, [*params, [a for a, _ in periods], [b for _, b in periods]], periods)


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
    rows, params = _suggestions_sql(f, submitter=True)
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
