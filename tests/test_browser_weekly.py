"""The weekly page in Chromium: a bad week in the URL. The page itself is checked on the walk through every
page (tests/test_browser.py), its projector mode on the projector walk (tests/test_browser_projector.py)."""

import pytest

from tests.auth import login

pytestmark = pytest.mark.browser


def test_a_bad_week_in_the_url_gives_a_chinese_warning(app_server, page):
    login(page, app_server, path="/weekly?week=2031-W99")
    assert page.get_by_test_id("stException").count() == 0
    assert "无效或不是已结束的周次" in page.inner_text("[data-testid='stApp']")
