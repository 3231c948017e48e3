"""Server-side page timings with Streamlit's AppTest, signed in as the demo admin through the login form.

For one page: cold (every st.cache_data cleared first: what a new filter combination costs) and warm
(the same run again, from cache), each the median of `repeats` runs; the page's own queries alone (the
query calls it made through fxdash.ui_data, replayed uncached, without Streamlit); a bare page (the
app's frame: login check, sidebar, banner, with the page itself skipped); and the bytes of the
elements the page sends (deck JSON, plotly specs, dataframes, the rest), from the element protos.
"""

import contextlib
import logging
import statistics
import time
from dataclasses import dataclass

from fxdash import config, privacy

APP = config.ROOT / "app.py"
PAGE_KEYS = ("overview", "map", "reports", "people", "community", "weekly")  # the pages issue 17 budgets
RUN_TIMEOUT = 300  # seconds per script run (a cold page at scale 100 takes a few)
KINDS = {"deck_gl_json_chart": "deck", "plotly_chart": "plotly", "dataframe": "dataframes",
         "arrow_data_frame": "dataframes", "table": "dataframes", "arrow_table": "dataframes"}


@dataclass
class PageFigures:
    page: str
    cold: float
    warm: float
    queries: float
    bare: float
    n_queries: int
    bytes: dict  # kind -> bytes (deck, plotly, dataframes, other) and total

    @property
    def ratio(self) -> float:
        return self.cold / (self.queries + self.bare) if self.queries + self.bare > 0 else float("nan")


def available_pages() -> list[str]:
    return sorted(p.stem for p in (config.ROOT / "pages").glob("*.py"))


def page_list(value: str) -> list[str]:
    """`--pages a,b` of bench and loadtest: known page keys only (argparse shows the Chinese message)."""
    import argparse

    known = available_pages()
    parts = [p.strip() for p in value.split(",") if p.strip()]
    unknown = [p for p in parts if p not in known]
    if not parts or unknown:
        raise argparse.ArgumentTypeError(f"未知页面 {'、'.join(unknown) or value}；可选：{','.join(known)}")
    return parts


class _Recorder:
    """Wraps fxdash.ui_data._cached (every query a page runs through ui.run goes there) to note the
    calls of a run; `replay` times them again uncached, straight on DuckDB."""

    def __init__(self):
        from fxdash import ui_data

        self.module = ui_data
        self.original = ui_data._cached
        self.calls: list[tuple] = []

    def __enter__(self):
        def cached(fn, name, filters, version, kwargs, mode):
            self.calls.append((fn, name, filters, version, kwargs, mode))
            return self.original(fn, name, filters, version, kwargs, mode)

        self.module._cached = cached
        return self

    def __exit__(self, *exc):
        self.module._cached = self.original

    def replay(self, calls) -> float:
        started = time.perf_counter()
        for fn, _name, filters, version, kwargs, mode in calls:
            with self.module._connection_for(version).cursor() as cur:
                result = fn(cur, **dict(kwargs)) if filters is None else fn(cur, filters, **dict(kwargs))
            privacy.protect(result, privacy.declared(fn), mode)
        return time.perf_counter() - started


@contextlib.contextmanager
def _page_skipped():
    """The app's frame without the page: run_page does nothing (patched where app.py looks it up)."""
    from fxdash import ui

    original = ui.run_page
    ui.run_page = lambda page: None
    try:
        yield
    finally:
        ui.run_page = original


@contextlib.contextmanager
def navigation_mode():
    """Run app.py's st.navigation for every page, as the server does. AppTest starts each run with
    Streamlit's legacy pages/ mode (our pages/ folder exists), which runs a page file without app.py;
    the server leaves that mode on its first run (fxdash.ui.ensure_frame), so the bench does too."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original
        PagesManager.uses_pages_directory = None


def _clear_caches() -> None:
    import streamlit as st

    from fxdash import ui_data, ui_widgets

    st.cache_data.clear()
    ui_data._query.clear()  # query results are a resource too (shared, handed out as copies)
    ui_widgets._figure.clear()  # built charts are kept per input too (a resource: shared, not copied)


def signed_in_app(username: str, password: str):
    """An AppTest of app.py past the login form (as a person signs in), or BenchError."""
    from streamlit.testing.v1 import AppTest

    from fxdash.bench_data import BenchError
    from fxdash.labels import accounts as LA

    # "no runtime found" on every cleared cache (we clear from outside a script run): not news here
    for name in ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).addFilter(lambda record: record.levelno >= logging.ERROR)
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    at.run()
    fields = {w.label: w for w in at.text_input}
    if LA.LOGIN_USER not in fields:
        raise BenchError(f"没有看到登录表单：{_problem(at)}")
    fields[LA.LOGIN_USER].input(username)
    fields[LA.LOGIN_PASSWORD].input(password)
    next(b for b in at.button if b.label == LA.LOGIN_BUTTON).click()
    at.run()
    if any(w.label == LA.LOGIN_PASSWORD for w in at.text_input):
        raise BenchError(f"登录失败（用户 {username}）：{_problem(at)}")
    return at


def _problem(at) -> str:
    texts = [e.value for e in at.exception] + [e.value for e in at.error]
    return "；".join(str(t)[:200] for t in texts) or "无提示"


def _timed(at) -> float:
    started = time.perf_counter()
    at.run()
    took = time.perf_counter() - started
    if at.exception or any("错误编号" in str(e.value) for e in at.error):
        from fxdash.bench_data import BenchError

        raise BenchError(f"页面出错：{_problem(at)}")
    return took


def element_bytes(at) -> dict:
    """Bytes of the element protos in the page's tree, by kind; 'total' sums them."""
    sizes = {"deck": 0, "plotly": 0, "dataframes": 0, "other": 0}

    def walk(node):
        proto = getattr(node, "proto", None)
        children = getattr(node, "children", None)
        if children:  # a block: its own proto is tiny, count its children
            for child in children.values():
                walk(child)
        elif proto is not None:
            sizes[KINDS.get(getattr(node, "type", ""), "other")] += proto.ByteSize()

    walk(at._tree)
    sizes["total"] = sum(sizes.values())
    return sizes


def _key(call: tuple) -> tuple:
    _fn, name, filters, _version, kwargs, mode = call
    return name, repr(filters), repr(kwargs), mode


def measure_page(at, page: str, repeats: int = 3) -> PageFigures:
    """Figures of pages/<page>.py on a signed-in AppTest (see the module docstring)."""
    at.switch_page(f"pages/{page}.py")
    with _page_skipped():
        bare = []
        for _ in range(repeats):
            _clear_caches()
            bare.append(_timed(at))
        with _Recorder() as rec:
            _clear_caches()
            _timed(at)  # the calls of the frame alone, to tell the page's own apart
            frame_calls = {_key(c) for c in rec.calls}
    cold, warm = [], []
    with _Recorder() as rec:
        for _ in range(repeats):
            _clear_caches()
            cold.append(_timed(at))
        page_calls = list({_key(c): c for c in rec.calls if _key(c) not in frame_calls}.values())
    for _ in range(repeats):
        warm.append(_timed(at))
    sizes = element_bytes(at)
    queries = [rec.replay(page_calls) for _ in range(repeats)]
    return PageFigures(page, statistics.median(cold), statistics.median(warm), statistics.median(queries),
                       statistics.median(bare), len(page_calls), sizes)
