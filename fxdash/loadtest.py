"""`python -m fxdash loadtest`: N sessions at once against a running server, clients that do not render.

Each session signs in (FXDASH_LOADTEST_USER / --user; the password from FXDASH_LOADTEST_PASSWORD or
standard input), then opens the given pages in order; all sessions start together. Output: one line per
page with p50 and p95 of its script runs, a line `errors N`, and the server's CPU seconds per page view
and peak memory (read from /proc of the server process: --server-pid, or found by the URL's port).
Bounded: at most 100 sessions and 20 rounds, and an overall time limit; local addresses only.
"""

import argparse
import ipaddress
import math
import os
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

from fxdash import loadtest_proc
from fxdash.bench_data import BenchError

MAX_SESSIONS, MAX_ROUNDS = 100, 20
LOGIN = "（登录）"  # the sign-in run (password check and the start page), reported beside the pages


def _bounded(low: int, high: int, what: str):
    def parse(value: str) -> int:
        if not value.isdigit() or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(f"{what}应为 {low} 到 {high} 的整数：{value}")
        return int(value)
    return parse


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1
    if not 1 <= number <= 3600:
        raise argparse.ArgumentTypeError(f"时限应为 1 到 3600 秒：{value}")
    return number


def _pages(value: str) -> list[str]:
    from fxdash.bench_pages import page_list  # heavy (streamlit testing): only when the flag is given

    return page_list(value)


def local_url(value: str) -> str:
    """The server's base URL, only on this machine (a load test must not hit anyone else's server)."""
    parts = urlsplit(value.strip())
    host = parts.hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if parts.scheme not in ("http", "https") or not local:
        raise argparse.ArgumentTypeError(f"只能对本机服务器压测（http://localhost:端口 或 127.0.0.1）：{value}")
    try:
        parts.port  # noqa: B018 - validates the port
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"端口无效：{value}") from exc
    return value.strip().rstrip("/")


def register(sub) -> None:
    p = sub.add_parser("loadtest", help="压测：多个会话同时登录并打开页面（只限本机服务器）")
    p.add_argument("--url", type=local_url, default="http://localhost:8501", help="服务器地址（默认 http://localhost:8501）")
    p.add_argument("--sessions", type=_bounded(1, MAX_SESSIONS, "会话数"), default=20, help="同时的会话数（默认 20）")
    p.add_argument("--pages", type=_pages, default=["overview", "weekly", "reports"],
                   help="每个会话依次打开的页面（默认 overview,weekly,reports）")
    p.add_argument("--rounds", type=_bounded(1, MAX_ROUNDS, "轮数"), default=1, help="每个会话重复几轮（默认 1）")
    p.add_argument("--user", help="登录用户（默认 FXDASH_LOADTEST_USER）；密码取 FXDASH_LOADTEST_PASSWORD 或标准输入")
    p.add_argument("--timeout", type=_seconds, default=300, help="整个压测的时限，秒（默认 300）")
    p.add_argument("--server-pid", type=_bounded(1, 2**22, "进程号"), help="服务器进程号（默认按端口查找）")
    p.set_defaults(func=cmd_loadtest)


def _credentials(args) -> tuple[str, str]:
    user = args.user or os.environ.get("FXDASH_LOADTEST_USER", "").strip()
    if not user:
        raise BenchError("请用 --user 或环境变量 FXDASH_LOADTEST_USER 指定登录用户")
    password = os.environ.get("FXDASH_LOADTEST_PASSWORD")
    if password is None:
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass("密码：")
        else:
            password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise BenchError("没有读到密码：请用 FXDASH_LOADTEST_PASSWORD 或从标准输入提供")
    return user, password


def cmd_loadtest(args) -> int:
    user, password = _credentials(args)
    port = urlsplit(args.url).port or (443 if args.url.startswith("https") else 80)
    pid = args.server_pid or loadtest_proc.pid_listening_on(port)
    ws_url = args.url.replace("http", "ws", 1) + "/_stcore/stream"
    watch = loadtest_proc.Watch(pid) if pid else None
    deadline = time.monotonic() + args.timeout
    results = {LOGIN: [], **{page: [] for page in args.pages}}
    errors: list[str] = []
    barrier = threading.Barrier(args.sessions)
    threads = [threading.Thread(target=_session, daemon=True,
                                args=(ws_url, user, password, args, deadline, barrier, results, errors))
               for _ in range(args.sessions)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.1, deadline - time.monotonic() + 5))
    wall = time.perf_counter() - started
    unfinished = sum(t.is_alive() for t in threads)
    if unfinished:
        errors += [f"会话未在时限内结束（{unfinished} 个）"] * unfinished
    stats = watch.stop() if watch else None
    print(report(results, errors, wall, stats, args.sessions))
    return 0 if not errors else 1


def _session(ws_url, user, password, args, deadline, barrier, results, errors) -> None:
    from fxdash.loadtest_client import RunFailed, Session  # streamlit's protobufs: only when testing

    session = None
    try:
        barrier.wait(timeout=max(1.0, deadline - time.monotonic()))
        session = Session(ws_url, timeout=max(1.0, deadline - time.monotonic()))
        results[LOGIN].append(session.sign_in(user, password).seconds)
        for _ in range(args.rounds):
            for page in args.pages:
                results[page].append(session.open(page, deadline))
    except RunFailed as exc:
        errors.append(str(exc))
    except (threading.BrokenBarrierError, TimeoutError, OSError) as exc:
        errors.append(f"无法连接服务器：{type(exc).__name__} {exc}"[:200])
    except Exception as exc:  # noqa: BLE001 - one session's surprise is an error count, not a crash
        errors.append(f"意外错误：{type(exc).__name__} {exc}"[:200])
    finally:
        if session is not None:
            session.close()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank on the sorted values."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def report(results: dict, errors: list[str], wall: float, stats, sessions: int) -> str:
    lines = []
    for page, times in results.items():
        if times:
            lines.append(f"{page:<10} p50 {statistics.median(times):.2f} s  p95 {percentile(times, 95):.2f} s  "
                         f"max {max(times):.2f} s  （{len(times)} 次）")
        else:
            lines.append(f"{page:<10} p50 -  p95 -  （0 次）")
    lines.append(f"errors {len(errors)}")
    for text, count in _counted(errors):
        lines.append(f"  {text} ×{count}")
    views = sum(len(t) for page, t in results.items() if page != LOGIN)
    lines.append(f"会话 {sessions}，页面打开 {views} 次，用时 {wall:.1f} s")
    if stats:
        per_view = f"{stats.cpu_seconds / views:.3f}" if views else "-"
        lines.append(f"server cpu {stats.cpu_seconds:.1f} s（每次页面打开 {per_view} s，含登录），"
                     f"peak memory {stats.peak_rss / 1e6:.0f} MB（压测前 {stats.start_rss / 1e6:.0f} MB），"
                     f"load {stats.load:.2f}")
    else:
        lines.append("server cpu -（找不到服务器进程：用 --server-pid 指定）")
    return "\n".join(lines)


def _counted(errors: list[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for text in errors:
        counts[text] = counts.get(text, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])
