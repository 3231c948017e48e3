"""The weekly briefing as files for the meeting and the archive: XLSX (one sheet per table) and DOCX
(text, key charts as images, tables). Charts are rendered to PNG by kaleido with the system Chromium.
"""

import io
import threading

import pandas as pd

from fxdash import export, metrics, textfmt
from fxdash.labels import weekly as LW

CHINESE_FONT = "Microsoft YaHei"  # present on the department's Windows PCs; Word substitutes elsewhere


RENDER_TIMEOUT_S = 90  # kaleido's Chromium has been seen to hang for good; a briefing must still come out


def figure_png(fig, width: int = 1000, height: int = 420) -> bytes | None:
    """A plotly figure as PNG; None when no Chromium is available or it does not answer in time (the file
    then has no charts). Rendered in a daemon thread so a hung browser cannot hold the export forever."""
    box: dict[str, bytes] = {}

    def render() -> None:
        try:
            box["png"] = fig.to_image(format="png", width=width, height=height, scale=2)
        except Exception:  # noqa: BLE001 - kaleido raises various errors when the browser cannot start
            pass

    worker = threading.Thread(target=render, name="fx-chart-png", daemon=True)
    worker.start()
    worker.join(RENDER_TIMEOUT_S)
    return box.get("png")


# python-docx (with lxml, ~45 ms) is imported when a file is built, not with the module: the weekly page
# imports this module for its titles on every first view, and under the meeting's load the first session's
# import held every other session's weekly page on Python's import lock


def _font(run, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = CHINESE_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CHINESE_FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _paragraph(doc, text: str, size: float = 11, bold: bool = False, center: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    _font(p.add_run(text), size, bold)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _table(doc, df: pd.DataFrame) -> None:
    shown = export.escape_frame(export.with_labels(df))
    table = doc.add_table(rows=1, cols=len(shown.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, shown.columns):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(str(name)), 9, bold=True)
    for row in shown.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(textfmt.cell(value)), 9)


def docx_bytes(title: str, subtitle: str, sentences: list[str], figures: list[tuple[str, bytes | None]],
               tables: dict[str, pd.DataFrame], notes: list[tuple[str, str]]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    _paragraph(doc, title, 18, bold=True, center=True)
    _paragraph(doc, subtitle, 10, center=True)
    _paragraph(doc, "一、本周情况", 14, bold=True)
    for sentence in sentences:
        _paragraph(doc, sentence, 11)
    if any(png for _, png in figures):
        _paragraph(doc, "二、图表", 14, bold=True)
        for caption, png in figures:
            if png:
                doc.add_picture(io.BytesIO(png), width=Cm(16.5))
                _paragraph(doc, caption, 9, center=True)
    _paragraph(doc, "三、明细表", 14, bold=True)
    for name, df in tables.items():
        _paragraph(doc, name, 11, bold=True)
        if len(df):
            _table(doc, df)
        else:
            _paragraph(doc, "（本周无）", 10)
    _paragraph(doc, "筛选条件", 11, bold=True)
    for label, value in notes:
        _paragraph(doc, f"{label}：{value}", 9)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def figures(b: dict) -> list[tuple[str, bytes | None]]:
    """The briefing's charts as (caption, PNG) for the DOCX and the PDF."""
    from fxdash import charts
    from fxdash.labels import overview as LO

    out = [(trend_title(), figure_png(charts.weekly_new_resolved(b["trend"], trend_title())))]
    if len(b["hot_towns"]):
        out.append((LO.OVERVIEW_TOWN_TITLE, figure_png(charts.town_bars(b["hot_towns"]))))
    return out


def trend_title() -> str:
    return LW.WEEKLY_TREND_TITLE.format(weeks=metrics.TREND_WEEKS)


def hot_cells_title() -> str:
    return LW.WEEKLY_HOT_CELLS.format(cell_m=metrics.HOT_CELL_M)


def doc_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables of the documents: the XLSX's sheets but the briefing's sentences (already the text)."""
    return {k: v for k, v in tables.items() if k != "简报"}


def build_files(b: dict, notes: list[tuple[str, str]], title: str,
                charts: list[tuple[str, bytes | None]] | None = None) -> tuple[bytes, bytes]:
    """(XLSX, DOCX) of one week's briefing bundle (see fxdash.queries.weekly.bundle)."""
    from fxdash.queries import weekly

    tables = weekly.export_tables(b)
    xlsx = export.to_xlsx_bytes(tables, notes)
    charts = figures(b) if charts is None else charts
    docx = docx_bytes(title, b["span"], b["sentences"], charts, doc_tables(tables), notes)
    return xlsx, docx
