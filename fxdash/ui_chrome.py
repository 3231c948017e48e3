"""The page's chrome: projector mode (?present=1: no sidebar or toolbar, large type) and the CSS every
page gets."""

import streamlit as st

from fxdash.labels import common as LC

PRESENT_KEY = "present"
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
html, body, [data-testid="stApp"] { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; max-width: 100%; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.8rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; }
h1 { font-size: 2.6rem !important; }
</style>
"""

# Every export goes through fxdash.export (filters noted, formula cells escaped, personal data masked):
# the data grid's own "Download as CSV" would bypass that, so it is hidden.
BASE_CSS = """
<style>
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }
</style>
"""


def presentation_mode() -> bool:
    """Projector mode (?present=1): no sidebar or chrome, large type. Kept across page switches."""
    if "_fx_present" not in st.session_state:
        st.session_state["_fx_present"] = st.query_params.get(PRESENT_KEY) == "1"
    return st.session_state["_fx_present"]


def _set_present(value: bool) -> None:
    st.session_state["_fx_present"] = value


def apply_presentation(present: bool) -> None:
    """Keep the URL in step and, in projector mode, hide the chrome and offer a way out."""
    if present:
        st.query_params[PRESENT_KEY] = "1"
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
        st.button(LC.PRESENT_EXIT, on_click=_set_present, args=(False,), icon=":material/close_fullscreen:")
    else:
        if PRESENT_KEY in st.query_params:
            del st.query_params[PRESENT_KEY]
        st.sidebar.button(LC.PRESENT_ENTER, on_click=_set_present, args=(True,), icon=":material/slideshow:",
                          width="stretch", help=LC.PRESENT_HELP)


def apply_base_css() -> None:
    from fxdash import widget_text

    st.html(BASE_CSS)
    widget_text.apply()  # Streamlit's own uploader and calendar text in Chinese
