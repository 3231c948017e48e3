"""The server process seen from /proc (Linux): which process listens on a port, its CPU seconds and
memory while a load test runs. Nothing here needs the server's cooperation."""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(inode)
    return inodes


def pid_listening_on(port: int) -> int | None:
    """The process holding a listening socket on `port` (one we may inspect), or None."""
    wanted = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    if not wanted:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in wanted:
                    return int(proc.name)
        except OSError:  # gone, or not ours to read
            continue
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15 of stat)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Stats:
    cpu_seconds: float
    start_rss: int
    peak_rss: int
    load: float  # the highest 1-minute load average seen


class Watch:
    """Samples the server's memory every `every` seconds until stop(); CPU is the difference."""

    def __init__(self, pid: int, every: float = 0.2):
        self.pid = pid
        self.cpu0 = cpu_seconds(pid)
        self.start_rss = self.peak = rss_bytes(pid)
        self.load = os.getloadavg()[0]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)
        self._thread.start()

    def _sample(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.peak = max(self.peak, rss_bytes(self.pid))
            except OSError:  # the server went away: the sessions will say so
                return
            self.load = max(self.load, os.getloadavg()[0])

    def stop(self) -> Stats | None:
        self._stop.set()
        self._thread.join(2)
        try:
            cpu = cpu_seconds(self.pid) - self.cpu0
        except OSError:
            return None
        return Stats(cpu, self.start_rss, self.peak, self.load)

