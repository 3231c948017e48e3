"""ui.derived: the weekly briefing's sentences are written once per key of the week's bundle (scoped filters,
week, deadlines, data version, masking mode) and shared; another scope never gets them."""

import datetime as dt
from dataclasses import replace

import pytest

from fxdash import briefing, ui_data
from fxdash.filters import default_filters
from fxdash.queries import weekly
from tests.conftest import REF_DATE

MONDAY = dt.date(2026, 3, 9)  # the last full week before the reference date


@pytest.fixture
def on_ref(ref_connection, monkeypatch):
    """ui_data's cached query path reading the reference demo database."""
    monkeypatch.setattr(ui_data, "_connection_for", lambda version: ref_connection)
    ui_data.clear_results()
    yield
    ui_data.clear_results()


def _sentences(f, calls, *, version="v1", mode="clear", monday=MONDAY):
    def then(b):
        calls.append((f.scope, version, mode, monday))
        return briefing.with_sentences(b)
    kwargs = (("deadlines", ()), ("monday", monday))
    return ui_data._derived(then, lambda: ui_data._cached(weekly.bundle, "bundle", f, version, kwargs, mode),
                            "with_sentences(bundle)", f, version, kwargs, mode)


def test_the_briefing_is_written_once_per_view_and_handed_out_as_a_copy(on_ref):
    calls = []
    f = default_filters(REF_DATE)
    first = _sentences(f, calls)
    assert first["sentences"] == briefing.with_sentences(weekly.bundle(ui_data._connection_for("v1").cursor(), f,
                                                                       MONDAY, ()))["sentences"]
    first["sentences"].append("改了")
    first["comparison"].loc[0, "this_week"] = -1
    again = _sentences(replace(f), calls)
    assert len(calls) == 1 and "改了" not in again["sentences"] and again["comparison"].loc[0, "this_week"] != -1


def test_another_scope_week_version_or_masking_never_gets_the_briefing(on_ref, ref_con):
    calls = []
    f = default_filters(REF_DATE)
    district = _sentences(f, calls)
    town = ref_con.execute("select min(town_code) from towns").fetchone()[0]
    mine = _sentences(replace(f, scope=(town,)), calls)  # a town account
    assert mine["sentences"] != district["sentences"]
    direct = briefing.with_sentences(weekly.bundle(ref_con, replace(f, scope=(town,)), MONDAY, ()))
    assert mine["sentences"] == direct["sentences"]
    _sentences(f, calls, version="v2")  # an import published a new version
    _sentences(f, calls, mode="mask")
    _sentences(f, calls, monday=MONDAY - dt.timedelta(days=7))
    assert len(calls) == 5
    assert _sentences(replace(f, scope=(town,)), calls)["sentences"] == mine["sentences"] and len(calls) == 5


def test_a_cleared_query_cache_clears_what_was_derived_from_it(on_ref):
    calls = []
    f = default_filters(REF_DATE)
    _sentences(f, calls)
    ui_data.clear_results()  # the bench's cold runs
    _sentences(f, calls)
    assert len(calls) == 2
