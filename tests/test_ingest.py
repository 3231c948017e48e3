"""fxdash.ingest: specs, readers, parsing, coordinates, templates, idempotent load, export, CLI."""

import csv
import io
import shutil

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pytest

from fxdash import db, export, geo, versions
from fxdash.ingest import CRS, IMPORTABLE, boundaries, coords, import_file, spec, specs, template
from fxdash.labels import ingest as LX
from fxdash.labels import vocab as V
from fxdash.queries import data
from fxdash.store import imports
from tests.cli import child, in_process
from tests.conftest import TOWNS_GEOJSON

# --- helpers shared by the ingest test modules ---------------------------------------------------


def copy_db(ref_db_path, tmp_path):
    """A writable copy of the demo database at 2026-03-18 (each ingest test module's work_db fixture)."""
    path = tmp_path / "work.duckdb"
    shutil.copy(ref_db_path, path)
    return path


@pytest.fixture
def work_db(ref_db_path, tmp_path):
    return copy_db(ref_db_path, tmp_path)


@pytest.fixture
def con(work_db):
    c = db.connect(work_db)
    yield c
    c.close()


def state(con, table: str, log: bool = True) -> tuple:
    """Row counts of every table plus a checksum of the affected table: 'the database is unchanged'.
    (`log` is kept for the callers: the import log now lives in the operational store, never in here.)"""
    skip = {"meta"}  # the import log lives in the operational store now
    counts = tuple(n for t, n in versions.table_counts(con).items() if t not in skip)
    checksum = con.execute(f'select count(*), sum(hash(t)) from "{table}" t').fetchone()
    return counts, checksum, db.data_version(con)


def csv_bytes(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


REPORT_HEADER = ["上报编号", "上报人编号", "问题类别", "问题描述", "纬度", "经度", "街镇", "上报时间", "办理状态"]


def report_rows(n: int, start: int = 1) -> list[list]:
    """n valid reports in 青村镇 by demo workers (W0000001..W0000500)."""
    rng = np.random.default_rng(7)
    lat = 30.9064 + rng.uniform(-0.01, 0.01, n)
    lon = 121.5439 + rng.uniform(-0.01, 0.01, n)
    cats = V.REPORT_CATEGORIES
    return [[f"RX{start + i:07d}", f"W{(i % 500) + 1:07d}", cats[i % len(cats)], f"测试上报 {i}", f"{lat[i]:.6f}",
             f"{lon[i]:.6f}", "青村镇", f"2026-03-{1 + i % 17:02d} {8 + i % 10}:{i % 60:02d}", "待受理"]
            for i in range(n)]


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --- specs ---------------------------------------------------------------------------------------


def test_specs_follow_the_schema():
    s = spec("workers")
    assert s.key == ("worker_id",)
    assert s.column("joined_on").kind == "date" and s.column("joined_on").required
    assert not s.column("party_status").required  # NOT NULL with a default
    assert s.column("enterprise_id").ref == ("enterprises", "enterprise_id")
    assert spec("worker_roles").key == ("worker_id", "role", "since")
    assert spec("enterprises").unique == (("name",),)
    assert spec("stations").column("amenities").kind == "list"
    assert any(c.columns == ("joined_on", "left_on") for c in s.checks)


def test_every_importable_column_has_a_chinese_header_unique_within_its_table():
    for table in IMPORTABLE:
        s = spec(table)
        labels = [c.label for c in s.columns]
        assert len(set(labels)) == len(labels), table
        assert all(has_cjk(label) for label in labels), (table, labels)
        assert all(c.name in s.example for c in s.columns), table


def test_schema_vocabularies_match_labels():
    con = db.connect(":memory:")
    rows = con.execute("select table_name, constraint_column_names, expression from duckdb_constraints() "
                       "where constraint_type = 'CHECK' and expression like '%IN (%'").fetchall()
    for table, cols, expression in rows:
        if table not in specs():
            continue
        vocab = spec(table).column(cols[0]).vocab
        assert vocab, (table, cols)
        for value in vocab:
            assert f"'{value}'" in expression, (table, value)


# --- readers and parsing ----------------------------------------------------------------------------


def test_gbk_csv_with_chinese_is_detected_and_imported(con, tmp_path):
    rows = [REPORT_HEADER, *report_rows(3)]
    rows[1][3] = "奉贤区青村镇路口井盖缺失,请尽快处置"
    result = import_file(con, csv_bytes(rows, "gbk"), "上报.csv", "reports", imports_dir=tmp_path)
    assert result.ok, result.problems
    assert result.inserted == 3
    text = con.execute("select description from reports where report_id = 'RX0000001'").fetchone()[0]
    assert text == "奉贤区青村镇路口井盖缺失,请尽快处置"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(con, tmp_path, encoding):
    result = import_file(con, csv_bytes([REPORT_HEADER, *report_rows(2)], encoding), "r.csv", "reports",
                         imports_dir=tmp_path)
    assert result.ok and result.inserted == 2


def test_headers_tolerate_spaces_fullwidth_english_and_any_order(con, tmp_path):
    header = [" 上报编号 ", "ｒｅｐｏｒｔｅｒ_id", "问题 类别", "description", "纬度", "lon", "街镇", "上报时间*", "status"]
    rows = report_rows(2)
    order = [8, 0, 3, 1, 2, 5, 4, 7, 6]
    shuffled = [[header[i] for i in order]] + [[r[i] for i in order] for r in rows]
    result = import_file(con, csv_bytes(shuffled), "r.csv", "reports", imports_dir=tmp_path)
    assert result.ok, result.problems
    assert result.inserted == 2


def test_chinese_date_formats_and_town_names(con, tmp_path):
    header = ["人员编号", "姓名", "职业", "街镇", "加入日期", "报到日期", "离开日期", "流动党员", "手机号"]
    rows = [["WX1", "甲", "快递员", "青村镇", "2026-03-18", "2026/3/18", "2026年3月20日", "是", "138 0000 0000"],
            ["WX2", "乙", "外卖骑手", "310120101", "2026.3.1", "２０２６－０３－０２", "", "否", "021-57123456"],
            ["WX3", "丙", "外卖骑手", "南桥", "20260301", "", "", "", ""]]
    result = import_file(con, csv_bytes([header, *rows]), "w.csv", "workers", imports_dir=tmp_path)
    assert result.ok, result.problems
    got = con.execute("select worker_id, town_code, joined_on, registered_on, left_on, is_mobile_party_member, phone, "
                      "party_status from workers where worker_id like 'WX%' order by 1").fetchall()
    import datetime as dt
    assert got[0][1:7] == ("310120111", dt.date(2026, 3, 18), dt.date(2026, 3, 18), dt.date(2026, 3, 20), True,
                           "13800000000")
    assert got[1][3] == dt.date(2026, 3, 2) and got[1][1] == "310120101"
    assert got[2][1] == "310120101" and got[2][7] == "群众"  # default filled in


def test_list_columns_split_on_chinese_separators(con, tmp_path):
    s = spec("stations")
    row = dict(s.example, station_id="STX1", amenities="停车,热水;手机充电、热水")
    result = import_file(con, csv_bytes([[c.label for c in s.columns], [row[c.name] for c in s.columns]]), "s.csv",
                         "stations", imports_dir=tmp_path)
    assert result.ok, result.problems
    assert con.execute("select amenities from stations where station_id = 'STX1'").fetchone()[0] == [
        "停车", "热水", "手机充电"]


# --- coordinates -----------------------------------------------------------------------------------

# Published pair (wandergis/coordtransform README): WGS-84 (116.404, 39.915) -> GCJ-02 below.
KNOWN_PAIRS = [((116.404, 39.915), (116.41024449916938, 39.91640428150164))]


def test_gcj02_inverse_is_within_one_metre_of_known_pairs():
    for (wlon, wlat), (glon, glat) in KNOWN_PAIRS:
        assert geo.wgs84_to_gcj02(wlon, wlat) == pytest.approx((glon, glat), abs=1e-9)
        back = geo.gcj02_to_wgs84(glon, glat)
        assert geo.haversine_m(wlat, wlon, back[1], back[0]) < 1.0
        arr = coords.gcj02_to_wgs84(np.array([glon]), np.array([glat]))
        assert geo.haversine_m(wlat, wlon, arr[1][0], arr[0][0]) < 1.0


def test_vectorised_conversion_matches_geo_in_fengxian():
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(121.35, 121.8, 200), rng.uniform(30.8, 31.05, 200)
    vlon, vlat = coords.gcj02_to_wgs84(lon, lat)
    for i in range(200):
        slon, slat = geo.gcj02_to_wgs84(lon[i], lat[i])
        assert geo.haversine_m(slat, slon, vlat[i], vlon[i]) < 0.01
    # the offset in Fengxian is about 490 m (shared/data/geo/SOURCES.md)
    shift = geo.haversine_m(lat, lon, vlat, vlon)
    assert 400 < shift.mean() < 600


def test_gcj02_file_is_converted_on_import(con, tmp_path):
    wlon, wlat = 121.5439, 30.9064
    glon, glat = geo.wgs84_to_gcj02(wlon, wlat)
    rows = report_rows(1)
    rows[0][4], rows[0][5] = f"{glat:.8f}", f"{glon:.8f}"
    result = import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", "gcj02", imports_dir=tmp_path)
    assert result.ok, result.problems
    lat, lon = con.execute("select lat, lon from reports where report_id = 'RX0000001'").fetchone()
    assert geo.haversine_m(wlat, wlon, lat, lon) < 1.0
    assert result.table in IMPORTABLE and "gcj02" in CRS


@pytest.mark.skipif(not TOWNS_GEOJSON.exists(), reason="shared boundary file not available")
def test_boundary_upload_is_checked_stored_and_used(con, ops_store, tmp_path):
    geojson, problems = boundaries.check(TOWNS_GEOJSON.read_bytes())
    assert not problems and len(geojson["features"]) == 12
    path = boundaries.save(ops_store, geojson, tmp_path)
    assert boundaries.current_path(ops_store) == (path, False) or boundaries.current_path(ops_store)[1]
    # in the bounding box but out at sea, south of the coast: rejected only with the polygon
    rows = report_rows(1)
    rows[0][4], rows[0][5] = "30.72", "121.60"
    result = import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", imports_dir=tmp_path,
                         district=coords.district_shape(geojson))
    assert not result.ok and "不在奉贤区范围内" in result.problems[0].message
    bad, problems = boundaries.check(b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
                                     b'"properties": {"name": "Atlantis"}, "geometry": null}]}')
    assert bad is None and "Atlantis" in problems[0]
    assert boundaries.check(b"not json")[1]


# --- loading ---------------------------------------------------------------------------------------


def test_reimport_changes_nothing_and_changes_are_counted(con, ops_store, tmp_path):
    rows = report_rows(20)
    first = import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", imports_dir=tmp_path)
    assert first.ok and first.inserted == 20 and first.committed
    before = state(con, "reports", log=False)[:2]
    again = import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", imports_dir=tmp_path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 20)
    assert state(con, "reports", log=False)[:2] == before
    rows[3][8] = "处置中"
    rows.append(report_rows(1, start=999)[0])
    third = import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", imports_dir=tmp_path)
    assert (third.inserted, third.updated, third.unchanged) == (1, 1, 19)
    assert con.execute("select status from reports where report_id = 'RX0000004'").fetchone()[0] == "处置中"
    log = list(imports.recent(ops_store)[["rows_inserted", "rows_updated", "rows_unchanged", "status", "sha256"]]
               .iloc[::-1].itertuples(index=False, name=None))
    assert [r[:4] for r in log] == [(20, 0, 0, "成功"), (0, 0, 20, "成功"), (1, 1, 19, "成功")]
    assert all(len(r[4]) == 64 for r in log)


def test_import_archives_the_file_bumps_the_version_and_marks_mixed_data(con, tmp_path):
    version = db.data_version(con)
    assert db.is_demo(con)
    payload = csv_bytes([REPORT_HEADER, *report_rows(2)])
    result = import_file(con, payload, "我的上报.csv", "reports", imports_dir=tmp_path)
    assert result.committed
    archived = list(tmp_path.rglob("*我的上报.csv"))
    assert len(archived) == 1 and archived[0].read_bytes() == payload
    assert db.data_version(con) != version
    assert db.get_meta(con, "demo") == "mixed" and not db.is_demo(con)


def test_dry_run_counts_but_writes_nothing(con, tmp_path):
    before = state(con, "reports")
    result = import_file(con, csv_bytes([REPORT_HEADER, *report_rows(5)]), "r.csv", "reports", dry_run=True,
                         imports_dir=tmp_path)
    assert result.ok and result.inserted == 5 and not result.committed
    assert state(con, "reports") == before
    assert not list(tmp_path.rglob("*.csv"))


@pytest.mark.parametrize("table", IMPORTABLE)
def test_template_round_trip(con, tmp_path, table):
    """Download the template, fill it in (the example row with a new key), import it."""
    s = spec(table)
    book = openpyxl.load_workbook(io.BytesIO(template.template_xlsx(table)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.label for c in s.columns]
    assert book.worksheets[1].title == LX.DATA_TEMPLATE_SHEET_HELP
    assert book.worksheets[1].max_row == len(s.columns) + 1
    # fill: a fresh key (for composite keys, a fresh date) so the row is new
    for k, col in enumerate(s.columns, start=1):
        if col.name in s.key and col.ref is None and not col.vocab:
            sheet.cell(2, k).value = f"{sheet.cell(2, k).value}X" if col.kind == "text" else "2026-03-17"
        if table == "activity_participants" and col.name == "worker_id":
            sheet.cell(2, k).value = "W0000002"
    buf = io.BytesIO()
    book.save(buf)
    result = import_file(con, buf.getvalue(), "filled.xlsx", table, imports_dir=tmp_path)
    assert result.ok, [p.message for p in result.problems]
    assert result.inserted == 1 or table == "activity_participants" and result.inserted + result.updated == 1


@pytest.mark.parametrize("table", ["reports", "stations", "workers", "care_visits"])
def test_exported_table_imports_back_unchanged(con, tmp_path, table):
    df = data.table_rows(con, table)
    before = state(con, table, log=False)[:2]
    for payload, name in ((template.table_xlsx(df, table, [("a", "b")]), "t.xlsx"),
                          (template.table_csv(df, table), "t.csv")):
        result = import_file(con, payload, name, table, imports_dir=tmp_path)
        assert result.ok, result.problems[:3]
        assert (result.inserted, result.updated) == (0, 0) and result.unchanged == len(df)
    assert state(con, table, log=False)[:2] == before


def test_export_escapes_formula_cells_and_imports_them_back(con, tmp_path):
    rows = report_rows(5)
    for row, text in zip(rows, ["=1+1", "+86 电话", "-减号开头", "@提及", "{=1+1}"]):
        row[3] = text
    assert import_file(con, csv_bytes([REPORT_HEADER, *rows]), "r.csv", "reports", imports_dir=tmp_path).ok
    df = data.table_rows(con, "reports")
    xlsx = openpyxl.load_workbook(io.BytesIO(template.table_xlsx(df, "reports", [("a", "b")]))).worksheets[0]
    col = [c.value for c in xlsx[1]].index("问题描述")
    cells = {r[col].value for r in xlsx.iter_rows(min_row=2)}
    assert {"'=1+1", "'+86 电话", "'-减号开头", "'@提及", "'{=1+1}"} <= cells
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@", "{=")) for v in cells)
    text = template.table_csv(df, "reports").decode("utf-8-sig")
    assert "'=1+1" in text and ",=1+1" not in text
    assert export.escape_cell("=cmd") == "'=cmd"
    before = state(con, "reports", log=False)[:2]
    back = import_file(con, template.table_csv(df, "reports"), "r.csv", "reports", imports_dir=tmp_path)
    assert back.ok and back.updated == 0
    assert state(con, "reports", log=False)[:2] == before


def test_locked_reference_change_is_a_problem_not_a_crash(con, tmp_path):
    """DuckDB cannot change a referenced row's foreign-key column; say so before writing."""
    worker = con.execute("select reporter_id from reports limit 1").fetchone()[0]
    df = data.table_rows(con, "workers")
    df = df[df["worker_id"] == worker].copy()
    other = con.execute("select enterprise_id from enterprises where enterprise_id <> ? limit 1",
                        [df["enterprise_id"].iloc[0]]).fetchone()[0]
    df["enterprise_id"], df["site_id"] = other, None
    before = state(con, "workers")
    result = import_file(con, template.table_csv(df, "workers"), "w.csv", "workers", imports_dir=tmp_path)
    assert not result.ok and "引用" in result.problems[0].message and result.problems[0].row == 2
    assert state(con, "workers") == before


# --- command line ------------------------------------------------------------------------------------


def test_cli_import_export_and_problems(work_db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(3)]))
    env = {"FXDASH_IMPORTS": str(tmp_path / "imports")}
    """Imports in this process (tests.cli.in_process); export and template as child processes."""
    out = in_process("import", str(good), "--table", "reports", "--db", str(work_db), env=env)
    assert out.returncode == 0, out.stderr
    assert "新增 3 行" in out.stdout
    bad = tmp_path / "bad.csv"
    rows = report_rows(2)
    rows[1][2] = "火星"
    bad.write_bytes(csv_bytes([REPORT_HEADER, *rows]))
    with duckdb.connect(str(work_db)) as c:
        before = state(c, "reports")
    out = in_process("import", str(bad), "--table", "reports", "--db", str(work_db), env=env)
    assert out.returncode == 1
    assert "3\t问题类别\t火星" in out.stdout and "没有写入任何数据" in out.stdout
    with duckdb.connect(str(work_db)) as c:
        assert state(c, "reports") == before
    xlsx = tmp_path / "out.xlsx"
    out = child("export", "--table", "reports", "--out", str(xlsx), "--db", str(work_db))
    assert out.returncode == 0 and xlsx.exists()
    df = pd.read_excel(xlsx, sheet_name=0, engine="calamine")
    assert "上报编号" in df.columns and len(df) == before[1][0]
    tpl = tmp_path / "tpl.xlsx"
    assert child("template", "--table", "workers", "--out", str(tpl)).returncode == 0 and tpl.exists()
