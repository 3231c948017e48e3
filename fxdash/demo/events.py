"""Events: volunteer and party activities, suggestions, care for elders living alone, fraud interceptions."""

import numpy as np
import pandas as pd

from fxdash import demo_names as N
from fxdash.demo.people import Picker
from fxdash.demo.targets import (
    TARGET_FRAUD_TOTAL,
    TARGET_PARTY_ACTIVITIES,
    TARGET_SUGGESTIONS,
    TARGET_VOLUNTEER_PARTICIPATIONS,
)
from fxdash.demo.world import (
    REF,
    ROLES_START,
    START,
    TOWN_CODES,
    TOWN_W,
    World,
    choice_without_replacement,
    short_name,
)
from fxdash.labels import vocab as V
from fxdash.places import FENGPU, TOWNS

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
    picker = Picker(w, rng)
    com = w.tables["communities"]
    local_ids = {code: g["community_id"].to_numpy() for code, g in com.groupby("town_code")}
    town_short = {t.code: short_name(t.name) for t in TOWNS}
    kinds = rng.choice(list(VOLUNTEER_KIND_P), size=len(days), p=list(VOLUNTEER_KIND_P.values()))
    for day, size, kind in zip(days, sizes, kinds):
        code = rng.choice(TOWN_CODES, p=TOWN_W)
        local = local_ids.get(code, ())
        cid = local[int(rng.integers(len(local)))]
        people = {picker.pick(int(day), V.ROLE_BY_ACTIVITY[kind], code if rng.random() < 0.7 else None)
                  for _ in range(size * 2)}
        people = sorted(people)[:size]
        if len(people) < size:
            continue
        k = len(acts)
        acts.append([kind, f"{town_short[code]}{kind}志愿活动",
                     int(day), code, None, cid])
        parts += [(k, i, float(rng.integers(2, 9)) / 2) for i in people]


def _party(w: World, rng, days, acts, parts) -> None:
    br = w.tables["branches"]
    wk = w.tables["workers"]
    founded = ((br["founded_on"].to_numpy().astype("datetime64[D]") - START).astype(int))
    members = {b: g.index.to_numpy() for b, g in wk.groupby("branch_id")}
    joined, left = wk["joined_day"].to_numpy(), wk["left_day"].to_numpy()
    names, towns, ids = (br[c].tolist() for c in ("name", "town_code", "branch_id"))
    for day in days:
        open_ = np.flatnonzero(founded <= day)
        if not len(open_):
            continue
        b = int(open_[int(rng.integers(len(open_)))])
        kind = "理论学习" if rng.random() < 0.6 else "议事协商"
        k = len(acts)
        acts.append([kind, f"{names[b]}{kind}", int(day), towns[b], ids[b], None])
        m = members.get(ids[b], np.array([], int))
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
    picker = Picker(w, rng)
    rows = []
    for day in days:
        topic = V.SUGGESTION_TOPICS[int(rng.integers(len(V.SUGGESTION_TOPICS)))]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        title = N.SUGGESTION_TITLES[topic][int(rng.integers(3))].format(p=stem)
        closed = int(day) + int(rng.integers(10, 61))
        adopted = bool(rng.random() < 0.45)
        outcome = "已采纳，相关部门已纳入工作计划推进落实。" if adopted else None
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
        picker = Picker(w, r)
        for day in days:
            cid = huqiao if r.random() < huqiao_share else com["community_id"].iloc[int(r.integers(len(com) - 1))]
            town = com.loc[com["community_id"] == cid, "town_code"].iloc[0]
            i = picker.pick(int(day), "爱心接力员", town)
            until = min(int(picker.left[i]), int(day) + int(r.exponential(900)) + 30)
            # the programme pairs elders aged 80+ living alone; same draws as before (the stream that
            # calibrates the other figures is unchanged), a tenth of them among the very old
            pairs.append([i, cid, int(r.integers(80, 97)) if r.random() < 0.9 else int(r.integers(97, 104)),
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
            tasks = set(choice_without_replacement(vrng, task_p, int(vrng.integers(1, 4))))
            visits.append([p.pair_id, day, [t for k, t in enumerate(V.CARE_TASKS) if k in tasks], p.idx])
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
        picker = Picker(w, r)
        for day, amt in zip(days, amts):
            i = picker.pick(int(day), V.ROLES[int(r.integers(3))])
            method = V.FRAUD_METHODS[int(r.integers(len(V.FRAUD_METHODS)))]
            rows.append([i, picker.town[i], int(day), float(amt), method,
                         f"配送途中发现老人疑似遭遇“{method}”诈骗，及时劝阻并联系社区民警。"])
    df = pd.DataFrame(rows, columns=["idx", "town_code", "day", "amount_yuan", "method", "description"])
    df.insert(0, "case_id", [f"F{i:04d}" for i in range(1, len(df) + 1)])
    w.tables["fraud_interceptions"] = df
