"""Where a map looks and where its labels go: pure Web Mercator arithmetic, no pydeck, no Streamlit.

deck.gl's JSON has no "fit bounds", so the view is computed here: the zoom and centre at which a
box of lon/lat fits a viewport of a given size in pixels (deck.gl's world is 512 px wide at zoom 0).
Town labels are then placed for that view: each gets a pixel offset so no two overlap.
"""

import math
from dataclasses import dataclass

import numpy as np

WORLD_PX = 512  # deck.gl's world width in pixels at zoom 0
M_PER_DEG_LAT = 111_320  # metres per degree of latitude (and of longitude at the equator)


@dataclass(frozen=True)
class Bounds:
    """A lon/lat box (WGS-84 degrees)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def of_points(cls, lon, lat) -> "Bounds | None":
        """The box round the points (missing coordinates ignored); None when there is none."""
        lon, lat = np.asarray(lon, float).ravel(), np.asarray(lat, float).ravel()
        keep = np.isfinite(lon) & np.isfinite(lat)
        if not keep.any():
            return None
        lon, lat = lon[keep], lat[keep]
        return cls(float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))

    def union(self, other: "Bounds | None") -> "Bounds":
        if other is None:
            return self
        return Bounds(min(self.west, other.west), min(self.south, other.south),
                      max(self.east, other.east), max(self.north, other.north))

    def contains(self, other: "Bounds") -> bool:
        return (self.west <= other.west and self.south <= other.south
                and self.east >= other.east and self.north >= other.north)

    def at_least(self, span_m: float) -> "Bounds":
        """The same centre, widened so each side spans at least span_m metres (one point is not a view)."""
        lat_c = (self.south + self.north) / 2
        half_lat = max(self.north - self.south, span_m / M_PER_DEG_LAT) / 2
        half_lon = max(self.east - self.west, span_m / (M_PER_DEG_LAT * math.cos(math.radians(lat_c)))) / 2
        lon_c = (self.west + self.east) / 2
        return Bounds(lon_c - half_lon, lat_c - half_lat, lon_c + half_lon, lat_c + half_lat)


def union(*boxes: "Bounds | None") -> Bounds | None:
    """The box round every given box (None entries skipped); None when all are None."""
    out = None
    for box in boxes:
        if box is not None:
            out = box if out is None else out.union(box)
    return out


@dataclass(frozen=True)
class View:
    """A map view as deck.gl takes it (pitch and bearing 0)."""

    latitude: float
    longitude: float
    zoom: float


def mercator(lon, lat):
    """Web Mercator world coordinates at zoom 0 (x east, y south, 0..512); scalars or arrays."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    x = (lon + 180.0) / 360.0 * WORLD_PX
    y = (0.5 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / (2 * np.pi)) * WORLD_PX
    return x, y


def unmercator(x, y):
    """The inverse of mercator: (lon, lat) in degrees."""
    lon = np.asarray(x, float) / WORLD_PX * 360.0 - 180.0
    lat = np.degrees(2 * np.arctan(np.exp((0.5 - np.asarray(y, float) / WORLD_PX) * 2 * np.pi)) - np.pi / 2)
    return lon, lat


def fit(bounds: Bounds, width: int, height: int, padding: int = 30, max_zoom: float = 15.0) -> View:
    """The view that shows `bounds` whole in a width x height pixel viewport with `padding` px spare
    on every side (the zoom rounded down, so rounding never cuts an edge)."""
    x0, y1 = mercator(bounds.west, bounds.south)
    x1, y0 = mercator(bounds.east, bounds.north)
    room_w, room_h = max(width - 2 * padding, 1), max(height - 2 * padding, 1)
    span_x, span_y = max(float(x1 - x0), 1e-9), max(float(y1 - y0), 1e-9)
    zoom = min(math.log2(min(room_w / span_x, room_h / span_y)), max_zoom)
    lon, lat = unmercator((x0 + x1) / 2, (y0 + y1) / 2)
    return View(latitude=round(float(lat), 6), longitude=round(float(lon), 6), zoom=math.floor(zoom * 100) / 100)


def to_screen(view: View, width: int, height: int, lon, lat):
    """Pixel (x, y) in the viewport (origin top left) where deck.gl draws each lon/lat."""
    scale = 2.0 ** view.zoom
    cx, cy = mercator(view.longitude, view.latitude)
    x, y = mercator(lon, lat)
    return width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale


def visible(view: View, width: int, height: int) -> Bounds:
    """The lon/lat box a width x height viewport shows at `view`."""
    scale = 2.0 ** view.zoom
    cx, cy = mercator(view.longitude, view.latitude)
    lon, lat = unmercator(np.array([cx - width / 2 / scale, cx + width / 2 / scale]),
                          np.array([cy + height / 2 / scale, cy - height / 2 / scale]))
    return Bounds(float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1]))


# --- labels ------------------------------------------------------------------------------------------


def label_box(text: str, size: float, halo: float = 3) -> tuple[float, float]:
    """(width, height) in px of a label: CJK glyphs are one em wide, Latin digits and letters ~0.6 em."""
    em = sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text)
    return em * size + 2 * halo, size * 1.25 + 2 * halo


def _candidates(w: float, h: float) -> list[tuple[float, float]]:
    """Offsets to try, nearest first: on the point, above, below, right, left, then further out."""
    gap = 2
    near = [(0, 0), (0, -(h + gap)), (0, h + gap), (w / 2 + gap + 6, 0), (-(w / 2 + gap + 6), 0)]
    diag = [(dx * (w / 2 + 6), dy * (h + gap)) for dy in (-1, 1) for dx in (1, -1)]
    far = [(0, -2 * (h + gap)), (0, 2 * (h + gap))]
    return near + diag + far


def overlap(a: tuple, b: tuple, gap: float) -> float:
    """Overlap area of two boxes (x0, y0, x1, y1), each grown by gap/2."""
    dx = min(a[2], b[2]) - max(a[0], b[0]) + gap
    dy = min(a[3], b[3]) - max(a[1], b[1]) + gap
    return dx * dy if dx > 0 and dy > 0 else 0.0


def place_labels(lon, lat, texts, view: View, width: int, height: int, size: float = 19,
                 gap: float = 4) -> list[tuple[float, float] | None]:
    """A pixel offset (dx, dy; y down, as deck.gl's getPixelOffset) for each label so that, at `view`,
    no two labels overlap and each stays inside the viewport where it can; None for a label that
    cannot be placed without covering another (the map leaves it out rather than print a smudge).

    Greedy and deterministic: labels are placed in the order given (put the important ones first),
    each at the first candidate offset that overlaps nothing placed so far and fits in the viewport,
    else at the candidate that sticks out least.
    """
    xs, ys = to_screen(view, width, height, np.asarray(lon, float), np.asarray(lat, float))
    placed: list[tuple] = []
    offsets: list[tuple[float, float] | None] = []
    for x, y, text in zip(np.atleast_1d(xs), np.atleast_1d(ys), texts):
        w, h = label_box(str(text), size)
        best, best_cost = None, math.inf
        for dx, dy in _candidates(w, h):
            box = (x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
            if any(overlap(box, other, gap) for other in placed):
                continue
            cost = max(0.0, -box[0]) + max(0.0, box[2] - width) + max(0.0, -box[1]) + max(0.0, box[3] - height)
            if cost < best_cost:
                best, best_cost = (float(dx), float(dy)), cost
            if cost == 0:
                break
        if best is not None:
            placed.append((x + best[0] - w / 2, y + best[1] - h / 2, x + best[0] + w / 2, y + best[1] + h / 2))
            best = (round(best[0], 1), round(best[1], 1))
        offsets.append(best)
    return offsets


def label_boxes(lon, lat, texts, offsets, view: View, width: int, height: int, size: float = 19) -> list[tuple]:
    """The screen boxes (x0, y0, x1, y1) the labels take at `view` with their offsets (for checks)."""
    xs, ys = to_screen(view, width, height, np.asarray(lon, float), np.asarray(lat, float))
    boxes = []
    for x, y, text, (dx, dy) in zip(np.atleast_1d(xs), np.atleast_1d(ys), texts, offsets):
        w, h = label_box(str(text), size)
        boxes.append((x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2))
    return boxes
