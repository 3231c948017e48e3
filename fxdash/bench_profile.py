"""Where a cold page run spends its time (`python -m fxdash bench --profile`): cProfile of the script
run (AppTest runs it in a thread of its own, so the profiler is switched on in that thread), and each of
the page's queries timed alone, slowest first. Written as text beside the results."""

import cProfile
import io
import pstats
import threading
import time
from pathlib import Path

from fxdash import bench_pages


def profile_page(at, page: str, out: Path, top: int = 40) -> Path:
    bench_pages.open_page(at, page)
    profiler = cProfile.Profile()

    def start_in_new_thread(*_):  # the first event of each new thread: hand over to cProfile
        profiler.enable()

    with bench_pages._Recorder() as rec:
        bench_pages._clear_caches()
        threading.setprofile(start_in_new_thread)
        try:
            at.run()
        finally:
            threading.setprofile(None)
            profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    lines = [f"# cold run of {page}", "", "## queries alone (uncached, slowest first)", ""]
    direct = list(rec.direct)  # the run's own; query_times below calls the functions again
    lines += [f"{seconds:8.3f} s  {name}" for name, seconds in query_times(rec.calls)]
    lines += [f"{seconds:8.3f} s  {name} (outside the query cache, timed where it ran)" for name, seconds in direct]
    lines += ["", "## cProfile, by cumulative time", "", _trimmed(text.getvalue())]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def query_times(calls) -> list[tuple[str, float]]:
    from fxdash import ui_data

    timed = []
    for fn, name, filters, version, kwargs, _mode in calls:
        fn = fn.__wrapped__ if getattr(fn, "bench_read", False) else fn  # as bench_pages' replay does
        started = time.perf_counter()
        with ui_data._connection_for(version).cursor() as cur:
            fn(cur, **dict(kwargs)) if filters is None else fn(cur, filters, **dict(kwargs))
        timed.append((f"{name}{dict(kwargs) or ''}", time.perf_counter() - started))
    return sorted(timed, key=lambda t: -t[1])


def _trimmed(text: str) -> str:
    """pstats prints absolute paths; the site-packages prefix says nothing."""
    return "\n".join(line.replace(str(Path(threading.__file__).parent) + "/", "")[:220] for line in text.splitlines())
