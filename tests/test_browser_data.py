"""The data page in Chromium: upload a small file through the page, see the result, screenshot it."""

import pytest

from tests.auth import login
from tests.browse import POLL_MS
from tests.conftest import WRITER, WRITER_PASSWORD, outside_requests, screenshot, select_tab, wait_for_app
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows

# these tests write to the database, which the tests on app_server must not see: writable_server
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("writable")]

# These tests import real rows, after which the demo accounts stop working: sign in as the real admin of
# writable_server, created on the command line's code path before the server starts.
ADMIN, PASSWORD = WRITER, WRITER_PASSWORD


def open_data_page(page, url: str) -> None:
    login(page, url, ADMIN, PASSWORD, path="/data")
    page.get_by_text("演示数据").first.wait_for(timeout=60_000)
    wait_for_app(page)


def choose_table(page, label: str) -> None:
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_app(page)


def upload(page, path, button: str) -> str:
    choose_table(page, "问题上报")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for(timeout=20_000)
    page.get_by_role("button", name=button).click()
    # the outcome, not only an idle script: on a busy machine the rerun may start later than a fixed pause
    page.wait_for_function("() => /导入完成|检查通过|发现 \\d+ 个问题/.test(document.body.innerText)",
                           timeout=120_000, polling=POLL_MS)
    wait_for_app(page)
    return page.inner_text("[data-testid='stApp']")


def test_upload_good_file_imports_it(writable_server, page, tmp_path):
    url = writable_server
    good = tmp_path / "上报样例.csv"
    good.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(5, start=500)], "gbk"))
    open_data_page(page, url)
    text = upload(page, good, "检查并导入")
    assert page.get_by_test_id("stException").count() == 0
    assert "导入完成" in text and "新增 5 行" in text
    screenshot(page, "data_import_done")
    select_tab(page, "导入记录")
    assert "还没有导入记录" not in page.inner_text("[data-testid='stApp']")
    assert page.get_by_test_id("stDataFrame").count() >= 2  # the import log is a table now
    screenshot(page, "data_import_log")
    assert outside_requests(page.requests) == []


def test_upload_bad_file_lists_problems_and_writes_nothing(writable_server, page, tmp_path):
    url = writable_server
    rows = report_rows(4, start=800)
    rows[1][2] = "外星人"
    rows[3][7] = "昨天下午"
    bad = tmp_path / "有问题的上报.csv"
    bad.write_bytes(csv_bytes([REPORT_HEADER, *rows]))
    open_data_page(page, url)
    text = upload(page, bad, "检查并导入")
    assert page.get_by_test_id("stException").count() == 0
    assert "发现 2 个问题" in text
    assert page.get_by_test_id("stDataFrame").count() >= 2  # the problems, the counts
    assert "导入完成" not in text
    screenshot(page, "data_import_problems")


def test_templates_tab(writable_server, page):
    open_data_page(page, writable_server)
    select_tab(page, "模板与下载")
    text = page.inner_text("[data-testid='stApp']")
    assert "下载导入模板" in text
    assert page.get_by_test_id("stDataFrame").count() >= 1  # what every column means
    screenshot(page, "data_templates")
