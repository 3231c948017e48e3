"""The map page: stations and other places on the map, coverage by rider stations, and gaps.

Distances are real (haversine, `fxdash.geo`). Points are read from DuckDB with the filters
applied in SQL; the nearest-station and greedy candidate maths run in numpy on the server, and only
points, bins and candidates (never raw reports) go to the browser.
"""

from dataclasses import replace

import numpy as np
import pandas as pd

from fxdash import geo
from fxdash.filters import Filters
from fxdash.labels import vocab as V
from fxdash.queries.common import (
    KIND_PARAMS,
    RIDER_STATION,
    bind,
    fetch,
    registered_per,
    report_where,
    town_names,
    worker_where,
)
from fxdash.queries.community_places import scene_list
from fxdash.queries.spatial import LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON

RADIUS_MIN_M, RADIUS_MAX_M = 300, 2000
NEAR_REPORTS_M = 500  # the detail panel: reports within this distance of a station
NEAR_SITES_M = 1000  # ... and company sites (with their workers) within this distance
DEFAULT_CANDIDATES = 10
DENSITY_CELL_M = 1000  # density cells on the district map: 500 m cells are specks at district zoom
COVERAGE_KINDS = (RIDER_STATION,)  # what counts for coverage unless the user picks station kinds


def coverage_kinds(f: Filters) -> tuple[str, ...]:
    """The station kinds that count for coverage: the kinds picked, else rider stations."""
    return f.station_kinds or COVERAGE_KINDS


def kind_counts(stations: pd.DataFrame) -> dict[str, int]:
    """Stations per kind of the vocabulary (0 for a kind with none), from a `stations` result."""
    counts = stations["kind"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in V.STATION_KINDS}


def check_radius(radius_m: int) -> int:
    if not RADIUS_MIN_M <= radius_m <= RADIUS_MAX_M:
        raise ValueError(f"radius must be {RADIUS_MIN_M}-{RADIUS_MAX_M} m, got {radius_m}")
    return int(radius_m)


# --- places ------------------------------------------------------------------------------------


def stations(con, f: Filters) -> pd.DataFrame:
    """Stations open at the end of the period, under town, kind, host type and amenity filters."""
    cond, params = f.where(town="s.town_code", station_kind="s.kind", host_type="s.host_type",
                           amenities="s.amenities")
    sql = f"""
        with final as (
            select s.station_id, s.kind, s.host_type, s.name, s.town_code, t.name as town, s.address,
                   s.lat, s.lon, s.amenities, s.opened_on
            from stations s
            join towns t using (town_code)
            where s.opened_on <= ? and {cond}
        )
        select * from final order by kind desc, town_code, station_id
    """
    return fetch(con, sql, [f.date_to, *params])


def coverage_stations(con, f: Filters) -> pd.DataFrame:
    """The stations that count for coverage: rider stations (or the kinds picked), with the host type
    and amenity filters, in every town: a report by a town border may be served from next door."""
    kinds = list(coverage_kinds(f))
    cond, params = f.where(host_type="s.host_type", amenities="s.amenities")
    scond, sparams = f.scope_where("s.town_code")
    sql = f"""
        select s.station_id, s.name, s.lat, s.lon
        from stations s
        where s.opened_on <= ? and list_contains(?, s.kind) and {cond} and {scond}
        order by s.station_id
    """
    return fetch(con, sql, [f.date_to, kinds, *params, *sparams])


def _reference_stations(con, f: Filters) -> pd.DataFrame:
    """The stations distances are measured to, next door's included for a town-scoped user: they only
    enter the figures of the user's own reports and sites (never returned as points)."""
    return coverage_stations(con, replace(f, scope=()))


def scenes(con, f: Filters) -> pd.DataFrame:
    """The community page's scene list, those with a location (the map draws them)."""
    df = scene_list(con, f)
    return df[df["lat"].notna() & df["lon"].notna()].sort_values("scene_id").reset_index(drop=True)


def branches(con, f: Filters) -> pd.DataFrame:
    cond, params = f.where(town="b.town_code")
    sql = f"""
        select b.branch_id, b.name, b.founded_on, b.secretary_from_new_employment, t.name as town, b.lat, b.lon
        from branches b join towns t using (town_code)
        where b.lat is not null and b.founded_on <= ? and {cond}
        order by b.branch_id
    """
    return fetch(con, sql, [f.date_to, *params])


def merchants(con, f: Filters) -> pd.DataFrame:
    cond, params = f.where(town="m.town_code")
    sql = f"""
        select m.merchant_id, m.name, m.offers, m.joined_on, t.name as town, m.lat, m.lon
        from merchants m join towns t using (town_code)
        where m.lat is not null and (m.joined_on is null or m.joined_on <= ?) and {cond}
        order by m.merchant_id
    """
    return fetch(con, sql, [f.date_to, *params])


def sites(con, f: Filters) -> pd.DataFrame:
    """Company sites (一网点一表) with declared staff and workers registered there at period end.

    `staff` (the coverage weight) is the declared headcount, or the registered workers where none
    was declared. With an occupation filter, only sites that have such workers are kept.
    """
    cond, params = f.where(town="s.town_code", enterprise="s.enterprise_id")
    # workers of a site count wherever they live: only the occupation filter applies to them
    wsql, wparams = registered_per(f, "w.site_id", "count(*) as workers", where=f.where(occupation="w.occupation"))
    sql = f"""
        with registered as ({wsql}),
        final as (
            select s.site_id, s.name, e.name as enterprise, e.business, t.name as town, s.town_code,
                   s.address, s.lat, s.lon, s.staff_count,
                   coalesce(r.workers, 0) as workers,
                   coalesce(s.staff_count, r.workers, 0) as staff
            from sites s
            join enterprises e using (enterprise_id)
            join towns t using (town_code)
            left join registered r using (site_id)
            where s.lat is not null and {cond} and (? or r.workers > 0)
        )
        select * from final order by site_id
    """
    return fetch(con, sql, [*wparams, *params, not f.occupations])


def report_points(con, f: Filters) -> pd.DataFrame:
    """Located reports of the period under the report filters (server side only: never sent raw)."""
    cond, params = report_where(f)
    sql = f"""
        select r.report_id, r.lat, r.lon, r.town_code, r.category, r.status, r.reported_at
        from reports r
        where r.lat is not null and r.lon is not null and {cond}
        order by r.report_id
    """
    return fetch(con, sql, params)


# --- coverage and gaps ---------------------------------------------------------------------------


def _nearest(points: pd.DataFrame, ref: pd.DataFrame) -> np.ndarray:
    return geo.nearest_m(points["lat"], points["lon"], ref["lat"], ref["lon"])[0]


def coverage(con, f: Filters, radius_m: int) -> pd.DataFrame:
    """Share of the period's reports, of company sites and of their staff within radius_m of a station."""
    radius_m = check_radius(radius_m)
    ref = _reference_stations(con, f)
    rep, site = report_points(con, f), sites(con, f)
    rep_in = _nearest(rep, ref) <= radius_m
    site_in = _nearest(site, ref) <= radius_m
    rows = [
        ("reports", len(rep), int(rep_in.sum())),
        ("sites", len(site), int(site_in.sum())),
        ("staff", int(site["staff"].sum()), int(site.loc[site_in, "staff"].sum())),
    ]
    out = pd.DataFrame(rows, columns=["key", "total", "covered"])
    out["share"] = np.where(out["total"] > 0, out["covered"] / out["total"].where(out["total"] > 0, 1), np.nan)
    return out


def _demand_cells(rep: pd.DataFrame, site: pd.DataFrame, cell_m: float) -> pd.DataFrame:
    """Uncovered reports and staff summed per grid cell (the same grid as the density bins)."""
    dlon, dlat = cell_m / M_PER_DEG_LON, cell_m / M_PER_DEG_LAT
    parts = [
        pd.DataFrame({"lon": rep["lon"], "lat": rep["lat"], "town_code": rep["town_code"],
                      "reports": 1, "staff": 0}),
        pd.DataFrame({"lon": site["lon"], "lat": site["lat"], "town_code": site["town_code"],
                      "reports": 0, "staff": site["staff"]}),
    ]
    pts = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    pts["cx"] = np.floor((pts["lon"] - LON0) / dlon).astype(int)
    pts["cy"] = np.floor((pts["lat"] - LAT0) / dlat).astype(int)
    cells = pts.groupby(["cx", "cy"], as_index=False)[["reports", "staff"]].sum()
    # the cell's town: where most of its demand (reports + staff) lies
    pts["weight"] = pts["reports"] + pts["staff"]
    town = (pts.groupby(["cx", "cy", "town_code"], as_index=False)["weight"].sum()
            .sort_values(["weight", "town_code"], ascending=[False, True])
            .drop_duplicates(["cx", "cy"]))
    cells = cells.merge(town[["cx", "cy", "town_code"]], on=["cx", "cy"])
    cells["lon"] = LON0 + (cells["cx"] + 0.5) * dlon
    cells["lat"] = LAT0 + (cells["cy"] + 0.5) * dlat
    return cells


def candidates(con, f: Filters, radius_m: int, k: int = DEFAULT_CANDIDATES) -> pd.DataFrame:
    """Candidate sites for the next rider stations, in the order a greedy planner would build them.

    Demand is every report and every site's staff farther than radius_m from a station, summed
    per grid cell of radius_m (a station at a cell's centre reaches all of that cell). Each cell
    scores its share of the uncovered reports plus its share of the uncovered staff; a candidate is
    a cell centre with no station within radius_m, and each pick takes the one that would cover the
    most still-uncovered score, so the list does not repeat one hot spot in neighbouring cells.
    """
    radius_m = check_radius(radius_m)
    ref = _reference_stations(con, f)
    rep, site = report_points(con, f), sites(con, f)
    rep = rep[_nearest(rep, ref) > radius_m]
    site = site[(_nearest(site, ref) > radius_m) & (site["staff"] > 0)]
    columns = ["rank", "town", "town_code", "reports", "staff", "lat", "lon", "nearest_station_m"]
    if len(rep) + len(site) == 0:
        return pd.DataFrame(columns=columns)
    cells = _demand_cells(rep, site, radius_m)
    total_rep, total_staff = cells["reports"].sum(), cells["staff"].sum()
    score = (cells["reports"] / total_rep if total_rep else 0) + (cells["staff"] / total_staff if total_staff else 0)
    centre_dist = _nearest(cells, ref)
    pairs = geo.pairs_within_m(cells["lat"], cells["lon"], radius_m)
    picks = geo.greedy_cover(pairs, np.asarray(score, float), centre_dist > radius_m, k)
    towns = town_names(con)
    rows = []
    for rank, (i, covered) in enumerate(picks, start=1):
        cell = cells.iloc[i]
        rows.append([rank, towns.get(cell["town_code"], cell["town_code"]), cell["town_code"],
                     int(cells["reports"].iloc[covered].sum()), int(cells["staff"].iloc[covered].sum()),
                     float(cell["lat"]), float(cell["lon"]),
                     float(centre_dist[i]) if np.isfinite(centre_dist[i]) else np.nan])
    return pd.DataFrame(rows, columns=columns)


# --- per town ------------------------------------------------------------------------------------


def town_table(con, f: Filters, radius_m: int) -> pd.DataFrame:
    """Per town: visible stations and points, scenes, active workers, workers per rider station,
    the period's reports and the share of them within radius_m of a station."""
    radius_m = check_radius(radius_m)
    st_cond, st_params = f.where(station_kind="s.kind", host_type="s.host_type", amenities="s.amenities", named=True)
    wsql, wparams = registered_per(f, "w.town_code", "count(*) as active_workers",
                                   where=worker_where(f, town=False, named=True), named=True)
    t_cond, t_params = f.where(town="t.town_code", named=True)
    sql = f"""
        with st as (
            select town_code,
                   count(*) filter (where kind = $rider_station) as rider_stations,
                   count(*) filter (where kind = $service_point) as service_points
            from stations s where s.opened_on <= $date_to and {st_cond} group by town_code
        ),
        sc as (
            select town_code, count(*) as scenes from friendly_scenes where certified_on <= $date_to group by town_code
        ),
        wk as ({wsql}),
        final as (
            select t.town_code, t.name as town,
                   coalesce(st.rider_stations, 0) as rider_stations,
                   coalesce(st.service_points, 0) as service_points,
                   coalesce(sc.scenes, 0) as scenes,
                   coalesce(wk.active_workers, 0) as active_workers
            from towns t
            left join st using (town_code) left join sc using (town_code) left join wk using (town_code)
            where {t_cond}
        )
        select * from final order by town_code
    """
    out = fetch(con, sql, bind(st_params, wparams, t_params, KIND_PARAMS, date_to=f.date_to))
    rider = out["rider_stations"].where(out["rider_stations"] > 0)
    out["workers_per_station"] = (out["active_workers"] / rider).round(1)
    rep = report_points(con, f)
    rep["covered"] = _nearest(rep, _reference_stations(con, f)) <= radius_m
    per_town = rep.groupby("town_code").agg(reports=("covered", "size"), covered=("covered", "sum"))
    out = out.merge(per_town, left_on="town_code", right_index=True, how="left")
    out["reports"] = out["reports"].fillna(0).astype(int)
    out["covered_share"] = (out["covered"] / out["reports"].where(out["reports"] > 0)).round(3)
    return out.drop(columns=["covered"])


# --- one station -----------------------------------------------------------------------------------


def station_detail(con, f: Filters, station_id: str) -> pd.DataFrame:
    """One station's attributes (empty if the id is unknown or outside the user's towns)."""
    scond, sparams = f.scope_where("s.town_code")
    sql = f"""
        select s.station_id, s.kind, s.host_type, s.name, s.town_code, t.name as town, s.address, s.lat, s.lon,
               s.amenities, s.opened_on
        from stations s join towns t using (town_code)
        where s.station_id = ? and {scond}
    """
    return fetch(con, sql, [station_id, *sparams])


def _within(df: pd.DataFrame, lat: float, lon: float, radius_m: float) -> pd.DataFrame:
    out = df.copy()
    out["distance_m"] = geo.haversine_m(lat, lon, out["lat"].to_numpy(float), out["lon"].to_numpy(float)).round()
    return out[out["distance_m"] <= radius_m].sort_values("distance_m").reset_index(drop=True)


def reports_near(con, f: Filters, station_id: str, radius_m: int = NEAR_REPORTS_M) -> pd.DataFrame:
    """The period's reports (under the report filters) within radius_m of a station, nearest first."""
    st = station_detail(con, f, station_id)
    if st.empty:
        return pd.DataFrame(columns=["report_id", "category", "status", "reported_at", "distance_m"])
    lat, lon = float(st["lat"].iloc[0]), float(st["lon"].iloc[0])
    rep = report_points(con, f)
    return _within(rep, lat, lon, radius_m)[["report_id", "category", "status", "reported_at", "distance_m"]]


def sites_near(con, f: Filters, station_id: str, radius_m: int = NEAR_SITES_M) -> pd.DataFrame:
    """Company sites within radius_m of a station, with their registered workers, nearest first."""
    st = station_detail(con, f, station_id)
    cols = ["name", "enterprise", "staff_count", "workers", "distance_m"]
    if st.empty:
        return pd.DataFrame(columns=cols)
    lat, lon = float(st["lat"].iloc[0]), float(st["lon"].iloc[0])
    return _within(sites(con, f), lat, lon, radius_m)[cols]
