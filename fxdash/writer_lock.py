"""The exclusive writer lock beside the data file: an fcntl lock on PATH.lock that names its holder.

The OS drops the lock when the holder's process dies (even by kill -9), so a crashed writer never
blocks the next one; the JSON note inside the file only serves the waiting side's message.
"""

import datetime as dt
import fcntl
import getpass
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from fxdash.labels import versions as LV

HOLD_ENV = "FXDASH_WRITER_HOLD"  # tests only: "point[,point...]:seconds" pauses the writer at named points


class WriterBusy(Exception):  # noqa: N818 - the message is what the user reads
    def __init__(self, holder: dict, wait: float):
        self.holder = holder
        super().__init__(LV.BUSY.format(holder=describe(holder), wait=f"{wait:g}"))


def describe(holder: dict) -> str:
    if not holder.get("pid"):
        return LV.HOLDER_UNKNOWN
    return LV.HOLDER.format(command=holder.get("command") or "?", pid=holder["pid"],
                            user=holder.get("user") or LV.NOBODY, since=holder.get("since", "?"))


def _holder(fh) -> dict:
    try:
        fh.seek(0)
        return json.loads(fh.read() or "{}")
    except (OSError, ValueError):
        return {}


@contextmanager
def writer_lock(path, command: str, user: str | None, wait: float, progress=None):
    """Hold the writer lock of the data file at `path`; wait up to `wait` seconds for it.

    progress(text) is told, about once a second, who holds it and how long we have waited.
    """
    lock = Path(f"{path}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 - closed below, after the lock is released
    try:
        started, told = time.monotonic(), -1
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= wait:
                    raise WriterBusy(_holder(fh), wait) from None
                if progress and int(waited) != told:
                    told = int(waited)
                    progress(LV.WAITING.format(holder=describe(_holder(fh)), waited=told, wait=f"{wait:g}"))
                time.sleep(0.2)
        note = {"command": command, "pid": os.getpid(), "user": user or _os_user(),
                "since": dt.datetime.now().isoformat(sep=" ", timespec="seconds")}
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(note, ensure_ascii=False))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def fsync_dir(folder) -> None:
    """Make a rename in `folder` durable (the directory entry, not only the file, must reach disk)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def hold(point: str) -> None:
    """Crash tests: pause at a named point of the writer so that a test can kill it there."""
    spec = os.environ.get(HOLD_ENV)
    if not spec:
        return
    points, _, seconds = spec.rpartition(":")
    if point in points.split(","):
        print(f"FXDASH-WRITER-AT {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds))
