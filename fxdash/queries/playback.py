"""Report density frame by frame (day or ISO week) for the map's time playback.

The same grid as fxdash.queries.spatial (origin, metres per degree), so a playback frame and the
static density layer bin a report into the same cell. Only counts per frame and cell leave DuckDB.
"""

import datetime as dt

import pandas as pd

from fxdash import weeks
from fxdash.filters import Filters
from fxdash.queries import spatial
from fxdash.queries.common import bind, fetch, report_where

STEPS = {"day": 1, "week": 7}


def first_frame_day(f: Filters, step: str) -> dt.date:
    """Day frames start on the period's first day; week frames on that week's Monday (ISO weeks)."""
    return f.date_from if step == "day" else weeks.monday_of(f.date_from)


def frame_days(f: Filters, step: str) -> list[dt.date]:
    """The first day of every frame of the period."""
    start, days = first_frame_day(f, step), STEPS[step]
    out = []
    while start <= f.date_to:
        out.append(start)
        start += dt.timedelta(days=days)
    return out


def frame_cells(con, f: Filters, step: str, cell_m: int) -> pd.DataFrame:
    """Located reports of the period per frame and grid cell: frame, cell_x, cell_y, reports."""
    cond, params = report_where(f, named=True)
    sql = f"""
        with scoped as (
            select date_diff('day', $first_day::date, r.reported_at::date) // $step_days as frame,
                   floor((r.lon - $lon0) / $dlon)::int as cell_x, floor((r.lat - $lat0) / $dlat)::int as cell_y
            from reports r
            where r.lon is not null and r.lat is not null and {cond}
        ),
        final as (select frame, cell_x, cell_y, count(*) as reports from scoped group by all)
        select * from final order by frame, cell_x, cell_y
    """
    return fetch(con, sql, bind(params, spatial.grid_params(cell_m), first_day=first_frame_day(f, step),
                                step_days=STEPS[step]))


def frame_totals(con, f: Filters, step: str) -> pd.DataFrame:
    """Every report of the period per frame (located or not): frame, reports."""
    cond, params = report_where(f)
    sql = f"""
        with final as (
            select date_diff('day', ?::date, r.reported_at::date) // ? as frame, count(*) as reports
            from reports r
            where {cond} group by 1
        )
        select * from final order by frame
    """
    return fetch(con, sql, [first_frame_day(f, step), STEPS[step], *params])
