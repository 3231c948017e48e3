"""Spatial aggregation in DuckDB: reports binned into square grid cells of a given size in metres.

Pages send these bins to the browser, never raw points, so a map stays light at --scale 100.
"""

import math

import pandas as pd

from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import bind, fetch, report_where

# Grid origin (south-west of the district) and metres per degree at Fengxian's latitude (30.9° N).
LON0, LAT0 = 121.25, 30.70
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(30.9))


def report_bins(con, f: Filters, cell_m: int = 500) -> pd.DataFrame:
    """Reports in the period per grid cell: counts, open ones, the main town, and the cell's corners."""
    cond, params = report_where(f, named=True)
    sql = f"""
        with scoped as (
            select r.*, floor((r.lon - $lon0) / $dlon)::int as cx, floor((r.lat - $lat0) / $dlat)::int as cy
            from reports r
            where r.lon is not null and r.lat is not null and {cond}
        ),
        -- the cell's main town and category: the most frequent, ties to the first by name (mode()
        -- breaks ties arbitrarily, so a tooltip could change between runs)
        towns_n as (select cx, cy, town_code, count(*) as n from scoped group by cx, cy, town_code),
        cats_n as (select cx, cy, category, count(*) as n from scoped group by cx, cy, category),
        binned as (
            select cx, cy, count(*) as reports,
                   count(*) filter (where list_contains($open_statuses, status)) as open_reports,
                   any_value(tt.town_code) as town_code, any_value(tc.top_category) as top_category
            from scoped
            join (select cx, cy, first(town_code order by n desc, town_code) as town_code
                  from towns_n group by cx, cy) tt using (cx, cy)
            join (select cx, cy, first(category order by n desc, category) as top_category
                  from cats_n group by cx, cy) tc using (cx, cy)
            group by cx, cy
        ),
        final as (
            select b.cx as cell_x, b.cy as cell_y,
                   $lon0 + (b.cx + 0.5) * $dlon as lon, $lat0 + (b.cy + 0.5) * $dlat as lat,
                   $lon0 + b.cx * $dlon as west, $lat0 + b.cy * $dlat as south,
                   $lon0 + (b.cx + 1) * $dlon as east, $lat0 + (b.cy + 1) * $dlat as north,
                   b.reports, b.open_reports, b.town_code, t.name as town, b.top_category
            from binned b left join towns t using (town_code)
        )
        select * from final order by reports desc, cell_x, cell_y
    """
    return fetch(con, sql, bind(params, grid_params(cell_m), open_statuses=list(V.OPEN_STATUSES)))


def grid_params(cell_m: float) -> dict:
    """The grid's origin and cell size in degrees, as named parameters ($lon0, $dlon, $lat0, $dlat)."""
    return {"lon0": LON0, "dlon": cell_m / M_PER_DEG_LON, "lat0": LAT0, "dlat": cell_m / M_PER_DEG_LAT}
