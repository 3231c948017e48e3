"""Malformed files: each gives a Chinese message naming row and column, and writes nothing.

Every case is generated here (in memory / tmp_path). After each import attempt the database has the
same row count in every table, the same checksum of the affected table, the same data version, no
new import-log row and no archived file.
"""

import io
import zipfile

import pytest

from fxdash import db
from fxdash.ingest import import_file, spec
from fxdash.ingest.read import MAX_BYTES
from fxdash.labels import ingest as X
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, has_cjk, report_rows, state, xlsx_bytes


@pytest.fixture
def con(ref_db_path, tmp_path):
    c = db.connect(copy_db(ref_db_path, tmp_path))
    yield c
    c.close()


def reports(rows=None, header=None, encoding="utf-8-sig") -> bytes:
    return csv_bytes([header or REPORT_HEADER, *(rows if rows is not None else report_rows(3))], encoding)


def edit(row: int, col: str, value, header=None) -> bytes:
    """Three good reports with one cell changed; `row` is the Excel row (2 = first data row)."""
    rows = report_rows(3)
    rows[row - 2][(header or REPORT_HEADER).index(col)] = value
    return reports(rows, header)


def table_csv(table: str, changes: dict, extra_rows: int = 0) -> bytes:
    """The template's example row for `table` with some cells changed (one data row, Excel row 2)."""
    s = spec(table)
    row = {**s.example, **changes}
    return csv_bytes([[c.label for c in s.columns], [row[c.name] for c in s.columns]])


def _swapped():
    rows = report_rows(2)
    rows[1][4], rows[1][5] = rows[1][5], rows[1][4]
    return reports(rows)


def _duplicate_key():
    rows = report_rows(3)
    rows[2][0] = rows[0][0]
    return reports(rows)


def _wrong_sheet():
    return xlsx_bytes({"说明": [["这是一份说明"], ["请看第二页"]], "其他": [["甲", "乙"], [1, 2]]})


def _corrupt_xlsx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return buf.getvalue()


def _header_in_xlsx_only():
    return xlsx_bytes({"问题上报": [REPORT_HEADER]})


def _bad_xlsx_cell():
    rows = report_rows(2)
    rows[1][7] = "下周一"
    return xlsx_bytes({"问题上报": [REPORT_HEADER, *rows]})


def _extra_cells():
    rows = report_rows(2)
    rows[1].append("多余的内容")
    return reports(rows)


def _blank_header():
    header = [*REPORT_HEADER[:3], "", *REPORT_HEADER[3:]]
    rows = [[*r[:3], "无名列的值", *r[3:]] for r in report_rows(2)]
    return reports(rows, header)


# (id, table, file name, bytes factory, expected row, expected column (substring), expected message part)
CASES = [
    ("empty-file", "reports", "r.csv", lambda: b"", 1, X.FILE_LEVEL, "空的"),
    ("blank-lines-only", "reports", "r.csv", lambda: b"\r\n \r\n,,,\r\n", 1, X.FILE_LEVEL, "空的"),
    ("header-only", "reports", "r.csv", lambda: reports([]), 2, X.FILE_LEVEL, "只有表头"),
    ("header-only-xlsx", "reports", "r.xlsx", _header_in_xlsx_only, 2, X.FILE_LEVEL, "只有表头"),
    ("missing-required-header", "reports", "r.csv",
     lambda: csv_bytes([REPORT_HEADER[:-1], *[r[:-1] for r in report_rows(2)]]), 1, "办理状态", "缺少必填列"),
    ("unknown-extra-header", "reports", "r.csv",
     lambda: reports([[*r, "x"] for r in report_rows(2)], [*REPORT_HEADER, "备注"]), 1, "备注", "无法识别的列名"),
    ("duplicated-header", "reports", "r.csv",
     lambda: reports([[*r, r[0]] for r in report_rows(2)], [*REPORT_HEADER, "report_id"]), 1, "report_id", "列名重复"),
    ("blank-header-with-data", "reports", "r.csv", _blank_header, 1, "第 4 列", "没有列名"),
    ("extra-cells", "reports", "r.csv", _extra_cells, 3, "第 10 列", "单元格比表头多"),
    ("bad-date", "workers", "w.csv", lambda: table_csv("workers", {"joined_on": "2026-02-30"}), 2, "加入日期",
     "不是有效日期"),
    ("date-as-words", "workers", "w.csv", lambda: table_csv("workers", {"registered_on": "去年春天"}), 2, "报到日期",
     "不是有效日期"),
    ("bad-timestamp", "reports", "r.csv", lambda: edit(3, "上报时间", "2026-03-18 25:61"), 3, "上报时间",
     "不是有效的日期时间"),
    ("bad-timestamp-in-xlsx", "reports", "r.xlsx", _bad_xlsx_cell, 3, "上报时间", "不是有效的日期时间"),
    ("text-in-integer", "workers", "w.csv", lambda: table_csv("workers", {"birth_year": "一九九五"}), 2, "出生年份",
     "不是整数"),
    ("decimal-in-integer", "sites", "s.csv", lambda: table_csv("sites", {"staff_count": "3.5"}), 2, "在岗人数",
     "不是整数"),
    ("text-in-number", "fraud_interceptions", "f.csv",
     lambda: table_csv("fraud_interceptions", {"amount_yuan": "五万元"}), 2, "涉及金额", "不是数字"),
    ("text-in-coordinate", "reports", "r.csv", lambda: edit(2, "纬度", "北纬三十度"), 2, "纬度", "不是数字"),
    ("unknown-vocabulary", "reports", "r.csv", lambda: edit(4, "问题类别", "外星人"), 4, "问题类别", "不是可选值"),
    ("unknown-status", "reports", "r.csv", lambda: edit(2, "办理状态", "已完成"), 2, "办理状态", "不是可选值"),
    ("unknown-host-type", "stations", "s.csv", lambda: table_csv("stations", {"host_type": "加油站"}), 2, "依托单位",
     "不是可选值"),
    ("unknown-list-item", "stations", "s.csv", lambda: table_csv("stations", {"amenities": "停车、游泳池"}), 2,
     "服务设施", "不是可选值"),
    ("unknown-role", "worker_roles", "r.csv", lambda: table_csv("worker_roles", {"role": "宣传委员"}), 2, "角色",
     "不是可选值"),
    ("bad-boolean", "workers", "w.csv", lambda: table_csv("workers", {"is_mobile_party_member": "也许"}), 2,
     "流动党员", "应为“是”或“否”"),
    ("bad-phone", "workers", "w.csv", lambda: table_csv("workers", {"phone": "12345"}), 2, "手机号", "电话号码"),
    ("outside-district", "reports", "r.csv", lambda: edit(2, "纬度", "31.2304"), 2, "经度/纬度", "不在奉贤区范围内"),
    ("swapped-lat-lon", "reports", "r.csv", _swapped, 3, "经度/纬度", "填反"),
    ("half-coordinate", "reports", "r.csv", lambda: edit(3, "经度", ""), 3, "经度", "同时填写"),
    ("duplicate-key", "reports", "r.csv", _duplicate_key, 4, "上报编号", "重复"),
    ("unknown-reference", "reports", "r.csv", lambda: edit(2, "上报人编号", "W9999999"), 2, "上报人编号", "找不到"),
    ("unknown-site", "workers", "w.csv", lambda: table_csv("workers", {"site_id": "S9999"}), 2, "网点编号", "找不到"),
    ("unknown-town", "reports", "r.csv", lambda: edit(3, "街镇", "浦东新区"), 3, "街镇", "不是奉贤区的街镇"),
    ("required-empty", "reports", "r.csv", lambda: edit(2, "办理状态", ""), 2, "办理状态", "必填项为空"),
    ("check-order-of-dates", "workers", "w.csv",
     lambda: table_csv("workers", {"joined_on": "2026-03-01", "left_on": "2025-01-01"}), 2, "加入日期/离开日期",
     "不能早于"),
    ("check-range", "workers", "w.csv", lambda: table_csv("workers", {"birth_year": "1930"}), 2, "出生年份",
     "1940 至 2012"),
    ("check-negative", "sites", "s.csv", lambda: table_csv("sites", {"staff_count": "-3"}), 2, "在岗人数", "负数"),
    ("check-zero-points", "points_ledger", "p.csv", lambda: table_csv("points_ledger", {"delta": "0"}), 2, "积分变动",
     "不能为 0"),
    ("unique-name-taken", "enterprises", "e.csv", lambda: table_csv("enterprises", {"name": "美团外卖"}), 2,
     "企业名称", "已被数据库中另一条记录"),
    ("gbk-with-bad-vocabulary", "reports", "r.csv",
     lambda: csv_bytes([REPORT_HEADER, *[[*r[:2], "垃圾满溢", *r[3:]] for r in report_rows(1)]], "gbk"), 2,
     "问题类别", "不是可选值"),
    ("garbled-encoding", "reports", "r.csv", lambda: "上报编号,问题类别\r\nR1,安全隐患\r\n".encode("shift_jis",
     errors="replace") + bytes(range(0x80, 0xa0)), 1, "", "无法识别"),
    ("wrong-sheet", "reports", "r.xlsx", _wrong_sheet, 1, X.FILE_LEVEL, "请选择要导入的工作表"),
    ("not-a-spreadsheet-png", "reports", "r.csv",
     lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, 1, X.FILE_LEVEL, "不是 Excel"),
    ("not-a-spreadsheet-named-xlsx", "reports", "r.xlsx", lambda: "这只是一段文字".encode() * 50, 1, X.FILE_LEVEL,
     "不是 Excel"),
    ("corrupt-workbook", "reports", "r.xlsx", _corrupt_xlsx, 1, X.FILE_LEVEL, "无法读取"),
    ("over-size-limit", "reports", "big.csv", lambda: b"x" * (MAX_BYTES + 1), 1, X.FILE_LEVEL, "超过上限"),
]


def test_there_are_at_least_30_distinct_cases():
    assert len({c[0] for c in CASES}) == len(CASES) >= 30
    assert len({c[3]() for c in CASES}) == len(CASES)  # distinct files


@pytest.mark.parametrize(("name", "table", "file_name", "factory", "row", "column", "fragment"), CASES,
                         ids=[c[0] for c in CASES])
def test_malformed_file_is_rejected_with_row_and_column(con, tmp_path, name, table, file_name, factory, row, column,
                                                        fragment):
    before = state(con, table)
    archive = tmp_path / "imports"
    result = import_file(con, factory(), file_name, table, imports_dir=archive)
    assert not result.ok and not result.committed, name
    assert all(has_cjk(p.message) and p.row >= 1 and p.column for p in result.problems), result.problems
    match = [p for p in result.problems if p.row == row and column in p.column and fragment in p.message]
    assert match, [(p.row, p.column, p.message) for p in result.problems]
    assert state(con, table) == before
    assert not archive.exists() or not any(archive.rglob("*.*")), "nothing may be archived"


def test_every_problem_of_a_file_is_reported_at_once(con, tmp_path):
    rows = report_rows(5)
    rows[0][2] = "外星人"        # row 2
    rows[2][7] = "昨天"          # row 4
    rows[3][6] = "火星镇"        # row 5
    rows[4][1] = "W9999999"     # row 6
    result = import_file(con, reports(rows), "r.csv", "reports", imports_dir=tmp_path)
    assert sorted(p.row for p in result.problems) == [2, 4, 5, 6]
