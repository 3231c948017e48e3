"""Places: towns, communities, enterprises with their sites, and the block party branches."""

import numpy as np
import pandas as pd

from fxdash import demo_names as N
from fxdash.demo.targets import BRANCHES
from fxdash.demo.world import (
    NAT,
    REF,
    START,
    TOWN_CODES,
    TOWN_W,
    World,
    dates,
    points_in_town,
    short_name,
    unique_names,
)
from fxdash.places import BAOLONG_PLAZA, FENGPU, HUQIAO, QINGCUN, TOWNS, ZHELIN, ZHENXING_ROAD


def gen_towns(w: World) -> None:
    w.tables["towns"] = pd.DataFrame(
        {
            "town_code": [t.code for t in TOWNS],
            "name": [t.name for t in TOWNS],
            "kind": [t.kind for t in TOWNS],
            "lat": [t.lat for t in TOWNS],
            "lon": [t.lon for t in TOWNS],
            "area_km2": [t.area_km2 for t in TOWNS],
        }
    )


def gen_communities(w: World) -> None:
    rng = w.rng(1)
    rows = []
    # distinct stems across the district: a name like 树园社区 should not appear twice
    stems = list(rng.permutation(N.COMMUNITY_STEMS))
    for t in TOWNS:
        n = 3 if t.kind == "功能区" else 8
        pts = points_in_town(rng, t.code, n)
        for j in range(n):
            village = t.kind == "镇" and j >= 4
            pop = int(rng.integers(1800, 4000) if village else rng.integers(3000, 9000))
            share60 = rng.uniform(0.30, 0.40) if village else rng.uniform(0.20, 0.33)
            name = stems.pop() + ("村" if village else "社区")
            rows.append([t.code, name, "村委" if village else "居委", pop, int(pop * share60),
                         int(pop * rng.uniform(0.015, 0.05)), pts[j, 1], pts[j, 0]])
    # 胡桥社区 (柘林镇), as the article describes it: ~3,900 residents, 35% aged 60+, 200+ aged 80+ alone.
    rows.append([ZHELIN, "胡桥社区", "居委", 3890, 1362, 212, HUQIAO[1], HUQIAO[0]])
    df = pd.DataFrame(rows, columns=["town_code", "name", "kind", "population", "elderly_60_plus",
                                     "elderly_80_alone", "lat", "lon"])
    df["name"] = unique_names([f"{n}" for n in df["name"]])
    df.insert(0, "community_id", [f"C{i:04d}" for i in range(1, len(df) + 1)])
    w.tables["communities"] = df


def gen_enterprises_and_sites(w: World) -> None:
    rng = w.rng(2)
    ent = pd.DataFrame(N.ENTERPRISES, columns=["name", "business", "size"])
    ent.insert(0, "enterprise_id", [f"E{i:03d}" for i in range(1, len(ent) + 1)])
    ent["contact_phone"] = [f"021-5{rng.integers(1000000, 9999999)}" for _ in range(len(ent))]
    sites = []
    for e in ent.itertuples():
        # local delivery networks have a station in most towns; ride-hailing/freight only a few hubs
        n_towns = {"外卖": 12, "快递": 9, "即时配送": 4, "网约车": 2, "货运": 2}[e.business]
        towns = rng.choice(TOWN_CODES, size=n_towns, replace=False, p=TOWN_W)
        for code in towns:
            name = next(t.name for t in TOWNS if t.code == code)
            lon, lat = points_in_town(rng, code, 1)[0]
            stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
            sites.append([e.enterprise_id, code, f"{e.name}{short_name(name)}{stem}站",
                          f"上海市奉贤区{name}{stem}路{int(rng.integers(1, 999))}号", lat, lon])
    sites = pd.DataFrame(sites, columns=["enterprise_id", "town_code", "name", "address", "lat", "lon"])
    sites["name"] = unique_names(list(sites["name"]))
    sites.insert(0, "site_id", [f"S{i:04d}" for i in range(1, len(sites) + 1)])
    w.tables["enterprises"] = ent
    w.tables["sites"] = sites


def gen_branches(w: World) -> None:
    rng = w.rng(3)
    n_pre = BRANCHES  # founded on or before REF
    n_post = max(0, int((w.horizon - REF).astype(int) // 45))
    towns = rng.choice(TOWN_CODES, size=n_pre + n_post, p=TOWN_W)
    founded = np.concatenate(
        [
            dates(rng.integers(-300, int((REF - START).astype(int)) + 1, size=n_pre)),
            REF + np.arange(1, n_post + 1).astype("timedelta64[D]") * 45,
        ]
    )
    rows = []
    used = {"振兴路街区党支部", "奉浦西部街区党支部"}  # the article's branches, placed below
    for i, code in enumerate(towns):
        tname = next(t.name for t in TOWNS if t.code == code)
        for suffix in N.BLOCK_SUFFIXES + tuple(N.PLACE_STEMS):
            name = f"{short_name(tname)}{suffix}街区党支部"
            if name not in used:
                break
        used.add(name)
        lon, lat = points_in_town(rng, code, 1)[0]
        rows.append([name, code, founded[i], False, NAT, lat, lon])
    # The article's two named branches replace the first two generated ones.
    rows[0] = ["振兴路街区党支部", QINGCUN, np.datetime64("2024-05-20", "D"), True,
               np.datetime64("2025-08-01", "D"), ZHENXING_ROAD[1], ZHENXING_ROAD[0]]
    rows[1] = ["奉浦西部街区党支部", FENGPU, np.datetime64("2024-09-10", "D"), False, NAT,
               BAOLONG_PLAZA[1], BAOLONG_PLAZA[0]]
    df = pd.DataFrame(rows, columns=["name", "town_code", "founded_on", "secretary_from_new_employment",
                                     "secretary_since", "lat", "lon"])
    df = df.sort_values("founded_on", kind="stable").reset_index(drop=True)
    df.insert(0, "branch_id", [f"B{i:03d}" for i in range(1, len(df) + 1)])
    w.tables["branches"] = df
