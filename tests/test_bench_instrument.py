"""The bench's AppTest runs as the server runs them (issue 17): waiting on the script thread instead
of AppTest's 1 ms polling, and one compiled-script cache for every run."""

import pytest
from streamlit.testing.v1 import AppTest, app_test

from fxdash import bench_pages

SCRIPT = "import streamlit as st\nst.write('made ' + 'here')\n"


def test_a_run_ends_with_its_elements_and_a_slow_one_still_times_out():
    with bench_pages.without_polling():
        at = AppTest.from_string(SCRIPT).run()
        assert [m.value for m in at.markdown] == ["made here"]
        slow = AppTest.from_string("import time\ntime.sleep(1)\n", default_timeout=0.2)
        with pytest.raises(RuntimeError, match="timed out after 0.2"):
            slow.run()


def test_every_run_shares_one_script_cache_and_the_original_comes_back():
    before = app_test.ScriptCache  # the tests' own shared cache (conftest), or Streamlit's class
    with bench_pages.shared_script_cache():
        cache = app_test.ScriptCache()
        assert app_test.ScriptCache() is cache
        at = AppTest.from_string(SCRIPT)
        at.run()
        compiled = dict(cache._cache)
        at.run()
        assert compiled and cache._cache == compiled  # the second run compiled nothing new
    assert app_test.ScriptCache is before and app_test.ScriptCache() is not cache
