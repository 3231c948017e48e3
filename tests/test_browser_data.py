"""The data page in Chromium: upload a small file through the page, see the result, screenshot it."""

import shutil

import pytest

from tests.conftest import outside_requests, screenshot, start_server, wait_for_app
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data_server(app_db_template, tmp_path_factory):
    """A server of its own: these tests write to the database, which other browser tests must not see."""
    folder = tmp_path_factory.mktemp("data_server")
    path = folder / "app.duckdb"
    shutil.copy(app_db_template, path)
    proc, url = start_server(path, {"FXDASH_IMPORTS": str(folder / "imports")})
    yield url, path
    proc.terminate()
    proc.wait(timeout=10)


def open_data_page(page, url: str) -> None:
    # A fresh server that is first asked for /data runs pages/data.py alone (Streamlit's old
    # multipage mode) until the entry script has declared st.navigation once: open / first.
    page.goto(url + "/")
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_text("数据管理").first.wait_for(timeout=60_000)
    page.goto(url + "/data")
    wait_for_app(page)
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
                           timeout=120_000)
    wait_for_app(page)
    return page.inner_text("[data-testid='stApp']")


def test_upload_good_file_imports_it(data_server, page, tmp_path):
    url, db_path = data_server
    good = tmp_path / "上报样例.csv"
    good.write_bytes(csv_bytes([REPORT_HEADER, *report_rows(5, start=500)], "gbk"))
    open_data_page(page, url)
    text = upload(page, good, "检查并导入")
    assert page.get_by_test_id("stException").count() == 0
    assert "导入完成" in text and "新增 5 行" in text
    screenshot(page, "data_import_done")
    page.get_by_role("tab", name="导入记录").click()
    page.wait_for_timeout(800)
    assert "还没有导入记录" not in page.inner_text("[data-testid='stApp']")
    assert page.get_by_test_id("stDataFrame").count() >= 2  # the import log is a table now
    screenshot(page, "data_import_log")
    assert outside_requests(page.requests) == []


def test_upload_bad_file_lists_problems_and_writes_nothing(data_server, page, tmp_path):
    url, db_path = data_server
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


def test_templates_tab(data_server, page):
    url, _ = data_server
    open_data_page(page, url)
    page.get_by_role("tab", name="模板与下载").click()
    page.wait_for_timeout(800)
    text = page.inner_text("[data-testid='stApp']")
    assert "下载导入模板" in text
    assert page.get_by_test_id("stDataFrame").count() >= 1  # what every column means
    screenshot(page, "data_templates")
