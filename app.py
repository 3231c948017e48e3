"""fxdash entry point: page config, the page list, the shared sidebar filters."""

import streamlit as st

from fxdash import labels as L
from fxdash import ui, ui_rights
from fxdash.labels import reconcile as R

st.set_page_config(page_title=L.APP_SHORT, page_icon="🛵", layout="wide")

ui.ensure_database()

# (key = "pages/<key>.py", title, icon, default); pages the user's role may not open are replaced by
# a hidden page that refuses them (fxdash.rights decides which)
PAGES = [
    ("overview", L.PAGE_OVERVIEW, ":material/dashboard:", True),
    ("map", L.PAGE_MAP, ":material/map:", False),
    ("reports", L.PAGE_REPORTS, ":material/report:", False),
    ("people", L.PAGE_PEOPLE, ":material/groups:", False),
    ("community", L.PAGE_COMMUNITY, ":material/volunteer_activism:", False),
    ("weekly", L.PAGE_WEEKLY, ":material/event_note:", False),
    ("reconcile", R.PAGE, ":material/fact_check:", False),
    ("data", L.PAGE_DATA, ":material/database:", False),
]

present = ui.presentation_mode()
# in projector mode the sidebar is hidden, so the page list moves to the top bar
page = st.navigation(ui_rights.navigation_pages(PAGES), position="top" if present else "sidebar")
if ui_rights.refused(page):  # a direct link to a page the role may not open: no filters, no query
    page.run()
    st.stop()
st.session_state["fx_filters"] = ui.sidebar_filters()
ui.apply_presentation(present)
ui.apply_base_css()
ui.demo_banner()
ui.run_page(page)
