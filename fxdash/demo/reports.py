"""Problem reports: when, where and by whom, and their lifecycle in seconds after reporting."""

import numpy as np
import pandas as pd

from fxdash import demo_names as N
from fxdash.demo.people import Picker
from fxdash.demo.targets import TARGET_REPORTS
from fxdash.demo.world import (
    REF,
    START,
    TOWN_CODES,
    TOWN_W,
    World,
    disc_of,
    near_points,
    points_in_town,
    short_name,
    spread_points,
)
from fxdash.labels import vocab as V
from fxdash.places import TOWNS

CATEGORY_P = dict(zip(V.REPORT_CATEGORIES, (0.18, 0.14, 0.15, 0.13, 0.10, 0.08, 0.07, 0.05, 0.03, 0.07)))
POINTS_BY_CATEGORY = {"安全隐患": 10, "消防隐患": 10, "涉诈线索": 15}


HOUR_P = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 5, 4, 2, 3, 5, 5, 4, 3, 2, 3, 4, 3, 2, 1.5], float)
HOUR_P /= HOUR_P.sum()


def _report_days(w: World) -> tuple[np.ndarray, np.ndarray]:
    """Report days before REF (exactly the target count) and after it (a rising daily rate)."""
    rng = w.rng(14)
    ref_day = int((REF - START).astype(int))
    days = np.arange(152, ref_day + 1)  # the mini-program's reporting started 2024-06
    weight = np.where(days < 366, 0.2, np.where(days < 731, 0.7, 1.3))
    pre = np.sort(rng.choice(days, size=TARGET_REPORTS * w.scale, p=weight / weight.sum()))
    prng = w.rng(114)
    post_days = np.arange(ref_day + 1, int((w.horizon - START).astype(int)) + 1)
    rate = 1.7 * w.scale * (1 + (post_days - ref_day) / 365 * 0.4)
    post = np.repeat(post_days, prng.poisson(rate))
    return pre, post


def gen_reports(w: World) -> None:
    pre, post = _report_days(w)
    parts = [_reports_for(w, pre, w.rng(15)), _reports_for(w, post, w.rng(115))]
    df = pd.concat(parts, ignore_index=True)
    df.insert(0, "report_id", [f"R{i:07d}" for i in range(1, len(df) + 1)])
    w.tables["reports"] = df


def _hotspots(w: World) -> dict:
    rng = w.rng(16)
    return {t.code: points_in_town(rng, t.code, 3) for t in TOWNS}


def _reports_for(w: World, days: np.ndarray, rng) -> pd.DataFrame:
    n = len(days)
    picker = Picker(w, rng)
    hot = _hotspots(w)
    com = w.tables["communities"]
    cats = rng.choice(list(CATEGORY_P), size=n, p=list(CATEGORY_P.values()))
    secs = days.astype("int64") * 86400 + rng.choice(24, size=n, p=HOUR_P) * 3600 + rng.integers(0, 3600, n)
    reporter = np.array([picker.pick(int(d), "网格信息员" if rng.random() < 0.8 else None) for d in days], dtype=int)
    towns = np.where(rng.random(n) < 0.8, picker.town[reporter] if n else [],
                     rng.choice(TOWN_CODES, size=n, p=TOWN_W))
    lonlat = np.empty((n, 2))
    near = rng.random(n) < 0.55
    # the draws in report order, as points_in_town makes them; the spread points are placed afterwards
    discs = {(code, j): disc_of(code, centre) for code, centres in hot.items() for j, centre in enumerate(centres)}
    uniforms = np.empty((n, 3))
    for i in range(n):
        if near[i]:
            j = int(rng.integers(3))
            lonlat[i] = near_points(rng, towns[i], 1, hot[towns[i]][j], 0.35, discs[towns[i], j])[0]
        else:
            uniforms[i] = rng.random(3)
    for code in np.unique(towns[~near]):
        rows = np.flatnonzero(~near & (towns == code))
        lonlat[rows] = spread_points(code, uniforms[rows])
    community = _nearest_community(com, towns, lonlat)
    # lifecycle, in seconds after reporting
    rejected = rng.random(n) < 0.05
    accept = rng.lognormal(np.log(5 * 3600), 1.0, n)
    slow = rng.random(n) < 0.05  # left unaccepted for days (weekends, unclear ownership)
    accept = np.where(slow, rng.uniform(2, 12, n) * 86400, accept)
    median_h = np.array([40 if c in ("安全隐患", "消防隐患") else 24 if c == "涉诈线索" else 80 for c in cats])
    resolve = accept + rng.lognormal(np.log(median_h * 3600.0), 0.7)
    stuck = rng.random(n) < 0.06  # cases that drag on for weeks: the overdue list
    resolve = np.where(stuck, accept + rng.uniform(20, 150, n) * 86400, resolve)
    resolve = np.where(rejected, rng.uniform(2, 30, n) * 3600, resolve)
    place = [N.PLACE_STEMS[int(k)] for k in rng.integers(len(N.PLACE_STEMS), size=n)]
    desc = [N.REPORT_TEMPLATES[c][int(k)].format(p=p) for c, k, p in zip(cats, rng.integers(3, size=n), place)]
    town_names = {t.code: short_name(t.name) for t in TOWNS}
    return pd.DataFrame(
        {
            "reporter_idx": reporter,
            "category": cats,
            "description": desc,
            "lat": lonlat[:, 1],
            "lon": lonlat[:, 0],
            "town_code": towns,
            "community_id": community,
            "reported_s": secs,
            "accepted_s": np.where(rejected, np.nan, secs + accept),
            "resolved_s": secs + resolve,
            "rejected": rejected,
            "handler": [f"{town_names[t]}{N.HANDLERS_BY_CATEGORY[c]}" for t, c in zip(towns, cats)],
            "points": [POINTS_BY_CATEGORY.get(c, 5) for c in cats],
        }
    )


def _nearest_community(com: pd.DataFrame, towns: np.ndarray, lonlat: np.ndarray) -> list:
    out = np.full(len(towns), None, dtype=object)
    for code, g in com.groupby("town_code"):
        idx = np.flatnonzero(towns == code)
        if not len(idx):
            continue
        d = (lonlat[idx, 0:1] - g["lon"].to_numpy()) ** 2 + (lonlat[idx, 1:2] - g["lat"].to_numpy()) ** 2
        out[idx] = g["community_id"].to_numpy()[np.argmin(d, axis=1)]
    return out.tolist()
