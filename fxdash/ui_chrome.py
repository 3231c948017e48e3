"""The page's chrome: projector mode (?present=1: no sidebar or toolbar; a large page bar, the scope
line and large type instead) and the CSS every page gets."""

import html

import streamlit as st

from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import filters as LF
from fxdash.labels import projector as P

PRESENT_KEY = "present"
PRESENT_FONT_PX = 20  # the base type size in projector mode; everything else is in rem from it
# chart text (SVG, sized by plotly inline: CSS !important wins): ticks, legends, bar labels, titles
PRESENT_CHART_PX, PRESENT_CHART_TITLE_PX = 17, 21
PRESENT_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stHeader"],
[data-testid="stMainBlockContainer"] h1 {{ display: none !important; }}
html, body, [data-testid="stApp"] {{ font-size: {PRESENT_FONT_PX}px; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 1.5rem 2rem 1.5rem; max-width: 100%; }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{ font-size: 2.8rem !important; }}
[data-testid="stMetricLabel"] p {{ font-size: 1.15rem; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {{ font-size: 1.2rem; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ font-size: 1.1rem !important;
  color: #31333F !important; }}
h2, h3 {{ font-size: 1.6rem !important; }}
[data-testid="stPlotlyChart"] .xtick text, [data-testid="stPlotlyChart"] .ytick text,
[data-testid="stPlotlyChart"] .legendtext, [data-testid="stPlotlyChart"] .textpoint text,
[data-testid="stPlotlyChart"] .annotation-text, [data-testid="stPlotlyChart"] .bartext {{ font-size: {PRESENT_CHART_PX}px !important; }}
[data-testid="stPlotlyChart"] .gtitle, [data-testid="stPlotlyChart"] .g-xtitle text,
[data-testid="stPlotlyChart"] .g-ytitle text {{ font-size: {PRESENT_CHART_TITLE_PX}px !important; }}
[data-testid="stTab"] p {{ font-size: 1.3rem !important; }}
div:has(> .st-key-fx_present_bar) {{ position: sticky; top: 0; z-index: 1000; }}
.st-key-fx_present_bar {{ position: sticky; top: 0; z-index: 1000; background: #ffffff; gap: 0.3rem;
  border-bottom: 2px solid #d0d7de; padding: 0.4rem 0 0.3rem 0; }}
.st-key-fx_present_bar [data-testid="stPageLink"] a {{ padding: 0.1rem 0.6rem; border-radius: 0.4rem;
  border: 1px solid #d0d7de; }}
.st-key-fx_present_bar [data-testid="stPageLink"] a p {{ font-size: 1.35rem !important; font-weight: 600; }}
.fx-here {{ font-size: 1.35rem; font-weight: 700; color: #ffffff; background: #0b5cad; border-radius: 0.4rem;
  padding: 0.2rem 0.7rem; line-height: 1.6; white-space: nowrap; }}
.fx-scope {{ font-size: 1.5rem; font-weight: 700; color: #0b3d70; background: #eaf2fb;
  border-left: 0.4rem solid #0b5cad; padding: 0.2rem 0.9rem; line-height: 1.5; }}
.fx-scope span {{ white-space: nowrap; margin-right: 1.6rem; }}
.st-key-fx_demo [data-testid="stAlertContainer"] {{ padding: 0.2rem 0.8rem; }}
.st-key-fx_demo [data-testid="stAlertContainer"] p {{ font-size: 0.9rem !important; }}
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


def apply_presentation(present: bool, pages: list | None = None, current=None, params: dict | None = None):
    """Keep the URL in step. In projector mode hide the chrome (the page title too: the bar names the
    page) and draw, at the top of the page and staying there while it scrolls, a large bar of `pages`
    (st.Page, the ones the user may open; `current` highlighted; the links carry the filters' URL
    `params`), the way out and an empty slot for the scope line (fill it with show_scope once the
    page has run); returns that slot (None outside projector mode)."""
    if present:
        st.query_params[PRESENT_KEY] = "1"
        st.html(PRESENT_CSS)
        with st.container(key="fx_present_bar"):
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                for page in pages or []:
                    if current is not None and page.url_path == current.url_path:
                        st.html(f'<span class="fx-here" aria-current="page">{html.escape(page.title)}</span>',
                                width="content")
                    else:
                        st.page_link(page, label=page.title, query_params={**(params or {}), PRESENT_KEY: "1"})
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                slot = st.container(width="stretch").empty()
                st.button(LC.PRESENT_EXIT, on_click=_set_present, args=(False,), icon=":material/close_fullscreen:",
                          key="fx_present_exit")
            return slot
    else:
        if PRESENT_KEY in st.query_params:
            del st.query_params[PRESENT_KEY]
        st.sidebar.button(LC.PRESENT_ENTER, on_click=_set_present, args=(True,), icon=":material/slideshow:",
                          width="stretch", help=LC.PRESENT_HELP)


def scope_items(f: Filters, town_names: dict, enterprise_names: dict, period: str | None = None) -> list[str]:
    """The view's scope in words: the account's towns (a town account), the towns picked (or 全区), the
    period (or `period`, e.g. the week the page shows) and every other filter that narrows the view."""
    described = dict(f.describe(town_names, enterprise_names))
    towns, period_text = described.pop(LF.FILTER_TOWNS), described.pop(LF.FILTER_DATE)
    if f.scope:  # a town account: its towns first, then any it narrowed down to
        items = [P.SCOPE_ACCOUNT.format(towns="、".join(town_names.get(c, c) for c in f.scope))]
        items += [] if towns == LF.FILTER_ALL else [f"{LF.FILTER_TOWNS}：{towns}"]
    else:
        items = [P.SCOPE_DISTRICT if towns == LF.FILTER_ALL else towns]
    items.append(period or period_text)
    items += [f"{label}：{value}" for label, value in described.items() if value != LF.FILTER_ALL]
    return items


def show_scope(slot, items: list[str]) -> None:
    """The scope line in type readable from the back of the room (text from the data is escaped)."""
    spans = "".join(f"<span>{html.escape(item)}</span>" for item in items)
    slot.html(f'<div class="fx-scope" role="status" aria-label="{P.SCOPE_TITLE}">{spans}</div>')


def controls():
    """Where a page puts its own controls: a bordered box, folded into an expander in projector mode so
    the first screen shows the figures and the map or chart."""
    return st.expander(P.CONTROLS, icon=":material/tune:") if presentation_mode() else st.container(border=True)


def apply_base_css() -> None:
    from fxdash import widget_text

    st.html(BASE_CSS)
    widget_text.apply()  # Streamlit's own uploader and calendar text in Chinese
