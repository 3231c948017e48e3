"""Reference facts about Fengxian's towns: official names and codes, centre points, land area.

These are public facts (NBS 统计用区划代码 2023). The town polygons themselves are *not* stored in the
project (their source carries no licence); they are read from a configured file at run time
(see fxdash.geo). `anchors` are a few discs (lon, lat, radius_km) lying wholly inside each town,
used by the demo generator so generated points fall inside the town whether or not a boundary
file is configured.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    kind: str
    lon: float  # a label point inside the town
    lat: float
    area_km2: float
    anchors: tuple[tuple[float, float, float], ...]
    weight: float  # relative share of the workforce (denser in the new city around 南桥)


TOWNS: tuple[Town, ...] = (
    Town("310120001", "西渡街道", "街道", 121.44985, 30.99088, 29.0,
         ((121.4464, 30.9912, 1.99), (121.4715, 31.002, 1.36), (121.4244, 30.9776, 1.18)), 1.0),
    Town("310120002", "奉浦街道", "街道", 121.4394, 30.9497, 20.5,
         ((121.4203, 30.9519, 1.38), (121.4455, 30.96, 1.26), (121.458, 30.9383, 0.92)), 1.3),
    Town("310120003", "金海街道", "街道", 121.481, 30.95306, 19.0,
         ((121.4795, 30.9577, 1.69), (121.4826, 30.936, 1.09), (121.4638, 30.9686, 0.68)), 1.1),
    Town("310120101", "南桥镇", "镇", 121.45869, 30.90815, 44.6,
         ((121.4487, 30.9019, 2.32), (121.4864, 30.9073, 1.87), (121.433, 30.9263, 1.44)), 1.8),
    Town("310120102", "奉城镇", "镇", 121.64564, 30.92634, 109.7,
         ((121.6474, 30.9141, 4.13), (121.6443, 30.9629, 2.4), (121.6034, 30.8951, 1.5)), 0.9),
    Town("310120104", "庄行镇", "镇", 121.38589, 30.9282, 69.8,
         ((121.3846, 30.9148, 3.07), (121.3815, 30.9664, 2.04), (121.3909, 30.8822, 1.25)), 0.5),
    Town("310120106", "金汇镇", "镇", 121.55352, 30.97518, 72.2,
         ((121.5783, 30.9768, 2.61), (121.5186, 30.9768, 2.35), (121.5155, 30.9496, 1.37)), 0.7),
    Town("310120109", "四团镇", "镇", 121.72626, 30.92736, 72.7,
         ((121.7372, 30.9154, 3.35), (121.709, 30.9588, 2.05), (121.7341, 30.9479, 1.11)), 0.6),
    Town("310120111", "青村镇", "镇", 121.55039, 30.90999, 72.7,
         ((121.5439, 30.9064, 3.03), (121.5753, 30.9336, 2.14), (121.5314, 30.8712, 1.55)), 0.9),
    Town("310120118", "柘林镇", "镇", 121.45354, 30.84319, 94.5,
         ((121.4568, 30.8442, 3.44), (121.4913, 30.8686, 1.83), (121.4128, 30.8497, 1.82)), 0.8),
    Town("310120123", "海湾镇", "镇", 121.64253, 30.85939, 82.4,
         ((121.5895, 30.8599, 2.12), (121.6963, 30.8653, 1.8), (121.7434, 30.8653, 1.71)), 0.4),
    Town("310120503", "海湾旅游区", "功能区", 121.54762, 30.83183, 23.8,
         ((121.5123, 30.8287, 1.26), (121.5437, 30.8233, 0.82), (121.5657, 30.8287, 0.75)), 0.2),
)

TOWN_BY_CODE = {t.code: t for t in TOWNS}

# Named places from the source article (approximate WGS-84 positions, all inside their town).
QINGCUN = "310120111"
FENGPU = "310120002"
ZHELIN = "310120118"
ZHENXING_ROAD = (121.5439, 30.9064)   # 振兴路, 青村镇 centre
BAOLONG_PLAZA = (121.4580, 30.9383)   # 宝龙商圈, 奉浦街道
HUQIAO = (121.4128, 30.8497)          # 胡桥社区, 柘林镇 (west)

# Fengxian's bounding box with a small margin; used to reject coordinates outside the district.
BBOX = (121.25, 30.70, 121.90, 31.10)  # lon_min, lat_min, lon_max, lat_max
