"""关爱与平安, places: friendly scenes (友好场景) certified by the period end, and the service resources
(amenities) the open stations offer.
"""

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import KIND_PARAMS, bind, fetch


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
    cond, params = f.where(town="s.town_code", station_kind="s.kind", host_type="s.host_type", named=True)
    sql = f"""
        with open_stations as (
            select s.kind, unnest(s.amenities) as amenity
            from stations s
            where s.opened_on <= $date_to and {cond}
        ),
        final as (
            select amenity, count(*) as stations,
                   count(*) filter (where kind = $rider_station) as rider_stations,
                   count(*) filter (where kind = $service_point) as service_points
            from open_stations group by 1
        )
        select * from final
    """
    df = fetch(con, sql, bind(params, KIND_PARAMS, date_to=f.date_to))
    order = {a: k for k, a in enumerate(V.AMENITIES)}
    return df.sort_values("amenity", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)
