"""People: workers (names, phones, employers, party status, branches), the four roles, and a picker
of who was active on a given day."""

import numpy as np
import pandas as pd

from fxdash import demo_names as N
from fxdash.demo.targets import TARGET_ACTIVE, TARGET_MOBILE_PARTY, TARGET_ROLE_HOLDERS, ZHENXING_MEMBERS
from fxdash.demo.world import NAT, REF, ROLES_START, START, TOWN_CODES, TOWN_W, World, dates
from fxdash.labels import vocab as V
from fxdash.places import QINGCUN

OCCUPATION_P = {"快递员": 0.44, "外卖骑手": 0.38, "即时配送员": 0.08, "网约车司机": 0.06, "货运司机": 0.04}


def _names(rng, n: int) -> list[str]:
    sur = rng.integers(len(N.SURNAMES), size=n)
    # earlier surnames in the list are more common
    sur = np.minimum(sur, rng.integers(len(N.SURNAMES), size=n))
    g1 = rng.integers(len(N.GIVEN_CHARS), size=n)
    g2 = rng.integers(len(N.GIVEN_CHARS), size=n)
    two = rng.random(n) < 0.7
    given = np.array(list(N.GIVEN_CHARS))
    names = np.strings.add(np.strings.add(np.array(list(N.SURNAMES))[sur], given[g1]), np.where(two, given[g2], ""))
    # never a real person named in the article
    names = np.where(np.isin(names, list(N.ARTICLE_PEOPLE)), np.strings.add(names, "明"), names)
    return names.tolist()


def _phones(rng, n: int) -> list[str]:
    second = rng.choice(list("35789"), size=n)
    rest = rng.integers(0, 10**9, size=n)
    if not n:  # zfill cannot size an empty array
        return []
    return np.strings.add(np.strings.add("1", second), np.strings.zfill(rest.astype(str), 9)).tolist()


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
    df["joined_on"] = dates(df["joined_day"])
    df["left_on"] = dates(df["left_day"])
    w.tables["workers"] = df


def _worker_attributes(w: World, rng, n: int) -> pd.DataFrame:
    ent, sites = w.tables["enterprises"], w.tables["sites"]
    occ = rng.choice(list(OCCUPATION_P), size=n, p=list(OCCUPATION_P.values()))
    town = rng.choice(TOWN_CODES, size=n, p=TOWN_W)
    rider = np.isin(occ, ("快递员", "外卖骑手", "即时配送员"))
    gender = np.where(rng.random(n) < np.where(rider, 0.88, 0.93), "男", "女")
    age = np.clip(rng.normal(34, 8, n), 18, 62).astype(int)
    # the enterprise: a draw u[i] against the cumulative size shares of the occupation's businesses
    business_of = {o: b for b, o in V.OCCUPATION_BY_BUSINESS.items()}
    u = rng.random(n)
    enterprise = np.empty(n, dtype=object)
    for business, g in ent.groupby("business"):
        ids, cum = g["enterprise_id"].to_numpy(), np.cumsum(g["size"].to_numpy() / g["size"].sum())
        rows = np.flatnonzero(np.isin(occ, [o for o, b in business_of.items() if b == business]))
        enterprise[rows] = ids[np.minimum(np.searchsorted(cum, u[rows]), len(ids) - 1)]
    # the site: the enterprise's site in the worker's town, else its first site
    site_at, first_site = {}, {}
    for s_id, e_id, code in zip(sites["site_id"], sites["enterprise_id"], sites["town_code"]):
        site_at.setdefault((e_id, code), s_id)
        first_site.setdefault(e_id, s_id)
    site = [site_at.get((e_id, code)) or first_site[e_id] for e_id, code in zip(enterprise, town)]
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
    for code, ids in by_town.items():  # a town's branches other than 振兴路, for 55% of its workers
        cands = np.array([b for b in ids if b != zhenxing], dtype=object)
        rows = np.flatnonzero((towns == code) & (u < 0.55))
        if len(cands):
            branch[rows] = cands[pick[rows] % len(cands)]
    # 振兴路: the ~200-rider WeChat group of the article
    qingcun_act = np.flatnonzero((towns == QINGCUN) & (df["group"].to_numpy() == 0))
    branch[rng.choice(qingcun_act, size=min(ZHENXING_MEMBERS * w.scale, len(qingcun_act)), replace=False)] = zhenxing
    post = np.flatnonzero((towns == QINGCUN) & (df["group"].to_numpy() == 2))
    branch[post[w.rng(108).random(len(post)) < 0.4]] = zhenxing
    df["branch_id"] = branch


def _registered(rng, df: pd.DataFrame) -> np.ndarray:
    party = df["party_status"].isin(V.PARTY_MEMBER_STATUSES).to_numpy()
    p = np.where(party, 0.8, 0.25)
    reg = rng.random(len(df)) < p
    span = np.maximum(df["left_day"].to_numpy() - df["joined_day"].to_numpy(), 1)
    day = df["joined_day"].to_numpy() + (rng.random(len(df)) * np.minimum(span, 120)).astype(int)
    return np.where(reg, dates(day), NAT)


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
            rows.append((idx[k], V.ROLES[first[k]], since[k], until[k]))
            if r.random() < 0.25:  # a quarter hold a second role, taken up later
                second = (first[k] + 1 + r.integers(3)) % 4
                s2 = since[k] + int(r.random() * max(ref_day - since[k], 1))
                if s2 < until[k]:
                    rows.append((idx[k], V.ROLES[second], s2, until[k]))

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


class _PickerIndex:
    """What a Picker searches, as plain lists (a try is checked in Python, a numpy scalar is slower):
    workers' days and towns (as numbers), role holders per role."""

    def __init__(self, wk: pd.DataFrame, rl: pd.DataFrame):
        self.joined, self.left = wk["joined_day"].tolist(), wk["left_day"].tolist()
        self.town = wk["town_code"].to_numpy()
        codes, town_of = np.unique(self.town, return_inverse=True)
        self.town_of = town_of.tolist()
        self.town_no = {str(c): k for k, c in enumerate(codes)}
        columns = ("idx", "since_day", "until_day")
        self.by_role = {r: tuple(g[c].tolist() for c in columns) for r, g in rl.groupby("role")}
        self.any_role = tuple(rl[c].tolist() for c in columns)


class Picker:
    """Pick a worker active on a given day, preferring holders of a role.

    Each pick tries random candidates one after another (up to 40 role holders, then up to 200 workers
    in the town, then anywhere). The tries are drawn in one batch and checked at once; when a try
    before the last one succeeds, the generator is set back and advanced by exactly the draws the
    one-by-one loop would have made (a batch of integers() equals as many single calls, state included),
    so the stream, and every pick after it, is the same as drawing them singly.
    """

    def __init__(self, w: World, rng):
        self.rng = rng
        wk, rl = w.tables["workers"], w.tables["worker_roles"]
        # ten pickers per build read the same two tables: index them once (kept with the tables indexed)
        memo = w.memo.get("picker")
        if memo is None or memo[0] is not wk or memo[1] is not rl:
            memo = w.memo["picker"] = (wk, rl, _PickerIndex(wk, rl))
        index = memo[2]
        self.joined, self.left, self.town = index.joined, index.left, index.town
        self._town_of, self._town_no = index.town_of, index.town_no
        self.by_role, self.any_role = index.by_role, index.any_role

    def pick(self, day: int, role: str | None = None, town: str | None = None) -> int:
        town_no = None if town is None else self._town_no.get(str(town), -1)
        town_of, joined, left = self._town_of, self.joined, self.left
        pool = self.by_role.get(role, self.any_role) if role != "" else None
        if pool is not None and len(pool[0]):
            idx, since, until = pool

            def held(k):
                return since[k] <= day < until[k] and (town_no is None or town_of[idx[k]] == town_no)
            k = self._first(len(idx), 40, held)
            if k is not None:
                return idx[k]
        n = len(joined)
        if town_no != -1:  # -1: a town no worker lives in (the one-by-one loop tried 200 times in vain)
            i = self._first(n, 200, lambda i: joined[i] <= day < left[i] and (town_no is None or town_of[i] == town_no))
            if i is not None:
                return i
        else:
            self.rng.integers(n, size=200)
        i = self._first(n, 200, lambda i: joined[i] <= day < left[i])
        if i is not None:
            return i
        return int(self.rng.integers(n))

    def _first(self, n: int, tries: int, ok) -> int | None:
        """The first of up to `tries` draws of integers(n) that is `ok`, the generator left as after
        drawing up to and including it one by one; None (all `tries` drawn) if none is."""
        bits = self.rng.bit_generator
        saved = bits.state
        for j, i in enumerate(self.rng.integers(n, size=tries).tolist()):
            if ok(i):
                if j + 1 < tries:
                    bits.state = saved
                    self.rng.integers(n, size=j + 1)
                return i
        return None
