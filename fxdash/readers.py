"""Read-only connections of one app process, one per data version.

A script run pins the version that is current when it starts (`current_key`) and reads only that one,
so a run in progress keeps its snapshot while a writer publishes the next version. Each version is
opened through its own kept file: DuckDB hands out the instance already open for a path, so opening
PATH again after a publish would return the old data. An instance superseded by a newer version is
closed once no run has asked for it for `grace` seconds. No streamlit here.
"""

import os
import threading
import time
from pathlib import Path

from fxdash import db, versions

FALLBACK = "file-"  # key prefix of a PATH that is not (yet) a kept version: opened as PATH itself


class Readers:
    def __init__(self, path, grace: float = 120.0):
        self.path = Path(path)
        self.grace = grace
        self._lock = threading.Lock()
        self._open: dict[str, list] = {}  # key -> [connection, last used (monotonic)]
        self.last_open_seconds: float | None = None  # the latest reopen (for measurements)

    def current_key(self) -> str:
        """The key of the version PATH holds now ('v12'), or of PATH itself when it is not versioned."""
        vid = versions.current(self.path)
        if vid is not None:
            return f"v{vid}"
        st = os.stat(self.path)  # FileNotFoundError: the caller shows its message
        return f"{FALLBACK}{st.st_ino}-{st.st_mtime_ns}"

    def connection(self, key: str):
        """The process's read-only connection for `key`; use `.cursor()` per call (threads)."""
        with self._lock:
            entry = self._open.get(key)
            if entry is None:
                entry = self._open[key] = [self._connect(key), time.monotonic()]
            entry[1] = time.monotonic()
            self._close_superseded(key)
            return entry[0]

    def _connect(self, key: str):
        started = time.perf_counter()
        if key.startswith(FALLBACK):
            # the same path string would get the old instance back: close every other PATH instance first
            for other in [k for k in self._open if k.startswith(FALLBACK)]:
                self._open.pop(other)[0].close()
            con = db.connect(self.path, read_only=True)
        else:
            file = versions.file_of(self.path, int(key[1:]))
            if not file.exists():
                raise FileNotFoundError(str(file))
            con = db.connect(file, read_only=True)
        con.execute("select count(*) from meta").fetchone()  # the first read, part of a reopen's cost
        self.last_open_seconds = time.perf_counter() - started
        return con

    def _close_superseded(self, newest: str) -> None:
        now = time.monotonic()
        for key, (con, used) in list(self._open.items()):
            if key != newest and now - used > self.grace:
                con.close()
                del self._open[key]

    def open_keys(self) -> list[str]:
        with self._lock:
            return list(self._open)

    def close(self) -> None:
        with self._lock:
            for con, _ in self._open.values():
                con.close()
            self._open.clear()
