"""Places staff run: rider stations and service points, friendly scenes, merchants."""

import numpy as np
import pandas as pd

from fxdash import demo_names as N
from fxdash.demo.targets import RIDER_STATIONS, SERVICE_POINTS
from fxdash.demo.world import REF, START, TOWN_CODES, TOWN_W, World, dates, points_in_town, short_name, unique_names
from fxdash.labels import vocab as V
from fxdash.places import BAOLONG_PLAZA, FENGPU, HUQIAO, QINGCUN, TOWNS, ZHELIN, ZHENXING_ROAD


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
        towns = rng.choice(TOWN_CODES, size=len(days), p=TOWN_W)
        for day, host, code in zip(days, hosts, towns):
            lon, lat = points_in_town(rng, code, 1)[0]
            rows.append([kind, host, code, lon, lat, _amenities(rng, kind, host), day])
    df = pd.DataFrame(rows, columns=["kind", "host_type", "town_code", "lon", "lat", "amenities", "opened_day"])
    df["name"] = unique_names([_station_name(rng, r.kind, r.host_type, r.town_code) for r in df.itertuples()])
    # the article's 宝龙商圈骑手之家 (奉浦街道)
    first_rider = df.index[df["kind"] == "骑手驿站"][0]
    df.loc[first_rider, ["host_type", "town_code", "lon", "lat", "name"]] = [
        "商圈综合体", FENGPU, BAOLONG_PLAZA[0], BAOLONG_PLAZA[1], "宝龙商圈骑手之家"]
    df.at[first_rider, "amenities"] = ["停车", "充换电", "热水", "储物", "就餐", "休息", "手机充电", "健康科普角"]
    town_names = {t.code: t.name for t in TOWNS}
    df["address"] = [f"上海市奉贤区{town_names[c]}" for c in df["town_code"]]
    df["opened_on"] = dates(df["opened_day"])
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
    return [a for a in V.AMENITIES if a in set(base + extra)]


def _station_name(rng, kind: str, host: str, code: str) -> str:
    town = next(t.name for t in TOWNS if t.code == code)
    stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
    place = {
        "党群服务站": f"{short_name(town)}{stem}党群服务站",
        "公共法律服务站": f"{short_name(town)}{stem}公共法律服务站",
        "社区卫生服务中心": f"{short_name(town)}{stem}社区卫生服务站",
        "银行网点": f"{N.BANKS[int(rng.integers(len(N.BANKS)))]}{short_name(town)}{stem}支行",
        "街区商铺": f"{stem}便民商铺",
        "商圈综合体": f"{N.MALLS[int(rng.integers(len(N.MALLS)))]}",
        "企业站点": f"{N.ENTERPRISES[int(rng.integers(10))][0]}{short_name(town)}{stem}站",
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
        t2 = rng.choice(V.SCENE_TYPES, size=22)
        types += list(t2)
        batches += [2] * 22
        days += [int((batch2 - START).astype(int))] * 22
    rows = []
    for stype, batch, day in zip(types, batches, days):
        code = rng.choice(TOWN_CODES, p=TOWN_W)
        lon, lat = points_in_town(rng, code, 1)[0]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        rows.append([f"{stem}新就业群体友好{stype}", stype, code, lat, lon, batch, day])
    rows[0][:5] = ["振兴路新就业群体友好街区", "街区", QINGCUN, ZHENXING_ROAD[1], ZHENXING_ROAD[0]]
    rows[1][:5] = ["宝龙商圈新就业群体友好商圈", "商圈", FENGPU, BAOLONG_PLAZA[1], BAOLONG_PLAZA[0]]
    rows[2][:5] = ["胡桥新就业群体友好社区", "社区", ZHELIN, HUQIAO[1], HUQIAO[0]]
    df = pd.DataFrame(rows, columns=["name", "scene_type", "town_code", "lat", "lon", "batch", "day"])
    df["name"] = unique_names(list(df["name"]))
    df["certified_on"] = dates(df["day"])
    df.insert(0, "scene_id", [f"FS{i:03d}" for i in range(1, len(df) + 1)])
    w.tables["friendly_scenes"] = df


def gen_merchants(w: World) -> None:
    rng = w.rng(13)
    days = _opened(rng, 60, "2024-06-01", 30, w)
    kinds = list(N.SHOP_KINDS)
    rows = []
    for day in days:
        code = rng.choice(TOWN_CODES, p=TOWN_W)
        kind = kinds[int(rng.integers(len(kinds)))]
        lon, lat = points_in_town(rng, code, 1)[0]
        stem = N.PLACE_STEMS[int(rng.integers(len(N.PLACE_STEMS)))]
        rows.append([f"{stem}{kind}", code, list(N.SHOP_KINDS[kind]), lat, lon, day])
    rows[0][:5] = ["振兴路面馆", QINGCUN, ["午餐"], ZHENXING_ROAD[1] + 0.001, ZHENXING_ROAD[0] + 0.001]
    df = pd.DataFrame(rows, columns=["name", "town_code", "offers", "lat", "lon", "day"])
    df["name"] = unique_names(list(df["name"]))
    df["joined_on"] = dates(df["day"])
    df.insert(0, "merchant_id", [f"M{i:03d}" for i in range(1, len(df) + 1)])
    w.tables["merchants"] = df
