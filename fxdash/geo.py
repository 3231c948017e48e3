"""Geometry helpers: distances, GCJ-02 <-> WGS-84, town boundaries.

Boundaries are deployment data read from a configured GeoJSON (never shipped with the code).
"""

import json
from pathlib import Path

import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


def haversine_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres; works on scalars and numpy arrays."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


# --- GCJ-02 (the obfuscated datum of Amap / WeChat mini-programs) ---------------------------------
_A = 6378245.0
_EE = 0.00669342162296594323


def _transform_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _plain(lon, lat):
    """Scalars in, floats out; arrays in, arrays out (imports convert whole columns at once)."""
    if np.ndim(lon) == 0:
        return float(lon), float(lat)
    return lon, lat


def wgs84_to_gcj02(lon, lat):
    """The public forward formula (valid inside China, where all our data lies); scalars or arrays."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return _plain(lon + dlon, lat + dlat)


def gcj02_to_wgs84(lon, lat, iterations: int = 6):
    """Invert the forward formula by fixed-point iteration (error well under 1 cm after 3 rounds)."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    wlon, wlat = lon.copy(), lat.copy()
    for _ in range(iterations):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        wlon, wlat = wlon - (glon - lon), wlat - (glat - lat)
    return _plain(wlon, wlat)


# --- boundaries ---------------------------------------------------------------------------------


class BoundaryError(ValueError):
    """A boundary file that cannot be used; the message is Chinese, for the user."""


def load_geojson(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BoundaryError(f"找不到边界文件：{path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(f"边界文件不是有效的 UTF-8 GeoJSON：{path}（{exc}）") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryError(f"边界文件应为 GeoJSON FeatureCollection：{path}")
    return data


# --- boundaries for display ----------------------------------------------------------------------

DISPLAY_TOLERANCE_M = 10.0  # under a pixel even at a single town's zoom (about 12 m a pixel)
DISPLAY_DECIMALS = 5  # 1e-5 degree is about 1 m here


def simplify_line(points, tolerance_m: float) -> np.ndarray:
    """Douglas-Peucker on a lon/lat polyline (a closed ring stays closed: its ends are kept).

    Distances are measured on a local equirectangular projection, exact enough over a district.
    """
    pts = np.asarray(points, float)
    if len(pts) <= 3:
        return pts
    scale = np.array([np.cos(np.radians(pts[:, 1].mean())), 1.0]) * (EARTH_RADIUS_M * np.pi / 180)
    xy = pts * scale
    keep = np.zeros(len(pts), bool)
    keep[[0, -1]] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        seg, rel = xy[b] - xy[a], xy[a + 1:b] - xy[a]
        length = np.hypot(*seg)
        # distance to the chord, or to the end point when the ends coincide (a closed ring)
        if length > 0:
            dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / length
        else:
            dist = np.hypot(rel[:, 0], rel[:, 1])
        far = int(dist.argmax())
        if dist[far] > tolerance_m:
            keep[a + 1 + far] = True
            stack += [(a, a + 1 + far), (a + 1 + far, b)]
    return pts[keep]


def _simplify_rings(rings: list, tolerance_m: float, decimals: int) -> list:
    out = []
    for ring in rings:
        simple = simplify_line(ring, tolerance_m)
        if len(simple) < 4:  # a ring this small would collapse: keep it as it is
            simple = np.asarray(ring, float)
        out.append(np.round(simple, decimals).tolist())
    return out


def display_geojson(geojson: dict, tolerance_m: float = DISPLAY_TOLERANCE_M, decimals: int = DISPLAY_DECIMALS,
                    keep: tuple[str, ...] = ("code", "name")) -> dict:
    """A lighter copy for drawing: rings simplified, coordinates rounded, only the `keep` properties.

    The browser gets this on every rerun, so what it does not need is left out: the towns file of
    93 KB (6 decimals, label points, source names) becomes 54 KB."""
    features = []
    for feat in geojson.get("features", []):
        geom = feat.get("geometry") or {}
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind == "Polygon":
            coords = _simplify_rings(coords, tolerance_m, decimals)
        elif kind == "MultiPolygon":
            coords = [_simplify_rings(poly, tolerance_m, decimals) for poly in coords]
        else:
            continue  # the map draws areas only
        props = {k: v for k, v in (feat.get("properties") or {}).items() if k in keep}
        features.append({"type": "Feature", "properties": props, "geometry": {"type": kind, "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def load_display_geojson(path: Path) -> dict:
    """A boundary file as the maps draw it (display_geojson); simplifying takes a moment, so cache it."""
    return display_geojson(load_geojson(path))


def feature_rings(feature: dict) -> list:
    """Every outer and inner ring of a Polygon or MultiPolygon feature ([] for anything else)."""
    geom = feature.get("geometry") or {}
    if geom.get("type") == "Polygon":
        return list(geom["coordinates"])
    if geom.get("type") == "MultiPolygon":
        return [ring for poly in geom["coordinates"] for ring in poly]
    return []


# --- coverage helpers (map page) -----------------------------------------------------------------


def nearest_m(lat, lon, ref_lat, ref_lon, chunk: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the haversine distance (m) to the nearest reference point and its index.

    Works in chunks so a long period at --scale 100 (1e5 reports x 1e2 stations) stays small in
    memory. With no reference points every distance is +inf and every index -1.
    """
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    ref_lat, ref_lon = np.asarray(ref_lat, float), np.asarray(ref_lon, float)
    dist = np.full(len(lat), np.inf)
    idx = np.full(len(lat), -1, dtype=int)
    if len(ref_lat) == 0 or len(lat) == 0:
        return dist, idx
    for start in range(0, len(lat), chunk):
        part = slice(start, start + chunk)
        d = haversine_m(lat[part, None], lon[part, None], ref_lat[None, :], ref_lon[None, :])
        idx[part] = d.argmin(axis=1)
        dist[part] = d[np.arange(d.shape[0]), idx[part]]
    return dist, idx


def pairs_within_m(lat, lon, radius_m: float) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with point j within radius_m of point i (i == j included), as two index arrays.

    Points are bucketed on a local metric grid a little larger than the radius, so only the 3 x 3
    neighbouring buckets are compared (all-pairs would be 6e7 distances for 8,000 cells); the
    final test is the exact haversine distance.
    """
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    if len(lat) == 0:
        return np.zeros(0, int), np.zeros(0, int)
    side = radius_m * 1.05  # the local projection is within 0.5 % of the sphere over a district
    m_per_deg = EARTH_RADIUS_M * np.pi / 180
    bx = np.floor(lon * m_per_deg * np.cos(np.radians(lat.mean())) / side).astype(np.int64)
    by = np.floor(lat * m_per_deg / side).astype(np.int64)
    key = (bx - bx.min() + 1) * (by.max() - by.min() + 3) + (by - by.min() + 1)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    stride = by.max() - by.min() + 3
    rows, cols = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            target = key + dx * stride + dy
            lo = np.searchsorted(sorted_keys, target, side="left")
            hi = np.searchsorted(sorted_keys, target, side="right")
            counts = hi - lo
            i = np.repeat(np.arange(len(lat)), counts)
            j = order[np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)])] if counts.sum() else i
            rows.append(i)
            cols.append(j)
    i, j = np.concatenate(rows), np.concatenate(cols)
    keep = haversine_m(lat[i], lon[i], lat[j], lon[j]) <= radius_m
    return i[keep], j[keep]


def greedy_cover(pairs: tuple[np.ndarray, np.ndarray], weight, allowed, k: int) -> list[tuple[int, np.ndarray]]:
    """Pick up to k sites, each time the allowed one covering the most still-uncovered weight.

    `pairs` says which demand point j a site at point i would cover; returns (site, covered points)
    in the order picked. Greedy is the textbook approximation for maximum coverage (within 1 - 1/e).
    """
    weight = np.asarray(weight, float)
    alive = weight > 0
    allowed = np.asarray(allowed, bool)
    rows, cols = pairs
    picked: list[tuple[int, np.ndarray]] = []
    for _ in range(k):
        gain = np.bincount(rows, weights=weight[cols] * alive[cols], minlength=len(weight))
        gain[~allowed] = 0
        best = int(gain.argmax()) if len(gain) else -1
        if best < 0 or gain[best] <= 0:
            break
        covered = cols[(rows == best) & alive[cols]]
        picked.append((best, covered))
        alive[covered] = False
        allowed[best] = False
    return picked
