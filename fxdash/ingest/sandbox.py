"""Read an uploaded file in a child process with a memory and time limit.

A file can be built to make a reader allocate hundreds of gigabytes or spin for minutes; in the
server process that would take every user's session down. So every read runs in a process of its
own that sets RLIMIT_AS and RLIMIT_CPU on itself and writes back a pickled Grid or problem; a killed
or crashed reader becomes one Chinese problem, and the next read gets a new process.

Those processes are forked from a "zygote" (this file run as a script, one per read in progress),
which has already imported the readers: a fresh interpreter paid ~85 ms of start-up and imports
for every read (measured: 184 reads of the test suite, median 88 ms of child CPU; forked, ~10 ms).
The zygote gets a request on its stdin, forks the reader, waits at most `limits.seconds` for it
(SIGKILL after), and answers on its stdout with the reader's exit status, output and the end of its
stderr, from which the parent tells a memory or time limit from any other failure. A zygote serves
one read at a time; reads at the same moment (two sessions uploading) each get one, and the idle
ones are kept for the next read. A zygote that dies is replaced.

The zygote skips fxdash/ingest/__init__.py (which imports pandas and DuckDB: a second and 100 MB)
by registering the package without running it; it imports only read.py and the modules read.py uses.
"""

import atexit
import io
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parent.parent
_MEMORY_SIGNS = (b"MemoryError", b"memory allocation", b"Cannot allocate", b"out of memory", b"capacity overflow")
_LENGTH = struct.Struct(">Q")  # every message: its length, then a pickle
_ERR_TAIL = 4096  # what of a reader's stderr comes back: enough for the signs above
_SPARE = 30  # seconds the parent waits beyond the limit before it gives up on a zygote itself
# the only classes a reader's answer may name: pickle would call any importable function a message names, and a
# reader is the process a hostile file may have taken over
_ANSWER_CLASSES = {("fxdash.ingest.read", "Grid"), ("fxdash.ingest.xlsx", "SheetInfo"),
                   ("fxdash.ingest.problems", "Problem")}


class _Unpickler(pickle.Unpickler):
    """pickle.loads that refuses any class or function outside `allowed` ((module, name) pairs)."""

    def __init__(self, data: bytes, allowed=frozenset()):
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module, name):
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here")
        return super().find_class(module, name)


def _send(stream, obj) -> None:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(body)))
    stream.write(body)  # apart: a file's bytes are not copied once more to put the length in front
    stream.flush()


def _receive(stream, allowed=frozenset()):
    """The next message (naming no class outside `allowed`), or None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    body = stream.read(_LENGTH.unpack(head)[0])
    return _Unpickler(body, allowed).load()


class _Zygote:
    """A zygote process and the pipes to it."""

    def __init__(self):
        env = {**os.environ, "PYTHONPATH": str(_ROOT), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve())], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, cwd=str(_ROOT), start_new_session=True)

    def ask(self, request: dict, limits):
        """The zygote's answer for one read; None if the zygote is gone or stuck (it is then stopped)."""
        timer = threading.Timer(limits.seconds + _SPARE, self.stop)  # a stuck zygote must not hang the upload
        timer.start()
        try:
            _send(self.proc.stdin, (request, limits))
            return _receive(self.proc.stdout)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            timer.cancel()

    def stop(self) -> None:
        self.proc.kill()


_IDLE: list[_Zygote] = []
_IDLE_LOCK = threading.Lock()


@atexit.register
def _stop_idle() -> None:
    """At exit, end the idle zygotes (each would end by itself when its stdin closes)."""
    with _IDLE_LOCK:
        for zygote in _IDLE:
            zygote.proc.stdin.close()
            zygote.proc.wait()
        _IDLE.clear()


def _run(request: dict, limits) -> tuple:
    for fresh in (False, True):  # once more with a new zygote if the one taken failed (died, stopped)
        zygote = None if fresh else _take_idle()
        zygote = zygote or _Zygote()
        answer = zygote.ask(request, limits)
        if answer is not None:
            with _IDLE_LOCK:
                _IDLE.append(zygote)
            return _outcome(*answer, request["call"])
        zygote.stop()
        zygote.proc.wait()
    return "limit", "failed"


def _take_idle() -> "_Zygote | None":
    """An idle zygote that is still running (those that ended meanwhile are dropped), or None."""
    with _IDLE_LOCK:
        while _IDLE:
            zygote = _IDLE.pop()
            if zygote.proc.poll() is None:
                return zygote
    return None


def _outcome(returncode, out: bytes, err: bytes, call: str) -> tuple:
    """What the end of a reader of `call` means: its answer, or a limit it hit (None: killed at the time
    limit)."""
    if returncode is None or returncode == -signal.SIGXCPU:
        return "limit", "timeout"
    if returncode == 0 and out:
        return _answer(out, call)
    crashed_for_memory = returncode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV) or any(
        s in err for s in _MEMORY_SIGNS)
    return "limit", "memory" if crashed_for_memory else "failed"


def _answer(out: bytes, call: str) -> tuple:
    """A reader's answer: ("ok", a Grid for "grid", a list of SheetInfo for "sheets") or ("error", a Problem,
    a list of sheets); anything else (a class it may not name, another shape) is a failed read."""
    from fxdash.ingest.problems import Problem
    from fxdash.ingest.read import Grid
    from fxdash.ingest.xlsx import SheetInfo

    try:
        answer = _Unpickler(out, _ANSWER_CLASSES).load()
    except Exception:  # noqa: BLE001 - whatever the bytes are, they are not an answer
        return "limit", "failed"
    if not isinstance(answer, tuple) or not answer:
        return "limit", "failed"
    if answer[0] == "ok" and len(answer) == 2:
        value = answer[1]
        if call == "grid":
            expected = isinstance(value, Grid)
        else:
            expected = isinstance(value, list) and all(isinstance(info, SheetInfo) for info in value)
        if expected:
            return answer
    if answer[0] == "error" and len(answer) == 3 and isinstance(answer[1], Problem) and isinstance(answer[2], list):
        return answer
    return "limit", "failed"


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
    from fxdash.ingest.read import _fail

    limits = limits or lim.load()
    try:
        lim.check_size(len(data), limits)  # before anything is copied to the child
    except lim.LimitError as exc:
        raise _fail(str(exc)) from exc
    request = {"call": "grid", "data": data, "filename": filename, "sheet_hints": tuple(sheet_hints),
               "sheet": sheet, "skip_hidden": skip_hidden, "header_keys": frozenset(header_keys)}
    return _read(request, limits)


def list_sheets(data: bytes, limits=None):
    """fxdash.ingest.read.list_sheets, run in the child. Raises ReadError like it."""
    from fxdash.ingest import limits as lim

    return _read({"call": "sheets", "data": data}, limits or lim.load())


def _read(request: dict, limits):
    """The reader's value for `request`, or its ReadError, or a ReadError with the problem of a limit it hit."""
    from fxdash.ingest.read import ReadError

    status, *rest = _run(request, limits)
    if status == "ok":
        return rest[0]
    if status == "error":
        raise ReadError(rest[0], rest[1])
    raise ReadError(_problem(rest[0], limits))


# --- in the zygote and its readers ---------------------------------------------------------------


def _reader(request: dict, limits, out_fd: int) -> None:
    """The forked reader: limits on itself, the read, its answer to out_fd. Never returns."""
    import resource
    import traceback

    code = 0
    try:
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
        with os.fdopen(out_fd, "wb") as out:
            out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - a reader that failed says why on stderr (MemoryError…)
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)  # a forked process: no exit handlers, no buffers of the zygote flushed twice


def _collect(out_r: int, err_r: int, deadline: float) -> tuple[bytes, bytes, bool]:
    """Read a reader's stdout and stderr pipes until both close or the deadline passes (False)."""
    import select
    import time

    chunks = {out_r: [], err_r: []}
    open_fds = [out_r, err_r]
    while open_fds:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks[out_r]), b"".join(chunks[err_r]), False
        ready, _, _ = select.select(open_fds, [], [], left)
        for fd in ready:
            chunk = os.read(fd, 1 << 20)
            if chunk:
                chunks[fd].append(chunk)
                if fd == err_r and len(chunks[err_r]) > 64:  # keep the end only
                    chunks[err_r] = [b"".join(chunks[err_r])[-_ERR_TAIL:]]
            else:
                open_fds.remove(fd)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r])[-_ERR_TAIL:], True


def _serve_one(request: dict, limits) -> tuple:
    """Fork a reader for one request and wait for it: (returncode or None at the time limit, out, err)."""
    import time

    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    deadline = time.monotonic() + limits.seconds
    pid = os.fork()
    if pid == 0:  # the reader: nothing of it may reach the zygote's stdout, the answers' channel
        os.close(out_r)
        os.close(err_r)
        os.dup2(err_w, 1)
        os.dup2(err_w, 2)
        os.close(err_w)
        os.close(0)
        _reader(request, limits, out_w)
    os.close(out_w)
    os.close(err_w)
    try:
        out, err, finished = _collect(out_r, err_r, deadline)
    finally:
        os.close(out_r)
        os.close(err_r)
    if not finished:
        os.kill(pid, signal.SIGKILL)
    status = os.waitpid(pid, 0)[1]
    return (os.waitstatus_to_exitcode(status) if finished else None), out, err


def _zygote() -> None:
    """Import the readers once, then answer requests from stdin until it closes."""
    import types

    package = types.ModuleType("fxdash.ingest")
    package.__path__ = [str(_HERE)]
    sys.modules["fxdash.ingest"] = package
    from fxdash.ingest import read  # noqa: F401 - imported once here, for every reader forked

    try:  # what read.py imports for workbooks and for CSV files not in UTF-8
        import charset_normalizer  # noqa: F401
        import python_calamine  # noqa: F401
    except ImportError:  # then each reader imports what it needs, or fails as it would have
        pass
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (message := _receive(stdin, {("fxdash.ingest.limits", "Limits")})) is not None:
        request, limits = message
        _send(stdout, _serve_one(request, limits))
        del request, message  # the file's bytes: not kept while idle


if __name__ == "__main__":
    sys.path[0] = str(_ROOT)  # not this folder: its module names are the package's
    _zygote()
