"""The audit rows as the page shows and exports them."""

import datetime as dt

import pandas as pd

from fxdash import textfmt
from fxdash.store import audit


def test_an_event_without_detail_reads_as_blank_and_others_keep_their_detail():
    rows = pd.DataFrame({"seq": [2, 1], "ts": [dt.datetime(2026, 3, 18, 9, 5), dt.datetime(2026, 3, 18, 9, 0)],
                         "username": ["admin", "admin"], "action": ["login", "export"],
                         "detail": ["{}", audit.canonical_detail({"page": "reports"})]})
    shown = audit.labelled(rows, {"login": "登录", "export": "导出"}, {"detail": "详情", "action": "操作"})
    assert list(shown["操作"]) == ["登录（login）", "导出（export）"]
    assert pd.isna(shown["详情"].iloc[0]) and shown["详情"].iloc[1] == '{"page":"reports"}'
    text = textfmt.readable(shown)
    assert text["详情"].iloc[0] == textfmt.MISSING
    assert "2026" in text["ts"].iloc[0] and "T" not in text["ts"].iloc[0]  # Chinese date and time, not ISO
    assert list(rows["detail"]) == ["{}", '{"page":"reports"}']  # the stored rows are not changed
