"""A throwaway PostgreSQL cluster for the store tests: initdb in a temp dir, own port, removed after.

The server refuses to run as root, so as root the cluster is owned by and run as the `postgres` user
(Debian's package creates it). Nothing here touches a system-wide PostgreSQL service.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def bin_dir() -> Path | None:
    """Debian keeps the server tools out of PATH, under /usr/lib/postgresql/<major>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.as_postgres = os.geteuid() == 0
        # not under pytest's tmp dir: that is private to root, and the server runs as postgres
        self.dir = Path(tempfile.mkdtemp(prefix="fxdash-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str, timeout: float = 120) -> str:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "server.log"), "-w",
                  "-t", "60", "start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as con:
            con.execute(f'create database "{name}"')  # name made by the fixture, not from input
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def start_cluster() -> tuple[Cluster | None, str]:
    """(running cluster, '') or (None, the reason PostgreSQL is not available here)."""
    bindir = bin_dir()
    if bindir is None:
        return None, "PostgreSQL server not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return None, "running as root without runuser: cannot start PostgreSQL as another user"
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, subprocess.TimeoutExpired, KeyError, PermissionError) as exc:
        cluster.stop()
        raise RuntimeError(f"PostgreSQL is installed but the test cluster did not start: {exc}") from exc
    time.sleep(0.1)
    return cluster, ""
