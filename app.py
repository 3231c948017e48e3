"""fxdash entry point: page config, the login gate, the page list (by role), the shared sidebar filters."""

import streamlit as st

from fxdash import labels as L
from fxdash import login, ui
from fxdash.labels import accounts as LA

st.set_page_config(page_title=L.APP_SHORT, page_icon="🛵", layout="wide")

ui.ensure_database()

PAGES = [
    st.Page("pages/overview.py", title=L.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title=L.PAGE_MAP, icon=":material/map:"),
    st.Page("pages/reports.py", title=L.PAGE_REPORTS, icon=":material/report:"),
    st.Page("pages/people.py", title=L.PAGE_PEOPLE, icon=":material/groups:"),
    st.Page("pages/community.py", title=L.PAGE_COMMUNITY, icon=":material/volunteer_activism:"),
    st.Page("pages/weekly.py", title=L.PAGE_WEEKLY, icon=":material/event_note:"),
    st.Page("pages/data.py", title=L.PAGE_DATA, icon=":material/database:"),
]
ADMIN_PAGES = [
    st.Page("pages/users.py", title=LA.PAGE_USERS, icon=":material/manage_accounts:"),
    st.Page("pages/audit.py", title=LA.PAGE_AUDIT, icon=":material/policy:"),
]
# signs in or stops: no page runs, and no data is read, before that (declaring pages reads nothing)
user = login.gate([p.url_path for p in PAGES + ADMIN_PAGES])
if login.is_admin(user):
    PAGES += ADMIN_PAGES

present = ui.presentation_mode()
# in projector mode the sidebar is hidden, so the page list moves to the top bar
page = st.navigation(PAGES, position="top" if present else "sidebar")
st.session_state["fx_filters"] = ui.sidebar_filters()
login.account_sidebar(user)
ui.apply_presentation(present)
ui.apply_base_css()
ui.demo_banner()
try:
    page.run()
except Exception as exc:
    # the browser gets an id (client.showErrorDetails = "none" hides the details); the log has the rest
    st.error(LA.PAGE_ERROR.format(error_id=login.report_error(exc)))
    raise
