"""The typography rule shared by the label scan and the browser scan: in Chinese text, punctuation is
full-width (，：；（）！？), and nothing reads "None" or "nan"."""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK = HAN + "\u3000-\u303f\uff00-\uffef“”"
# ASCII punctuation right after a Chinese character or full-width mark, or a comma or semicolon right
# before one ("cat:安全隐患" in a URL example stays ASCII)
_AFTER = re.compile(f"[{CJK}][,;:!?]")
_BEFORE = re.compile(f"[,;][{HAN}]")
# ASCII brackets belong to English text: a pair is wrong when Chinese stands right outside it (or it
# is the whole text and holds Chinese); "reference figures (数据核对) with history" is English
_PAIR = re.compile(r"\(([^()]*)\)")
_LONE = re.compile(f"[{CJK}][()]|[()][{CJK}]")
_MISSING = re.compile(r"(?<![A-Za-z])(None|nan|NaN|NaT)(?![A-Za-z])")


def _outside(text: str, i: int, step: int) -> str:
    j = i + step
    if 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _bracket_problems(text: str) -> list[str]:
    found = []
    for m in _PAIR.finditer(text):
        before, after = _outside(text, m.start(), -1), _outside(text, m.end() - 1, 1)
        chinese_outside = any(c and re.match(f"[{CJK}]", c) for c in (before, after))
        whole = not before and not after and re.search(f"[{HAN}]", m.group(1))
        # "{code}(见 towns 表)": a placeholder stands for a value inside Chinese text
        after_placeholder = before == "}" and re.search(f"[{HAN}]", m.group(1))
        if chinese_outside or whole or after_placeholder:
            found.append(text[max(0, m.start() - 6):m.end() + 6])
    rest = _PAIR.sub(lambda m: " " * len(m.group(0)), text)  # brackets without a partner
    found += [rest[max(0, m.start() - 6):m.end() + 6] for m in _LONE.finditer(rest)]
    return found


def problems(text: str) -> list[str]:
    """Each offending spot with a little context, e.g. '统计期(' or 'None'."""
    found = [text[max(0, m.start() - 6):m.end() + 6] for m in (*_AFTER.finditer(text), *_BEFORE.finditer(text))]
    found += _bracket_problems(text)
    found += [m.group(0) for m in _MISSING.finditer(text)]
    return found
