"""`python -m fxdash ...` from tests: in this process through the entry point's main(argv), or as a child.

A child interpreter pays the import of pandas, DuckDB and the rest (seconds on a loaded 2-core machine)
before it does anything; `in_process` runs the same parser, command and error handling (fxdash.__main__.main)
and answers with the same exit status and output. Tests about the process boundary itself (cron's view,
the OS user, a lock held by another process, a crash) use `child`; every command keeps at least one
such test.
"""

import contextlib
import io
import os
import subprocess
import sys

from tests.serve import ROOT


def child(*args: str, stdin: str = "", env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m fxdash ARGS` as a child process, with this process's environment plus `env`."""
    return subprocess.run([sys.executable, "-m", "fxdash", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def in_process(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m fxdash ARGS` through fxdash.__main__.main in this process: standard input from `stdin`,
    the environment plus `env` while it runs (restored afterwards), output captured."""
    from fxdash.__main__ import main
    from fxdash.store import audit

    out, err = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in (env or {})}
    os.environ.update(env or {})
    old_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = old_stdin
        audit.detach()  # main attaches the audit sink for the command; a child would end with it
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["python", "-m", "fxdash", *args], code, out.getvalue(), err.getvalue())
