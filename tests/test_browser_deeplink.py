"""A shared link to a page works as the very first request after the server starts."""

import shutil

import pytest

from tests.auth import login
from tests.conftest import APP_AS_OF, serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "title"), [("/people?occ=快递员", "队伍与志愿"), ("/data?occ=快递员", "数据管理")])
def test_deep_link_is_the_first_request_of_a_fresh_server(app_db_template, store_template, tmp_path, new_page, path,
                                                           title):
    """Streamlit's legacy pages/ mode would run the page without app.py; we must land on the page itself."""
    db_path = tmp_path / "fresh.duckdb"
    shutil.copy(app_db_template, db_path)
    url = serve(db_path, store_template=store_template, as_of=APP_AS_OF.isoformat())  # a server of its own: its very first request
    try:
        pg = new_page({"width": 1400, "height": 900}, locale="en-US")
        login(pg, url, path=path)
        assert pg.get_by_test_id("stException").count() == 0
        assert pg.locator("h1").first.inner_text().strip() == title
        assert path.split("?")[0] in pg.url and "occ=" in pg.url
        assert "演示数据" in pg.inner_text("[data-testid='stApp']")
        # 数据管理 shows no data filters (they do nothing there), but its link keeps them for the next page
        assert ("快递员" in pg.get_by_test_id("stSidebar").inner_text()) == (title != "数据管理")
    finally:
        url.stop()
