"""fxdash entry point: page config, the page list, the shared sidebar filters."""

import streamlit as st

from fxdash import labels as L
from fxdash import ui
from fxdash.labels import reconcile as R

st.set_page_config(page_title=L.APP_SHORT, page_icon="🛵", layout="wide")

ui.ensure_database()

PAGES = [
    st.Page("pages/overview.py", title=L.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title=L.PAGE_MAP, icon=":material/map:"),
    st.Page("pages/reports.py", title=L.PAGE_REPORTS, icon=":material/report:"),
    st.Page("pages/people.py", title=L.PAGE_PEOPLE, icon=":material/groups:"),
    st.Page("pages/community.py", title=L.PAGE_COMMUNITY, icon=":material/volunteer_activism:"),
    st.Page("pages/weekly.py", title=L.PAGE_WEEKLY, icon=":material/event_note:"),
    st.Page("pages/reconcile.py", title=R.PAGE, icon=":material/fact_check:"),
    st.Page("pages/data.py", title=L.PAGE_DATA, icon=":material/database:"),
]

present = ui.presentation_mode()
# in projector mode the sidebar is hidden, so the page list moves to the top bar
page = st.navigation(PAGES, position="top" if present else "sidebar")
st.session_state["fx_filters"] = ui.sidebar_filters()
ui.apply_presentation(present)
ui.apply_base_css()
ui.demo_banner()
page.run()
