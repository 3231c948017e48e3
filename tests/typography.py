"""The typography rule shared by the label scan and the browser scan: in Chinese text, punctuation is
full-width (，：；（）！？), and nothing reads "None" or "nan"."""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK = HAN + "\u3000-\u303f\uff00-\uffef“”"
# ASCII punctuation right after a Chinese character or full-width mark, or a comma, semicolon or
# parenthesis right before a Chinese character ("cat:安全隐患" in a URL example stays ASCII)
_AFTER = re.compile(f"[{CJK}][,;:!?()]")
_BEFORE = re.compile(f"[,;()][{HAN}]")
_MISSING = re.compile(r"(?<![A-Za-z])(None|nan|NaN|NaT)(?![A-Za-z])")


def problems(text: str) -> list[str]:
    """Each offending spot with a little context, e.g. '统计期(' or 'None'."""
    found = []
    for m in (*_AFTER.finditer(text), *_BEFORE.finditer(text)):
        found.append(text[max(0, m.start() - 6):m.end() + 6])
    found += [m.group(0) for m in _MISSING.finditer(text)]
    return found
