"""Accepted but wrong no more (issue 12): updates that never erase by accident, per-column change
counts, normalised ids, phones, ambiguous towns, Chinese dates and times, future dates, the shipped
district outline and the GCJ-02 hint. Each file is made here; stored values are checked exactly."""

import datetime as dt
import json

import numpy as np
import pytest

from fxdash import db, geo
from fxdash.ingest import import_file, outline, values
from fxdash.labels import ingest as X
from tests.conftest import GEO_DIR
from tests.test_ingest import copy_db, csv_bytes, state

TODAY = dt.date(2026, 3, 18)
HEADER = ["人员编号", "姓名", "性别", "出生年份", "手机号", "职业", "企业编号", "网点编号", "街镇", "加入日期"]


@pytest.fixture
def con(ref_db_path, tmp_path, monkeypatch):
    monkeypatch.delenv("FXDASH_BOUNDARIES", raising=False)  # the shipped outline, not a boundary file
    c = db.connect(copy_db(ref_db_path, tmp_path))
    yield c
    c.close()


def run(con, tmp_path, rows, table="workers", header=HEADER, **kwargs):
    return import_file(con, csv_bytes([header, *rows]), "f.csv", table, imports_dir=tmp_path, as_of=TODAY, **kwargs)


def worker(con, worker_id):
    cols = "name, gender, birth_year, phone, occupation, enterprise_id, site_id, town_code, joined_on"
    return con.execute(f"select {cols} from workers where worker_id = ?", [worker_id]).fetchone()


# --- updates -------------------------------------------------------------------------------------


def test_blank_cells_of_an_update_keep_the_stored_values(con, tmp_path):
    before = worker(con, "W0000001")
    name = before[0]
    result = run(con, tmp_path, [["W0000001", name, "", "", "", "快递员", "", "", "金汇镇", "2024-10-03"]])
    assert result.committed and result.matched == 1 and result.unchanged == 1 and result.changes == {}
    assert worker(con, "W0000001") == before


def test_clearing_takes_the_explicit_marker(con, tmp_path):
    before = worker(con, "W0000001")
    result = run(con, tmp_path, [["W0000001", before[0], "", "", "<清空>", "快递员", "", "", "金汇镇", "2024-10-03"]])
    assert result.committed and result.updated == 1 and result.changes == {"手机号": 1}
    assert worker(con, "W0000001") == (*before[:3], None, *before[4:])
    refused = run(con, tmp_path, [["W0000001", "<清空>", "", "", "", "快递员", "", "", "金汇镇", "2024-10-03"]])
    assert [(p.column, p.message) for p in refused.problems] == [("姓名", X.ERR_CLEAR_REQUIRED)]


def test_changes_are_counted_per_column_and_shown_before_writing(con, tmp_path):
    rows = []
    for k, wid in enumerate(["W0000001", "W0000002", "W0000003"]):
        name, _, _, _, occupation, ent, _, town, joined = worker(con, wid)
        town_name = con.execute("select name from towns where town_code = ?", [town]).fetchone()[0]
        rows.append([wid, name, "", "", f"1390000000{k}", occupation, "E002" if k == 0 else "", "", town_name,
                     joined.isoformat()])
    rows.append(["WN000001", "新人", "男", "1990", "13911112222", "外卖骑手", "E001", "", "南桥镇", "2026-03-01"])
    before = state(con, "workers")
    check = run(con, tmp_path, rows, dry_run=True)
    assert check.ok and not check.committed and state(con, "workers") == before
    assert (check.inserted, check.updated, check.unchanged, check.matched) == (1, 3, 0, 3)
    assert check.changes == {"手机号": 3, "企业编号": 1}
    assert "与已有记录匹配 3 行" in check.summary() and "手机号 变更 3 个" in check.summary()
    done = run(con, tmp_path, rows)
    assert done.committed and done.changes == check.changes
    assert worker(con, "W0000001")[3] == "13900000000" and worker(con, "W0000001")[5] == "E002"


def test_a_default_column_left_blank_in_an_update_keeps_its_value(con, tmp_path):
    con.execute("update workers set party_status = '中共党员' where worker_id = 'W0000001'")
    name = worker(con, "W0000001")[0]
    header = ["人员编号", "姓名", "职业", "街镇", "加入日期", "政治面貌"]
    result = run(con, tmp_path, [["W0000001", name, "快递员", "金汇镇", "2024-10-03", ""]], header=header)
    assert result.committed and result.changes == {}
    assert con.execute("select party_status from workers where worker_id = 'W0000001'").fetchone()[0] == "中共党员"


# --- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["W0000001\u200b", "\ufeffW0000001", "w0000001", "W0000001", "W\u20600000001"])
def test_ids_are_normalised_before_matching(con, tmp_path, written):
    before = worker(con, "W0000001")
    count = con.execute("select count(*) from workers").fetchone()[0]
    result = run(con, tmp_path, [[written, before[0], "", "", "", "快递员", "", "", "金汇镇", "2024-10-03"]])
    assert result.committed and result.matched == 1 and result.inserted == 0
    assert con.execute("select count(*) from workers").fetchone()[0] == count


# --- phones and towns ----------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "stored"), [
    ("138-1234-5678", "13812345678"), ("138 1234 5678", "13812345678"), ("+86 138 1234 5678", "13812345678"),
    ("(021)5712-3456", "021-57123456"), ("021 5712 3456", "021-57123456"), ("021-57123456", "021-57123456"),
    ("(021)57123456", "021-57123456"), ("021-57123456转8", "021-57123456-8"), ("0571-88889999", "0571-88889999"),
    ("400-123-4567", "400-123-4567"),
])
def test_phones_in_common_forms_are_normalised(written, stored):
    assert values.phone(written) == stored


@pytest.mark.parametrize("written", ["12345678", "57123456", "1381234567", "12812345678", "021-1234567", "电话"])
def test_phones_that_cannot_be_dialled_are_refused(con, tmp_path, written):
    before = state(con, "workers")
    result = run(con, tmp_path, [["WN000001", "新人", "男", "1990", written, "外卖骑手", "", "", "南桥镇", "2026-03-01"]])
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "手机号", written)]
    assert "座机须带区号" in result.problems[0].message and state(con, "workers") == before


def test_an_ambiguous_town_lists_the_candidates(con, tmp_path):
    rows = [["WN000001", "甲", "男", "1990", "", "外卖骑手", "", "", "海湾", "2026-03-01"],
            ["WN000002", "乙", "男", "1990", "", "外卖骑手", "", "", "南桥", "2026-03-01"]]
    result = run(con, tmp_path, rows)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "街镇", "“海湾”可能是：海湾镇 / 海湾旅游区。请填写完整的街镇名称或代码。")]
    rows[0][8] = "海湾旅游区"
    done = run(con, tmp_path, rows)
    assert done.committed and con.execute(
        "select town_code from workers where worker_id = 'WN000001'").fetchone()[0] == "310120503"


# --- dates and times -----------------------------------------------------------------------------

REPORT = ["上报编号", "上报人编号", "问题类别", "纬度", "经度", "街镇", "上报时间", "办理状态"]


@pytest.mark.parametrize("written", ["2026年3月18日 9时30分", "2026年3月18日9时30分", "2026/3/18 9:30",
                                     "2026-03-18T09:30:00+08:00", "2026-03-18 09:30+0800", "2026-03-18T01:30:00Z",
                                     "2026.3.18 9点30分", "2026年3月18日 9时30分0秒",
                                     "2026-03-18 09:30 GMT+8", "2026-03-18T09:30:00.000+08:00"])
def test_dates_and_times_in_common_chinese_forms(con, tmp_path, written):
    rows = [["RN0000001", "W0000001", "其他", "30.9064", "121.5439", "青村镇", written, "待受理"]]
    result = run(con, tmp_path, rows, table="reports", header=REPORT)
    assert result.committed, [p.message for p in result.problems]
    stored = con.execute("select reported_at from reports where report_id = 'RN0000001'").fetchone()[0]
    assert stored == dt.datetime(2026, 3, 18, 9, 30)


def test_dates_in_the_future_are_problems(con, tmp_path):
    rows = [["WN000001", "甲", "男", "1990", "", "外卖骑手", "", "", "南桥镇", "2099-01-01"],
            ["WN000002", "乙", "男", "1990", "", "外卖骑手", "", "", "南桥镇", "2026-03-19"],
            ["WN000003", "丙", "男", "1990", "", "外卖骑手", "", "", "南桥镇", "2026-03-18"]]
    result = run(con, tmp_path, rows)
    assert [(p.row, p.column) for p in result.problems] == [(2, "加入日期"), (3, "加入日期")]
    assert "晚于今天（2026-03-18）" in result.problems[0].message


# --- coordinates ---------------------------------------------------------------------------------

NEIGHBOURS = {  # (lon, lat) well inside each neighbour, all inside the old rough box
    "金山区亭林": (121.32, 30.88), "金山区漕泾": (121.40, 30.80), "松江区叶榭": (121.33, 31.00),
    "闵行区浦江": (121.50, 31.05), "浦东新区临港": (121.88, 30.90), "浦东新区惠南": (121.76, 31.05),
    "杭州湾": (121.55, 30.76), "杭州湾东": (121.70, 30.80),
}


def test_the_outline_rejects_neighbours_and_the_sea_and_holds_every_demo_point(ref_con):
    x, y = np.array([p[0] for p in NEIGHBOURS.values()]), np.array([p[1] for p in NEIGHBOURS.values()])
    import shapely

    assert not shapely.contains_xy(outline.shape(), x, y).any()
    assert 20 <= len(outline.VERTICES) <= 60
    for table in ("sites", "communities", "branches", "stations", "friendly_scenes", "merchants", "reports", "towns"):
        pts = ref_con.execute(f"select lon, lat from {table} where lon is not null").fetchnumpy()
        assert shapely.contains_xy(outline.shape(), pts["lon"], pts["lat"]).all(), table


@pytest.mark.skipif(not (GEO_DIR / "shanghai_districts.geojson").exists(), reason="no district boundaries")
def test_the_outline_against_the_real_district_boundaries():
    import shapely
    from shapely.geometry import shape

    features = json.loads((GEO_DIR / "shanghai_districts.geojson").read_text(encoding="utf-8"))["features"]
    fengxian = shape(json.loads((GEO_DIR / "fengxian_district.geojson").read_text(encoding="utf-8"))["features"][0]
                     ["geometry"])
    assert fengxian.intersection(outline.shape()).area / fengxian.area > 0.98
    rng = np.random.default_rng(3)
    for f in features:
        district = shape(f["geometry"])
        if "奉贤" in str(f["properties"].get("name")) or district.distance(fengxian) > 0.05:
            continue
        core = district.difference(fengxian.buffer(0.01))  # more than ~1 km from the border
        x0, y0, x1, y1 = core.bounds
        xs, ys = rng.uniform(x0, x1, 20_000), rng.uniform(y0, y1, 20_000)
        keep = shapely.contains_xy(core, xs, ys)
        assert not shapely.contains_xy(outline.shape(), xs[keep], ys[keep]).any(), f["properties"].get("name")


def test_points_in_neighbouring_districts_are_refused_without_a_boundary_file(con, tmp_path):
    rows = [[f"RN{k:07d}", "W0000001", "其他", str(lat), str(lon), "青村镇", "2026-03-18 09:30", "待受理"]
            for k, (lon, lat) in enumerate(NEIGHBOURS.values(), start=1)]
    before = state(con, "reports")
    result = run(con, tmp_path, rows, table="reports", header=REPORT)
    assert sorted(p.row for p in result.problems) == list(range(2, 2 + len(NEIGHBOURS)))
    assert all("不在奉贤区范围内" in p.message for p in result.problems) and state(con, "reports") == before


STATION = ["阵地编号", "阵地类型", "依托单位", "名称", "街镇", "纬度", "经度", "启用日期"]


def test_gcj02_offsets_declared_as_wgs84_are_pointed_out(con, tmp_path):
    stored = con.execute("select station_id, kind, host_type, name, town_code, lat, lon, opened_on from stations "
                         "order by station_id limit 20").fetchall()
    rows = []
    for sid, kind, host, name, town, lat, lon, opened in stored:
        glon, glat = geo.wgs84_to_gcj02(lon, lat)
        rows.append([sid, kind, host, name, town, f"{glat:.6f}", f"{glon:.6f}", opened.isoformat()])
    before = state(con, "stations")
    result = run(con, tmp_path, rows, table="stations", header=STATION)
    assert len(result.problems) == 1 and result.problems[0].message.startswith(X.ERR_GCJ_SHIFT[:3])
    assert "20 个已有点位" in result.problems[0].message and "GCJ-02" in result.problems[0].message
    assert state(con, "stations") == before
    fixed = run(con, tmp_path, rows, table="stations", header=STATION, crs="gcj02")
    assert fixed.committed and fixed.unchanged + fixed.updated == 20
    moved = con.execute("select max(abs(s.lon - t.lon)) from stations s join (select unnest(?) as id, "
                        "unnest(?) as lon) t on s.station_id = t.id",
                        [[r[0] for r in stored], [r[6] for r in stored]]).fetchone()[0]
    assert moved < 1e-5  # back where they were (within a metre)
