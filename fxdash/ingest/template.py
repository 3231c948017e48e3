"""Templates and full-table downloads, with the import headers so a download imports back unchanged."""

import io
import re

import pandas as pd

from fxdash import export
from fxdash.ingest.specs import TableSpec, spec
from fxdash.labels import data as LD
from fxdash.labels import ingest as X


def template_xlsx(table: str) -> bytes:
    """Sheet 1: Chinese headers (required ones marked by colour), one example row, drop-down lists for
    vocabularies. Sheet 2: what every column means, its type, whether required, allowed values."""
    s = spec(table)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        book = writer.book
        example = pd.DataFrame([[s.example.get(c.name, "") for c in s.columns]], columns=[c.label for c in s.columns])
        example.to_excel(writer, sheet_name=sheet_name(s), index=False)
        sheet = writer.sheets[sheet_name(s)]
        required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
        optional = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1})
        text = book.add_format({"num_format": "@"})
        for k, col in enumerate(s.columns):
            sheet.write(0, k, col.label, required if col.required else optional)
            # ids and phones as text, so Excel keeps leading zeros and long digit strings
            fmt = text if col.kind == "text" else None
            sheet.set_column(k, k, max(12, len(col.label) * 2 + 4), fmt)
            if col.vocab and col.kind != "list":
                sheet.data_validation(1, k, 10_000, k, {"validate": "list", "source": list(col.vocab),
                                                       "error_type": "warning"})
            sheet.write_comment(0, k, col.help or col.label)
        sheet.freeze_panes(1, 0)
        help_df = describe(s)
        help_df.to_excel(writer, sheet_name=X.DATA_TEMPLATE_SHEET_HELP, index=False)
        helper = writer.sheets[X.DATA_TEMPLATE_SHEET_HELP]
        for k, width in enumerate((18, 22, 40, 30, 10, 50)):
            helper.set_column(k, k, width)
    return buf.getvalue()


def describe(s: TableSpec) -> pd.DataFrame:
    rows = []
    for col in s.columns:
        allowed = "、".join(col.vocab) if col.vocab else ""
        if col.ref == ("towns", "town_code"):
            allowed = X.TEMPLATE_TOWN_ALLOWED
        elif col.ref:
            allowed = X.TEMPLATE_REF_ALLOWED.format(table=LD.TABLE_LABELS.get(col.ref[0], col.ref[0]))
        key = X.TEMPLATE_KEY_NOTE if col.name in s.key and len(s.key) == 1 else ""
        rows.append([col.label, col.name, col.help + key, X.TYPE_LABELS[col.kind],
                     X.REQUIRED_YES if col.required else X.REQUIRED_NO, allowed])
    return pd.DataFrame(rows, columns=list(X.TEMPLATE_HELP_COLUMNS))


def sheet_name(s: TableSpec) -> str:
    return re.split(r"[（(]", s.label)[0][:31]  # 企业（一企一表） -> 企业


def labelled(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table's rows with the import headers (what the template uses)."""
    s = spec(table)
    return df.rename(columns={c.name: c.label for c in s.columns})


def table_xlsx(df: pd.DataFrame, table: str, notes: list[tuple[str, str]]) -> bytes:
    return export.to_xlsx_bytes({sheet_name(spec(table)): labelled(df, table)}, notes)


def table_csv(df: pd.DataFrame, table: str) -> bytes:
    """Plain CSV (UTF-8 with BOM), header in the first row so the file imports back as it is."""
    return export.escape_frame(labelled(df, table)).to_csv(index=False).encode("utf-8-sig")
