"""ui.downloads puts the Chinese headers on a table when a file is asked for (export.with_labels then, not on
every run of the page): the file gets the same table as before, as it was when the page ran."""

import datetime as dt

import pandas as pd

from fxdash import export, ui_widgets
from fxdash.filters import Filters
from fxdash.labels import community as LCM


def _buttons(monkeypatch):
    given = []
    monkeypatch.setattr(ui_widgets.ui_rights, "may_download", lambda: True)
    monkeypatch.setattr(ui_widgets, "filter_notes", lambda f: [("筛选", "全部")])
    monkeypatch.setattr(ui_widgets.ui_rights, "table_downloads", lambda *args: given.append(args))
    return given


def test_a_frame_gets_its_headers_when_the_file_is_built(monkeypatch):
    given = _buttons(monkeypatch)
    df = pd.DataFrame({"name": ["甲", None], "town": ["南桥镇", "金汇镇"], "scenes": [3, 4]})
    expected = export.with_labels(df, LCM.COMMUNITY_COLUMNS)
    f = Filters(dt.date(2026, 2, 19), dt.date(2026, 3, 18))
    ui_widgets.downloads(df, f, "友好场景", "dl", labels=LCM.COMMUNITY_COLUMNS, extra_notes=[("街镇", "南桥镇")])
    df.loc[0, "scenes"] = 99  # the page changing its frame afterwards does not reach the file
    df["extra"] = 1
    (table, notes, stem, key, filters, rows), = given
    pd.testing.assert_frame_equal(table(), expected, check_exact=True)
    assert (notes, stem, key, filters, rows) == ([("筛选", "全部"), ("街镇", "南桥镇")], "友好场景", "dl", f, 2)


def test_a_deferred_table_is_still_fetched_only_when_clicked(monkeypatch):
    given = _buttons(monkeypatch)
    fetched = []

    def later():
        fetched.append(1)
        return pd.DataFrame({"town": ["南桥镇"]})
    ui_widgets.downloads(later, Filters(dt.date(2026, 2, 19), dt.date(2026, 3, 18)), "s", "k", rows=1)
    (table, *_rest, rows), = given
    assert not fetched and rows == 1
    assert list(table().columns) == [export.with_labels(pd.DataFrame({"town": []})).columns[0]] and fetched == [1]
