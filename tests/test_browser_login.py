"""Signing in and out in Chromium: the form, a wrong password, the right one, a page, logout."""

import pytest

from fxdash.labels import accounts as LA
from tests.auth import ACCOUNT, PASSWORDS
from tests.conftest import outside_requests, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_login_wrong_password_right_password_page_and_logout(app_server, page):
    user = ACCOUNT["district"]
    page.goto(app_server + "/reports?town=310120111")
    page.get_by_label(LA.LOGIN_USER).wait_for(timeout=60_000)
    wait_for_app(page)
    app = page.locator("[data-testid='stApp']")
    assert page.get_by_label(LA.LOGIN_PASSWORD).is_visible()
    assert page.get_by_test_id("stSidebarNav").count() == 0  # no page list before signing in
    screenshot(page, "login_form")

    page.get_by_label(LA.LOGIN_USER).fill(user)
    page.get_by_label(LA.LOGIN_PASSWORD).fill("not-the-password")
    page.get_by_role("button", name=LA.LOGIN_BUTTON).click()
    page.get_by_text(LA.LOGIN_FAILED).wait_for(timeout=30_000)
    assert "问题上报" not in app.inner_text()

    page.get_by_label(LA.LOGIN_USER).fill(user)
    page.get_by_label(LA.LOGIN_PASSWORD).fill(PASSWORDS[user])
    page.get_by_role("button", name=LA.LOGIN_BUTTON).click()
    page.get_by_role("button", name=LA.LOGOUT).wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().strip() == "问题上报"  # the linked page, after signing in
    assert "town=310120111" in page.url and "token" not in page.url
    assert page.get_by_test_id("stException").count() == 0
    assert LA.SIGNED_IN_AS.format(name=user, role=LA.ROLE_LABELS["district"]) in app.inner_text()
    nav = page.get_by_test_id("stSidebarNav").inner_text()
    assert LA.PAGE_USERS not in nav  # admin pages are hidden
    # a district account's pages and downloads (tests/test_browser_access.py's case for this role)
    assert "总览" in nav and "数据管理" in nav
    assert page.get_by_test_id("stDownloadButton").count() > 0
    screenshot(page, "login_signed_in")

    page.get_by_role("button", name=LA.LOGOUT).click()
    page.get_by_label(LA.LOGIN_PASSWORD).wait_for(timeout=30_000)
    wait_for_app(page)
    assert LA.LOGIN_ENDED in app.inner_text() and "问题上报" not in app.inner_text()
    assert outside_requests(page.requests) == []
