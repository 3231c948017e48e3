"""Roles in a real browser: one page per role (navigation, downloads) and a refused direct link."""

import pytest

from tests.access_helpers import USERS
from tests.auth import TEST_PASSWORD, login

pytestmark = pytest.mark.browser


@pytest.fixture
def role_server(app_server):
    """The shared server: it has an account per role (USERS); tests sign in through the form."""
    return app_server


def open_as(new_page, url: str, role: str, path: str):
    pg = new_page({"width": 1400, "height": 1600})
    login(pg, url, USERS[role].username, TEST_PASSWORD, path=path)
    return pg


# role, page, whether 数据管理 is in the navigation, whether the page offers downloads. The admin's
# (/data) is checked on the walk through every page (tests/test_browser.py, data_page_is_in_the_navigation_
# with_downloads), the district's (/reports) on the sign-in test (tests/test_browser_login.py): same visits.
CASES = [
    ("town", "/people", True, True),
    ("viewer", "/people", False, False),
]


@pytest.mark.parametrize(("role", "path", "data_in_nav", "downloads"), CASES)
def test_each_role_sees_its_pages_and_downloads(role_server, new_page, role, path, data_in_nav, downloads):
    pg = open_as(new_page, role_server, role, path)
    assert pg.get_by_test_id("stException").count() == 0
    nav = pg.get_by_test_id("stSidebarNav").inner_text()
    assert "总览" in nav and ("数据管理" in nav) == data_in_nav
    assert (pg.get_by_test_id("stDownloadButton").count() > 0) == downloads
    if role == "town":  # the town selector offers the account's town only
        pg.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
        options = pg.get_by_role("option")
        options.first.wait_for()
        assert options.all_inner_texts() == ["青村镇"]


def test_a_direct_link_to_a_refused_page_says_so(role_server, new_page):
    pg = open_as(new_page, role_server, "viewer", "/data?town=310120101")
    assert pg.get_by_test_id("stException").count() == 0
    assert "无权访问" in pg.get_by_test_id("stAlert").first.inner_text()
    assert pg.get_by_test_id("stDataFrame").count() == 0 and pg.get_by_test_id("stDownloadButton").count() == 0
    assert "数据管理" not in pg.get_by_test_id("stSidebarNav").inner_text()
