"""Layered fixtures: a demo database at the article's date, an empty schema, the app server, a browser."""

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from fxdash import access, db, demo
from fxdash import store as ops
from fxdash.store import audit

ROOT = Path(__file__).resolve().parent.parent
REF_DATE = dt.date(2026, 3, 18)  # the article's date: the published figures hold here
APP_AS_OF = dt.date(2026, 11, 27)  # a fixed "today" for app and browser tests
GEO_DIR = ROOT.parent / "shared" / "data" / "geo"
TOWNS_GEOJSON = GEO_DIR / "fengxian_towns.geojson"
OUTPUT = ROOT / "test-output"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


# --- the operational store -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clean_process_state(monkeypatch):
    """No FXDASH_* setting of the shell reaches a test (an exported FXDASH_DEADLINES would change the
    weekly answers), and no audit sink a test attached (AppTest, an in-process CLI) outlives it."""
    for name in [k for k in os.environ if k.startswith("FXDASH_") and not k.startswith("FXDASH_BENCH")]:
        monkeypatch.delenv(name)
    yield
    audit.detach()
    access._SINKS.clear()


@pytest.fixture(autouse=True)
def _own_store(_clean_process_state, tmp_path, monkeypatch):
    """Every test gets its own SQLite operational store: nothing a test does reaches data/."""
    monkeypatch.setenv("FXDASH_STORE", str(tmp_path / "ops.sqlite3"))


@pytest.fixture
def ops_store(_own_store, tmp_path):
    """The test's SQLite operational store (the one FXDASH_STORE names), migrated."""
    store = ops.open_store(str(tmp_path / "ops.sqlite3"))
    yield store
    ops.close_store(store)


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    """A migrated SQLite store holding the demo accounts (hashing them once per session is enough)."""
    from fxdash.store import cli

    path = tmp_path_factory.mktemp("store") / "template.sqlite3"
    store = ops.open_store(str(path))
    cli.demo_accounts(store)
    ops.close_store(store)  # the last connection closed: the WAL is checkpointed into the file
    return path


def copy_store(template: Path, path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copy(f"{template}{suffix}", f"{path}{suffix}")
    return path


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
    path = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    demo.write_demo(path, REF_DATE)
    return path


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


@pytest.fixture(scope="session")
def app_db_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("app") / "template.duckdb"
    demo.write_demo(path, APP_AS_OF)
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
def app_env(app_db_template, store_template, tmp_path, monkeypatch):
    """Environment for AppTest: its own copy of the demo database and of the store with the demo
    accounts (sign in with tests.auth.login_apptest), boundaries if available."""
    path = tmp_path / "app.duckdb"
    shutil.copy(app_db_template, path)
    copy_store(store_template, tmp_path / "ops.sqlite3")  # the FXDASH_STORE of _own_store
    monkeypatch.setenv("FXDASH_DB", str(path))
    monkeypatch.setenv("FXDASH_AS_OF", APP_AS_OF.isoformat())
    if TOWNS_GEOJSON.exists():
        monkeypatch.setenv("FXDASH_BOUNDARIES", str(TOWNS_GEOJSON))
    else:
        monkeypatch.delenv("FXDASH_BOUNDARIES", raising=False)
    monkeypatch.chdir(ROOT)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path, extra_env: dict | None = None,
                 launcher: tuple[str, ...] = ("-m", "streamlit", "run", "app.py"), log_path: Path | None = None,
                 store_template: Path | None = None):
    """Start `streamlit run app.py` (or another launcher taking its options) on a free port; return
    (process, base URL). Its output goes to log_path (default: beside the database; give each of
    several servers on one database its own). Its store starts as a copy of `store_template` (demo
    accounts hashed once) when given, else the app creates the demo accounts itself."""
    log_path = log_path or db_path.with_suffix(".log")
    port = _free_port()
    if store_template is not None:
        copy_store(store_template, db_path.with_suffix(".ops.sqlite3"))
    # its own operational store beside the database (a session-scoped server starts before the
    # per-test FXDASH_STORE of _own_store is set)
    env = {**os.environ, "FXDASH_DB": str(db_path), "FXDASH_AS_OF": APP_AS_OF.isoformat(),
           "FXDASH_STORE": str(db_path.with_suffix(".ops.sqlite3")), **(extra_env or {})}
    if TOWNS_GEOJSON.exists() and "FXDASH_BOUNDARIES" not in (extra_env or {}):
        env["FXDASH_BOUNDARIES"] = str(TOWNS_GEOJSON)
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, *launcher, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"streamlit did not start: {log_path.read_text()}")


@pytest.fixture(scope="session")
def app_server(app_db_template, store_template, tmp_path_factory):
    """The app served by `streamlit run` on localhost, on its own copy of the demo database."""
    if CHROMIUM is None:
        pytest.skip("no Chromium found (install Debian's chromium to run browser tests)")
    path = tmp_path_factory.mktemp("server") / "app.duckdb"
    shutil.copy(app_db_template, path)
    proc, url = start_server(path, store_template=store_template)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    print(path.with_suffix(".log").read_text())


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium found (install Debian's chromium to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser page, 1600 px wide; every request URL is recorded in page.requests.

    Tall, because Streamlit scrolls inside its own container: a full-page screenshot only shows
    what fits in the window.
    """
    context = browser.new_context(viewport={"width": 1600, "height": 2400}, locale="zh-CN")
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()


def wait_for_app(pg, timeout: float = 60_000) -> None:
    """Wait until the script has finished and nothing is still loading."""
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    pg.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
                         timeout=timeout)


def screenshot(pg, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
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
