"""Hostile and tricky workbooks (issue 12), each made here: limits before parsing, the reading child
process, sheet choice, hidden and struck rows, formulas without a value, long and zero-padded
numbers, merged cells, title and total rows, and the capped problem list.

Every rejected file leaves the database unchanged (row counts, checksum, data version, import log).
"""

import codecs
import dataclasses
import io
import re
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font

from fxdash import db
from fxdash.ingest import import_file, limits
from fxdash.labels import ingest as X
from tests.cli import in_process
from tests.test_ingest import REPORT_HEADER, copy_db, csv_bytes, report_rows, state, xlsx_bytes

WORKER_HEADER = ["人员编号", "姓名", "职业", "街镇", "加入日期", "手机号", "企业编号"]


@pytest.fixture
def con(ref_db_path, tmp_path):
    c = db.connect(copy_db(ref_db_path, tmp_path))
    yield c
    c.close()


def book_bytes(book: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def worker_rows(n: int, start: int = 1) -> list[list]:
    return [[f"WH{start + i:06d}", f"测试{i}", "外卖骑手", "南桥镇", "2026-03-01", "13800000000", "E001"]
            for i in range(n)]


def rejected(con, data: bytes, name: str, table: str, fragment: str, **kwargs):
    """Import `data`, expect it refused with a problem containing `fragment`, database unchanged."""
    before = state(con, table)
    result = import_file(con, data, name, table, **kwargs)
    assert not result.ok and not result.committed
    assert any(fragment in p.message for p in result.problems), [p.message for p in result.problems][:5]
    assert state(con, table) == before
    return result


def replace_in_zip(data: bytes, member: str, fn) -> bytes:
    """A copy of the zip with one member's bytes rewritten (for files no library would write)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, fn(body) if info.filename == member else body)
    return out.getvalue()


# --- limits before parsing ------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["XFD1048576", "Z1048576"])
def test_a_huge_declared_sheet_is_refused_before_reading(con, tmp_path, cell):
    book = openpyxl.Workbook()
    book.active[cell] = "x"
    data = book_bytes(book)
    assert len(data) < 10_000
    result = rejected(con, data, "huge.xlsx", "reports", "声明的范围", imports_dir=tmp_path, dry_run=True)
    assert cell in result.problems[0].message and len(result.problems) == 1


def test_a_sheet_that_lies_about_its_size_is_refused_by_its_last_row(con, tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "上报编号"
    book.active["XFD1048576"] = "x"
    data = replace_in_zip(book_bytes(book), "xl/worksheets/sheet1.xml",
                          lambda b: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:A1"', b))
    rejected(con, data, "liar.xlsx", "reports", "行的上限", imports_dir=tmp_path)


def zip_bomb(unpacked_mb: int) -> bytes:
    """A valid workbook plus one member of `unpacked_mb` MB of spaces (it compresses ~1000:1)."""
    base = xlsx_bytes({"问题上报": [REPORT_HEADER, *report_rows(2)]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with dst.open("xl/media/padding.xml", "w") as f:
            chunk = b" " * 1_000_000
            for _ in range(unpacked_mb):
                f.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_by_its_declared_size(con, tmp_path):
    data = zip_bomb(450)
    assert len(data) < 2_000_000
    result = rejected(con, data, "bomb.xlsx", "reports", "解压后有 450 MB", imports_dir=tmp_path)
    assert len(result.problems) == 1


def test_the_child_process_memory_limit_gives_one_problem(con, tmp_path):
    small = dataclasses.replace(limits.load(), memory=120 * limits.MB, max_rows=10**7, max_cells=10**8)
    once = csv_bytes([REPORT_HEADER, *report_rows(60_000)])
    data = once + once.removeprefix(codecs.BOM_UTF8) * 3  # the bytes of csv_bytes([...] * 4), in a quarter of the time
    result = rejected(con, data, "big.csv", "reports", "内存超过上限", imports_dir=tmp_path, limits_=small)
    assert len(result.problems) == 1


def test_the_child_process_time_limit_gives_one_problem(con, tmp_path):
    short = dataclasses.replace(limits.load(), seconds=1, max_rows=10**7, max_cells=10**8, max_bytes=10**9)
    once = csv_bytes([REPORT_HEADER, *report_rows(100_000)])
    data = once + once.removeprefix(codecs.BOM_UTF8) * 7  # the bytes of csv_bytes([...] * 8), in a tenth of the time
    result = rejected(con, data, "slow.csv", "reports", "秒仍未完成", imports_dir=tmp_path, limits_=short)
    assert len(result.problems) == 1


def test_rows_columns_and_cells_are_capped_while_reading_a_csv(con, tmp_path):
    capped = dataclasses.replace(limits.load(), max_rows=100, max_cols=12, max_cells=500)
    rejected(con, csv_bytes([REPORT_HEADER, *report_rows(200)]), "r.csv", "reports", "100 行的上限",
             imports_dir=tmp_path, limits_=dataclasses.replace(capped, max_cells=10**6))
    rejected(con, csv_bytes([REPORT_HEADER + ["x"] * 10, *report_rows(3)]), "r.csv", "reports", "12 列的上限",
             imports_dir=tmp_path, limits_=capped)
    rejected(con, csv_bytes([REPORT_HEADER, *report_rows(80)]), "r.csv", "reports", "500 个单元格的上限",
             imports_dir=tmp_path, limits_=capped)


def test_millions_of_problems_are_counted_by_kind_and_kept_to_the_limit(con, tmp_path):
    # the bytes csv_bytes writes for these rows (no cell needs quoting), joined directly: a third of the time
    bad = "".join(f"RX{i:07d},W0000001,不存在的类别,x,abc,def,火星,昨天,不知道\r\n" for i in range(180_000))
    data = csv_bytes([REPORT_HEADER]) + bad.encode()
    result = rejected(con, data, "bad.csv", "reports", "不是可选值", imports_dir=tmp_path)
    assert result.problem_count == 180_000 * 6  # category, lat, lon, town, time, status
    assert result.problem_count > 1_048_575  # more than an Excel sheet holds
    assert len(result.problems) == limits.load().problems_kept
    from fxdash.ingest import problems

    kinds = problems.kinds(result.problems)
    assert sum(n for _, _, n in kinds) == result.problem_count and len(kinds) == 6
    assert len(problems.kinds_frame(result.problems)) == 6


# --- sheets --------------------------------------------------------------------------------------


def test_two_visible_sheets_must_be_chosen_and_the_chosen_one_is_read(con, tmp_path):
    data = xlsx_bytes({"2月": [WORKER_HEADER, *worker_rows(2)], "3月": [WORKER_HEADER, *worker_rows(3, 100)]})
    result = rejected(con, data, "w.xlsx", "workers", "请选择要导入的工作表", imports_dir=tmp_path)
    assert [(s.name, s.hidden, s.rows) for s in result.sheets] == [("2月", False, 3), ("3月", False, 4)]
    done = import_file(con, data, "w.xlsx", "workers", sheet="3月", imports_dir=tmp_path, as_of=_today())
    assert done.committed and done.inserted == 3 and X.NOTE_SHEET.format(sheet="3月") in done.notes
    assert con.execute("select count(*) from workers where worker_id like 'WH%'").fetchone()[0] == 3
    assert con.execute("select count(*) from workers where worker_id = 'WH000100'").fetchone()[0] == 1


def _today():
    import datetime as dt

    return dt.date(2026, 3, 18)


def test_a_hidden_sheet_with_stale_data_is_never_picked_silently(con, tmp_path):
    book = openpyxl.Workbook()
    stale = book.active
    stale.title = "旧数据"
    for row in [WORKER_HEADER, *worker_rows(5, 500)]:
        stale.append(row)
    stale.sheet_state = "hidden"
    current = book.create_sheet("本月")
    for row in [WORKER_HEADER, *worker_rows(2)]:
        current.append(row)
    result = import_file(con, book_bytes(book), "w.xlsx", "workers", imports_dir=tmp_path, as_of=_today())
    assert result.committed and result.inserted == 2
    assert X.NOTE_HIDDEN_SHEETS.format(sheets="旧数据") in result.notes
    assert con.execute("select count(*) from workers where worker_id >= 'WH000500'").fetchone()[0] == 0


def test_hidden_and_struck_rows_are_problems_unless_skipped(con, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [WORKER_HEADER, *worker_rows(4)]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    for cell in sheet[5]:
        cell.font = Font(strike=True)
    data = book_bytes(book)
    result = rejected(con, data, "w.xlsx", "workers", "隐藏行", imports_dir=tmp_path)
    assert {(p.row, p.message) for p in result.problems} == {(3, X.ERR_HIDDEN_ROW), (5, X.ERR_STRUCK_ROW)}
    done = import_file(con, data, "w.xlsx", "workers", skip_hidden=True, imports_dir=tmp_path, as_of=_today())
    assert done.committed and done.inserted == 2
    assert X.NOTE_SKIPPED_ROWS.format(n=2, rows="3、5") in done.notes
    ids = [r[0] for r in con.execute("select worker_id from workers where worker_id like 'WH%' order by 1").fetchall()]
    assert ids == ["WH000001", "WH000003"]


# --- cell fidelity -------------------------------------------------------------------------------


def test_a_formula_without_a_cached_value_is_a_problem_not_an_empty_cell(con, tmp_path):
    book = openpyxl.Workbook()  # openpyxl writes formulas without results, like any program would
    sheet = book.active
    for row in [WORKER_HEADER, *worker_rows(2)]:
        sheet.append(row)
    sheet["F3"] = '=CONCAT("138","00000000")'
    result = rejected(con, book_bytes(book), "w.xlsx", "workers", "没有计算结果", imports_dir=tmp_path)
    assert [(p.row, p.column) for p in result.problems] == [(3, "手机号")]


CARE_HEADER = ["结对编号", "志愿者编号", "村居编号", "老人代号", "老人年龄", "结对日期"]


def test_an_18_digit_code_keeps_every_digit_and_a_float_one_is_refused(con, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CARE_HEADER)
    sheet.append(["CPX0001", "W0000001", "C0001", 310120194001011301, 86, "2026-03-01"])
    # openpyxl writes the number as a float; programs that export full integers write every digit
    data = replace_in_zip(book_bytes(book), "xl/worksheets/sheet1.xml",
                          lambda b: b.replace(b"<v>3.101201940010113e+17</v>", b"<v>310120194001011301</v>"))
    done = import_file(con, data, "c.xlsx", "care_pairs", imports_dir=tmp_path, as_of=_today())
    assert done.committed, [p.message for p in done.problems]
    stored = con.execute("select elder_code from care_pairs where pair_id = 'CPX0001'").fetchone()[0]
    assert stored == "310120194001011301"
    sheet["A2"], sheet["D2"] = "CPX0002", 3.101201940010113e17  # what Excel keeps of a typed 18-digit number
    result = rejected(con, book_bytes(book), "c.xlsx", "care_pairs", "15 位有效数字", imports_dir=tmp_path)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "老人代号", "3.101201940010113e+17")]


def test_a_number_shown_with_leading_zeros_keeps_them(con, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["企业编号", "企业名称", "业务类型", "联系电话"])
    sheet.append([1, "零零零一配送", "即时配送", "021-57123456"])
    sheet["A2"].number_format = "0000"
    done = import_file(con, book_bytes(book), "e.xlsx", "enterprises", imports_dir=tmp_path)
    assert done.committed, [p.message for p in done.problems]
    assert con.execute("select enterprise_id from enterprises where name = '零零零一配送'").fetchone()[0] == "0001"


def test_merged_cells_fill_down_only_where_the_column_allows_it(con, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [WORKER_HEADER, *worker_rows(3)]:
        sheet.append(row)
    sheet.merge_cells("G2:G4")  # 企业编号: one enterprise for a block of rows
    done = import_file(con, book_bytes(book), "w.xlsx", "workers", imports_dir=tmp_path, as_of=_today())
    assert done.committed, [p.message for p in done.problems]
    assert X.NOTE_MERGED_FILLED.format(label="企业编号", ref="G2:G4", value="E001") in done.notes
    assert con.execute("select count(*) from workers where worker_id like 'WH%' and enterprise_id = 'E001'"
                       ).fetchone()[0] == 3
    sheet.unmerge_cells("G2:G4")
    sheet.merge_cells("F2:F3")  # 手机号: a phone is never shared by merging
    result = rejected(con, book_bytes(book), "w.xlsx", "workers", "合并单元格 F2:F3", imports_dir=tmp_path)
    assert [(p.row, p.column) for p in result.problems] == [(2, "手机号")]


# --- title and total rows ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_title_row_and_a_total_row_are_skipped_with_notices(con, tmp_path, fmt):
    rows = [["2026年3月新就业群体人员台账"], [], WORKER_HEADER, *worker_rows(2), ["合计", "2 人"]]
    data = xlsx_bytes({"人员": rows}) if fmt == "xlsx" else csv_bytes(rows)
    done = import_file(con, data, f"w.{fmt}", "workers", imports_dir=tmp_path, as_of=_today())
    assert done.committed and done.inserted == 2, [p.message for p in done.problems]
    assert X.NOTE_TITLE_ROWS.format(rows="1", header=3) in done.notes
    assert X.NOTE_TOTAL_ROWS.format(rows="6") in done.notes


def test_file_level_problems_name_the_whole_file(con, tmp_path):
    result = rejected(con, b"x" * (limits.MAX_BYTES + 1), "big.csv", "reports", "超过上限 50 MB", imports_dir=tmp_path)
    assert result.problems[0].column == X.FILE_LEVEL


def test_cli_takes_the_sheet_and_the_skip_hidden_flag(ref_db_path, tmp_path):
    work_db = copy_db(ref_db_path, tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "2月"
    for row in [WORKER_HEADER, *worker_rows(2)]:
        book.active.append(row)
    march = book.create_sheet("3月")
    for row in [WORKER_HEADER, *worker_rows(3, 100)]:
        march.append(row)
    march.row_dimensions[3].hidden = True
    path = tmp_path / "人员.xlsx"
    path.write_bytes(book_bytes(book))
    env = {"FXDASH_IMPORTS": str(tmp_path / "imports"), "FXDASH_AS_OF": "2026-03-18"}
    args = ("import", str(path), "--table", "workers", "--db", str(work_db))
    out = in_process(*args, env=env)
    assert out.returncode == 1 and "请选择要导入的工作表" in out.stdout and "--sheet '3月'" in out.stdout
    out = in_process(*args, "--sheet", "3月", env=env)
    assert out.returncode == 1 and "3\t（整行）\t\t这是隐藏行" in out.stdout
    out = in_process(*args, "--sheet", "3月", "--skip-hidden", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "新增 2 行" in out.stdout and "已跳过隐藏行或有删除线的行 1 行（第 3 行）" in out.stdout
