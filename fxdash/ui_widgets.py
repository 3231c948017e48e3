"""Small widgets every page shares: safe text, banners, the period caption, the map base with its
warnings, download buttons with the filters written into the files, and the row cap of a grid."""

import re

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from fxdash import chart_figure, export, maps, textfmt, ui_chrome, ui_rights
from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import data as LD
from fxdash.labels import filters as LF
from fxdash.labels import overview as LO
from fxdash.labels import projector as P
from fxdash.ui_cache import SharedCache, exact
from fxdash.ui_data import boundaries, demo_state, is_demo, run, settings, uploaded_boundaries

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:=&@])")
MAX_TABLE_ROWS = 1000  # rows sent to the browser (2,000 report rows were 0.76 MB); the downloads carry every row
_KEPT = "_fx_kept"  # values of widgets inside tabs, kept while their tab is closed (see kept)
PRESENT_MAX_ROWS = 15  # a projected grid shows this many rows at most, all of them without scrolling
ROW_REM = 35 / 16  # st.dataframe's row (and header) height: 35 px at the default 16 px type, in rem


def plain(text) -> str:
    """User-supplied text made safe for a markdown body (st.info, st.warning…): every markdown or HTML
    character is escaped, so no link, image or formatting can come from a file or a URL."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return re.sub(r"(?i)(www)\.", r"\1\\.", escaped).replace("\n", "  \n")  # no www. autolink either


def demo_banner() -> None:
    """Demo data says so on every page (one small line in projector mode: CSS on its key)."""
    text = LC.DEMO_BANNER if is_demo() else LC.DEMO_MIXED_BANNER if demo_state() == "mixed" else None
    if text:
        st.container(key="fx_demo").info(text, icon=":material/science:")


def map_base() -> tuple[dict | None, dict | None, str]:
    """(towns GeoJSON or None, rivers GeoJSON or None, tile URL); warns when boundaries are missing."""
    s = settings()
    towns = boundaries(str(s.boundaries) if s.boundaries else uploaded_boundaries())
    rivers = boundaries(str(s.rivers) if s.rivers else None)
    if towns is None:
        st.caption(LC.BOUNDARIES_NOT_LOADED)
    elif "error" in towns:
        st.warning(f"{towns['error']} {LC.BOUNDARIES_NOT_LOADED}")
        towns = None
    if rivers is not None and "error" in rivers:
        rivers = None
    return towns, rivers, s.tile_url


def period_caption(f: Filters) -> None:
    p = f.previous()
    day = textfmt.day
    st.caption(LO.OVERVIEW_CAPTION.format(start=day(f.date_from), end=day(f.date_to), days=f.days,
                                         pstart=day(p.date_from), pend=day(p.date_to)))


def filter_notes(f: Filters) -> list[tuple[str, str]]:
    return run(export.data_notes, f) + [export.export_time_note()]  # cached per filters and data version


def downloads(df, f: Filters, stem: str, key: str, labels: dict | None = None,
              extra_notes: list[tuple[str, str]] | None = None, rows: int | None = None) -> None:
    """CSV and XLSX download buttons for a table, with the filters (and any page-level narrowing
    such as a drill-down, `extra_notes`) written into the files; behind the download gate. `df` may be
    a function giving the table when clicked (ui.deferred; `rows`: how many it has)."""
    if ui_rights.may_download():
        # a table is kept as it is now (copy-on-write: a later change by the page is not seen)
        kept = None if callable(df) else df.copy(deep=False)
        if kept is not None and rows is None:
            rows = len(kept)

        def table():  # the headers put on when a file is asked for, like the file itself (~0.7 ms a table)
            return export.with_labels(df() if kept is None else kept, labels)
        ui_rights.table_downloads(table, filter_notes(f) + list(extra_notes or []), stem, key, f, rows)


def table_downloads(df: pd.DataFrame, stem: str, key: str, notes: list[tuple[str, str]] | None = None) -> None:
    """CSV and XLSX download buttons for a table that does not depend on the filters (e.g. a log)."""
    ui_rights.table_downloads(df, [(LD.EXPORT_NOTE_TABLE, stem), *(notes or [])], stem, key)


def capped(df: pd.DataFrame, total: int | None = None) -> pd.DataFrame:
    """The first MAX_TABLE_ROWS rows, with a note when more exist (a long grid helps nobody in a meeting);
    `total`: how many rows the whole table has when `df` is already its first rows."""
    total = len(df) if total is None else total
    if total > MAX_TABLE_ROWS:
        st.caption(LC.TABLE_CAPPED.format(shown=MAX_TABLE_ROWS, total=total))
        return df.head(MAX_TABLE_ROWS)
    return df


def compact(df: pd.DataFrame, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """The grid's repeating text columns (town, category, handler…) sent as categories: each word once
    and a small code per row, the same on screen (at scale 100 about a third of a report list's bytes).
    `keep`: columns to send as they are (e.g. the status chips, whose column type reads text)."""
    out = df.copy()
    for col in df.columns:
        values = df[col]
        if col not in keep and len(values) >= 50 and not isinstance(values.dtype, pd.CategoricalDtype) and (
                pd.api.types.is_string_dtype(values) or values.dtype == object) and values.nunique() <= len(values) // 4:
            out[col] = values.astype("category")
    return out


def projected(df: pd.DataFrame) -> pd.DataFrame:
    """In projector mode, the first PRESENT_MAX_ROWS rows with a note saying so (nobody scrolls inside
    a grid on a projector); otherwise every row."""
    if ui_chrome.presentation_mode() and len(df) > PRESENT_MAX_ROWS:
        st.caption(P.TABLE_FIRST_ROWS.format(shown=PRESENT_MAX_ROWS, total=len(df)))
        return df.head(PRESENT_MAX_ROWS)
    return df


def grid_height(rows: int, default: int | str = "auto") -> int | str:
    """A grid's height: in projector mode tall enough for all its `rows` (see projected), else `default`."""
    if not ui_chrome.presentation_mode():
        return default
    return round(ROW_REM * ui_chrome.PRESENT_FONT_PX * (max(rows, 1) + 1)) + 8  # + borders and rounding


def lazy_tabs(key: str, sections: dict) -> None:
    """st.tabs (label -> function drawing its content) where only the open tab's function runs: a
    closed tab costs nothing, and a tab switch reruns the page (from cache: the queries already ran).
    The open tab is in the URL (?<key>=<label>, left out for the first tab), so a view stays a link."""
    asked = st.query_params.get(key)
    if asked and asked not in sections:  # Streamlit would open the first tab without a word
        st.warning(plain(LF.ERR_PARAM_UNKNOWN.format(key=key, value=asked[:40])))
    tabs = st.tabs(list(sections), key=key, bind="query-params")
    for tab, section in zip(tabs, sections.values()):
        if tab.open:
            with tab:
                section()


def kept(key: str, default=None) -> dict:
    """Keyword arguments (key, on_change) for a widget inside a lazy tab that keep its value while the
    tab is closed: Streamlit forgets the state of a widget a run does not draw. The widget gets its
    value from session state, so pass no default of its own."""
    store = st.session_state.setdefault(_KEPT, {})
    if key not in st.session_state:
        st.session_state[key] = store.get(key, default)

    def note() -> None:
        store[key] = st.session_state[key]
    return {"key": key, "on_change": note}


def figure(builder, *args, **kwargs):
    """The chart `builder(*args, **kwargs)` (a fxdash.charts / report_charts function of query results)
    built once per distinct input and shared: plotly validates every property while a figure is built
    (~10-30 ms a chart, most of a warm rerun on 队伍与志愿), while the inputs are small aggregates that
    hash in well under a millisecond. The figure is shared between sessions, so nothing may change
    it after it is built (pages only hand it to st.plotly_chart, which reads it)."""
    return _shared(builder, args, kwargs)


def deck(builder, *args, **kwargs):
    """The map `builder(*args, **kwargs)` (a fxdash.maps / station_map deck builder) built and written as
    JSON once per distinct input and shared (maps.BuiltDeck), as figure does for charts: the overview's
    station map took 15-40 ms of every run (tooltips, label placement, JSON) for the same stations. A builder
    giving a tuple (maps.scene_map: the deck and its legend) gets the tuple back with its deck frozen."""
    return _shared(builder, args, kwargs)


def _shared(builder, args: tuple, kwargs: dict):
    try:
        key = repr((tuple(exact(a) for a in args), sorted((k, exact(v)) for k, v in kwargs.items())))
    except TypeError:  # an input without an exact fingerprint: build it as before
        return builder(*args, **kwargs)
    return _figure(f"{builder.__module__}.{builder.__qualname__}", key, builder, args, kwargs)


class SharedFigure(go.Figure):
    """A built chart shared between sessions, its dict form (what st.plotly_chart asks for on every run:
    plotly deep-copies the figure and re-encodes its arrays, ~5 ms a chart) taken once. Read-only: the
    dict is the one given to every caller."""

    def to_dict(self) -> dict:
        return self._fx_dict


def _frozen(built):
    """A built chart or map as it is shared: a figure with its dict taken once (the same object, its
    class narrowed: nothing is rebuilt or revalidated), a deck as its JSON; a tuple (a deck and its
    legend, maps.scene_map) item by item."""
    if type(built) is tuple:
        return tuple(_frozen(item) for item in built)
    if isinstance(built, go.Figure):  # fxdash.chart_figure's unchecked Figure too
        built.__class__ = SharedFigure
        built._fx_dict = chart_figure.figure_dict(built)  # go.Figure.to_dict's dict, copied faster
    elif isinstance(built, pdk.Deck):
        built = maps.BuiltDeck(built)
    return built


_BUILT = SharedCache(2000)


def _figure(name: str, key: str, builder, args: tuple, kwargs: dict):
    return _BUILT.get((name, key), lambda: _frozen(builder(*args, **kwargs)))


_figure.clear = _BUILT.clear  # bench and tests start from an empty cache
