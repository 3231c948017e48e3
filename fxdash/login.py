"""The login gate (Streamlit side): runs in app.py before st.navigation, so no page script and no data
query runs for a session that has not signed in. The rules live in fxdash.store.accounts / sessions.

The session token is kept in st.session_state only (never in the URL); the User is put in
st.session_state[access.SESSION_KEY] only after the store has confirmed the session on this run.
"""

import logging
import threading
import uuid

import streamlit as st
from sqlalchemy.exc import OperationalError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from fxdash import access, ui_data
from fxdash.labels import accounts as LA
from fxdash.labels import common as LC
from fxdash.store import accounts, audit, sessions

TOKEN_KEY = "_fx_session_token"
NOTICE_KEY = "_fx_login_notice"
log = logging.getLogger("fxdash")


def report_error(exc: BaseException) -> str:
    """Log an error with a short id (the server log has the traceback; the browser gets the id)."""
    error_id = uuid.uuid4().hex[:8]
    log.error("fxdash error %s", error_id, exc_info=exc)
    return error_id


def _store():
    try:
        store = ui_data.ops_store()
        audit.attach(store)
        return store
    except Exception as exc:  # noqa: BLE001 - nothing may run without the store; say so with an id
        st.error(LA.STORE_UNAVAILABLE.format(error_id=report_error(exc)))
        st.stop()


@st.cache_resource(show_spinner=False)
def _demo_accounts_ready(store_url: str) -> bool:
    """Once per process and store: the demo database's accounts exist (created when missing)."""
    from fxdash.store import cli

    cli.demo_accounts(ui_data.ops_store())
    return True


def _forget_session(notice: str | None = None) -> None:
    """Drop everything this browser session held (filters, widgets, the user); keep a notice to show."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if notice:
        st.session_state[NOTICE_KEY] = notice


def confirm() -> access.User | None:
    """The user of this browser session if the store confirms the session now; else None, with the
    session forgotten and the reason kept for the login form."""
    store = _store()
    demo = ui_data.is_demo()
    token = st.session_state.get(TOKEN_KEY)
    if token:
        idle = ui_data.settings().idle_minutes
        checked = sessions.check(store, token, idle, demo)
        if checked.user is not None:
            st.session_state[access.SESSION_KEY] = checked.user
            _checked.run = _this_run()
            return checked.user
        notice = {"expired": LA.LOGIN_EXPIRED.format(minutes=idle), "demo_off": LA.LOGIN_DEMO_OFF}
        _forget_session(notice.get(checked.reason, LA.LOGIN_ENDED))
    st.session_state.pop(access.SESSION_KEY, None)
    _checked.run = None
    return None


_checked = threading.local()  # .run: the run (see _this_run) whose session the store confirmed


def _this_run():
    """An object that stands for this script run alone: Streamlit gives every run a new cursors dict
    (kept referenced by _checked, so no later run can get the same one)."""
    ctx = get_script_run_ctx()
    return ctx.cursors if ctx is not None else None


def confirmed_this_run() -> bool:
    """Whether app.py's gate already confirmed the session during this very run (then a page's
    ensure_frame need not ask the store a second time)."""
    run = _this_run()
    return run is not None and getattr(_checked, "run", None) is run and access.SESSION_KEY in st.session_state


def gate(url_paths: list[str]) -> access.User:
    # url_paths: the app's pages, the default (start) page first
    """The signed-in user of this run, or (after showing the login form) st.stop().

    Before signing in, the navigation holds one hidden stand-in per page of the app (same URL path,
    showing the login form): no page file can run and no page list is shown, a shared link keeps its
    address, and after signing in the same address opens the real page."""
    user = confirm()
    if user is not None:
        return user
    store, demo = _store(), ui_data.is_demo()
    if demo:
        _demo_accounts_ready(store.url)
    if not demo and not accounts.has_real_admin(store):
        title, show = LA.NO_ADMIN_TITLE, _no_admin
    else:
        title, show = LA.LOGIN_TITLE, lambda: _login_form(store, demo)
    # the start page is addressed as "/" (url path ""), as st.Page does for a default page
    stand_ins = [st.Page(show, title=title, url_path="" if i == 0 else path, default=i == 0)
                 for i, path in enumerate(url_paths)]
    st.navigation(stand_ins, position="hidden").run()
    st.stop()


def _no_admin() -> None:
    st.title(LA.NO_ADMIN_TITLE)
    st.warning(LA.NO_ADMIN_TEXT, icon=":material/admin_panel_settings:")


def _login_form(store, demo: bool) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(LC.APP_SHORT)
        st.subheader(LA.LOGIN_TITLE)
        notice = st.session_state.pop(NOTICE_KEY, None)
        if notice:
            st.info(notice)
        with st.form("fx_login", clear_on_submit=True):
            name = st.text_input(LA.LOGIN_USER, max_chars=40, autocomplete="username")
            password = st.text_input(LA.LOGIN_PASSWORD, type="password", max_chars=200,
                                     autocomplete="current-password")
            submitted = st.form_submit_button(LA.LOGIN_BUTTON, type="primary", width="stretch")
        if demo:
            st.caption(LA.LOGIN_DEMO_HINT)
        if not submitted:
            return
        if not name.strip() or not password:
            st.warning(LA.LOGIN_EMPTY)
            return
        try:
            result = accounts.sign_in(store, name, password, demo_allowed=demo)
            token = sessions.start(store, result.user.username) if result.user is not None else None
        except OperationalError as exc:  # the store stayed busy (many sign-ins at once): say so, no traceback
            st.error(LA.LOGIN_BUSY.format(error_id=report_error(exc)))
            return
        if result.user is None:
            st.error(LA.LOGIN_DEMO_OFF if result.outcome == "demo_off" else LA.LOGIN_FAILED)
            return
        _forget_session()
        st.session_state[TOKEN_KEY] = token
        st.rerun()  # the next run finds the session, puts the user in the state and shows the pages


def _logout() -> None:
    user = st.session_state.get(access.SESSION_KEY)
    sessions.end(ui_data.ops_store(), st.session_state.get(TOKEN_KEY), user.username if user else None)
    _forget_session(LA.LOGIN_ENDED)


def account_sidebar(user: access.User) -> None:
    """Who is signed in, and the logout button."""
    with st.sidebar:
        st.caption(LA.SIGNED_IN_AS.format(name=user.username, role=LA.ROLE_LABELS.get(user.role, user.role)))
        st.button(LA.LOGOUT, on_click=_logout, icon=":material/logout:", width="stretch", key="fx_logout")


def is_admin(user: access.User | None) -> bool:
    return user is not None and user.role == access.ADMIN


def ensure_frame() -> None:
    """Make sure this run went through app.py and its session is signed in; every page calls this first
    (via ui.current_filters or require_admin).

    On a freshly started server whose first request is a link to a page (e.g. /reports),
    Streamlit's legacy pages/ mode runs that page file without app.py until st.navigation has run
    once in the process. Then we switch the process to st.navigation mode (a private Streamlit flag,
    the one workaround of its kind; tests/test_browser_deeplink.py covers it) and rerun: the same URL
    now goes through app.py, which builds the filters, the banner and the page list.
    A page never runs for a session that has ended, expired or was never signed in.
    """
    if "fx_filters" not in st.session_state or not (confirmed_this_run() or confirm() is not None):
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


def require_admin() -> access.User:
    """First line of an admin page: anyone else is refused (and the refusal is in the audit log)."""
    ensure_frame()
    user = ui_data.current_user()
    if not is_admin(user):
        access.record("page_denied", user.username if user else None, page=_page_name())
        st.error(LA.ADMIN_ONLY)
        st.stop()
    return user


def _page_name() -> str:
    try:
        return st.context.url or ""
    except AttributeError:
        return ""
