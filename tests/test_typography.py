"""Every Chinese string the code can show (labels and string constants in fxdash/, pages/ and app.py)
uses full-width punctuation and never reads None/nan; dates and the DOCX read Chinese."""

import ast
import importlib
import io
import pkgutil
import re
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from fxdash import export, labels, textfmt
from fxdash.labels import weekly as LW

from .conftest import ROOT
from .typography import HAN, problems

SOURCES = sorted([*ROOT.glob("fxdash/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])
# strings that are not prose: a setting's syntax example (parsed with ASCII commas), SQL, regexes
NOT_PROSE = re.compile(r"\bselect\b|\bwhere\b|安全隐患=3,|\(\?P<|\\\(", re.I)


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            ids.add(id(node.value))
    return ids


def chinese_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if re.search(f"[{HAN}]", node.value) and not NOT_PROSE.search(node.value):
                out.append((node.lineno, node.value))
    return out


def _label_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _label_strings(k)
            yield from _label_strings(v)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _label_strings(v)


@pytest.mark.parametrize("text, bad", [
    ("统计期(共 3 天)", True), ("全部,已忽略", True), ("数据截至:", True), ("本周无!", True),
    ("统计期（共 3 天），对比", False), ("1,234 条", False), ("cat:安全隐患", False), ("GCJ-02 (x)", False),
    ("figures (数据核对) with", False), ("(共 3 天)对比", True), ("(本周无)", True), ("**青村镇**(奉贤)", False),
    ("金海街道(33%)、", True), ("全部 (GCJ-02)", True),
    ("四大员角色 None", True), ("余额 nan", True), ("Nanjing", False),
])
def test_the_rule_finds_ascii_punctuation_next_to_chinese(text, bad):
    assert bool(problems(text)) is bad


def _label_modules():
    """Every module of fxdash.labels, and the import contract's headers."""
    names = [m.name for m in pkgutil.iter_modules(labels.__path__, "fxdash.labels.")]
    return [importlib.import_module(n) for n in [*names, "fxdash.ingest.contract"]]


def test_every_label_uses_full_width_punctuation():
    modules = _label_modules()
    assert len(modules) > 15
    found = {f"{m.__name__}.{name}": problems(s) for m in modules for name in dir(m) if name.isupper()
             for s in _label_strings(getattr(m, name)) if problems(s)}
    assert not found, found


def test_every_chinese_string_constant_in_the_code_uses_full_width_punctuation():
    """Messages written inline (briefing sentences, hover texts, errors, CLI output) follow the rule too."""
    found = [f"{path.relative_to(ROOT)}:{line}: {problems(text)}" for path in SOURCES
             for line, text in chinese_constants(path) if problems(text)]
    assert not found, "\n".join(found)


def test_tables_and_files_show_a_dash_for_missing_values():
    """The 四大员角色 column of someone without a role reads —, not None."""
    df = pd.DataFrame({"roles": ["网格信息员", None], "joined_on": pd.to_datetime(["2026-03-18", None]),
                       "age": [30.0, float("nan")], "workers": [1, 2]})
    shown = textfmt.readable(df)
    assert shown["roles"].tolist() == ["网格信息员", "—"]
    assert shown["joined_on"].tolist() == ["2026年3月18日", "—"]
    assert shown["age"].tolist() == ["30", "—"] and shown["workers"].tolist() == [1, 2]
    text = export.to_csv_bytes(export.with_labels(shown), [("数据截至", textfmt.day(pd.Timestamp("2026-03-18")))])
    assert "None" not in text.decode("utf-8-sig") and "数据截至,2026年3月18日" in text.decode("utf-8-sig")
    files = export.with_labels(df, {"roles": "四大员角色"})  # the file keeps numbers and dates as cells
    assert files["四大员角色"].tolist() == ["网格信息员", "—"] and files["age"].isna().tolist() == [False, True]


def test_the_weekly_docx_reads_chinese(app_con):
    """Headings, sentences, table cells and the filter notes of the Word briefing follow the rule."""
    import datetime as dt

    from fxdash import briefing, weekly_export, weeks
    from fxdash.filters import Filters
    from fxdash.queries import weekly

    f = Filters(dt.date(2026, 10, 31), dt.date(2026, 11, 27))
    monday = weeks.last_complete_week(dt.date(2026, 11, 27))
    b = briefing.with_sentences(weekly.bundle(app_con, f, monday))
    _, docx = weekly_export.build_files(b, f.describe({}, {}), LW.WEEKLY_DOC_TITLE)
    doc = Document(io.BytesIO(docx))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    found = [(t, problems(t)) for t in texts if problems(t)]
    assert not found, found
    assert any("2026年第47周" in t for t in texts) and not any(re.search(r"\d{4}-W\d\d", t) for t in texts)
