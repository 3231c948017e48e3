"""The people page served by `streamlit run` in headless Chromium: the role filter of the URL narrows the list.
Every tab is drawn on the walk through every page (tests/test_browser.py)."""

import pytest

from fxdash.labels import people as LP
from tests.auth import ACCOUNT, ADMIN, login
from tests.conftest import screenshot, select_tab

pytestmark = pytest.mark.browser


def open_tab(page, name: str) -> None:
    select_tab(page, name)  # plotly draws after the tab becomes visible


def open_people(page, base: str, query: str = "", user: str = ADMIN) -> None:
    # sign in on the deep link itself: the login form keeps the page and its query.
    # tall enough to capture the tables below the charts (Streamlit scrolls inside its own container)
    page.set_viewport_size({"width": 1600, "height": 2600})
    login(page, base, user, path="/people" + query)


def test_people_page_role_filter_narrows_the_list(app_server, page):
    # a district account: all towns, personal data masked (an admin sees the list unmasked)
    open_people(page, app_server, "?role=爱心接力员&town=310120111", user=ACCOUNT["district"])
    open_tab(page, LP.PEOPLE_TABS[4])
    text = page.inner_text("[data-testid='stApp']")
    assert "爱心接力员" in text and "电话已脱敏" in text
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "people_list_filtered")
