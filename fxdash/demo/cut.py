"""Cut the world at as_of: nothing dated after it survives, statuses are those as of it; then the
points ledger, built on what the cut left."""

import datetime as dt

import numpy as np
import pandas as pd

from fxdash.demo.world import NAT, START, World, dates
from fxdash.labels import vocab as V

REDEEM_PRICE = {"午餐": 10, "修车": 15, "理发": 10, "洗车": 8, "饮品": 5, "日用品": 12}


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
    return np.where(day <= cutoff_day, dates(np.minimum(day, cutoff_day)), NAT)


def cut_tables(w: World, as_of: dt.date) -> dict[str, pd.DataFrame]:
    """The world as it stands at the end of as_of, in the schema's columns."""
    c = int((np.datetime64(as_of, "D") - START).astype(int))
    end_s = (c + 1) * 86400
    t = w.tables
    out = {"towns": t["towns"], "communities": t["communities"], "enterprises": t["enterprises"].drop(columns="size")}
    out.update(_cut_people(w, as_of, c))

    for name, day_col in (("stations", "opened_day"), ("friendly_scenes", "day"), ("merchants", "day")):
        out[name] = t[name][t[name][day_col] <= c]

    out["reports"] = _cut_reports(t["reports"], t["workers"], end_s)
    out.update(_cut_activities(t, c))
    out["suggestions"] = _cut_suggestions(t["suggestions"], t["workers"], c)
    out.update(_cut_care_and_fraud(t, c))

    out["points_ledger"] = _ledger(w, out, end_s)
    return out


def _cut_people(w: World, as_of: dt.date, c: int) -> dict[str, pd.DataFrame]:
    """Branches, workers, sites (with their declared staff) and roles as of as_of (c = its day number)."""
    t = w.tables
    out = {}
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
    rl["since"] = dates(rl["since_day"])
    rl["until"] = _until(rl["until_day"], c)
    out["worker_roles"] = rl
    return out


def _cut_activities(t: dict, c: int) -> dict[str, pd.DataFrame]:
    wk = t["workers"]
    out = {}
    acts = t["activities"]
    out["activities"] = acts[acts["day"] <= c].assign(held_on=lambda d: dates(d["day"]))
    parts = t["activity_participants"]
    parts = parts[parts["activity_id"].isin(out["activities"]["activity_id"])].copy()
    parts["worker_id"] = wk["worker_id"].to_numpy()[parts["idx"]]
    out["activity_participants"] = parts
    return out


def _cut_suggestions(sg: pd.DataFrame, wk: pd.DataFrame, c: int) -> pd.DataFrame:
    sg = sg[sg["day"] <= c].copy()
    closed = sg["closed_day"] <= c
    sg["status"] = np.where(closed, "已答复", np.where(c - sg["day"] > 7, "办理中", "待办理"))
    sg["adopted"] = sg["adopted"] & closed
    sg["outcome"] = sg["outcome"].where(sg["adopted"], None)
    sg["closed_on"] = np.where(closed, dates(sg["closed_day"]), NAT)
    sg["submitted_on"] = dates(sg["day"])
    sg["worker_id"] = wk["worker_id"].to_numpy()[sg["idx"]]
    return sg


def _cut_care_and_fraud(t: dict, c: int) -> dict[str, pd.DataFrame]:
    wk = t["workers"]
    out = {}
    cp = t["care_pairs"]
    cp = cp[cp["day"] <= c].copy()
    cp["since"] = dates(cp["day"])
    cp["until"] = _until(cp["until_day"], c)
    cp["worker_id"] = wk["worker_id"].to_numpy()[cp["idx"]]
    out["care_pairs"] = cp
    cv = t["care_visits"]
    cv = cv[cv["day"] <= c].copy()
    cv["visited_on"] = dates(cv["day"])
    out["care_visits"] = cv

    fr = t["fraud_interceptions"]
    fr = fr[fr["day"] <= c].copy()
    fr["occurred_on"] = dates(fr["day"])
    fr["worker_id"] = wk["worker_id"].to_numpy()[fr["idx"]]
    out["fraud_interceptions"] = fr
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
    vol = t["activities"][t["activities"]["kind"].isin(V.VOLUNTEER_ACTIVITY_KINDS)]
    parts = t["activity_participants"].merge(vol[["activity_id", "day"]], on="activity_id")
    visits = t["care_visits"]
    earn = pd.concat(
        [
            pd.DataFrame({"idx": rep["reporter_idx"], "s": rep["resolved_s"].astype("int64"), "delta": rep["points"],
                          "reason": V.POINT_REASON_REPORT, "report_id": rep["report_id"]}),
            pd.DataFrame({"idx": parts["idx"], "s": parts["day"] * 86400 + 18 * 3600, "delta": 5,
                          "reason": V.POINT_REASON_ACTIVITY, "report_id": None}),
            pd.DataFrame({"idx": visits["idx"], "s": visits["day"] * 86400 + 17 * 3600, "delta": 2,
                          "reason": V.POINT_REASON_CARE, "report_id": None}),
        ],
        ignore_index=True,
    ).sort_values(["idx", "s", "reason"], kind="stable")
    merchants = t["merchants"]
    m_start = (merchants["day"].to_numpy() * 86400).tolist()
    m_town, m_id = merchants["town_code"].tolist(), merchants["merchant_id"].tolist()
    # per item, the merchants offering it (in table order: the draw below indexes this order)
    offering = {item: [k for k, o in enumerate(merchants["offers"]) if item in set(o)] for item in REDEEM_PRICE}
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
            if bal >= REDEEM_PRICE[item] and when < end_s:
                ok = [k for k in offering[item] if m_start[k] <= when]
                if ok:
                    local = [k for k in ok if m_town[k] == town[e.idx]]
                    k = (local or ok)[int(rng.integers(len(local or ok)))]
                    rows.append((e.idx, when, -REDEEM_PRICE[item], V.POINT_REASON_REDEEM, None, m_id[k], item))
                    bal -= REDEEM_PRICE[item]
        balance[e.idx] = bal
    df = pd.DataFrame(rows, columns=["idx", "s", "delta", "reason", "report_id", "merchant_id", "item"])
    df = df[df["s"] < end_s].sort_values(["s", "idx"], kind="stable").reset_index(drop=True)
    df.insert(0, "entry_id", [f"P{i:08d}" for i in range(1, len(df) + 1)])
    df["worker_id"] = w.tables["workers"]["worker_id"].to_numpy()[df["idx"]]
    df["occurred_at"] = _ts(df["s"])
    return df
