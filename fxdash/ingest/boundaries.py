"""Town boundaries uploaded by staff: check the GeoJSON, store a normalised copy, record its path.

Where boundaries come from, in order: the FXDASH_BOUNDARIES setting (a deployment's own file), else
the file last uploaded on the data page (operational store setting `boundaries_path`), else none.
`current_path()` is what the maps (fxdash.ui.map_base) and the coordinate check use.
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from fxdash import access, config
from fxdash.ingest import coords
from fxdash.labels import ingest as X
from fxdash.places import BBOX, TOWNS
from fxdash.store import settings as stored

SETTING_KEY = "boundaries_path"


def check(data: bytes) -> tuple[dict | None, list[str]]:
    """(normalised GeoJSON with `code`/`name` on every feature, []) or (None, Chinese problems)."""
    from shapely.geometry import shape

    try:
        geojson = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [X.ERR_GEOJSON.format(detail=str(exc)[:120])]
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        return None, [X.ERR_GEOJSON.format(detail=X.ERR_GEOJSON_NOT_FC)]
    features = geojson.get("features") or []
    if not features:
        return None, [X.ERR_GEOJSON_EMPTY]
    by_key = {t.code: t for t in TOWNS} | {t.name: t for t in TOWNS}
    problems, seen, out = [], set(), []
    for i, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {}
        key = str(props.get("code") or props.get("town_code") or props.get("name") or "").strip()
        town = by_key.get(key) or by_key.get(str(props.get("name") or "").strip())
        if town is None:
            problems.append(X.ERR_GEOJSON_TOWN.format(i=i, value=key))
            continue
        if town.code in seen:
            problems.append(X.ERR_GEOJSON_DUP.format(i=i, value=town.name))
        seen.add(town.code)
        try:
            geom = shape(feature["geometry"])
            valid = geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty
        except (KeyError, TypeError, ValueError, AttributeError):
            valid = False
        if not valid:
            problems.append(X.ERR_GEOJSON_GEOMETRY.format(i=i, value=town.name))
            continue
        x0, y0, x1, y1 = geom.bounds
        if x0 < BBOX[0] or y0 < BBOX[1] or x1 > BBOX[2] or y1 > BBOX[3]:
            problems.append(X.ERR_GEOJSON_OUTSIDE.format(i=i, value=town.name))
            continue
        out.append({"type": "Feature", "geometry": feature["geometry"],
                    "properties": {**props, "code": town.code, "name": town.name, "kind": town.kind}})
    if problems:
        return None, problems
    return {"type": "FeatureCollection", "features": out}, []


def save(store, geojson: dict, folder: Path | None = None, username: str | None = None) -> Path:
    """Write the checked GeoJSON beside the imports archive and point the store's setting at it."""
    folder = Path(folder or config.load_settings().imports_dir) / "boundaries"
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(geojson, ensure_ascii=False)
    # a new name per content: cached readers keyed by path then see the new file at once
    path = folder / f"towns_{hashlib.sha256(text.encode()).hexdigest()[:12]}.geojson"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    stored.put(store, SETTING_KEY, str(path), username)
    access.record("boundary_upload", username, path=str(path), towns=len(geojson["features"]))
    return path


def current_path(store) -> tuple[Path | None, bool]:
    """(path, from_setting): the configured file first, else the uploaded one (if it still exists)."""
    configured = config.load_settings().boundaries
    if configured is not None:
        return configured, True
    uploaded = stored.get(store, SETTING_KEY)
    if uploaded and Path(uploaded).exists():
        return Path(uploaded), False
    return None, False


def district(store):
    """The district shape (union of towns) for the inside-Fengxian test, or None."""
    path, _ = current_path(store)
    if path is None or not path.exists():
        return None
    return _district(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _district(path: str, mtime: int):
    try:
        return coords.district_shape(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # an unreadable configured file: fall back to the bounding box


def feature_count(path: Path) -> int:
    try:
        return len(json.loads(Path(path).read_text(encoding="utf-8")).get("features", []))
    except (OSError, ValueError, AttributeError):
        return 0
