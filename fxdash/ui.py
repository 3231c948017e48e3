"""The Streamlit side of fxdash: connection, cached queries, the shared filters, common widgets.

Pages import this module; the core modules (db, demo, queries, ingest) never import streamlit.
"""

import datetime as dt
import importlib
import re
import threading

import duckdb
import pandas as pd
import streamlit as st

from fxdash import access, config, db, demo, export, geo
from fxdash import labels as L
from fxdash import store as ops
from fxdash.filters import LIST_FIELDS, Filters, date_range, default_filters, from_params
from fxdash.queries import common

GLOBAL_FIELDS = ("towns", "occupations", "enterprises")
_STORE = "_fx_values"  # filter values that survive page switches (widget state does not)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:=&@])")


def plain(text) -> str:
    """User-supplied text made safe for a markdown body (st.info, st.warning…): every markdown or HTML
    character is escaped, so no link, image or formatting can come from a file or a URL."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return re.sub(r"(?i)(www)\.", r"\1\\.", escaped).replace("\n", "  \n")  # no www. autolink either


def current_user() -> access.User | None:
    """The signed-in user of this session (None before sign-in); see fxdash.access."""
    return st.session_state.get(access.SESSION_KEY)


def settings() -> config.Settings:
    return config.load_settings()


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(path)


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide connection; use `.cursor()` per call (one connection across threads is busy)."""
    return _connection(str(settings().db))


def ensure_database() -> None:
    """On first start with no database, build the demo database, showing progress."""
    s = settings()
    if not s.db.exists():
        with _build_lock():
            if not s.db.exists():
                with st.status(L.BUILDING_DEMO, expanded=True) as status:
                    bar = st.progress(0.0)
                    demo.write_demo(s.db, s.as_of, progress=lambda frac, label: bar.progress(frac, text=label))
                    status.update(label=L.DEMO_BUILT, state="complete", expanded=False)
    try:
        connection()
    except duckdb.IOException as exc:
        st.error(f"无法打开数据库文件 {s.db}:它可能正被另一个程序(如命令行导入)占用。请稍后刷新页面。\n\n{exc}")
        st.stop()


@st.cache_resource(show_spinner=False)
def _ops_store(setting: str) -> ops.Store:
    return ops.open_store(setting)


def ops_store() -> ops.Store:
    """The operational store (FXDASH_STORE): import log, snapshots, settings, accounts, audit log."""
    return _ops_store(settings().store)


def username() -> str | None:
    user = current_user()
    return user.username if user else None


def data_version() -> str:
    with connection().cursor() as cur:
        return db.data_version(cur)


def run(fn, filters: Filters | None = None, /, **kwargs):
    """Call a query function with a fresh cursor, cached by filters and the data version."""
    return _cached(fn.__module__, fn.__qualname__, filters, data_version(), tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(module: str, name: str, filters, version: str, kwargs: tuple):
    fn = getattr(importlib.import_module(module), name)
    with connection().cursor() as cur:
        if filters is None:
            return fn(cur, **dict(kwargs))
        return fn(cur, filters, **dict(kwargs))


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
        with connection().cursor() as cur:
            known = {"towns": tuple(common.town_names(cur)), "enterprises": tuple(common.enterprise_names(cur))}
        f, errors = from_params(_query_params(), settings().as_of, known)
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
    with connection().cursor() as cur:
        town_names = common.town_names(cur)
        ent = common.enterprises(cur)
    ent_names = dict(zip(ent["enterprise_id"], ent["name"]))
    with st.sidebar:
        st.subheader(L.FILTERS_HEADER)
        for message in st.session_state.pop("_fx_errors", []):
            st.warning(plain(message))
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
                   **{name: tuple(values[name]) for name in GLOBAL_FIELDS})


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
    st.caption(L.OVERVIEW_CAPTION.format(start=f.date_from, end=f.date_to, days=f.days,
                                         pstart=p.date_from, pend=p.date_to))


def filter_notes(f: Filters) -> list[tuple[str, str]]:
    with connection().cursor() as cur:
        notes = f.describe(common.town_names(cur), common.enterprise_names(cur))
        as_of = db.data_as_of(cur)
    notes.append((L.DATA_AS_OF, as_of.isoformat() if as_of else "—"))
    notes.append(("导出时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")))
    return notes


def downloads(df: pd.DataFrame, f: Filters, stem: str, key: str, labels: dict | None = None,
              extra_notes: list[tuple[str, str]] | None = None) -> None:
    """CSV and XLSX download buttons for a table, with the filters (and any page-level narrowing
    such as a drill-down, `extra_notes`) written into the files."""
    _download_buttons(export.with_labels(df, labels), filter_notes(f) + list(extra_notes or []), stem, key)


def table_downloads(df: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and XLSX download buttons for a table that does not depend on the filters (e.g. a log)."""
    _download_buttons(df, [(L.EXPORT_NOTE_TABLE, stem)], stem, key)


def _download_buttons(df: pd.DataFrame, notes: list[tuple[str, str]], stem: str, key: str) -> None:
    # built only when clicked: a long list (tens of thousands of rows) would otherwise be converted
    # to CSV and Excel on every rerun of the page
    c1, c2 = st.columns(2)
    c1.download_button("下载 CSV", lambda: export.to_csv_bytes(df, notes),
                       file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv", width="stretch")
    c2.download_button("下载 Excel", lambda: export.to_xlsx_bytes({stem: df}, notes),
                       file_name=f"{stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", width="stretch")


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
    """
    if "fx_filters" not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


def current_filters() -> Filters:
    """The filters app.py built for this run."""
    ensure_frame()
    return st.session_state["fx_filters"]


def week_picker(container=None, count: int = 26):
    """A selectbox of the last `count` complete weeks, kept in the URL as ?week=2026-W47."""
    from fxdash import weeks

    latest = weeks.last_complete_week(settings().as_of)
    options = [latest] + weeks.previous_weeks(latest, count - 1)
    if "_fx_week" not in st.session_state:
        raw = st.query_params.get("week")
        chosen = latest
        if raw:
            try:
                chosen = weeks.parse(raw)
                if chosen not in options:
                    raise ValueError(raw)
            except ValueError:
                st.warning(plain(L.WEEKLY_BAD_WEEK.format(value=str(raw)[:20])))
                chosen = latest
        st.session_state["_fx_week"] = chosen
    _seed("fx_w_week", st.session_state["_fx_week"])
    target = container if container is not None else st
    picked = target.selectbox(L.WEEKLY_PICK, options, key="fx_w_week", format_func=weeks.span_text)
    st.session_state["_fx_week"] = picked
    st.query_params["week"] = weeks.label(picked)
    return picked


def week_snapshot(f: Filters, monday):
    """The latest saved figures of the week and view (operational store; not cached: small, and a
    save must show at once)."""
    from fxdash.queries import weekly

    return weekly.latest_snapshot(ops_store(), f, monday)


def save_week_snapshot(f: Filters, monday, who: str) -> None:
    """Store the week's figures in the operational store and announce it to the audit log."""
    from fxdash import weeks
    from fxdash.queries import weekly

    who = (who or "").strip()
    if not who:
        st.warning(L.WEEKLY_SNAPSHOT_WHO_MISSING)
        return
    with connection().cursor() as cur:
        n = weekly.save_snapshot(cur, ops_store(), f, monday, who)
    access.record("snapshot", username(), week=weeks.label(monday), filters=weekly.filters_key(f),
                  saved_by=who, metrics=n)
    st.success(L.WEEKLY_SNAPSHOT_DONE.format(n=n, when=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), who=who))


# Every export goes through fxdash.export (filters noted, formula cells escaped, personal data masked):
# the data grid's own "Download as CSV" would bypass that, so it is hidden.
BASE_CSS = """
<style>
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }
</style>
"""


def apply_base_css() -> None:
    st.html(BASE_CSS)


MAX_TABLE_ROWS = 2000  # rows sent to the browser; the downloads always carry every row


def capped(df: pd.DataFrame) -> pd.DataFrame:
    """The first MAX_TABLE_ROWS rows, with a note when more exist (a long grid helps nobody in a meeting)."""
    if len(df) > MAX_TABLE_ROWS:
        st.caption(L.TABLE_CAPPED.format(shown=MAX_TABLE_ROWS, total=len(df)))
        return df.head(MAX_TABLE_ROWS)
    return df
