"""fxdash entry point: page config, the page list, the shared sidebar filters."""

import PIL.Image  # noqa: F401 - loaded whole before any run: plotly takes it half-imported from another thread
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
NO_FILTERS = {"reconcile", "data", "users", "audit"}  # the sidebar filters would do nothing there
# signs in or stops: no page runs, and no data is read, before that (declaring pages reads nothing)
user = login.gate([key for key, *_ in PAGES])

present = ui.presentation_mode()
pages = ui_rights.navigation_pages(PAGES)
# in projector mode the sidebar and the toolbar are hidden: apply_presentation draws a page bar instead
page = st.navigation(pages, position="hidden" if present else "sidebar")
if ui_rights.refused(page):  # a direct link to a page the role may not open: no filters, no query
    page.run()
    st.stop()
f = ui.filters_without_widgets() if page.url_path in NO_FILTERS else ui.sidebar_filters()
st.session_state["fx_filters"] = f
login.account_sidebar(user)
scope_slot = ui.apply_presentation(present, [p for p in pages if p.visibility != "hidden"], page, f.to_params())
ui.apply_base_css()
ui.demo_banner()
ui.forget_view()
try:
    ui.run_page(page)
finally:  # also after st.stop: the scope line of what the page showed, its own filters included
    ui.show_view_scope(scope_slot)
