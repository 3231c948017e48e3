"""Spatial aggregation in DuckDB: reports binned into square grid cells of a given size in metres.

Pages send these bins to the browser, never raw points, so a map stays light at --scale 100.
"""

import math

import pandas as pd

from fxdash.filters import Filters
from fxdash.queries.common import fetch
from fxdash.queries.overview import report_where

# Grid origin (south-west of the district) and metres per degree at Fengxian's latitude (30.9° N).
LON0, LAT0 = 121.25, 30.70
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(30.9))


def report_bins(con, f: Filters, cell_m: int = 500) -> pd.DataFrame:
    """Reports in the period per grid cell: counts, open ones, the main town, and the cell's corners."""
    cond, params = report_where(f)
    dlon, dlat = cell_m / M_PER_DEG_LON, cell_m / M_PER_DEG_LAT  # cell size in degrees
    sql = f"""
        with scoped as (
            select r.*, floor((r.lon - ?) / ?)::int as cx, floor((r.lat - ?) / ?)::int as cy
            from reports r
            left join workers w on w.worker_id = r.reporter_id
            where r.lon is not null and r.lat is not null and {cond}
        ),
        binned as (
            select cx, cy, count(*) as reports,
                   count(*) filter (where status in ('待受理', '处置中')) as open_reports,
                   mode(town_code) as town_code,
                   mode(category) as top_category
            from scoped group by cx, cy
        ),
        final as (
            select b.cx as cell_x, b.cy as cell_y,
                   ? + (b.cx + 0.5) * ? as lon, ? + (b.cy + 0.5) * ? as lat,
                   ? + b.cx * ? as west, ? + b.cy * ? as south,
                   ? + (b.cx + 1) * ? as east, ? + (b.cy + 1) * ? as north,
                   b.reports, b.open_reports, b.town_code, t.name as town, b.top_category
            from binned b left join towns t using (town_code)
        )
        select * from final order by reports desc, cell_x, cell_y
    """
    corners = [LON0, dlon, LAT0, dlat] * 3  # centre, south-west and north-east corners
    return fetch(con, sql, [LON0, dlon, LAT0, dlat, *params, *corners])
