"""Driving a page in Playwright: wait on conditions (never a fixed pause), screenshots, outside requests.

Re-exported by tests/conftest.py (`from tests.conftest import wait_for_app, screenshot`).
"""

import os
import tempfile
import time
from pathlib import Path

# how long a condition may take: generous, since CI machines are shared (an idle one needs a few seconds)
PATIENCE = 120_000
# how often a page condition is checked, in ms. Playwright's default checks on every animation frame, which
# keeps the browser drawing frames for as long as the wait lasts (the whole script run): CPU the app
# server and the other worker need on a 2-core machine.
POLL_MS = 50
# how long the server may take to answer a page switch from the sidebar before the click counts as lost
NAV_ANSWER = 15_000
# screenshots: outside the repository, kept as CI output (the run prints the folder at its end)
OUTPUT = Path(os.environ.get("FXDASH_TEST_OUTPUT") or Path(tempfile.gettempdir()) / "fxdash-test-output")


def wait_for_app(pg, timeout: float = PATIENCE) -> None:
    """Wait until the script has finished and nothing is still loading."""
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    pg.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
                         timeout=timeout, polling=POLL_MS)


# every chart and map on screen has drawn: plotly its SVG, deck.gl its canvas (hidden tabs do not count)
_CHARTS_DRAWN = """() => [...document.querySelectorAll(
    '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], [data-testid="stVegaLiteChart"]')]
  .filter(el => el.getClientRects().length > 0)
  .every(el => el.querySelector(el.dataset.testid === 'stDeckGlJsonChart' ? 'canvas'
                                : el.dataset.testid === 'stPlotlyChart' ? '.main-svg' : 'svg, canvas'))"""
_TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def wait_for_charts(pg, timeout: float = PATIENCE) -> None:
    """wait_for_app, then until every visible chart and map has drawn and the browser has painted that."""
    wait_for_app(pg, timeout)
    pg.wait_for_function(_CHARTS_DRAWN, timeout=timeout, polling=POLL_MS)
    pg.evaluate(_TWO_FRAMES)


def assert_webgl(pg) -> None:
    """A map check's guard: the page's browser has WebGL (tests.conftest: `map_page`, `new_page(webgl=True)`).
    Without it deck.gl still puts a canvas on the page and only the drawing is missing."""
    assert pg.evaluate("() => !!document.createElement('canvas').getContext('webgl2')"), \
        "this test looks at a map: open its page with WebGL (map_page / new_page(webgl=True))"


# tabs that rerun the page on a switch: fxdash.ui.lazy_tabs always gives them a key (class st-key-<key>)
_STATEFUL_TABS = """tab => [...(tab.closest('[data-testid="stTabs"]')?.classList || [])]
  .some(name => name.startsWith('st-key-'))"""


def select_tab(pg, tab, timeout: float = PATIENCE) -> None:
    """Click a tab (its exact name, or a locator) of st.tabs and wait until it shows with its charts drawn.
    Lazy tabs (fxdash.ui.lazy_tabs) rerun the page on a switch: then wait for that rerun to finish."""
    if isinstance(tab, str):
        tab = pg.get_by_role("tab", name=tab, exact=True)
    switching = tab.get_attribute("aria-selected") != "true"
    before = script_runs(pg)
    tab.click()
    pg.wait_for_function("tab => tab.getAttribute('aria-selected') === 'true'", arg=tab.element_handle(),
                         timeout=timeout, polling=POLL_MS)
    if switching and pg.evaluate(_STATEFUL_TABS, tab.element_handle()):
        wait_for_rerun(pg, before, timeout)
    wait_for_charts(pg, timeout)


# a run the server ended: done, or stopped by an exception or a compile error (not one cut short by a rerun,
# which another run follows at once)
_ENDED = None


def track_runs(pg) -> None:
    """Count the script runs the server finishes for this page, from the page's own websocket: every run ends
    with a ForwardMsg `script_finished`. Call before the page opens the app (tests.conftest.new_page does).
    The DOM's script state cannot count them: a run served from cache starts and ends between two frames,
    and the page never shows it as running."""
    global _ENDED
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if _ENDED is None:
        _ENDED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
                  ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
    pg.fx_runs = 0

    def frame(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg()
            try:
                msg.ParseFromString(bytes(payload))
            except Exception:  # noqa: BLE001 - not a ForwardMsg: nothing to count
                return
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in _ENDED:
                pg.fx_runs += 1

    pg.on("websocket", lambda ws: ws.on("framereceived", frame))


def script_runs(pg) -> int:
    """How many script runs of this page have ended so far (pair with wait_for_rerun). The page must be
    tracked (track_runs)."""
    if not hasattr(pg, "fx_runs"):
        raise AssertionError("script_runs needs a page from the new_page fixture (tests.browse.track_runs)")
    return pg.fx_runs


def wait_for_rerun(pg, runs_before: int, timeout: float = PATIENCE) -> None:
    """Wait until a script run that ended after `runs_before = script_runs(pg)` was taken, then until the
    page has drawn what it sent."""
    deadline = time.monotonic() + timeout / 1000
    while script_runs(pg) <= runs_before:  # websocket events reach Python while Playwright waits
        if time.monotonic() > deadline:
            raise TimeoutError(f"no script run ended within {timeout / 1000:.0f} s")
        pg.wait_for_timeout(POLL_MS)
    wait_for_app(pg, timeout)


def click_and_rerun(pg, locator, timeout: float = PATIENCE) -> None:
    """Click a widget that reruns the script and wait until that rerun has finished (not an earlier idle)."""
    before = script_runs(pg)
    locator.click()
    wait_for_rerun(pg, before, timeout)


def go_to_page(pg, title: str, timeout: float = PATIENCE) -> None:
    """Open the page `title` through the sidebar's navigation, in the same session (st.navigation switches
    pages without a reload: no new sign-in, no new frontend), and wait until it has drawn: its title
    (every page starts with st.title) and an idle script.

    A click that lands while a rerun is under way can be lost (as on the data page's buttons, see
    test_browser_ingest_limits): if the address has not changed (the server's answer to a page switch sets
    it) within NAV_ANSWER, click again; a second click on the same page only reruns it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    link = pg.get_by_test_id("stSidebarNav").get_by_text(title, exact=True)
    heading = pg.locator("[data-testid='stMain'] h1").filter(has_text=title).first
    wait_for_app(pg, timeout)
    before = pg.url
    link.click()
    try:
        pg.wait_for_function("before => location.href !== before", arg=before, timeout=NAV_ANSWER, polling=POLL_MS)
    except PlaywrightTimeout:
        wait_for_app(pg, timeout)
        link.click()
    heading.wait_for(timeout=timeout)
    wait_for_charts(pg, timeout)


def screenshot(pg, name: str) -> Path:
    """The window as a PNG under OUTPUT (Streamlit scrolls inside its own container: the window is the
    whole page; a test makes the window taller to keep more of it).

    Taken by Chromium's own capture with its fast PNG encoder (`optimizeForSpeed`): the same pixels, a
    file about a third larger, half the browser CPU of Playwright's capture (0.08 against 0.17 CPU-s for
    the reports page at 1920x2400; the suite keeps about fifty)."""
    import base64

    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    cdp = pg.context.new_cdp_session(pg)
    try:
        shot = cdp.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
    finally:
        cdp.detach()
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def outside_requests(urls: list[str]) -> list[str]:
    """Requests that leave this machine (anything not to localhost / 127.0.0.1, or data:/blob:)."""
    from urllib.parse import urlparse

    bad = []
    for u in urls:
        parsed = urlparse(u)
        if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
            continue
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            bad.append(u)
    return bad
