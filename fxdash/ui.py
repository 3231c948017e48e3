"""The Streamlit side of fxdash: connection, cached queries, the shared filters, common widgets.

Pages import this module; the core modules (db, demo, queries, ingest) never import streamlit.
"""

import re

import pandas as pd
import streamlit as st

# (ui_rights uses this module at call time only, so importing each other is harmless)
from fxdash import config, db, export, geo, rights, textfmt, ui_rights
from fxdash import labels as L
from fxdash import store as ops
from fxdash.filters import LIST_FIELDS, Filters, date_range, default_filters, from_params
from fxdash.queries import common
from fxdash.ui_data import (  # noqa: F401 - pages use ui.*
    connection,
    current_user,
    data_version,
    ensure_database,
    publish,
    run,
    run_page,
    username,
)

GLOBAL_FIELDS = ("towns", "occupations", "enterprises")
_STORE = "_fx_values"  # filter values that survive page switches (widget state does not)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:=&@])")


def plain(text) -> str:
    """User-supplied text made safe for a markdown body (st.info, st.warning…): every markdown or HTML
    character is escaped, so no link, image or formatting can come from a file or a URL."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return re.sub(r"(?i)(www)\.", r"\1\\.", escaped).replace("\n", "  \n")  # no www. autolink either


def settings() -> config.Settings:
    return config.load_settings()


@st.cache_resource(show_spinner=False)
def _ops_store(setting: str) -> ops.Store:
    return ops.open_store(setting)


def ops_store() -> ops.Store:
    """The operational store (FXDASH_STORE): import log, snapshots, settings, accounts, audit log."""
    return _ops_store(settings().store)


def user_scope() -> Filters:
    """Filters carrying only the user's scope (for the lookups of towns and enterprises)."""
    return rights.scoped(default_filters(settings().as_of), current_user())


def is_demo() -> bool:
    with connection().cursor() as cur:
        return db.is_demo(cur)


def demo_banner() -> None:
    if is_demo():
        st.info(L.DEMO_BANNER, icon=":material/science:")
    else:
        with connection().cursor() as cur:
            mixed = db.get_meta(cur, "demo") == "mixed"  # set by fxdash.ingest on a real import
        if mixed:
            st.info(L.DEMO_MIXED_BANNER, icon=":material/science:")


@st.cache_data(show_spinner=False)
def boundaries(path: str | None):
    """The configured towns GeoJSON (or None), read once per path."""
    if not path:
        return None
    try:
        return geo.load_geojson(path)
    except geo.BoundaryError as exc:
        return {"error": str(exc)}


def _uploaded_boundaries() -> str | None:
    """The towns GeoJSON uploaded on the data page (meta, see fxdash.ingest.boundaries), if any."""
    from fxdash.ingest import boundaries as uploaded

    path, _ = uploaded.current_path(ops_store())
    return str(path) if path else None


def map_base() -> tuple[dict | None, dict | None, str]:
    """(towns GeoJSON or None, rivers GeoJSON or None, tile URL); warns when boundaries are missing."""
    s = settings()
    towns = boundaries(str(s.boundaries) if s.boundaries else _uploaded_boundaries())
    rivers = boundaries(str(s.rivers) if s.rivers else None)
    if towns is None:
        st.caption(L.BOUNDARIES_NOT_LOADED)
    elif "error" in towns:
        st.warning(f"{towns['error']} {L.BOUNDARIES_NOT_LOADED}")
        towns = None
    if rivers is not None and "error" in rivers:
        rivers = None
    return towns, rivers, s.tile_url


# --- filters ---------------------------------------------------------------------------------------


def _query_params() -> dict:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _store() -> dict:
    """Filter values for this session, first read from the URL (a shared link reopens its view)."""
    if _STORE not in st.session_state:
        params, known = ui_rights.within_scope(_query_params(), user_scope())
        f, errors = from_params(params, settings().as_of, known)
        st.session_state[_STORE] = {"period": (f.date_from, f.date_to),
                                    **{name: list(getattr(f, name)) for name in LIST_FIELDS}}
        st.session_state["_fx_errors"] = errors
    return st.session_state[_STORE]


def _seed(key: str, value) -> None:
    """Give a widget its stored value when it (re)appears; its own state is dropped off-page."""
    if key not in st.session_state:
        st.session_state[key] = value


def _sync_url() -> None:
    values = _store()
    f = Filters(date_from=values["period"][0], date_to=values["period"][1],
                **{name: tuple(values[name]) for name in LIST_FIELDS})
    wanted = f.to_params()
    for key in ["from", "to", *LIST_FIELDS.values()]:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _reset() -> None:
    as_of = settings().as_of
    d = default_filters(as_of)
    st.session_state[_STORE] = {"period": (d.date_from, d.date_to), **{name: [] for name in LIST_FIELDS}}
    for key in list(st.session_state.keys()):
        if str(key).startswith("fx_w_"):
            del st.session_state[key]


def sidebar_filters() -> Filters:
    """Render the global filters in the sidebar; return them (the page-level ones left empty)."""
    values = _store()
    mine = user_scope()
    with connection().cursor() as cur:  # the selectors list only the towns (enterprises) in scope
        town_names = common.town_names(cur, mine)
        ent = common.enterprises(cur, mine)
    ent_names = dict(zip(ent["enterprise_id"], ent["name"]))
    with st.sidebar:
        st.subheader(L.FILTERS_HEADER)
        for message in st.session_state.pop("_fx_errors", []):
            st.warning(plain(message))
        for key, refused in st.session_state.pop("_fx_refused", []):  # see ui_rights.within_scope
            ui_rights.refuse_towns(refused, via=f"url:{key}")
        _seed("fx_w_period", values["period"])
        low, high = date_range(settings().as_of)
        picked = st.date_input(L.FILTER_DATE, key="fx_w_period", help=L.FILTER_DATE_HINT,
                               min_value=low, max_value=high, format="YYYY-MM-DD")
        if isinstance(picked, (tuple, list)) and len(picked) == 2:  # one date = selection in progress
            values["period"] = (picked[0], picked[1])
        specs = (
            ("towns", L.FILTER_TOWNS, sorted(town_names), town_names.get),
            ("occupations", L.FILTER_OCCUPATIONS, list(L.OCCUPATIONS), str),
            ("enterprises", L.FILTER_ENTERPRISES, list(ent_names), ent_names.get),
        )
        for name, label, options, fmt in specs:
            key = f"fx_w_{name}"
            _seed(key, [v for v in values[name] if v in options])
            values[name] = st.multiselect(label, options, key=key, format_func=fmt, placeholder=L.FILTER_ALL)
        st.button(L.FILTER_RESET, on_click=_reset, width="stretch")
    _sync_url()
    return Filters(date_from=values["period"][0], date_to=values["period"][1],
                   **{name: tuple(values[name]) for name in GLOBAL_FIELDS}, scope=mine.scope)


def page_filters(f: Filters, names: tuple[str, ...], container=None) -> Filters:
    """Page-level filters (report category, status, station kind…): rendered where the page asks,
    stored with the global ones so they survive page switches and appear in the URL."""
    from dataclasses import replace

    from fxdash.filters import VOCABULARIES

    label = {"categories": L.FILTER_CATEGORIES, "statuses": L.FILTER_STATUSES, "roles": L.FILTER_ROLES,
             "station_kinds": L.FILTER_STATION_KINDS, "host_types": L.FILTER_HOST_TYPES,
             "amenities": L.FILTER_AMENITIES}
    values = _store()
    target = container if container is not None else st.sidebar
    chosen = {}
    with target:
        for name in names:
            key = f"fx_w_{name}"
            options = list(VOCABULARIES[name])
            _seed(key, [v for v in values[name] if v in options])
            values[name] = st.multiselect(label[name], options, key=key, placeholder=L.FILTER_ALL)
            chosen[name] = tuple(values[name])
    _sync_url()
    return replace(f, **chosen)


def period_caption(f: Filters) -> None:
    p = f.previous()
    day = textfmt.day
    st.caption(L.OVERVIEW_CAPTION.format(start=day(f.date_from), end=day(f.date_to), days=f.days,
                                         pstart=day(p.date_from), pend=day(p.date_to)))


def filter_notes(f: Filters) -> list[tuple[str, str]]:
    return run(export.data_notes, f) + [export.export_time_note()]  # cached per filters and data version


def downloads(df: pd.DataFrame, f: Filters, stem: str, key: str, labels: dict | None = None,
              extra_notes: list[tuple[str, str]] | None = None) -> None:
    """CSV and XLSX download buttons for a table, with the filters (and any page-level narrowing
    such as a drill-down, `extra_notes`) written into the files; behind the download gate."""
    if ui_rights.may_download():
        ui_rights.table_downloads(export.with_labels(df, labels), filter_notes(f) + list(extra_notes or []),
                                  stem, key, f)


def table_downloads(df: pd.DataFrame, stem: str, key: str, notes: list[tuple[str, str]] | None = None) -> None:
    """CSV and XLSX download buttons for a table that does not depend on the filters (e.g. a log)."""
    ui_rights.table_downloads(df, [(L.EXPORT_NOTE_TABLE, stem), *(notes or [])], stem, key)


# --- projector mode ----------------------------------------------------------------------------------

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
        st.button(L.PRESENT_EXIT, on_click=_set_present, args=(False,), icon=":material/close_fullscreen:")
    else:
        if PRESENT_KEY in st.query_params:
            del st.query_params[PRESENT_KEY]
        st.sidebar.button(L.PRESENT_ENTER, on_click=_set_present, args=(True,), icon=":material/slideshow:",
                          width="stretch", help=L.PRESENT_HELP)


def ensure_frame() -> None:
    """Make sure this run went through app.py; every page calls this first (via current_filters).

    On a freshly started server whose first request is a link to a page (e.g. /reports),
    Streamlit's legacy pages/ mode runs that page file without app.py until st.navigation has run
    once in the process. Then we switch the process to st.navigation mode and rerun: the same URL
    now goes through app.py, which builds the filters, the banner and the page list.
    The signed-in session is confirmed here too, so a page never runs for a session that has
    ended, expired or was never signed in, whichever way the page was reached.
    """
    from fxdash import login

    if "fx_filters" not in st.session_state or login.confirm() is None:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


def current_filters() -> Filters:
    """The filters app.py built for this run."""
    ensure_frame()
    return st.session_state["fx_filters"]


# Every export goes through fxdash.export (filters noted, formula cells escaped, personal data masked):
# the data grid's own "Download as CSV" would bypass that, so it is hidden.
BASE_CSS = """
<style>
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }
</style>
"""


def apply_base_css() -> None:
    from fxdash import widget_text

    st.html(BASE_CSS)
    widget_text.apply()  # Streamlit's own uploader and calendar text in Chinese


MAX_TABLE_ROWS = 2000  # rows sent to the browser; the downloads always carry every row


def capped(df: pd.DataFrame) -> pd.DataFrame:
    """The first MAX_TABLE_ROWS rows, with a note when more exist (a long grid helps nobody in a meeting)."""
    if len(df) > MAX_TABLE_ROWS:
        st.caption(L.TABLE_CAPPED.format(shown=MAX_TABLE_ROWS, total=len(df)))
        return df.head(MAX_TABLE_ROWS)
    return df
