"""The weekly export says which week it covers: its filter note shows the week's dates, not the
sidebar's period (a 近28天 sidebar used to print 28 days under a one-week briefing)."""

import datetime as dt
import io

import openpyxl
from docx import Document

from fxdash import briefing_files
from fxdash.filters import default_filters
from tests.conftest import APP_AS_OF

MONDAY = dt.date(2026, 11, 16)  # 2026-W47
WEEK_DATES = "2026年11月16日至11月22日"


def test_the_docx_and_xlsx_filter_notes_show_the_week(app_con, ops_store):
    f = default_filters(APP_AS_OF)  # the sidebar: 近28天, 2026-10-31 to 2026-11-27
    files = briefing_files.build(app_con, ops_store, f, MONDAY)
    doc = Document(io.BytesIO(files[".docx"]))
    notes = [p.text for p in doc.paragraphs if p.text.startswith("时间范围")]
    assert notes == [f"时间范围：{WEEK_DATES}"]
    sheet = openpyxl.load_workbook(io.BytesIO(files[".xlsx"]))["筛选条件"]
    values = {row[0]: row[1] for row in sheet.values}
    assert values["时间范围"] == WEEK_DATES


def test_a_chart_renderer_that_never_answers_leaves_the_file_without_that_chart(monkeypatch):
    """kaleido's Chromium once hung for good in a test run: the export must go on without the image."""
    import threading

    import plotly.graph_objects as go

    from fxdash import weekly_export

    never = threading.Event()
    fig = go.Figure()
    monkeypatch.setattr(type(fig), "to_image", lambda self, **_kw: never.wait())
    monkeypatch.setattr(weekly_export, "RENDER_TIMEOUT_S", 0.2)
    assert weekly_export.figure_png(fig) is None
    never.set()
