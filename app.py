"""fxdash entry point: page config, the page list, the shared sidebar filters."""

import streamlit as st

from fxdash import login, ui, ui_rights
from fxdash.labels import accounts as LA
from fxdash.labels import common as LC
from fxdash.labels import pages as PG
from fxdash.labels import reconcile as R

st.set_page_config(page_title=LC.APP_SHORT, page_icon="🛵", layout="wide")

ui.ensure_database()

# (key = "pages/<key>.py", title, icon, default); pages the user's role may not open are replaced by
# a hidden page that refuses them (fxdash.rights decides which)
PAGES = [
    ("overview", PG.PAGE_OVERVIEW, ":material/dashboard:", True),
    ("map", PG.PAGE_MAP, ":material/map:", False),
    ("reports", PG.PAGE_REPORTS, ":material/report:", False),
    ("people", PG.PAGE_PEOPLE, ":material/groups:", False),
    ("community", PG.PAGE_COMMUNITY, ":material/volunteer_activism:", False),
    ("weekly", PG.PAGE_WEEKLY, ":material/event_note:", False),
    ("reconcile", R.PAGE, ":material/fact_check:", False),
    ("data", PG.PAGE_DATA, ":material/database:", False),
    ("users", LA.PAGE_USERS, ":material/manage_accounts:", False),  # admins only (fxdash.rights)
    ("audit", LA.PAGE_AUDIT, ":material/policy:", False),
]
# signs in or stops: no page runs, and no data is read, before that (declaring pages reads nothing)
user = login.gate([key for key, *_ in PAGES])

present = ui.presentation_mode()
# in projector mode the sidebar is hidden, so the page list moves to the top bar
page = st.navigation(ui_rights.navigation_pages(PAGES), position="top" if present else "sidebar")
if ui_rights.refused(page):  # a direct link to a page the role may not open: no filters, no query
    page.run()
    st.stop()
st.session_state["fx_filters"] = ui.sidebar_filters()
login.account_sidebar(user)
ui.apply_presentation(present)
ui.apply_base_css()
ui.demo_banner()
ui.run_page(page)
