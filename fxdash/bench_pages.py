"""Server-side page timings with Streamlit's AppTest, signed in as the demo admin through the login form.

For one page (or one tab of a page with lazy tabs: "people:四大员"): cold (the query and chart caches
cleared first: what a new filter combination costs) and warm (the same run again, from cache), each the median
of `repeats` runs; the page's own queries alone: the query calls it made through fxdash.ui_data,
replayed uncached without Streamlit, each distinct call once as the cache runs it, plus the reads it
makes outside the query cache on every run (DIRECT_READS, timed where they ran); a bare page (the
app's frame: login check, sidebar, banner, with the page itself skipped); and the bytes of the
elements the page sends (deck JSON, plotly specs, dataframes, the rest), from the element protos.
"""

import contextlib
import functools
import importlib
import logging
import statistics
import time
from dataclasses import dataclass

from fxdash import config, privacy
from fxdash.labels import community as LCM
from fxdash.labels import people as LP

APP = config.ROOT / "app.py"
PAGE_KEYS = ("overview", "map", "reports", "people", "community", "weekly")  # the pages issue 17 budgets
RUN_TIMEOUT = 300  # seconds per script run (a cold page at scale 100 takes a few)
# pages with lazy tabs (fxdash.ui.lazy_tabs): URL key and tab labels; "page:label" measures that tab
TABS = {"people": ("people_tab", LP.PEOPLE_TABS), "community": ("community_tab", LCM.COMMUNITY_TABS)}
# reads a page makes outside the query cache, on every run: (module, function); timed where they ran.
# Calls from inside a cached query are the query's own time already and are not counted twice.
DIRECT_READS = (("fxdash.queries.report_drill", "drill_town"), ("fxdash.queries.common", "town_names"),
                ("fxdash.store.references", "current"), ("fxdash.store.snapshots", "latest"))
KINDS = {"deck_gl_json_chart": "deck", "plotly_chart": "plotly", "dataframe": "dataframes",
         "arrow_data_frame": "dataframes", "table": "dataframes", "arrow_table": "dataframes"}


@dataclass
class PageFigures:
    page: str
    cold: float
    warm: float
    queries: float
    bare: float
    n_queries: int  # distinct cached query calls plus direct reads per run
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


def bench_page_list(value: str) -> list[str]:
    """`--pages` of bench: page keys, or "page:tab" for one tab of a page with lazy tabs (TABS)."""
    import argparse

    parts = [p.strip() for p in value.split(",") if p.strip()]
    page_list(",".join(p.partition(":")[0] for p in parts) or value)  # unknown pages: its message
    for part in parts:
        page, has_tab, tab = part.partition(":")
        if has_tab and tab not in TABS.get(page, (None, ()))[1]:
            known = "、".join(f"{page}:{t}" for t in TABS[page][1]) if page in TABS else "无（此页没有分页签）"
            raise argparse.ArgumentTypeError(f"未知分页签 {part}；可选：{known}")
    return parts


def with_tabs(pages: list[str]) -> list[str]:
    """`--tabs`: after each page with lazy tabs, each of its other tabs ("people:四大员")."""
    out = []
    for page in pages:
        out.append(page)
        if page in TABS:
            out += [f"{page}:{tab}" for tab in TABS[page][1][1:] if f"{page}:{tab}" not in pages]
    return list(dict.fromkeys(out))


class _Recorder:
    """Wraps fxdash.ui_data._cached (every query a page runs through ui.run goes there) to note the
    calls of a run; `replay` times them again uncached, straight on DuckDB."""

    def __init__(self):
        from fxdash import ui_data

        self.module = ui_data
        self.original = ui_data._cached
        self.calls: list[tuple] = []
        self.direct: list[tuple[str, float]] = []  # (name, seconds) of DIRECT_READS outside the cache
        self._inside = 0
        self._patched: list[tuple] = []

    def __enter__(self):
        def cached(fn, name, filters, version, kwargs, mode):
            self.calls.append((fn, name, filters, version, kwargs, mode))
            self._inside += 1
            try:
                return self.original(fn, name, filters, version, kwargs, mode)
            finally:
                self._inside -= 1

        self.module._cached = cached
        for module_name, attr in DIRECT_READS:
            module = importlib.import_module(module_name)
            self._patched.append((module, attr, getattr(module, attr)))
            setattr(module, attr, self._timed_read(f"{module_name}.{attr}", getattr(module, attr)))
        return self

    def _timed_read(self, name: str, fn):
        @functools.wraps(fn)  # the same name (a query cache key) and declarations as the function itself
        def read(*args, **kwargs):
            if self._inside:
                return fn(*args, **kwargs)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.direct.append((name, time.perf_counter() - started))
        read.bench_read = True
        return read

    def __exit__(self, *exc):
        self.module._cached = self.original
        for module, attr, fn in self._patched:
            setattr(module, attr, fn)

    def replay(self, calls) -> float:
        started = time.perf_counter()
        for fn, _name, filters, version, kwargs, mode in calls:
            fn = fn.__wrapped__ if getattr(fn, "bench_read", False) else fn  # a DIRECT_READS one, cached
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


@contextlib.contextmanager
def without_polling():
    """AppTest's run waits for the script thread by waking every 1 ms to look at its events; each wake
    takes the GIL from the script. Measured back to back (scale 1, cold overview and reports, median of
    10, load 5.7-5.9): 7-9 % more process CPU per run than waiting on the thread itself (0.267 vs 0.244 s,
    0.206 vs 0.192 s; 4-6 % in an earlier sitting); a cost of the instrument, not of the server, so the bench joins the thread instead
    (the runner joins it right after anyway: same end, same timeout)."""
    from streamlit.testing.v1 import local_script_runner

    original = local_script_runner.require_widgets_deltas

    def joined(runner, timeout: float = 3) -> None:
        runner._script_thread.join(timeout)
        if runner._script_thread.is_alive():  # as AppTest's own wait ends on a timeout
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = joined
    try:
        yield
    finally:
        local_script_runner.require_widgets_deltas = original


@contextlib.contextmanager
def shared_script_cache():
    """The server compiles app.py and each page once per process (Runtime's one ScriptCache, shared by
    every session); AppTest makes new ScriptCaches on every run, so every run read, parsed and rewrote
    (Streamlit's "magic") app.py and the page again: 4-10 ms of CPU per run (warm 结对关爱 at scale 1,
    median of 8: 0.049 vs 0.039 s). The bench hands every run one cache, as the server does (the files do not change meanwhile)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    modules = (app_test, local_script_runner)
    saved = [module.ScriptCache for module in modules]  # what was there (the tests' own shared cache)
    for module in modules:
        module.ScriptCache = lambda: shared
    try:
        yield
    finally:
        for module, before in zip(modules, saved, strict=True):
            module.ScriptCache = before


def _clear_caches() -> None:
    """Forget what a new filter combination (or a new data version) finds missing: every query result
    and every built chart and map. The display copy of the town boundaries stays (a resource kept per
    file for the life of the process, whatever the filters)."""
    import streamlit as st

    from fxdash import ui_data, ui_widgets

    st.cache_data.clear()
    ui_data.clear_results()  # query results are a resource too (shared, handed out as copies)
    ui_widgets._figure.clear()  # built charts and maps are kept per input too (a resource: shared, not copied)


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


def open_page(at, page_id: str) -> None:
    """Point the AppTest at pages/<page>.py, at the tab a "page:tab" id names (the first tab otherwise,
    as a link without the tab's URL key opens it)."""
    page, _, tab = page_id.partition(":")
    at.switch_page(f"pages/{page}.py")
    for key, _ in TABS.values():
        at.query_params.pop(key, None)
    if page in TABS:
        key, labels = TABS[page]
        if tab:
            at.query_params[key] = tab
        at.session_state[key] = tab or labels[0]  # the tab widget's own state, kept from an earlier run


def _check_tab(at, page_id: str) -> None:
    page, _, tab = page_id.partition(":")
    if tab and at.query_params.get(TABS[page][0]) != tab:
        from fxdash.bench_data import BenchError

        raise BenchError(f"分页签没有打开：{page_id}（网址中为 {at.query_params.get(TABS[page][0])!r}）")


def measure_page(at, page_id: str, repeats: int = 3) -> PageFigures:
    """Figures of pages/<page>.py (at the tab of a "page:tab" id) on a signed-in AppTest (see the
    module docstring)."""
    open_page(at, page_id)
    with _page_skipped():
        bare = []
        for _ in range(repeats):
            _clear_caches()
            bare.append(_timed(at))
        with _Recorder() as rec:
            _clear_caches()
            _timed(at)  # the calls of the frame alone, to tell the page's own apart
            frame_calls = {_key(c) for c in rec.calls}
    cold, warm, direct = [], [], []
    with _Recorder() as rec:
        for _ in range(repeats):
            _clear_caches()
            before = len(rec.direct)
            cold.append(_timed(at))
            direct.append(rec.direct[before:])
        page_calls = list({_key(c): c for c in rec.calls if _key(c) not in frame_calls}.values())
    _check_tab(at, page_id)
    for _ in range(repeats):
        warm.append(_timed(at))
    sizes = element_bytes(at)
    reads = statistics.median(sum(s for _, s in run) for run in direct)
    queries = [rec.replay(page_calls) + reads for _ in range(repeats)]
    return PageFigures(page_id, statistics.median(cold), statistics.median(warm), statistics.median(queries),
                       statistics.median(bare), len(page_calls) + max(len(run) for run in direct), sizes)
