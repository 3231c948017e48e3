"""Layered fixtures: a demo database at the article's date, an empty schema, the app server, a browser.

Under pytest-xdist (pyproject's addopts) every worker is its own process: a session fixture runs once per
worker. What is expensive to build (the demo databases, the store with hashed demo accounts) is built once
per run by `built_once` and copied; what a process holds open (a DuckDB file, a server) is per worker.
"""

import collections
import datetime as dt
import fcntl
import gc
import os
import shutil
import threading
from pathlib import Path

import pytest

from fxdash import access, db, demo, versions
from fxdash import store as ops
from fxdash.store import audit
from tests import serve as tests_serve
from tests.browse import (  # noqa: F401 - re-exported: tests import them from here
    OUTPUT,
    assert_webgl,
    click_and_rerun,
    outside_requests,
    screenshot,
    script_runs,
    select_tab,
    track_runs,
    wait_for_app,
    wait_for_charts,
    wait_for_rerun,
)
from tests.serve import AppServer, copy_store, serve  # noqa: F401 - re-exported for the tests

# FXDASH_BENCH=1: measuring tests run at full size and print their timings (see bench_size)
BENCH = os.environ.get("FXDASH_BENCH") == "1"
# cheap argon2id parameters for the store's hasher in tests (production's, 19 MiB and 2 passes, cost ~100 ms
# a hash or sign-in; test_accounts checks production's own parameters)
TEST_HASHER = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}

ROOT = Path(__file__).resolve().parent.parent
REF_DATE = dt.date(2026, 3, 18)  # the article's date: the published figures hold here
APP_AS_OF = dt.date(2026, 11, 27)  # a fixed "today" for app and browser tests
GEO_DIR = ROOT.parent / "shared" / "data" / "geo"
TOWNS_GEOJSON = GEO_DIR / "fengxian_towns.geojson"
# Debian's old headless shell where installed (.ci/run installs it): the same Chromium build without the
# full browser around it, a tenth less CPU over the browser tests; else Debian's chromium
CHROMIUM = (shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None))


def bench_size(full: int, small: int) -> int:
    """The size of a measuring test: `full` in a benchmark run (FXDASH_BENCH=1), else `small`. The default
    run checks the same behaviour at the small size; timings are printed, never asserted."""
    return full if BENCH else small


# --- the operational store -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clean_process_state(monkeypatch):
    """No FXDASH_* setting of the shell reaches a test (an exported FXDASH_DEADLINES would change the
    weekly answers), and no audit sink a test attached (AppTest, an in-process CLI) outlives it.
    FXDASH_BENCH* stay: they switch tests to their full-size measuring runs (see `bench_size`)."""
    for name in [k for k in os.environ if k.startswith("FXDASH_") and not k.startswith("FXDASH_BENCH")]:
        monkeypatch.delenv(name)
    yield
    audit.detach()
    access._SINKS.clear()


@pytest.fixture(autouse=True)
def _own_store(_clean_process_state, _new_store_template, tmp_path, monkeypatch):
    """Every test gets its own SQLite operational store: nothing a test does reaches data/. It starts as a
    copy of a new store as its first open leaves it (migrated, the article's figures seeded, no accounts):
    about 200 tests open it (an import logs to it), and migrating each cost ~40 ms. The migrations
    themselves are tested on stores of their own (test_store)."""
    copy_store(_new_store_template, tmp_path / "ops.sqlite3")
    monkeypatch.setenv("FXDASH_STORE", str(tmp_path / "ops.sqlite3"))


@pytest.fixture
def ops_store(_own_store, tmp_path):
    """The test's SQLite operational store (the one FXDASH_STORE names), migrated."""
    store = ops.open_store(str(tmp_path / "ops.sqlite3"))
    yield store
    ops.close_store(store)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes():
    """The store's argon2id hasher with cheap parameters in this process (hashes and sign-ins cost ~1 ms, not
    ~100 ms); production's parameters are unchanged in the code and tested in test_accounts. App servers
    started by tests keep production's: they rehash a cheap hash at its first sign-in, as they would an old one."""
    from argon2 import PasswordHasher

    from fxdash.store import accounts

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_HASHER", PasswordHasher(**TEST_HASHER))
        mp.setattr(accounts, "_DUMMY", [])
        yield


@pytest.fixture(scope="session", autouse=True)
def _one_chart_browser():
    """The weekly files' chart images (plotly's fig.to_image through kaleido) in one Chromium per worker,
    started at the first image and kept: by itself kaleido starts and stops a browser for every image,
    seconds each. The images, the code path in fxdash and its timeout are the same."""
    try:
        import kaleido
    except ImportError:  # no images without kaleido: the files go out without charts, as in production
        yield
        return
    one_shot = kaleido.calc_fig_sync

    def calc_fig_sync(*args, kopts=None, **kwargs):
        kaleido.start_sync_server(silence_warnings=True, **(kopts or {}))  # plotly's options, as one-shot
        return one_shot(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kaleido, "calc_fig_sync", calc_fig_sync)
        yield
    stop = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
    stop.start()
    stop.join(30)
    if stop.is_alive():  # a browser that hung for good: leave it, and let the exit not wait for it (atexit)
        kaleido._global_server._initialized = False


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once():
    """Streamlit's scan of the installed packages for custom components once per worker, not once per
    AppTest: every new AppTest's first run reads the metadata of every installed distribution (~0.4 CPU-s,
    half of a short AppTest case). The packages do not change during a run, so neither does the answer."""
    from streamlit.components.v2 import manifest_scanner

    scan, found = manifest_scanner.scan_component_manifests, []

    def scan_once(*args, **kwargs):
        if not found:
            found.append(scan(*args, **kwargs))
        return list(found[0])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests", scan_once)
        yield


@pytest.fixture(scope="session", autouse=True)
def _apptest_as_the_server_runs():
    """AppTest's runs as the bench makes them (fxdash.bench_pages): app.py and the pages compiled once per
    worker in one ScriptCache, as the server keeps it (AppTest made a new cache for every run and parsed,
    rewrote and compiled both scripts again), and a run's end waited for by joining the script thread
    instead of waking every 1 ms to look (each wake takes the GIL from the script). Same elements, same
    timeout error."""
    from fxdash import bench_pages

    with bench_pages.shared_script_cache(), bench_pages.without_polling():
        yield


def run_root(tmp_path_factory) -> Path:
    """The temporary folder the whole run shares: pytest's base temp, or its parent under xdist (each worker
    has its own base temp below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder filled by `build(folder)` once per run, by whichever xdist worker comes first (the others wait
    on a file lock, then find it done). Treat it as read-only: copy a file out before opening it for writing."""
    folder = run_root(tmp_path_factory) / f"built-{name}"
    with open(run_root(tmp_path_factory) / f"built-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            folder.mkdir()
            build(folder)
            (folder / ".done").touch()
    return folder


def _copy_built(tmp_path_factory, name: str, file: str, build) -> Path:
    """This worker's own copy of a file built once per run (a DuckDB file open read-write locks others out)."""
    path = tmp_path_factory.mktemp(name) / file
    shutil.copy(built_once(tmp_path_factory, name, build) / file, path)
    return path


def _build_store(folder: Path, users=()) -> None:
    from fxdash.store import cli
    from tests.auth import ensure_account

    store = ops.open_store(str(folder / "template.sqlite3"))
    cli.demo_accounts(store)
    for user in users:
        ensure_account(store, user)
    ops.close_store(store)  # the last connection closed: the WAL is checkpointed into the file


@pytest.fixture(scope="session")
def _new_store_template(tmp_path_factory) -> Path:
    """A store as its first open leaves it, built once per run (see _own_store)."""
    def build(folder: Path) -> None:
        ops.close_store(ops.open_store(str(folder / "template.sqlite3")))  # the WAL checkpointed into the file

    return built_once(tmp_path_factory, "new-store", build) / "template.sqlite3"


@pytest.fixture(scope="session")
def store_template(tmp_path_factory, _cheap_password_hashes) -> Path:
    """A migrated SQLite store holding the demo accounts, built once per run: copy it (copy_store)."""
    return built_once(tmp_path_factory, "store", _build_store) / "template.sqlite3"


@pytest.fixture(scope="session")
def roles_store_template(tmp_path_factory, _cheap_password_hashes) -> Path:
    """store_template plus one account per role of tests.access_helpers.USERS (admin, district, qingcun,
    viewer; password tests.auth.TEST_PASSWORD), built once per run: the store of `app_server`."""
    from tests.access_helpers import USERS

    return built_once(tmp_path_factory, "roles-store", lambda d: _build_store(d, USERS.values())) / "template.sqlite3"


@pytest.fixture
def demo_store(store_template, tmp_path):
    """The test's own operational store (the one FXDASH_STORE names) with the demo accounts."""
    copy_store(store_template, tmp_path / "ops.sqlite3")
    store = ops.open_store(str(tmp_path / "ops.sqlite3"))
    yield store
    ops.close_store(store)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (tests/pg.py), or a skip where PostgreSQL cannot be installed."""
    from tests import pg

    cluster, reason = pg.start_cluster()
    if cluster is None:
        print(f"SKIP PostgreSQL store tests: {reason}")
        pytest.skip(reason)
    yield cluster
    cluster.stop()


_PG_DATABASES = iter(range(1, 10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty operational store location: a SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"fx_test_{next(_PG_DATABASES)}")


@pytest.fixture
def any_store(store_url):
    """The operational store on SQLite and on PostgreSQL (each test runs once per backend)."""
    store = ops.open_store(store_url)
    yield store
    ops.close_store(store)


@pytest.fixture(scope="session")
def ref_db_path(tmp_path_factory) -> Path:
    """This worker's copy of the demo database at REF_DATE (built once per run)."""
    return _copy_built(tmp_path_factory, "ref", "ref.duckdb", lambda d: demo.write_demo(d / "ref.duckdb", REF_DATE))


@pytest.fixture(scope="session")
def ref_connection(ref_db_path):
    con = db.connect(ref_db_path)
    yield con
    con.close()


@pytest.fixture
def ref_con(ref_connection):
    """A cursor on the shared demo database at 2026-03-18 (read it, do not write)."""
    cur = ref_connection.cursor()
    yield cur
    cur.close()


def _build_app_db(folder: Path) -> None:
    demo.write_demo(folder / "template.duckdb", APP_AS_OF)


@pytest.fixture(scope="session")
def app_db_template(tmp_path_factory) -> Path:
    """This worker's copy of the demo database at APP_AS_OF (built once per run); copy it before writing.
    A plain copy is a file the app has not versioned yet: its first start registers it (an "adopt")."""
    return _copy_built(tmp_path_factory, "app", "template.duckdb", _build_app_db)


@pytest.fixture(scope="session")
def app_db_versioned(tmp_path_factory) -> Path:
    """The demo database at APP_AS_OF as the app's first start on an empty folder leaves it: version 1, a
    demo build (the file built once per run, with its versions folder). Read-only: `copy_versioned` it."""
    return built_once(tmp_path_factory, "app", _build_app_db) / "template.duckdb"


def copy_versioned(source: Path, path: Path) -> Path:
    """A copy of the database at `source` and of its version 1 record at `path`: PATH is version 1 of its own
    (a hard link to its kept file, as fxdash.versions publishes one), so the app's first run finds a kept
    version and registers nothing, as after a first start that built the demo. Costs one file copy."""
    shutil.copy(source, path)
    folder = versions.versions_dir(path)
    folder.mkdir()
    os.link(path, versions.file_of(path, 1))
    shutil.copy(versions.file_of(source, 1).with_suffix(".json"), folder)
    return path


@pytest.fixture(scope="session")
def app_connection(app_db_template):
    con = db.connect(app_db_template)
    yield con
    con.close()


@pytest.fixture
def app_con(app_connection):
    """A cursor on the shared demo database at APP_AS_OF (read it, do not write)."""
    cur = app_connection.cursor()
    yield cur
    cur.close()


@pytest.fixture
def empty_con():
    """A fresh in-memory database with the schema and nothing else."""
    con = db.connect(":memory:")
    yield con
    con.close()


@pytest.fixture
def app_env(app_db_versioned, store_template, tmp_path, monkeypatch):
    """Environment for AppTest: its own copy of the demo database (version 1 of its own, as a first start
    leaves it: `copy_versioned`) and of the store with the demo accounts (sign in with
    tests.auth.login_apptest), boundaries if available."""
    return _app_environment(copy_versioned(app_db_versioned, tmp_path / "app.duckdb"), store_template, tmp_path,
                            monkeypatch)


@pytest.fixture(scope="session")
def _app_db_read_only(app_db_versioned, tmp_path_factory) -> Path:
    return copy_versioned(app_db_versioned, tmp_path_factory.mktemp("app-read-only") / "app.duckdb")


@pytest.fixture
def app_env_read_only(_app_db_read_only, store_template, tmp_path, monkeypatch):
    """app_env for AppTests that only read the data (no import, no change in place, no new version): one
    copy of the demo database per worker, shared by them as a server's users share it, so a query result
    one test computed (the process's shared results are keyed by database and version) serves the next as
    it would the next session. Its own store, as app_env. Fails a test that changed the shared copy."""
    path = _app_db_read_only
    before = _file_state(path)
    yield _app_environment(path, store_template, tmp_path, monkeypatch)
    if _file_state(path) != before:
        pytest.fail(f"a test on app_env_read_only changed the shared database: use app_env ({before})")


def _file_state(path: Path) -> tuple:
    stat = path.stat()
    return versions.current(path), sorted(os.listdir(versions.versions_dir(path))), stat.st_size, stat.st_mtime_ns


def _app_environment(path: Path, store_template: Path, tmp_path: Path, monkeypatch) -> Path:
    copy_store(store_template, tmp_path / "ops.sqlite3")  # the FXDASH_STORE of _own_store
    monkeypatch.setenv("FXDASH_DB", str(path))
    monkeypatch.setenv("FXDASH_AS_OF", APP_AS_OF.isoformat())
    if TOWNS_GEOJSON.exists():
        monkeypatch.setenv("FXDASH_BOUNDARIES", str(TOWNS_GEOJSON))
    else:
        monkeypatch.delenv("FXDASH_BOUNDARIES", raising=False)
    monkeypatch.chdir(ROOT)
    return path


# --- browser tests: app servers, Chromium, waiting on conditions --------------------------------------


def start_server(db_path: Path, extra_env: dict | None = None, launcher: tuple[str, ...] | None = None,
                 log_path: Path | None = None, store_template: Path | None = None):
    """A server of a test's own (tests.serve.serve); returns (process, base URL). Prefer `app_server`."""
    server = serve(db_path, extra_env, launcher or tests_serve.APP_LAUNCHER, log_path, store_template,
                   APP_AS_OF.isoformat())
    return server.proc, str(server)


def _needs_chromium() -> None:
    if CHROMIUM is None:
        pytest.skip("no Chromium found (install Debian's chromium to run browser tests)")


@pytest.fixture(scope="session")
def app_server(app_db_template, roles_store_template, tmp_path_factory):
    """THE shared app server: `streamlit run app.py` on this worker's copy of the demo database at
    APP_AS_OF, started once per worker and used by every browser test that only reads.

    - Value: a `tests.serve.AppServer`, a str holding the base URL (`login(page, app_server, path="/map")`,
      `app_server + "/reports"`), with .db_path, .store_path, .log_path and .proc.
    - Accounts: the demo accounts (tests.auth.ACCOUNT / PASSWORDS, e.g. `login(page, app_server)` signs in as
      the demo admin) and one account per role of tests.access_helpers.USERS ("admin", "district", "qingcun"
      with town 青村镇, "viewer"), password tests.auth.TEST_PASSWORD.
    - Many users at once: each browser context (the `page` fixture gives a fresh one per test) is its own
      Streamlit session and signs in through the form (`tests.auth.login`); a goto or reload is a new session
      and signs in again. Sign in as different users in different contexts, side by side.
    - Do not change its data or settings (imports, reconcile edits, account changes): those tests use
      `writable_server`, or a server of their own (`tests.serve.serve`) when they need a fresh start.
    - Wait on conditions, never sleep: `wait_for_app` (script idle), `wait_for_charts` (charts and maps
      drawn), `select_tab`, `click_and_rerun`."""
    _needs_chromium()
    path = tmp_path_factory.mktemp("server") / "app.duckdb"
    shutil.copy(app_db_template, path)
    server = serve(path, store_template=roles_store_template, as_of=APP_AS_OF.isoformat())
    yield server
    server.stop(graceful=False)  # the worker's end: its tests are done with it


WRITER, WRITER_PASSWORD = "data-admin", "a real admin password"  # the real admin of writable_server


@pytest.fixture(scope="session")
def writable_server(app_db_template, store_template, tmp_path_factory):
    """A second shared server (once per worker) for browser tests that write: imports through the data page.
    Sign in as the real admin WRITER / WRITER_PASSWORD (after real rows are imported the demo accounts stop
    working). Its imports are archived under its own folder (FXDASH_IMPORTS). Tests on it import rows that
    no other test counts on; group them with `@pytest.mark.xdist_group("writable")` to share one server."""
    from fxdash.store import accounts

    _needs_chromium()
    folder = tmp_path_factory.mktemp("writable")
    path = folder / "app.duckdb"
    shutil.copy(app_db_template, path)
    store = ops.open_store(str(copy_store(store_template, path.with_suffix(".ops.sqlite3"))))
    accounts.add(store, WRITER, access.ADMIN, [], True, WRITER_PASSWORD, {})
    ops.close_store(store)
    server = serve(path, {"FXDASH_IMPORTS": str(folder / "imports")}, as_of=APP_AS_OF.isoformat())
    yield server
    server.stop(graceful=False)  # the worker's end: its tests are done with it


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--js-flags=--max-opt=1"]
# --max-opt=1: V8 stops at its baseline compiler (Sparkplug). A test's page lives for seconds: optimising
# Streamlit's and plotly's hot functions costs more than it returns in that time (measured, a sign-in with
# the people page and a switch to the reports page, alternating with and without: 4.58 -> 4.17 CPU-s of
# Chromium; interpreter only, --max-opt=0, was worse again).
# A page opened without WebGL draws everything but its maps: deck.gl logs that it has no context and leaves
# the canvas empty, the rest of the page is the same. A map page load costs about 1.7 CPU-s of software
# WebGL (SwiftShader starts a context and compiles its shaders on every load) and twice the wall time,
# so tests that do not look at a map open their pages without it (`new_page`, `page`); the tests that
# check maps ask for `webgl=True` (`map_page`) and check that they have it (tests.browse.assert_webgl).
NO_WEBGL = ["--disable-webgl"]


@pytest.fixture(scope="session")
def _playwright():
    _needs_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def _shared_contexts(_playwright, tmp_path_factory, _free_pages):
    """Per locale and WebGL or not, one browser context per worker that the tests' pages share (see
    `new_page`), each launched at its first use; the blank page it opens with is the first one handed out.

    A persistent context (a profile folder) rather than an incognito one: its pages keep V8's code cache
    of Streamlit's and plotly's scripts, where an incognito context compiles them again on every page
    load (measured, alternating: 4.08 -> 3.75 CPU-s of Chromium a sign-in, people page and switch to the
    reports page)."""
    contexts = {}

    def get(locale: str, webgl: bool):
        if (locale, webgl) not in contexts:  # no animations: a page load draws fewer frames
            profile = tmp_path_factory.mktemp(f"chromium-{locale}-{'webgl' if webgl else 'plain'}")
            contexts[locale, webgl] = _playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS + ([] if webgl else NO_WEBGL),
                locale=locale, reduced_motion="reduce")
            _free_pages[locale, webgl].extend(contexts[locale, webgl].pages)
        return contexts[locale, webgl]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def _free_pages():
    """Per (locale, WebGL), the pages earlier tests of this worker handed back (see `new_page`)."""
    return collections.defaultdict(list)


@pytest.fixture
def new_page(_shared_contexts, _free_pages):
    """Open a browser page: `new_page(viewport={"width": 1920, "height": 1080}, locale="en-US")`; with
    `webgl=True` for a test that looks at a map (without, maps stay empty: see NO_WEBGL).

    Pages of a locale share one browser context per worker, so the HTTP cache keeps Streamlit's
    scripts (hashed names, served as immutable) and a page load does not fetch and compile the whole
    frontend again; and a page a test is done with serves a later test: a new page is a new renderer
    process, which parses and compiles Streamlit's frontend and plotly again (measured: a sign-in and the
    people page 3.3 CPU-s of Chromium in a new page, 1.7-2.0 in one used before). Nothing a test relies
    on carries over: every page is a Streamlit session of its own (sign in on each, tests.auth.login);
    after a test its pages leave the app (about:blank: the session's websocket closes), lose the
    listeners the test added and its sessionStorage, and the cookies are cleared. A test that needs a
    fresh browser profile launches its own (`_playwright.chromium.launch(executable_path=CHROMIUM,
    args=CHROMIUM_ARGS)`)."""
    opened = []

    def open_page(viewport: dict | None = None, locale: str = "zh-CN", webgl: bool = False):
        context = _shared_contexts(locale, webgl)  # at its launch, its blank page joins the free ones
        free = _free_pages[locale, webgl]
        pg = free.pop() if free else context.new_page()
        added = _listeners_recorded(pg)
        track_runs(pg)  # before the app opens: its websocket counts the script runs (wait_for_rerun)
        pg.set_viewport_size(viewport or {"width": 1600, "height": 2400})
        opened.append((free, pg, added))
        return pg

    yield open_page
    for free, pg, added in opened:
        if _handed_back(pg, added):
            free.append(pg)
        pg.context.clear_cookies()


def _listeners_recorded(pg) -> list:
    """Record the listeners added to `pg` from now on (page.on), so that they can be removed."""
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(pg).on(pg, event, handler)

    pg.on = on
    return added


def _handed_back(pg, added: list) -> bool:
    """Leave the app, forget what this test attached to the page; False (closed) where that fails."""
    try:
        if pg.is_closed():
            return False
        # wait_for_function as an evaluate with a time limit (a page stuck in a failed test must not hang here)
        pg.wait_for_function("() => { try { sessionStorage.clear() } catch (e) {} return true }", timeout=10_000)
        pg.goto("about:blank", timeout=30_000)
        del pg.on
        for event, handler in added:
            pg.remove_listener(event, handler)
        for name in ("requests", "decks", "fx_runs"):
            pg.__dict__.pop(name, None)
        return True
    except Exception:  # noqa: BLE001 - a page that cannot be cleaned is not used again
        pg.close()
        return False


def recording(pg):
    """`pg` with every request URL it makes recorded in pg.requests (for outside_requests)."""
    pg.requests = []
    pg.on("request", lambda req: pg.requests.append(req.url))
    return pg


@pytest.fixture
def page(new_page):
    """A browser page without WebGL, 1600 px wide; every request URL is recorded in page.requests.

    Tall, because Streamlit scrolls inside its own container: a full-page screenshot only shows
    what fits in the window.
    """
    return recording(new_page({"width": 1600, "height": 2400}))


@pytest.fixture
def map_page(new_page):
    """`page` with WebGL, for a test that looks at a map."""
    return recording(new_page({"width": 1600, "height": 2400}, webgl=True))


def pytest_terminal_summary(terminalreporter):
    """Say where the screenshots are (CI keeps that folder as its output)."""
    if OUTPUT.is_dir() and any(OUTPUT.glob("*.png")):
        terminalreporter.write_line(f"screenshots: {OUTPUT}")


# Tests that drive a real Chromium (Playwright, or kaleido's renderer for the weekly files) meet rare hangs
# of the browser itself on a loaded 2-core machine; each gets one fresh second attempt. A real failure fails
# twice and still fails the run.
_BROWSER_DRIVEN = ("test_exported_files_open_and_carry_the_week",)


# Longest first. xdist hands out tests (an xdist_group at once) in collection order as workers free up
# (pyproject: --dist loadgroup --no-loadscope-reorder), so a long test collected late leaves one worker
# running alone at the end. The order: the longest tests and groups of a full run's --durations, then
# the other browser tests, then everything else as collected. Only the order changes, never a test.
LONG_FIRST = (
    "tests/test_browser_ingest_limits.py",  # the "writable" group: one server, its tests in turn on one worker
    "tests/test_browser_data.py",
    "tests/test_browser_projector.py::test_every_page",
    "tests/test_browser.py::test_every_page",  # one session through every page, with each page's checks
    "tests/test_browser_reports.py::test_a_drill_in_the_url",
    "tests/test_browser_versions.py",  # two servers and a CLI import while they serve
    "tests/test_browser_projector.py",
    "tests/test_browser_map.py::test_with_narrowed_filters",
    "tests/test_browser_map_framing.py",
    "tests/test_briefing_cli.py",  # the command's files and the page's export (AppTest), kaleido
    "tests/test_browser_reports.py",
    "tests/test_bench_cli.py::test_bench_at_scale_1",  # a whole scale-1 bench, its own server
    "tests/test_browser",  # the rest of the browser tests
    "tests/test_weekly",  # the weekly files: kaleido renders the charts
    "tests/test_accounts.py",
    "tests/test_ingest_crash.py",
    "tests/test_access_app.py",  # AppTest: a sign-in and a page run per case
)


def _long_first(item) -> int:
    return next((i for i, prefix in enumerate(LONG_FIRST) if item.nodeid.startswith(prefix)), len(LONG_FIRST))


# A test process makes and drops many small objects (frames, figures, AppTest trees): with Python's default
# thresholds the cyclic collector ran ~2,500 times in 50 s of AppTest and ingest tests, 3.4 s of it (7%),
# and each full pass walked every module imported at start. Tests only: the app's processes keep the defaults.
GC_THRESHOLDS = (100_000, 50, 100)


def pytest_configure(config):
    gc.freeze()  # what is imported by now (pytest, plugins, this file's imports) is never garbage
    gc.set_threshold(*GC_THRESHOLDS)


def _grouped(items) -> None:
    """Give a test marked @pytest.mark.xdist_group(name) its "@name" suffix, as xdist's worker means to: the
    loadgroup scheduler sends the tests of one suffix to one worker. pytest-xdist 3.8 sets `item._nodeid`,
    which pytest 9 no longer reads (the id is `item._id`), so without this every group was spread over the
    workers: measured, the briefing command's module fixture ran on both, and each worker started its own
    writable server."""
    from _pytest.nodeid import NodeId

    for item in items:
        names = {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")}
        if names and hasattr(item, "_id") and not item.nodeid.endswith("@" + "_".join(sorted(names))):
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(names))}")


def pytest_collection_modifyitems(config, items):
    items.sort(key=_long_first)  # stable: the collected order within each rank
    if getattr(config.option, "loadgroup", False):  # a worker of --dist loadgroup (pyproject addopts)
        _grouped(items)
    for item in items:
        if item.get_closest_marker("browser") or getattr(item, "originalname", "") in _BROWSER_DRIVEN:
            item.add_marker(pytest.mark.flaky(reruns=1))
