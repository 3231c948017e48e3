"""The reading processes (fxdash.ingest.sandbox): readers forked from zygotes that outlive what a file does
to a reader, serve reads at the same moment side by side, and are replaced when they die.

The limits themselves (memory, time) are checked through an import in tests/test_ingest_hostile.py."""

import codecs
import dataclasses
import os
import pickle
import signal
import threading
import time

import pytest

from fxdash.ingest import limits, sandbox
from fxdash.ingest.read import ReadError
from fxdash.ingest.xlsx import SheetInfo
from tests.test_ingest import REPORT_HEADER, csv_bytes, report_rows

SMALL = csv_bytes([REPORT_HEADER, *report_rows(3)])


def read_ok(data: bytes = SMALL, **kwargs):
    grid = sandbox.read_grid(data, "reports.csv", **kwargs)
    assert grid.headers[:2] == REPORT_HEADER[:2]
    return grid


def idle_pids() -> set[int]:
    return {z.proc.pid for z in sandbox._IDLE}


def test_a_reader_over_its_memory_limit_leaves_its_zygote_serving():
    read_ok()
    before = idle_pids()
    small = dataclasses.replace(limits.load(), memory=120 * limits.MB, max_rows=10**7, max_cells=10**8)
    once = csv_bytes([REPORT_HEADER, *report_rows(60_000)])
    with pytest.raises(ReadError) as refused:
        sandbox.read_grid(once + once.removeprefix(codecs.BOM_UTF8) * 3, "big.csv", limits=small)
    assert "内存超过上限" in refused.value.problem.message
    assert idle_pids() == before  # the reader died, its zygote did not
    assert len(read_ok().rows) == 3


def test_reads_at_the_same_moment_are_served_side_by_side():
    """A small file is read while a large one is still being read: not queued behind it."""
    read_ok()
    sandbox._IDLE.append(sandbox._Zygote())  # started before the race: the small read does not wait for one
    big = csv_bytes([REPORT_HEADER, *report_rows(100_000)])
    ended = {}

    def read(name, data):
        grid = read_ok(data)
        ended[name] = (time.monotonic(), len(grid.rows))

    slow = threading.Thread(target=read, args=("big", big))
    slow.start()
    time.sleep(0.05)  # the large read under way
    read("small", SMALL)
    slow.join(timeout=120)
    assert ended["small"][1] == 3 and ended["big"][1] == 100_000
    assert ended["small"][0] < ended["big"][0]
    assert len(sandbox._IDLE) >= 2


def test_a_zygote_that_died_is_replaced():
    read_ok()
    for zygote in list(sandbox._IDLE):
        zygote.proc.kill()
        zygote.proc.wait()
    dead = idle_pids()
    assert len(read_ok().rows) == 3
    assert idle_pids() and not idle_pids() & dead


def test_a_stuck_zygote_is_stopped_and_the_read_done_by_another(monkeypatch):
    read_ok()
    stuck = sandbox._IDLE[-1]  # the one the next read takes
    os.kill(stuck.proc.pid, signal.SIGSTOP)
    monkeypatch.setattr(sandbox, "_SPARE", 1)
    short = dataclasses.replace(limits.load(), seconds=1)
    try:
        assert len(read_ok(limits=short).rows) == 3
        assert stuck.proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if stuck.proc.poll() is None:
            stuck.proc.kill()
    assert stuck.proc.pid not in idle_pids()


class _Runs:
    """An object whose unpickling would call a function (here: record that it ran)."""

    ran: list = []

    def __reduce__(self):
        return (_Runs.ran.append, ("unpickled",))


@pytest.mark.parametrize("answer", [
    ("ok", _Runs()),  # a class or function outside the readers' own data classes
    ("ok", "not a grid"),  # the right classes only, in the right shape
    ("error", "not a problem", []),
    ["ok"],
    (),
    ("ok", [SheetInfo("报告", False)]),  # the sheets' answer, to a read of a grid
], ids=["a-function", "ok-not-a-grid", "error-not-a-problem", "not-a-tuple", "empty", "sheets-for-a-grid"])
def test_an_answer_a_reader_could_forge_is_a_failed_read_and_runs_nothing(answer):
    """A file that took over its reader could write any bytes as the answer: the server unpickles only the
    readers' data classes (pickle would call any function a message names) in the answer's shape."""
    forged = pickle.dumps(answer)
    assert sandbox._outcome(0, forged, b"", "grid") == ("limit", "failed")
    assert _Runs.ran == []


def test_a_real_answer_passes_the_check():
    grid = read_ok()
    assert sandbox._outcome(0, pickle.dumps(("ok", grid)), b"", "grid")[1].rows == grid.rows
