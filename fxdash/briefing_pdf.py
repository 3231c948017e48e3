"""The weekly briefing as PDF, for leaders reading on their phones: the DOCX's content (sentences,
charts, tables, filters), laid out by fpdf2 offline with an embedded Chinese font.

The font is WenQuanYi Micro Hei from Debian's fonts-wqy-microhei (installed by .ci/run); only the
glyphs used are embedded, so a briefing stays small.
"""

import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from fxdash import export

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
)
FONT = "wqy"


class FontMissing(RuntimeError):
    pass


def font_path() -> Path:
    for path in FONT_PATHS:
        if path.exists():
            return path
    raise FontMissing("找不到中文字体 wqy-microhei.ttc（请安装 Debian 软件包 fonts-wqy-microhei），无法生成 PDF。")


class _Doc(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(font_path()))
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self):
        self.set_y(-10)
        self.set_font(FONT, size=8)
        self.set_text_color(120)
        self.cell(0, 5, f"{self.footer_text}　第 {self.page_no()} 页", align="C")
        self.set_text_color(0)


def _text(pdf: FPDF, text: str, size: float = 11, center: bool = False, gap: float = 1.5) -> None:
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(0, size * 0.55, text, align="C" if center else "L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _table(pdf: FPDF, df: pd.DataFrame) -> None:
    shown = export.escape_frame(export.with_labels(df))
    size = 8 if len(shown.columns) <= 6 else 6.5
    pdf.set_font(FONT, size=size)
    heading = FontFace(emphasis=None, fill_color=(230, 236, 245))
    with pdf.table(line_height=size * 0.5, headings_style=heading, text_align="LEFT") as table:
        table.row([str(c) for c in shown.columns])
        for row in shown.itertuples(index=False):
            table.row(["" if pd.isna(v) else str(v) for v in row])
    pdf.ln(2)


def pdf_bytes(title: str, subtitle: str, sentences: list[str], figures: list[tuple[str, bytes | None]],
              tables: dict[str, pd.DataFrame], notes: list[tuple[str, str]]) -> bytes:
    """The same sections as fxdash.weekly_export.docx_bytes, in the same order."""
    pdf = _Doc(title)
    pdf.add_page()
    _text(pdf, title, 18, center=True)
    _text(pdf, subtitle, 10, center=True, gap=4)
    _text(pdf, "一、本周情况", 14)
    for k, sentence in enumerate(sentences, start=1):
        _text(pdf, f"{k}. {sentence}", 11)
    if any(png for _, png in figures):
        _text(pdf, "二、图表", 14)
        for caption, png in figures:
            if png:
                pdf.image(io.BytesIO(png), w=pdf.epw)
                _text(pdf, caption, 9, center=True)
    _text(pdf, "三、明细表", 14)
    for name, df in tables.items():
        _text(pdf, name, 11)
        if len(df):
            _table(pdf, df)
        else:
            _text(pdf, "（本周无）", 10)
    _text(pdf, "筛选条件", 11)
    for label, value in notes:
        _text(pdf, f"{label}：{value}", 9, gap=0.5)
    return bytes(pdf.output())
