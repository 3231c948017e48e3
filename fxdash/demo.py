"""Deterministic demo data, calibrated to the figures published on 2026-03-18.

The world is generated from 2024-01-01 up to a horizon (the later of as_of and the article's date),
then cut at as_of: nothing dated after as_of survives, and statuses are those as of as_of.
Every component draws from its own random stream (seed, stream number), so the history before
2026-03-18 does not depend on as_of.

Two entry points, as in datasette's fixtures: `populate_demo(con, ...)` fills an open database,
`write_demo(path, ...)` builds a fresh file atomically.
"""

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fxdash import db
from fxdash import demo_names as N
from fxdash import labels as L
from fxdash.places import BAOLONG_PLAZA, FENGPU, HUQIAO, QINGCUN, TOWNS, ZHELIN, ZHENXING_ROAD

START = np.datetime64("2024-01-01", "D")
REF = np.datetime64("2026-03-18", "D")  # the article's date: the published figures hold here
ROLES_START = np.datetime64("2025-03-01", "D")  # the four-roles scheme (方案) of 2025
NAT = np.datetime64("NaT", "D")

# Published figures (DESIGN.md) at REF, per unit of scale.
TARGET_ACTIVE = 4236
TARGET_MOBILE_PARTY = 176
TARGET_ROLE_HOLDERS = 785
TARGET_REPORTS = 648
TARGET_VOLUNTEER_PARTICIPATIONS = 952
TARGET_PARTY_ACTIVITIES = 64
TARGET_SUGGESTIONS = 34
TARGET_FRAUD_TOTAL = 3_268_500
RIDER_STATIONS, SERVICE_POINTS, BRANCHES, SCENES_BATCH1 = 83, 185, 50, 28
ZHENXING_MEMBERS = 200

OCCUPATION_P = {"快递员": 0.44, "外卖骑手": 0.38, "即时配送员": 0.08, "网约车司机": 0.06, "货运司机": 0.04}
CATEGORY_P = dict(zip(L.REPORT_CATEGORIES, (0.18, 0.14, 0.15, 0.13, 0.10, 0.08, 0.07, 0.05, 0.03, 0.07)))
POINTS_BY_CATEGORY = {"安全隐患": 10, "消防隐患": 10, "涉诈线索": 15}
REDEEM_PRICE = {"午餐": 10, "修车": 15, "理发": 10, "洗车": 8, "饮品": 5, "日用品": 12}


def _short(town_name: str) -> str:
    for suffix in ("街道", "镇"):
        if town_name.endswith(suffix):
            return town_name[: -len(suffix)]
    return town_name


def _dates(days) -> np.ndarray:
    return START + np.asarray(days, dtype="int64").astype("timedelta64[D]")


@dataclass
class World:
    """Everything generated so far, as DataFrames keyed by table name, plus shared context."""

    seed: int
    scale: int
    horizon: np.datetime64
    tables: dict = field(default_factory=dict)

    def rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, stream])


# --- places ------------------------------------------------------------------------------------

_TOWN_CODES = np.array([t.code for t in TOWNS])
_TOWN_W = np.array([t.weight for t in TOWNS]) / sum(t.weight for t in TOWNS)
_TOWN_INDEX = {t.code: i for i, t in enumerate(TOWNS)}


def points_in_town(rng, town_code: str, n: int, centre=None, sigma_km: float = 0.0):
    """n (lon, lat) points inside the town's anchor discs (so inside the town polygon too).

    With a centre, points scatter around it (Gaussian, sigma_km) but stay inside the disc that holds it.
    """
    town = TOWNS[_TOWN_INDEX[town_code]]
    anchors = np.array(town.anchors)
    kx, ky = 111.32 * np.cos(np.radians(30.9)), 110.57  # km per degree here
    if centre is not None:
        d = np.hypot((anchors[:, 0] - centre[0]) * kx, (anchors[:, 1] - centre[1]) * ky) / anchors[:, 2]
        a = anchors[int(np.argmin(d))]
        out = np.empty((n, 2))
        filled = 0
        while filled < n:
            k = (n - filled) * 2
            p = np.column_stack([centre[0] + rng.normal(0, sigma_km / kx, k), centre[1] + rng.normal(0, sigma_km / ky, k)])
            ok = np.hypot((p[:, 0] - a[0]) * kx, (p[:, 1] - a[1]) * ky) < a[2] * 0.92
            take = p[ok][: n - filled]
            out[filled : filled + len(take)] = take
            filled += len(take)
        return out
    w = anchors[:, 2] ** 2 / (anchors[:, 2] ** 2).sum()
    idx = rng.choice(len(anchors), size=n, p=w)
    r = anchors[idx, 2] * 0.92 * np.sqrt(rng.random(n))
    theta = rng.random(n) * 2 * np.pi
    return np.column_stack([anchors[idx, 0] + r * np.cos(theta) / kx, anchors[idx, 1] + r * np.sin(theta) / ky])


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}{seen[name]}")
    return out


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
    df["name"] = _unique_names([f"{n}" for n in df["name"]])
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
        towns = rng.choice(_TOWN_CODES, size=n_towns, replace=False, p=_TOWN_W)
        for code in towns:
            name = next(t.name for t in TOWNS if t.code == code)
            lon, lat = points_in_town(rng, code, 1)[0]
            stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
            sites.append([e.enterprise_id, code, f"{e.name}{_short(name)}{stem}站",
                          f"上海市奉贤区{name}{stem}路{int(rng.integers(1, 999))}号", lat, lon])
    sites = pd.DataFrame(sites, columns=["enterprise_id", "town_code", "name", "address", "lat", "lon"])
    sites["name"] = _unique_names(list(sites["name"]))
    sites.insert(0, "site_id", [f"S{i:04d}" for i in range(1, len(sites) + 1)])
    w.tables["enterprises"] = ent
    w.tables["sites"] = sites


def gen_branches(w: World) -> None:
    rng = w.rng(3)
    n_pre = BRANCHES  # founded on or before REF
    n_post = max(0, int((w.horizon - REF).astype(int) // 45))
    towns = rng.choice(_TOWN_CODES, size=n_pre + n_post, p=_TOWN_W)
    founded = np.concatenate(
        [
            _dates(rng.integers(-300, int((REF - START).astype(int)) + 1, size=n_pre)),
            REF + np.arange(1, n_post + 1).astype("timedelta64[D]") * 45,
        ]
    )
    rows = []
    used = {"振兴路街区党支部", "奉浦西部街区党支部"}  # the article's branches, placed below
    for i, code in enumerate(towns):
        tname = next(t.name for t in TOWNS if t.code == code)
        for suffix in N.BLOCK_SUFFIXES + tuple(N.PLACE_STEMS):
            name = f"{_short(tname)}{suffix}街区党支部"
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


# --- people --------------------------------------------------------------------------------------


def _names(rng, n: int) -> list[str]:
    sur = rng.integers(len(N.SURNAMES), size=n)
    # earlier surnames in the list are more common
    sur = np.minimum(sur, rng.integers(len(N.SURNAMES), size=n))
    g1 = rng.integers(len(N.GIVEN_CHARS), size=n)
    g2 = rng.integers(len(N.GIVEN_CHARS), size=n)
    two = rng.random(n) < 0.7
    out = []
    for i in range(n):
        name = N.SURNAMES[sur[i]] + N.GIVEN_CHARS[g1[i]] + (N.GIVEN_CHARS[g2[i]] if two[i] else "")
        if name in N.ARTICLE_PEOPLE:
            name += "明"  # never a real person named in the article
        out.append(name)
    return out


def _phones(rng, n: int) -> list[str]:
    second = rng.choice(list("35789"), size=n)
    rest = rng.integers(0, 10**9, size=n)
    return [f"1{s}{r:09d}" for s, r in zip(second, rest)]


def gen_workers(w: World) -> None:
    rng = w.rng(4)
    s = w.scale
    ref_day = int((REF - START).astype(int))
    n_act, n_left = TARGET_ACTIVE * s, 1800 * s
    # registry built from 2024-01 on: a first registration drive, then steady enrolment
    j_act = np.where(rng.random(n_act) < 0.35, rng.integers(0, 90, n_act), rng.integers(90, ref_day + 1, n_act))
    l_act = ref_day + 1 + rng.exponential(650, n_act).astype(int)
    j_left = rng.integers(0, ref_day - 60, n_left)
    l_left = j_left + 14 + rng.exponential(220, n_left).astype(int)
    late = l_left >= ref_day
    l_left[late] = j_left[late] + (rng.random(late.sum()) * (ref_day - j_left[late] - 1)).astype(int)
    post_rng = w.rng(104)
    horizon_day = int((w.horizon - START).astype(int))
    per_day = post_rng.poisson(7.5 * s, max(0, horizon_day - ref_day))
    j_post = np.repeat(np.arange(ref_day + 1, horizon_day + 1), per_day)
    l_post = j_post + 7 + post_rng.exponential(500, len(j_post)).astype(int)
    joined = np.concatenate([j_act, j_left, j_post])
    left = np.concatenate([l_act, l_left, l_post])
    group = np.concatenate([np.zeros(n_act, int), np.ones(n_left, int), np.full(len(j_post), 2)])
    n = len(joined)
    # attributes of the three groups come from separate streams so pre-REF rows do not depend on as_of
    parts = []
    for g, sub_rng in ((0, rng), (1, w.rng(5)), (2, w.rng(105))):
        parts.append(_worker_attributes(w, sub_rng, int((group == g).sum())))
    df = pd.concat(parts, ignore_index=True)
    df["joined_day"] = joined
    df["left_day"] = left
    df["group"] = group
    df.insert(0, "worker_id", [f"W{i:07d}" for i in range(1, n + 1)])
    _assign_party(w, df)
    _assign_branches(w, df)
    df["registered_on"] = _registered(w.rng(6), df)
    df["joined_on"] = _dates(df["joined_day"])
    df["left_on"] = _dates(df["left_day"])
    w.tables["workers"] = df


def _worker_attributes(w: World, rng, n: int) -> pd.DataFrame:
    ent, sites = w.tables["enterprises"], w.tables["sites"]
    occ = rng.choice(list(OCCUPATION_P), size=n, p=list(OCCUPATION_P.values()))
    town = rng.choice(_TOWN_CODES, size=n, p=_TOWN_W)
    rider = np.isin(occ, ("快递员", "外卖骑手", "即时配送员"))
    gender = np.where(rng.random(n) < np.where(rider, 0.88, 0.93), "男", "女")
    age = np.clip(rng.normal(34, 8, n), 18, 62).astype(int)
    # plain-dict lookups: a pandas filter per worker is far too slow at --scale 100
    ent_by_business = {}
    for business, g in ent.groupby("business"):
        ent_by_business[business] = (g["enterprise_id"].to_numpy(), np.cumsum(g["size"].to_numpy() / g["size"].sum()))
    site_at, first_site = {}, {}
    for s_id, e_id, code in zip(sites["site_id"], sites["enterprise_id"], sites["town_code"]):
        site_at.setdefault((e_id, code), s_id)
        first_site.setdefault(e_id, s_id)
    business_of = {o: b for b, o in L.OCCUPATION_BY_BUSINESS.items()}
    u = rng.random(n)
    enterprise, site = [], []
    for i in range(n):
        ids, cum = ent_by_business[business_of[occ[i]]]
        e_id = ids[min(int(np.searchsorted(cum, u[i])), len(ids) - 1)]
        enterprise.append(e_id)
        site.append(site_at.get((e_id, town[i]), first_site[e_id]))
    return pd.DataFrame(
        {
            "name": _names(rng, n),
            "gender": gender,
            "birth_year": 2026 - age,
            "phone": _phones(rng, n),
            "occupation": occ,
            "enterprise_id": enterprise,
            "site_id": site,
            "town_code": town,
        }
    )


def _assign_party(w: World, df: pd.DataFrame) -> None:
    rng = w.rng(7)
    s = w.scale
    n = len(df)
    status = np.where(rng.random(n) < 0.10, "共青团员", "群众").astype(object)
    mobile = np.zeros(n, bool)
    act = np.flatnonzero(df["group"].to_numpy() == 0)
    chosen = rng.choice(act, size=(TARGET_MOBILE_PARTY + 60) * s, replace=False)
    mob = chosen[: TARGET_MOBILE_PARTY * s]  # the rest are party members registered locally
    mobile[mob] = True
    status[chosen] = np.where(rng.random(len(chosen)) < 0.9, "中共党员", "中共预备党员")
    others = np.flatnonzero(df["group"].to_numpy() != 0)
    other_rng = w.rng(107)  # post-REF rows must not shift the pre-REF draws
    pick = others[other_rng.random(len(others)) < 0.055]
    status[pick] = "中共党员"
    mobile[pick[other_rng.random(len(pick)) < 0.75]] = True
    df["party_status"] = status
    df["is_mobile_party_member"] = mobile


def _assign_branches(w: World, df: pd.DataFrame) -> None:
    rng = w.rng(8)
    br = w.tables["branches"]
    by_town = {c: g["branch_id"].tolist() for c, g in br.groupby("town_code")}
    zhenxing = br.loc[br["name"] == "振兴路街区党支部", "branch_id"].iloc[0]
    branch = np.full(len(df), None, dtype=object)
    u = rng.random(len(df))
    pick = rng.integers(0, 1_000_000, len(df))
    towns = df["town_code"].to_numpy()
    for i in range(len(df)):
        cands = [b for b in by_town.get(towns[i], []) if b != zhenxing]
        if cands and u[i] < 0.55:
            branch[i] = cands[pick[i] % len(cands)]
    # 振兴路: the ~200-rider WeChat group of the article
    qingcun_act = np.flatnonzero((towns == QINGCUN) & (df["group"].to_numpy() == 0))
    branch[rng.choice(qingcun_act, size=min(ZHENXING_MEMBERS * w.scale, len(qingcun_act)), replace=False)] = zhenxing
    post = np.flatnonzero((towns == QINGCUN) & (df["group"].to_numpy() == 2))
    branch[post[w.rng(108).random(len(post)) < 0.4]] = zhenxing
    df["branch_id"] = branch


def _registered(rng, df: pd.DataFrame) -> np.ndarray:
    party = df["party_status"].isin(L.PARTY_MEMBER_STATUSES).to_numpy()
    p = np.where(party, 0.8, 0.25)
    reg = rng.random(len(df)) < p
    span = np.maximum(df["left_day"].to_numpy() - df["joined_day"].to_numpy(), 1)
    day = df["joined_day"].to_numpy() + (rng.random(len(df)) * np.minimum(span, 120)).astype(int)
    return np.where(reg, _dates(day), NAT)


def gen_roles(w: World) -> None:
    rng = w.rng(9)
    wk = w.tables["workers"]
    ref_day = int((REF - START).astype(int))
    roles_day = int((ROLES_START - START).astype(int))
    grp, joined, left = wk["group"].to_numpy(), wk["joined_day"].to_numpy(), wk["left_day"].to_numpy()
    role_p = np.array([0.40, 0.22, 0.22, 0.16])
    rows = []

    def add(idx, since, until, r):
        first = r.choice(4, size=len(idx), p=role_p)
        for k in range(len(idx)):
            rows.append((idx[k], L.ROLES[first[k]], since[k], until[k]))
            if r.random() < 0.25:  # a quarter hold a second role, taken up later
                second = (first[k] + 1 + r.integers(3)) % 4
                s2 = since[k] + int(r.random() * max(ref_day - since[k], 1))
                if s2 < until[k]:
                    rows.append((idx[k], L.ROLES[second], s2, until[k]))

    act = np.flatnonzero((grp == 0) & (joined <= ref_day - 10))
    holders = rng.choice(act, size=TARGET_ROLE_HOLDERS * w.scale, replace=False)
    lo = np.maximum(joined[holders], roles_day)
    since = lo + (rng.beta(2.0, 1.2, len(holders)) * (ref_day - lo)).astype(int)
    add(holders, since, left[holders], rng)
    # some who left before REF had held a role
    gone = np.flatnonzero((grp == 1) & (left > roles_day + 30))
    gone = gone[rng.random(len(gone)) < 0.12]
    lo = np.maximum(joined[gone], roles_day)
    since = lo + (rng.random(len(gone)) * (left[gone] - lo) * 0.5).astype(int)
    add(gone, since, left[gone], rng)
    # after REF: new joiners and existing workers keep enrolling
    prng = w.rng(109)
    post = np.flatnonzero(grp == 2)
    post = post[prng.random(len(post)) < 0.18]
    add(post, joined[post] + prng.integers(10, 60, len(post)), left[post], prng)
    rest = np.setdiff1d(np.flatnonzero(grp == 0), holders)
    more = prng.choice(rest, size=min(len(rest), 160 * w.scale), replace=False)
    add(more, ref_day + 1 + prng.integers(0, 365, len(more)), left[more], prng)
    df = pd.DataFrame(rows, columns=["idx", "role", "since_day", "until_day"])
    df = df[df["since_day"] < df["until_day"]]
    df = df.drop_duplicates(["idx", "role"]).reset_index(drop=True)
    df["worker_id"] = wk["worker_id"].to_numpy()[df["idx"]]
    w.tables["worker_roles"] = df


class _Picker:
    """Pick a worker active on a given day, preferring holders of a role."""

    def __init__(self, w: World, rng):
        wk, rl = w.tables["workers"], w.tables["worker_roles"]
        self.rng = rng
        self.joined, self.left = wk["joined_day"].to_numpy(), wk["left_day"].to_numpy()
        self.town = wk["town_code"].to_numpy()
        self.by_role = {r: g[["idx", "since_day", "until_day"]].to_numpy() for r, g in rl.groupby("role")}
        self.any_role = rl[["idx", "since_day", "until_day"]].to_numpy()

    def pick(self, day: int, role: str | None = None, town: str | None = None) -> int:
        pool = self.by_role.get(role, self.any_role) if role != "" else None
        if pool is not None and len(pool):
            for _ in range(40):
                i, s, u = pool[self.rng.integers(len(pool))]
                if s <= day < u and (town is None or self.town[i] == town):
                    return int(i)
        for _ in range(200):
            i = int(self.rng.integers(len(self.joined)))
            if self.joined[i] <= day < self.left[i] and (town is None or self.town[i] == town):
                return i
        for _ in range(200):
            i = int(self.rng.integers(len(self.joined)))
            if self.joined[i] <= day < self.left[i]:
                return i
        return int(self.rng.integers(len(self.joined)))


# --- places staff run: stations, scenes, merchants ------------------------------------------------


def _opened(rng, n_pre: int, first: str, every_days: int, w: World) -> np.ndarray:
    lo = int((np.datetime64(first, "D") - START).astype(int))
    pre = np.sort(rng.integers(lo, int((REF - START).astype(int)) + 1, n_pre))
    n_post = max(0, int((w.horizon - REF).astype(int)) // every_days)
    post = int((REF - START).astype(int)) + every_days * np.arange(1, n_post + 1)
    return np.concatenate([pre, post])


def gen_stations(w: World) -> None:
    rng = w.rng(11)
    rows = []
    specs = (
        ("骑手驿站", RIDER_STATIONS, "2023-09-01", 40,
         {"党群服务站": .35, "街区商铺": .2, "商圈综合体": .15, "企业站点": .15, "银行网点": .1, "社区卫生服务中心": .05}),
        ("服务点位", SERVICE_POINTS, "2024-03-01", 20,
         {"党群服务站": .3, "公共法律服务站": .12, "社区卫生服务中心": .15, "银行网点": .23, "街区商铺": .2}),
    )
    for kind, n_pre, first, every, host_p in specs:
        days = _opened(rng, n_pre, first, every, w)
        hosts = rng.choice(list(host_p), size=len(days), p=list(host_p.values()))
        # every host type appears at least once among the first n_pre
        for k, h in enumerate(host_p):
            hosts[k * 7] = h
        towns = rng.choice(_TOWN_CODES, size=len(days), p=_TOWN_W)
        for day, host, code in zip(days, hosts, towns):
            lon, lat = points_in_town(rng, code, 1)[0]
            rows.append([kind, host, code, lon, lat, _amenities(rng, kind, host), day])
    df = pd.DataFrame(rows, columns=["kind", "host_type", "town_code", "lon", "lat", "amenities", "opened_day"])
    df["name"] = _unique_names([_station_name(rng, r.kind, r.host_type, r.town_code) for r in df.itertuples()])
    # the article's 宝龙商圈骑手之家 (奉浦街道)
    first_rider = df.index[df["kind"] == "骑手驿站"][0]
    df.loc[first_rider, ["host_type", "town_code", "lon", "lat", "name"]] = [
        "商圈综合体", FENGPU, BAOLONG_PLAZA[0], BAOLONG_PLAZA[1], "宝龙商圈骑手之家"]
    df.at[first_rider, "amenities"] = ["停车", "充换电", "热水", "储物", "就餐", "休息", "手机充电", "健康科普角"]
    town_names = {t.code: t.name for t in TOWNS}
    df["address"] = [f"上海市奉贤区{town_names[c]}" for c in df["town_code"]]
    df["opened_on"] = _dates(df["opened_day"])
    df.insert(0, "station_id", [f"ST{i:04d}" for i in range(1, len(df) + 1)])
    w.tables["stations"] = df


def _amenities(rng, kind: str, host: str) -> list[str]:
    if kind == "骑手驿站":
        # the 83 outdoor-worker relay stations all carry a 健康科普角 (区卫健委)
        base = ["休息", "热水", "手机充电", "健康科普角"]
        p = {"停车": .7, "充换电": .45, "储物": .5, "就餐": .3, "卫生间": .6, "应急药箱": .5}
    else:
        base = []
        p = {"热水": .8, "休息": .6, "手机充电": .7, "卫生间": .5, "应急药箱": .3, "停车": .3, "充换电": .1}
    if host == "公共法律服务站":
        base.append("法律服务")
    if host == "社区卫生服务中心":
        base += ["健康科普角", "应急药箱"]
    extra = [a for a, q in p.items() if rng.random() < q]
    return [a for a in L.AMENITIES if a in set(base + extra)]


def _station_name(rng, kind: str, host: str, code: str) -> str:
    town = next(t.name for t in TOWNS if t.code == code)
    stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
    place = {
        "党群服务站": f"{_short(town)}{stem}党群服务站",
        "公共法律服务站": f"{_short(town)}{stem}公共法律服务站",
        "社区卫生服务中心": f"{_short(town)}{stem}社区卫生服务站",
        "银行网点": f"{N.BANKS[int(rng.integers(len(N.BANKS)))]}{_short(town)}{stem}支行",
        "街区商铺": f"{stem}便民商铺",
        "商圈综合体": f"{N.MALLS[int(rng.integers(len(N.MALLS)))]}",
        "企业站点": f"{N.ENTERPRISES[int(rng.integers(10))][0]}{_short(town)}{stem}站",
    }[host]
    return f"{place}骑手驿站" if kind == "骑手驿站" else f"{place}服务点"


def gen_scenes(w: World) -> None:
    rng = w.rng(12)
    batch1_types = ["社区"] * 6 + ["街区"] * 6 + ["园区"] * 4 + ["商圈"] * 5 + ["楼宇"] * 3 + ["阵地"] * 4
    lo = int((np.datetime64("2025-10-01", "D") - START).astype(int))
    hi = int((np.datetime64("2026-02-28", "D") - START).astype(int))
    days = list(rng.integers(lo, hi + 1, len(batch1_types)))
    types, batches = list(batch1_types), [1] * len(batch1_types)
    batch2 = np.datetime64("2026-09-20", "D")
    if w.horizon >= batch2:
        t2 = rng.choice(L.SCENE_TYPES, size=22)
        types += list(t2)
        batches += [2] * 22
        days += [int((batch2 - START).astype(int))] * 22
    rows = []
    for stype, batch, day in zip(types, batches, days):
        code = rng.choice(_TOWN_CODES, p=_TOWN_W)
        lon, lat = points_in_town(rng, code, 1)[0]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        rows.append([f"{stem}新就业群体友好{stype}", stype, code, lat, lon, batch, day])
    rows[0][:5] = ["振兴路新就业群体友好街区", "街区", QINGCUN, ZHENXING_ROAD[1], ZHENXING_ROAD[0]]
    rows[1][:5] = ["宝龙商圈新就业群体友好商圈", "商圈", FENGPU, BAOLONG_PLAZA[1], BAOLONG_PLAZA[0]]
    rows[2][:5] = ["胡桥新就业群体友好社区", "社区", ZHELIN, HUQIAO[1], HUQIAO[0]]
    df = pd.DataFrame(rows, columns=["name", "scene_type", "town_code", "lat", "lon", "batch", "day"])
    df["name"] = _unique_names(list(df["name"]))
    df["certified_on"] = _dates(df["day"])
    df.insert(0, "scene_id", [f"FS{i:03d}" for i in range(1, len(df) + 1)])
    w.tables["friendly_scenes"] = df


def gen_merchants(w: World) -> None:
    rng = w.rng(13)
    days = _opened(rng, 60, "2024-06-01", 30, w)
    kinds = list(N.SHOP_KINDS)
    rows = []
    for day in days:
        code = rng.choice(_TOWN_CODES, p=_TOWN_W)
        kind = kinds[int(rng.integers(len(kinds)))]
        lon, lat = points_in_town(rng, code, 1)[0]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        rows.append([f"{stem}{kind}", code, list(N.SHOP_KINDS[kind]), lat, lon, day])
    rows[0][:5] = ["振兴路面馆", QINGCUN, ["午餐"], ZHENXING_ROAD[1] + 0.001, ZHENXING_ROAD[0] + 0.001]
    df = pd.DataFrame(rows, columns=["name", "town_code", "offers", "lat", "lon", "day"])
    df["name"] = _unique_names(list(df["name"]))
    df["joined_on"] = _dates(df["day"])
    df.insert(0, "merchant_id", [f"M{i:03d}" for i in range(1, len(df) + 1)])
    w.tables["merchants"] = df


# --- events: reports, activities, suggestions, care, fraud, points ----------------------------------

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
    picker = _Picker(w, rng)
    hot = _hotspots(w)
    com = w.tables["communities"]
    cats = rng.choice(list(CATEGORY_P), size=n, p=list(CATEGORY_P.values()))
    secs = days.astype("int64") * 86400 + rng.choice(24, size=n, p=HOUR_P) * 3600 + rng.integers(0, 3600, n)
    reporter = np.array([picker.pick(int(d), "网格信息员" if rng.random() < 0.8 else None) for d in days], dtype=int)
    towns = np.where(rng.random(n) < 0.8, picker.town[reporter] if n else [],
                     rng.choice(_TOWN_CODES, size=n, p=_TOWN_W))
    lonlat = np.empty((n, 2))
    near = rng.random(n) < 0.55
    for i in range(n):
        if near[i]:
            centre = hot[towns[i]][int(rng.integers(3))]
            lonlat[i] = points_in_town(rng, towns[i], 1, centre=centre, sigma_km=0.35)[0]
        else:
            lonlat[i] = points_in_town(rng, towns[i], 1)[0]
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
    town_names = {t.code: _short(t.name) for t in TOWNS}
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
    out = [None] * len(towns)
    for code, g in com.groupby("town_code"):
        idx = np.flatnonzero(towns == code)
        if not len(idx):
            continue
        d = (lonlat[idx, 0:1] - g["lon"].to_numpy()) ** 2 + (lonlat[idx, 1:2] - g["lat"].to_numpy()) ** 2
        ids = g["community_id"].to_numpy()[np.argmin(d, axis=1)]
        for k, i in enumerate(idx):
            out[i] = ids[k]
    return out


VOLUNTEER_KIND_P = {"文明引导": .25, "应急处置": .10, "反诈宣传": .18, "禁毒宣传": .08,
                    "消防安全宣传": .12, "食品安全宣传": .07, "送药送餐": .20}


def gen_activities(w: World) -> None:
    ref_day = int((REF - START).astype(int))
    acts, parts = [], []
    # volunteer activities before REF: participations add up exactly to the published 900+ figure
    rng = w.rng(17)
    sizes = []
    while sum(sizes) < TARGET_VOLUNTEER_PARTICIPATIONS * w.scale:
        sizes.append(int(rng.integers(4, 17)))
    sizes[-1] -= sum(sizes) - TARGET_VOLUNTEER_PARTICIPATIONS * w.scale
    lo = int((ROLES_START - START).astype(int))
    days = np.sort(rng.integers(lo, ref_day + 1, len(sizes)))
    _volunteer(w, rng, days, sizes, acts, parts)
    prng = w.rng(117)
    post_days = np.arange(ref_day + 1, int((w.horizon - START).astype(int)) + 1)
    post = np.repeat(post_days, prng.poisson(0.45 * w.scale, len(post_days)))
    _volunteer(w, prng, post, list(prng.integers(4, 17, len(post))), acts, parts)
    # party study and consultation (理论学习 / 议事协商) at the block branches
    rng = w.rng(18)
    pdays = np.sort(rng.integers(60, ref_day + 1, TARGET_PARTY_ACTIVITIES * w.scale))
    _party(w, rng, pdays, acts, parts)
    prng = w.rng(118)
    _party(w, prng, np.repeat(post_days, prng.poisson(0.28 * w.scale, len(post_days))), acts, parts)
    a = pd.DataFrame(acts, columns=["kind", "title", "day", "town_code", "branch_id", "community_id"])
    a.insert(0, "activity_id", [f"A{i:06d}" for i in range(1, len(a) + 1)])
    p = pd.DataFrame(parts, columns=["act_idx", "idx", "hours"])
    p["activity_id"] = a["activity_id"].to_numpy()[p["act_idx"]]
    w.tables["activities"], w.tables["activity_participants"] = a, p


def _volunteer(w: World, rng, days, sizes, acts, parts) -> None:
    picker = _Picker(w, rng)
    com = w.tables["communities"]
    kinds = rng.choice(list(VOLUNTEER_KIND_P), size=len(days), p=list(VOLUNTEER_KIND_P.values()))
    for day, size, kind in zip(days, sizes, kinds):
        code = rng.choice(_TOWN_CODES, p=_TOWN_W)
        local = com[com["town_code"] == code]
        cid = local["community_id"].iloc[int(rng.integers(len(local)))]
        people = {picker.pick(int(day), L.ROLE_BY_ACTIVITY[kind], code if rng.random() < 0.7 else None)
                  for _ in range(size * 2)}
        people = sorted(people)[:size]
        if len(people) < size:
            continue
        k = len(acts)
        acts.append([kind, f"{_short(next(t.name for t in TOWNS if t.code == code))}{kind}志愿活动",
                     int(day), code, None, cid])
        parts += [(k, i, float(rng.integers(2, 9)) / 2) for i in people]


def _party(w: World, rng, days, acts, parts) -> None:
    br = w.tables["branches"]
    wk = w.tables["workers"]
    founded = ((br["founded_on"].to_numpy().astype("datetime64[D]") - START).astype(int))
    members = {b: g.index.to_numpy() for b, g in wk.groupby("branch_id")}
    joined, left = wk["joined_day"].to_numpy(), wk["left_day"].to_numpy()
    for day in days:
        open_ = np.flatnonzero(founded <= day)
        if not len(open_):
            continue
        b = br.iloc[int(open_[int(rng.integers(len(open_)))])]
        kind = "理论学习" if rng.random() < 0.6 else "议事协商"
        k = len(acts)
        acts.append([kind, f"{b['name']}{kind}", int(day), b["town_code"], b["branch_id"], None])
        m = members.get(b["branch_id"], np.array([], int))
        m = m[(joined[m] <= day) & (left[m] > day)]
        for i in rng.choice(m, size=min(len(m), int(rng.integers(6, 16))), replace=False):
            parts.append((k, int(i), 2.0))


def gen_suggestions(w: World) -> None:
    rng = w.rng(19)
    ref_day = int((REF - START).astype(int))
    pre = np.sort(rng.integers(244, ref_day + 1, TARGET_SUGGESTIONS))  # platform use from 2024-09
    prng = w.rng(119)
    post_days = np.arange(ref_day + 1, int((w.horizon - START).astype(int)) + 1)
    post = np.repeat(post_days, prng.poisson(0.1, len(post_days)))
    rows = _suggestions_for(w, rng, pre) + _suggestions_for(w, prng, post)
    df = pd.DataFrame(rows, columns=["idx", "day", "topic", "title", "closed_day", "adopted", "outcome"])
    # the article's canteen suggestion (奉浦街道, a food-delivery rider), adopted
    canteen_day = int((np.datetime64("2025-10-15", "D") - START).astype(int))
    wk = w.tables["workers"]
    riders = np.flatnonzero((wk["occupation"] == "外卖骑手").to_numpy() & (wk["town_code"] == FENGPU).to_numpy()
                            & (wk["joined_day"].to_numpy() < canteen_day) & (wk["left_day"].to_numpy() > ref_day))
    df.loc[0] = [int(riders[0]), canteen_day, "新就业群体服务", N.CANTEEN_SUGGESTION, canteen_day + 34, True,
                 N.CANTEEN_OUTCOME]
    df = df.sort_values("day", kind="stable").reset_index(drop=True)
    df.insert(0, "suggestion_id", [f"SG{i:04d}" for i in range(1, len(df) + 1)])
    w.tables["suggestions"] = df


def _suggestions_for(w: World, rng, days) -> list:
    picker = _Picker(w, rng)
    rows = []
    for day in days:
        topic = L.SUGGESTION_TOPICS[int(rng.integers(len(L.SUGGESTION_TOPICS)))]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        title = N.SUGGESTION_TITLES[topic][int(rng.integers(3))].format(p=stem)
        closed = int(day) + int(rng.integers(10, 61))
        adopted = bool(rng.random() < 0.45)
        outcome = "已采纳,相关部门已纳入工作计划推进落实。" if adopted else None
        rows.append([picker.pick(int(day), ""), int(day), topic, title, closed, adopted, outcome])
    return rows


def gen_care(w: World) -> None:
    rng = w.rng(20)
    ref_day = int((REF - START).astype(int))
    horizon_day = int((w.horizon - START).astype(int))
    com = w.tables["communities"]
    huqiao = com.loc[com["name"] == "胡桥社区", "community_id"].iloc[0]
    lo = int((np.datetime64("2025-04-01", "D") - START).astype(int))
    pre_days = np.sort(rng.integers(lo, ref_day + 1, 120))
    prng = w.rng(120)
    post_days = np.arange(ref_day + 1, horizon_day + 1)
    post = np.repeat(post_days, prng.poisson(0.25, len(post_days)))
    pairs = []
    for r, days, huqiao_share in ((rng, pre_days, 0.38), (prng, post, 0.2)):
        picker = _Picker(w, r)
        for day in days:
            cid = huqiao if r.random() < huqiao_share else com["community_id"].iloc[int(r.integers(len(com) - 1))]
            town = com.loc[com["community_id"] == cid, "town_code"].iloc[0]
            i = picker.pick(int(day), "爱心接力员", town)
            until = min(int(picker.left[i]), int(day) + int(r.exponential(900)) + 30)
            pairs.append([i, cid, int(r.integers(78, 97)) if r.random() < 0.9 else int(r.integers(65, 78)),
                          int(day), until, bool(r.random() < 0.15)])
    df = pd.DataFrame(pairs, columns=["idx", "community_id", "elder_age", "day", "until_day", "lapsing"])
    df.insert(0, "pair_id", [f"CP{i:05d}" for i in range(1, len(df) + 1)])
    df["elder_code"] = [f"老人{c[1:]}-{k:03d}" for k, c in enumerate(df["community_id"], start=1)]
    w.tables["care_pairs"] = df
    visits = []
    vrng = w.rng(21)
    task_p = np.array([.25, .15, .12, .14, .10, .18, .06])
    for p in df.itertuples():
        day = p.day + int(vrng.integers(0, 5))
        end = min(p.until_day, horizon_day + 1)
        while day < end:
            tasks = vrng.choice(L.CARE_TASKS, size=int(vrng.integers(1, 4)), replace=False, p=task_p)
            visits.append([p.pair_id, day, [t for t in L.CARE_TASKS if t in set(tasks)], p.idx])
            gap = vrng.gamma(4, 1.8)
            if p.lapsing and vrng.random() < 0.35:
                gap = vrng.uniform(15, 40)
            day += max(1, int(gap))
    v = pd.DataFrame(visits, columns=["pair_id", "day", "tasks", "idx"])
    v.insert(0, "visit_id", [f"CV{i:07d}" for i in range(1, len(v) + 1)])
    w.tables["care_visits"] = v


def gen_fraud(w: World) -> None:
    rng = w.rng(22)
    ref_day = int((REF - START).astype(int))
    lo = int((np.datetime64("2025-04-01", "D") - START).astype(int))
    pre = np.sort(rng.integers(lo, ref_day + 1, 9))
    amounts = rng.lognormal(12, 0.9, 9)
    amounts = np.round(amounts / amounts.sum() * TARGET_FRAUD_TOTAL / 100) * 100
    amounts[np.argmax(amounts)] += TARGET_FRAUD_TOTAL - amounts.sum()
    prng = w.rng(122)
    post_days = np.arange(ref_day + 1, int((w.horizon - START).astype(int)) + 1)
    post = np.repeat(post_days, prng.poisson(1 / 30, len(post_days)))
    post_amounts = np.round(prng.lognormal(11.3, 0.8, len(post)) / 100) * 100
    rows = []
    for r, days, amts in ((rng, pre, amounts), (prng, post, post_amounts)):
        picker = _Picker(w, r)
        for day, amt in zip(days, amts):
            i = picker.pick(int(day), L.ROLES[int(r.integers(3))])
            method = L.FRAUD_METHODS[int(r.integers(len(L.FRAUD_METHODS)))]
            rows.append([i, picker.town[i], int(day), float(amt), method,
                         f"配送途中发现老人疑似遭遇“{method}”诈骗,及时劝阻并联系社区民警。"])
    df = pd.DataFrame(rows, columns=["idx", "town_code", "day", "amount_yuan", "method", "description"])
    df.insert(0, "case_id", [f"F{i:04d}" for i in range(1, len(df) + 1)])
    w.tables["fraud_interceptions"] = df


# --- cut the world at as_of and write it -------------------------------------------------------------


def _ts(seconds) -> np.ndarray:
    """Seconds after START -> datetime64[s] (NaN -> NaT)."""
    s = np.asarray(seconds, dtype="float64")
    out = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[s]")
    ok = ~np.isnan(s)
    out[ok] = START.astype("datetime64[s]") + s[ok].astype("int64").astype("timedelta64[s]")
    return out


def _until(day, cutoff_day) -> np.ndarray:
    """An end date that lies after the cut is not known yet."""
    day = np.asarray(day, dtype="int64")
    return np.where(day <= cutoff_day, _dates(np.minimum(day, cutoff_day)), NAT)


def cut_tables(w: World, as_of: dt.date) -> dict[str, pd.DataFrame]:
    """The world as it stands at the end of as_of, in the schema's columns."""
    c = int((np.datetime64(as_of, "D") - START).astype(int))
    end_s = (c + 1) * 86400
    t = w.tables
    out = {"towns": t["towns"], "communities": t["communities"], "enterprises": t["enterprises"].drop(columns="size")}

    br = t["branches"][t["branches"]["founded_on"] <= np.datetime64(as_of, "D")].copy()
    late = br["secretary_since"] > np.datetime64(as_of, "D")
    br.loc[late, "secretary_from_new_employment"] = False
    br.loc[late, "secretary_since"] = NAT
    out["branches"] = br

    wk = t["workers"]
    keep_w = wk["joined_day"].to_numpy() <= c
    workers = wk[keep_w].copy()
    workers["left_on"] = _until(workers["left_day"], c)
    workers.loc[workers["registered_on"] > np.datetime64(as_of, "D"), "registered_on"] = NAT
    workers.loc[~workers["branch_id"].isin(br["branch_id"]), "branch_id"] = None
    out["workers"] = workers

    sites = t["sites"].copy()
    active = workers[workers["left_on"].isna()]
    declared = active.groupby("site_id").size().reindex(sites["site_id"], fill_value=0).to_numpy()
    factor = w.rng(30).uniform(1.0, 1.5, len(sites))  # companies declare more staff than have registered
    sites["staff_count"] = np.round(declared * factor).astype(int)
    out["sites"] = sites

    rl = t["worker_roles"]
    rl = rl[rl["since_day"] <= c].copy()
    rl["since"] = _dates(rl["since_day"])
    rl["until"] = _until(rl["until_day"], c)
    out["worker_roles"] = rl

    for name, day_col in (("stations", "opened_day"), ("friendly_scenes", "day"), ("merchants", "day")):
        out[name] = t[name][t[name][day_col] <= c]

    out["reports"] = _cut_reports(t["reports"], wk, end_s)
    acts = t["activities"]
    out["activities"] = acts[acts["day"] <= c].assign(held_on=lambda d: _dates(d["day"]))
    parts = t["activity_participants"]
    parts = parts[parts["activity_id"].isin(out["activities"]["activity_id"])].copy()
    parts["worker_id"] = wk["worker_id"].to_numpy()[parts["idx"]]
    out["activity_participants"] = parts

    sg = t["suggestions"]
    sg = sg[sg["day"] <= c].copy()
    closed = sg["closed_day"] <= c
    sg["status"] = np.where(closed, "已答复", np.where(c - sg["day"] > 7, "办理中", "待办理"))
    sg["adopted"] = sg["adopted"] & closed
    sg["outcome"] = sg["outcome"].where(sg["adopted"], None)
    sg["closed_on"] = np.where(closed, _dates(sg["closed_day"]), NAT)
    sg["submitted_on"] = _dates(sg["day"])
    sg["worker_id"] = wk["worker_id"].to_numpy()[sg["idx"]]
    out["suggestions"] = sg

    cp = t["care_pairs"]
    cp = cp[cp["day"] <= c].copy()
    cp["since"] = _dates(cp["day"])
    cp["until"] = _until(cp["until_day"], c)
    cp["worker_id"] = wk["worker_id"].to_numpy()[cp["idx"]]
    out["care_pairs"] = cp
    cv = t["care_visits"]
    cv = cv[cv["day"] <= c].copy()
    cv["visited_on"] = _dates(cv["day"])
    out["care_visits"] = cv

    fr = t["fraud_interceptions"]
    fr = fr[fr["day"] <= c].copy()
    fr["occurred_on"] = _dates(fr["day"])
    fr["worker_id"] = wk["worker_id"].to_numpy()[fr["idx"]]
    out["fraud_interceptions"] = fr

    out["points_ledger"] = _ledger(w, out, end_s)
    return out


def _cut_reports(rep: pd.DataFrame, wk: pd.DataFrame, end_s: int) -> pd.DataFrame:
    r = rep[rep["reported_s"] < end_s].copy()
    accepted = r["accepted_s"].to_numpy()
    resolved = r["resolved_s"].to_numpy()
    acc_known = ~np.isnan(accepted) & (accepted < end_s)
    res_known = resolved < end_s
    r["status"] = np.where(r["rejected"] & res_known, "不予受理",
                           np.where(res_known, "已办结", np.where(acc_known, "处置中", "待受理")))
    r["reported_at"] = _ts(r["reported_s"])
    r["accepted_at"] = _ts(np.where(acc_known, accepted, np.nan))
    r["resolved_at"] = _ts(np.where(res_known, resolved, np.nan))
    r["points_awarded"] = np.where(r["status"] == "已办结", r["points"], 0)
    r["reporter_id"] = wk["worker_id"].to_numpy()[r["reporter_idx"]]
    return r


def _ledger(w: World, t: dict, end_s: int) -> pd.DataFrame:
    """Points earned (resolved reports, volunteer activities, care visits) and redeemed at merchants.

    Redemptions are decided right after an earning and only when the balance covers them, so no
    balance ever goes below zero, also after the cut at as_of.
    """
    rep = t["reports"][t["reports"]["status"] == "已办结"]
    vol = t["activities"][t["activities"]["kind"].isin(L.VOLUNTEER_ACTIVITY_KINDS)]
    parts = t["activity_participants"].merge(vol[["activity_id", "day"]], on="activity_id")
    visits = t["care_visits"]
    earn = pd.concat(
        [
            pd.DataFrame({"idx": rep["reporter_idx"], "s": rep["resolved_s"].astype("int64"), "delta": rep["points"],
                          "reason": L.POINT_REASON_REPORT, "report_id": rep["report_id"]}),
            pd.DataFrame({"idx": parts["idx"], "s": parts["day"] * 86400 + 18 * 3600, "delta": 5,
                          "reason": L.POINT_REASON_ACTIVITY, "report_id": None}),
            pd.DataFrame({"idx": visits["idx"], "s": visits["day"] * 86400 + 17 * 3600, "delta": 2,
                          "reason": L.POINT_REASON_CARE, "report_id": None}),
        ],
        ignore_index=True,
    ).sort_values(["idx", "s", "reason"], kind="stable")
    merchants = t["merchants"]
    m_day, m_town = merchants["day"].to_numpy(), merchants["town_code"].to_numpy()
    m_offers = [set(o) for o in merchants["offers"]]
    town = w.tables["workers"]["town_code"].to_numpy()
    rng = w.rng(23)
    items = list(REDEEM_PRICE)
    rows = []
    balance: dict[int, int] = {}
    for e in earn.itertuples(index=False):
        rows.append((e.idx, e.s, int(e.delta), e.reason, e.report_id, None, None))
        bal = balance.get(e.idx, 0) + int(e.delta)
        if rng.random() < 0.45:
            item = items[int(rng.integers(len(items)))]
            when = e.s + int(rng.uniform(1, 20) * 86400)
            ok = [k for k in range(len(m_day)) if item in m_offers[k] and m_day[k] * 86400 <= when]
            local = [k for k in ok if m_town[k] == town[e.idx]]
            if bal >= REDEEM_PRICE[item] and ok and when < end_s:
                k = (local or ok)[int(rng.integers(len(local or ok)))]
                rows.append((e.idx, when, -REDEEM_PRICE[item], L.POINT_REASON_REDEEM, None,
                             merchants["merchant_id"].iloc[k], item))
                bal -= REDEEM_PRICE[item]
        balance[e.idx] = bal
    df = pd.DataFrame(rows, columns=["idx", "s", "delta", "reason", "report_id", "merchant_id", "item"])
    df = df[df["s"] < end_s].sort_values(["s", "idx"], kind="stable").reset_index(drop=True)
    df.insert(0, "entry_id", [f"P{i:08d}" for i in range(1, len(df) + 1)])
    df["worker_id"] = w.tables["workers"]["worker_id"].to_numpy()[df["idx"]]
    df["occurred_at"] = _ts(df["s"])
    return df


GENERATORS = (
    ("街镇与社区", (gen_towns, gen_communities)),
    ("企业与站点", (gen_enterprises_and_sites, gen_branches)),
    ("人员与四大员", (gen_workers, gen_roles)),
    ("阵地、场景与商户", (gen_stations, gen_scenes, gen_merchants)),
    ("问题上报", (gen_reports,)),
    ("活动、建议、关爱与反诈", (gen_activities, gen_suggestions, gen_care, gen_fraud)),
)

# insertion order respects foreign keys
TABLE_ORDER = (
    "towns", "communities", "enterprises", "sites", "branches", "workers", "worker_roles", "stations",
    "friendly_scenes", "merchants", "reports", "points_ledger", "activities", "activity_participants",
    "suggestions", "care_pairs", "care_visits", "fraud_interceptions",
)


def populate_demo(con, as_of: dt.date, scale: int = 1, seed: int = 42, progress=None) -> dict[str, int]:
    """Fill an open database (schema applied, tables empty) with demo data; returns row counts."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    horizon = max(np.datetime64(as_of, "D"), REF)
    w = World(seed=seed, scale=scale, horizon=horizon)
    steps = len(GENERATORS) + 1
    for k, (label, fns) in enumerate(GENERATORS):
        if progress:
            progress(k / steps, label)
        for fn in fns:
            fn(w)
    if progress:
        progress((steps - 1) / steps, "写入数据库")
    tables = cut_tables(w, as_of)
    counts = {}
    con.execute("begin transaction")
    try:
        for name in TABLE_ORDER:
            counts[name] = _insert(con, name, tables[name])
        db.set_meta(con, "demo", "true")
        db.set_meta(con, "as_of", as_of.isoformat())
        db.set_meta(con, "demo_seed", str(seed))
        db.set_meta(con, "demo_scale", str(scale))
        db.bump_data_version(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    if progress:
        progress(1.0, "完成")
    return counts


def _insert(con, table: str, df: pd.DataFrame) -> int:
    cols = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
        [table]).fetchall()]
    frame = df[[c for c in cols if c in df.columns]]
    con.register("_demo_frame", frame)
    try:
        con.execute(f'insert into "{table}" by name select * from _demo_frame')  # table from TABLE_ORDER
    finally:
        con.unregister("_demo_frame")
    return len(frame)


def write_demo(path, as_of: dt.date, scale: int = 1, seed: int = 42, progress=None) -> dict[str, int]:
    """Build a fresh demo database at path. Built beside it, then renamed: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = db.connect(tmp)
    try:
        counts = populate_demo(con, as_of, scale=scale, seed=seed, progress=progress)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    return counts
