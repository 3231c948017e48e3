"""The demo world: its time axis, its random streams, and where a thing in a town can be placed."""

import bisect
import itertools
from dataclasses import dataclass, field

import numpy as np

from fxdash.places import TOWNS

START = np.datetime64("2024-01-01", "D")
REF = np.datetime64("2026-03-18", "D")  # the article's date: the published figures hold here
ROLES_START = np.datetime64("2025-03-01", "D")  # the four-roles scheme (方案) of 2025
NAT = np.datetime64("NaT", "D")


def short_name(town_name: str) -> str:
    for suffix in ("街道", "镇"):
        if town_name.endswith(suffix):
            return town_name[: -len(suffix)]
    return town_name


def dates(days) -> np.ndarray:
    return START + np.asarray(days, dtype="int64").astype("timedelta64[D]")


@dataclass
class World:
    """Everything generated so far, as DataFrames keyed by table name, plus shared context."""

    seed: int
    scale: int
    horizon: np.datetime64
    tables: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # what several generators derive from the same tables

    def rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, stream])


TOWN_CODES = np.array([t.code for t in TOWNS])
TOWN_W = np.array([t.weight for t in TOWNS]) / sum(t.weight for t in TOWNS)
_TOWN_INDEX = {t.code: i for i, t in enumerate(TOWNS)}


KX, KY = 111.32 * np.cos(np.radians(30.9)), 110.57  # km per degree here


def points_in_town(rng, town_code: str, n: int, centre=None, sigma_km: float = 0.0):
    """n (lon, lat) points inside the town's anchor discs (so inside the town polygon too).

    With a centre, points scatter around it (Gaussian, sigma_km) but stay inside the disc that holds it.
    """
    if centre is not None:
        return near_points(rng, town_code, n, centre, sigma_km)
    # three uniforms per point (the disc, as rng.choice draws it; the radius; the angle), drawn at once
    return spread_points(town_code, rng.random(3 * n).reshape(3, n).T)


def spread_points(town_code: str, uniforms: np.ndarray) -> np.ndarray:
    """Points placed by rows of three uniforms (disc, radius, angle), as points_in_town places them:
    the disc by the cumulative area shares and a right-sided search (what rng.choice(p=...) does)."""
    anchors = np.array(TOWNS[_TOWN_INDEX[town_code]].anchors)
    w = anchors[:, 2] ** 2 / (anchors[:, 2] ** 2).sum()
    cdf = w.cumsum()
    cdf /= cdf[-1]
    idx = cdf.searchsorted(uniforms[:, 0], side="right")
    r = anchors[idx, 2] * 0.92 * np.sqrt(uniforms[:, 1])
    theta = uniforms[:, 2] * 2 * np.pi
    return np.column_stack([anchors[idx, 0] + r * np.cos(theta) / KX, anchors[idx, 1] + r * np.sin(theta) / KY])


def disc_of(town_code: str, centre) -> np.ndarray:
    """The town's anchor disc (lon, lat, radius km) that holds `centre` (the nearest, relative to size)."""
    anchors = np.array(TOWNS[_TOWN_INDEX[town_code]].anchors)
    d = np.hypot((anchors[:, 0] - centre[0]) * KX, (anchors[:, 1] - centre[1]) * KY) / anchors[:, 2]
    return anchors[int(np.argmin(d))]


def near_points(rng, town_code: str, n: int, centre, sigma_km: float, disc=None) -> np.ndarray:
    """n points scattered around `centre` (Gaussian, sigma_km), redrawn until inside its disc. Per round
    one standard_normal batch: the same draws as normal(0, sigma/KX, k) then normal(0, sigma/KY, k)."""
    a = disc_of(town_code, centre) if disc is None else disc
    out = np.empty((n, 2))
    filled = 0
    while filled < n:
        k = (n - filled) * 2
        z = rng.standard_normal(2 * k)
        p = np.column_stack([centre[0] + (sigma_km / KX) * z[:k], centre[1] + (sigma_km / KY) * z[k:]])
        ok = np.hypot((p[:, 0] - a[0]) * KX, (p[:, 1] - a[1]) * KY) < a[2] * 0.92
        take = p[ok][: n - filled]
        out[filled : filled + len(take)] = take
        filled += len(take)
    return out


_ORDINALS = "一二三四五六七八九十"


def unique_names(names: list[str]) -> list[str]:
    """Repeated names get a Chinese ordinal, as staff would write a second shop: 秀城洗车行（二）."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        k = seen[name]
        out.append(name if k == 1 else f"{name}（{_ORDINALS[k - 1] if k <= 10 else k}）")
    return out


def choice_without_replacement(rng, p, size: int) -> list[int]:
    """The indices `rng.choice(len(p), size, replace=False, p=p)` gives, and the same draws from the
    stream, without that call's fixed cost (about 0.1 ms: it dominated the care visits). Mirrors
    numpy's Generator.choice: per round one random() batch for the indices still missing, the chosen
    ones' weights set to 0, cumulative sums (sequential, as numpy accumulates) divided by the total,
    a right-sided search, new indices kept in order of first appearance."""
    weights = [float(x) for x in p]
    found: list[int] = []
    while len(found) < size:
        uniforms = rng.random(size - len(found)).tolist()
        for k in found:
            weights[k] = 0.0
        cdf = list(itertools.accumulate(weights))
        total = cdf[-1]
        cdf = [c / total for c in cdf]
        for u in uniforms:
            k = bisect.bisect_right(cdf, u)
            if k not in found:
                found.append(k)
    return found
