"""Signing in from tests: the demo accounts, AppTest through the real login form, Playwright likewise.

There is no bypass in the product: tests sign in exactly as a person does.
"""

from fxdash.labels import accounts as LA
from fxdash.store.accounts import DEMO_ACCOUNTS

PASSWORDS = {name: password for name, _, _, password in DEMO_ACCOUNTS}
ACCOUNT = {role: name for name, role, _, _ in DEMO_ACCOUNTS}  # role -> demo user name
ADMIN = ACCOUNT["admin"]


def login_apptest(at, username: str = ADMIN, password: str | None = None):
    """Fill 用户名 / 密码 on the login form of an AppTest that has run once, press 登录, run."""
    if not at.text_input:  # not run yet
        at.run()
    password = PASSWORDS[username] if password is None else password
    by_label = {w.label: w for w in at.text_input}
    by_label[LA.LOGIN_USER].input(username)
    by_label[LA.LOGIN_PASSWORD].input(password)
    next(b for b in at.button if b.label == LA.LOGIN_BUTTON).click()
    return at.run()


def login(page, base_url: str, username: str = ADMIN, password: str | None = None, path: str | None = "/"):
    """Open base_url + path in Playwright (path None: the form already shown, e.g. after a reload), sign
    in through the form, wait for the page to be drawn.

    A browser tab is one Streamlit session: every page.goto() or reload opens a new one, so sign in again."""
    from tests.conftest import wait_for_app

    password = PASSWORDS[username] if password is None else password
    if path is not None:
        page.goto(base_url + path)
    page.get_by_label(LA.LOGIN_USER).fill(username)
    page.get_by_label(LA.LOGIN_PASSWORD).fill(password)
    page.get_by_role("button", name=LA.LOGIN_BUTTON).click()
    page.get_by_label(LA.LOGIN_PASSWORD, exact=True).wait_for(state="detached", timeout=60_000)
    wait_for_app(page)
    return page


TEST_PASSWORD = "test-only password 2026"  # the accounts tests create for named users
_HASH: list[str] = []


def ensure_account(store, user) -> str:
    """Make sure the store has an active, non-demo account for `user` (an access.User) with
    TEST_PASSWORD (hashed once per test session); returns the password to sign in with."""
    import json

    from sqlalchemy import insert

    from fxdash.store import accounts, now, schema

    if accounts.get(store, user.username) is None:
        if not _HASH:
            _HASH.append(accounts.hash_password(TEST_PASSWORD))
        with store.write() as conn:
            conn.execute(insert(schema.users).values(
                username=user.username, role=user.role, towns=json.dumps(list(user.towns)), pii=user.pii,
                password_hash=_HASH[0], active=True, demo=False, failed_logins=0, created_at=now(),
                updated_at=now()))
    return TEST_PASSWORD
