"""Time playback of report density on the map: frames built on the server once, played in the browser.

The browser gets one self-contained HTML document (st.components.v1.html): numbers only for the
frames (per frame, a flat [cell_x, cell_y, reports, ...] list on the grid of fxdash.queries.spatial),
the stations and the town outlines, and a small script drawing them on a <canvas>. No map library,
no CDN, no request per frame: it works offline and on the projector. The grid is coarsened until the
frames fit the byte budget, so a long period at --scale 100 stays under 2 MB.
"""

import datetime as dt
import json
import math
from importlib import resources

import pandas as pd

from fxdash import theme, weeks
from fxdash.filters import Filters
from fxdash.labels import playback as P
from fxdash.queries import playback as Q
from fxdash.queries.spatial import LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON

CELL_SIZES_M = (500, 1000, 2000, 4000)  # the finest grid whose frames fit FRAMES_BUDGET is used
FRAMES_BUDGET = 1_700_000  # bytes of frame data; the rest of 2 MB is outlines, stations and the script
MAX_BYTES = 2_000_000


def frame_label(day: dt.date, step: str) -> str:
    if step == "day":
        return weeks.cn_date(day)
    year, week, _ = day.isocalendar()
    return P.WEEK_LABEL.format(year=year, week=week)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def frames(con, f: Filters, step: str) -> dict:
    """Per frame: its label, every report of the frame, and the located ones per grid cell."""
    if step not in Q.STEPS:
        raise ValueError(step)
    days = Q.frame_days(f, step)
    totals = Q.frame_totals(con, f, step)
    counts = [0] * len(days)
    for frame, n in zip(totals["frame"], totals["reports"], strict=True):
        counts[int(frame)] = int(n)
    for cell_m in CELL_SIZES_M:
        cells = Q.frame_cells(con, f, step, cell_m)
        flat: list[list[int]] = [[] for _ in days]
        for frame, x, y, n in cells.itertuples(index=False):
            flat[int(frame)].extend((int(x), int(y), int(n)))
        if len(_dump(flat)) <= FRAMES_BUDGET:
            break
    return {
        "step": step, "labels": [frame_label(d, step) for d in days], "totals": counts, "cells": flat,
        "cell_m": cell_m, "origin": [LON0, LAT0], "cell": [cell_m / M_PER_DEG_LON, cell_m / M_PER_DEG_LAT],
        # colours saturate at the 98th percentile: one busy cell would otherwise wash out every frame
        "max": max(1, math.ceil(cells["reports"].quantile(0.98))) if len(cells) else 1,
    }


def outlines(geojson: dict | None) -> list[list[float]]:
    """Every outer ring of the towns as a flat [lon, lat, lon, lat, ...] list (5 decimals, ~1 m)."""
    rings = []
    for feature in (geojson or {}).get("features", []):
        geom = feature.get("geometry") or {}
        polygons = geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [geom.get("coordinates", [])]
        for polygon in polygons:
            if polygon:
                rings.append([round(v, 5) for point in polygon[0] for v in point[:2]])
    return rings


def station_points(stations: pd.DataFrame) -> list[list[float]]:
    """[lon, lat, 0 = 骑手驿站 / 1 = other] per station."""
    return [[round(float(lon), 5), round(float(lat), 5), 0 if kind == "骑手驿站" else 1]
            for lon, lat, kind in zip(stations["lon"], stations["lat"], stations["kind"], strict=True)]


def document(fr: dict, stations: pd.DataFrame, boundaries: dict | None, present: bool = False) -> str:
    """The playback as one HTML document (data and script inline)."""
    data = {**fr, "stations": station_points(stations), "towns": outlines(boundaries), "present": present,
            "ramp": [list(c) for c in theme.DENSITY_RAMP], "text": P.SCRIPT_TEXT}
    script = resources.files("fxdash").joinpath("playback.js").read_text(encoding="utf-8")
    # "</" cannot end the <script> element early once escaped
    payload = _dump(data).replace("</", "<\\/")
    return TEMPLATE.replace("__DATA__", payload).replace("__SCRIPT__", script).replace(
        "__CLASS__", "present" if present else "")


def height(present: bool) -> int:
    return 860 if present else 640


TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<style>
body { margin: 0; font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1f2937; }
#fx-pb { display: flex; flex-direction: column; gap: 6px; }
#fx-pb-head { display: flex; align-items: baseline; gap: 24px; }
#fx-pb-date { font-size: 40px; font-weight: 700; }
#fx-pb-count { font-size: 22px; color: #b91c1c; }
#fx-pb-controls { display: flex; align-items: center; gap: 12px; }
#fx-pb-play { font-size: 18px; padding: 4px 18px; border-radius: 6px; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }
#fx-pb-slider { flex: 1; }
#fx-pb-legend { font-size: 13px; color: #4b5563; display: flex; gap: 18px; align-items: center; }
#fx-pb-ramp { display: inline-block; width: 120px; height: 10px; vertical-align: middle; }
canvas { width: 100%; border: 1px solid #e5e7eb; border-radius: 6px; background: #f8fafc; }
.present #fx-pb-date { font-size: 64px; }
.present #fx-pb-count { font-size: 34px; }
.present #fx-pb-play { font-size: 26px; }
.present #fx-pb-legend { font-size: 18px; }
</style></head>
<body class="__CLASS__"><div id="fx-pb">
<div id="fx-pb-head"><span id="fx-pb-date"></span><span id="fx-pb-count"></span></div>
<div id="fx-pb-controls"><button id="fx-pb-play" type="button"></button>
<input id="fx-pb-slider" type="range" min="0" value="0" step="1"><span id="fx-pb-pos"></span></div>
<canvas id="fx-pb-canvas"></canvas>
<div id="fx-pb-legend"></div>
</div>
<script>const FX = __DATA__;</script>
<script>__SCRIPT__</script>
</body></html>
"""
