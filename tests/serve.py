"""`streamlit run app.py` as a child process for browser tests: start on a free port, wait until healthy, stop.

The fixtures in tests/conftest.py (`app_server`, `writable_server`) share one server per worker; call
`serve` directly only where a test needs a server of its own (a fresh start, several replicas).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOWNS_GEOJSON = ROOT.parent / "shared" / "data" / "geo" / "fengxian_towns.geojson"
APP_LAUNCHER = ("-m", "streamlit", "run", "app.py")


class AppServer(str):
    """A running app server. The string itself is its base URL (http://127.0.0.1:PORT), so it reads as one
    (`app_server + "/reports"`); .proc, .db_path, .store_path and .log_path say what it runs on."""

    proc: subprocess.Popen
    db_path: Path
    store_path: Path
    log_path: Path

    def stop(self, graceful: bool = True) -> None:
        """Stop the server: by SIGTERM, Streamlit's own shutdown (~0.9 s), or with graceful=False at once
        (SIGKILL), where nothing it holds is looked at again (a worker's shared servers at its end)."""
        if graceful:
            self.proc.terminate()
        else:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def copy_store(template: Path, path: Path) -> Path:
    """Copy a SQLite store with its WAL files (a copy of the file alone may miss committed rows), over any
    store at `path` (whose WAL files go: they would belong to the file replaced)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copy(f"{template}{suffix}", f"{path}{suffix}")
        else:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_path: Path, extra_env: dict | None = None, launcher: tuple[str, ...] = APP_LAUNCHER,
          log_path: Path | None = None, store_template: Path | None = None, as_of: str = "2026-11-27") -> AppServer:
    """Start the app (or another launcher taking streamlit's options) on `db_path`; return it once its health
    check answers. Its operational store is the file beside the database (`<db>.ops.sqlite3`), a copy of
    `store_template` when given (demo accounts hashed once), else created by the app with the demo
    accounts. Its output goes to log_path (default beside the database; give each of several servers on
    one database its own)."""
    log_path = log_path or db_path.with_suffix(".log")
    store_path = db_path.with_suffix(".ops.sqlite3")
    if store_template is not None:
        copy_store(store_template, store_path)
    port = _free_port()
    env = {**os.environ, "FXDASH_DB": str(db_path), "FXDASH_AS_OF": as_of, "FXDASH_STORE": str(store_path),
           **(extra_env or {})}
    if TOWNS_GEOJSON.exists() and "FXDASH_BOUNDARIES" not in (extra_env or {}):
        env["FXDASH_BOUNDARIES"] = str(TOWNS_GEOJSON)
    with open(log_path, "w") as log:  # the child keeps its own handle
        proc = subprocess.Popen(
            [sys.executable, *launcher, "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = AppServer(f"http://127.0.0.1:{port}")
    server.proc, server.db_path, server.store_path, server.log_path = proc, db_path, store_path, log_path
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{server}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return server
        except OSError:
            time.sleep(0.1)  # polling a port that is not listening yet: nothing to wait on instead
    server.stop()
    raise RuntimeError(f"streamlit did not start: {log_path.read_text()}")
