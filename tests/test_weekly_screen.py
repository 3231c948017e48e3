"""ui_weekly.screen_tables: the weekly page's tables from the bundle, built once per bundle and shared, read
exactly as the page built them on every view before (weekly.export_tables, the hot cells' centres dropped,
ui.projected's rows, textfmt.readable)."""

import datetime as dt

import pandas as pd
import pytest

from fxdash import briefing, textfmt, ui_weekly
from fxdash.filters import default_filters
from fxdash.queries import weekly
from tests.conftest import REF_DATE

MONDAYS = (dt.date(2026, 3, 9), dt.date(2026, 2, 16))  # the last full week before the reference date, a quiet one


def before(b: dict, name: str, projected=lambda df: df) -> pd.DataFrame:
    """The page's table `name` as it was built on every view (pages/weekly.py before screen_tables)."""
    tables = weekly.export_tables(b)
    table = tables[name].drop(columns=["中心纬度", "中心经度"]) if name == "热点网格" else tables[name]
    return textfmt.readable(projected(table))


@pytest.fixture(params=MONDAYS)
def week_bundle(request, ref_con):
    b = briefing.with_sentences(weekly.bundle(ref_con, default_filters(REF_DATE), request.param, ()))
    return {**b, "snapshot": None}


def test_the_shared_tables_read_as_the_page_built_them(week_bundle, monkeypatch):
    monkeypatch.setattr(ui_weekly.ui, "projected", lambda df: df)  # a desk screen: every row
    screen = ui_weekly.screen_tables(week_bundle)
    assert set(screen) == {*ui_weekly.BUNDLE_TABLES, "周对比"}
    for name in ui_weekly.BUNDLE_TABLES:
        shown = ui_weekly.screen_table(screen[name])
        pd.testing.assert_frame_equal(shown, before(week_bundle, name), check_exact=True)
        assert len(screen[name][0]) == len(shown)
    assert len(screen["超期未办结"][0]) > 0  # the reference week has rows to compare


def test_rows_cut_for_the_projector_are_written_from_the_rows_shown(week_bundle, monkeypatch):
    def cut(df):  # projector mode: the first rows only
        return df.head(2)
    monkeypatch.setattr(ui_weekly.ui, "projected", cut)
    screen = ui_weekly.screen_tables(week_bundle)
    for name in ui_weekly.BUNDLE_TABLES:
        pd.testing.assert_frame_equal(ui_weekly.screen_table(screen[name]), before(week_bundle, name, cut),
                                      check_exact=True)


def test_the_weekly_figures_read_as_before_with_and_without_a_saved_snapshot(week_bundle):
    screen = ui_weekly.screen_tables(week_bundle)
    cmp = week_bundle["comparison"]
    saved = pd.DataFrame({"metric": list(cmp["key"][:3]), "value": [1.0, None, 7.5],
                          "saved_at": pd.to_datetime(["2026-03-16 09:00"] * 3), "saved_by": ["张三"] * 3})
    for snapshot in (None, saved.head(0), saved):
        b = {**week_bundle, "snapshot": snapshot}
        expected = textfmt.readable(weekly.comparison_table(cmp, snapshot))
        pd.testing.assert_frame_equal(ui_weekly.figures_table(screen, b), expected, check_exact=True)
    assert "例会时上报" in ui_weekly.figures_table(screen, {**week_bundle, "snapshot": saved}).columns
