"""Read an uploaded file in a child process with a memory and time limit.

A file can be built to make a reader allocate hundreds of gigabytes or spin for minutes; in the
server process that would take every user's session down. The child (this file run as a script)
sets RLIMIT_AS and RLIMIT_CPU on itself, reads the bytes from stdin, and writes back a pickled
Grid or problem. The parent waits at most `limits.seconds` and turns a killed or crashed child
into one Chinese problem.

The child skips fxdash/ingest/__init__.py (which imports pandas and DuckDB: a second and 100 MB)
by registering the package without running it; it needs only read.py and the modules read.py uses.
"""

import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parent.parent
_MEMORY_SIGNS = (b"MemoryError", b"memory allocation", b"Cannot allocate", b"out of memory", b"capacity overflow")


def _run(request: dict, limits) -> tuple:
    env = {**os.environ, "PYTHONPATH": str(_ROOT), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    payload = pickle.dumps((request, limits), protocol=pickle.HIGHEST_PROTOCOL)
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve())], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(_ROOT),
                            start_new_session=True)
    try:
        out, err = proc.communicate(payload, timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "limit", "timeout"
    if proc.returncode == 0 and out:
        return pickle.loads(out)
    crashed_for_memory = proc.returncode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV) or any(
        s in err for s in _MEMORY_SIGNS)
    if proc.returncode == -signal.SIGXCPU:
        return "limit", "timeout"
    return "limit", "memory" if crashed_for_memory else "failed"


def _problem(kind: str, limits):
    from fxdash.ingest.limits import MB
    from fxdash.ingest.problems import Problem
    from fxdash.labels import ingest as X

    message = {"timeout": X.ERR_READ_TIMEOUT.format(seconds=limits.seconds),
               "memory": X.ERR_READ_MEMORY.format(limit_mb=limits.memory / MB)}.get(kind, X.ERR_READ_FAILED)
    return Problem(1, X.FILE_LEVEL, "", message)


def read_grid(data: bytes, filename: str, sheet_hints=(), *, sheet=None, skip_hidden=False,
              header_keys=frozenset(), limits=None):
    """fxdash.ingest.read.read_grid, run in the child. Raises ReadError like it."""
    from fxdash.ingest import limits as lim
    from fxdash.ingest.read import ReadError, _fail

    limits = limits or lim.load()
    try:
        lim.check_size(len(data), limits)  # before anything is copied to the child
    except lim.LimitError as exc:
        raise _fail(str(exc)) from exc
    request = {"call": "grid", "data": data, "filename": filename, "sheet_hints": tuple(sheet_hints),
               "sheet": sheet, "skip_hidden": skip_hidden, "header_keys": frozenset(header_keys)}
    status, *rest = _run(request, limits)
    if status == "ok":
        return rest[0]
    if status == "error":
        raise ReadError(rest[0], rest[1])
    raise ReadError(_problem(rest[0], limits))


def list_sheets(data: bytes, limits=None):
    """fxdash.ingest.read.list_sheets, run in the child. Raises ReadError like it."""
    from fxdash.ingest import limits as lim
    from fxdash.ingest.read import ReadError

    limits = limits or lim.load()
    status, *rest = _run({"call": "sheets", "data": data}, limits)
    if status == "ok":
        return rest[0]
    if status == "error":
        raise ReadError(rest[0], rest[1])
    raise ReadError(_problem(rest[0], limits))


def _child() -> None:
    import resource
    import types

    package = types.ModuleType("fxdash.ingest")
    package.__path__ = [str(_HERE)]
    sys.modules["fxdash.ingest"] = package
    request, limits = pickle.loads(sys.stdin.buffer.read())
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds + 1, limits.seconds + 2))
    from fxdash.ingest import read

    try:
        if request["call"] == "sheets":
            result = ("ok", read.list_sheets(request["data"], limits))
        else:
            args = {k: request[k] for k in ("sheet", "skip_hidden", "header_keys")}
            result = ("ok", read.read_grid(request["data"], request["filename"], request["sheet_hints"],
                                           limits=limits, **args))
    except read.ReadError as exc:
        result = ("error", exc.problem, exc.sheets)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    sys.path[0] = str(_ROOT)  # not this folder: its module names are the package's
    _child()
