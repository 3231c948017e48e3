"""Coordinates on import: GCJ-02 -> WGS-84 for whole columns, and the inside-Fengxian test.

`gcj02_to_wgs84` is fxdash.geo's formula on numpy arrays (100,000 points in milliseconds instead
of seconds); tests check both agree to well under a centimetre.
"""

import numpy as np

from fxdash import geo
from fxdash.places import BBOX

_A, _EE = geo._A, geo._EE
BOUNDARY_TOLERANCE_DEG = 0.002  # ~200 m: points on a town's edge or a river bank still count as inside


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


def wgs84_to_gcj02(lon, lat):
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, iterations: int = 6):
    """Fixed-point inverse, as fxdash.geo.gcj02_to_wgs84, on arrays."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    wlon, wlat = lon.copy(), lat.copy()
    for _ in range(iterations):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        wlon, wlat = wlon - (glon - lon), wlat - (glat - lat)
    return wlon, wlat


def inside(lon, lat, district=None) -> np.ndarray:
    """Inside the district polygon (when a boundary is configured) or else the bounding box."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    in_box = (lon >= BBOX[0]) & (lon <= BBOX[2]) & (lat >= BBOX[1]) & (lat <= BBOX[3])
    if district is None or not in_box.any():
        return in_box
    import shapely

    out = np.zeros(len(lon), bool)
    out[in_box] = shapely.contains_xy(district, lon[in_box], lat[in_box])
    return out


def district_shape(geojson: dict | None):
    """The union of the town polygons, grown by the tolerance and prepared for fast tests."""
    if not geojson:
        return None
    import shapely
    from shapely.geometry import shape

    shapes = [shape(f["geometry"]) for f in geojson.get("features", []) if f.get("geometry")]
    if not shapes:
        return None
    union = shapely.union_all(shapes).buffer(BOUNDARY_TOLERANCE_DEG)
    shapely.prepare(union)
    return union
