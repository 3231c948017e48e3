"""Personal data: which result columns are personal, and the one rule that masks them.

Meetings are projected and exports are forwarded, so names, phones and ID-like codes are masked
(王*, 欧阳*, 138****1234, 31**********34) for everyone but admins and users allowed to see them
(`pii`); viewers get no personal columns at all. Query functions return the stored values and
*declare* their personal columns with `@personal(...)`; the runner (fxdash.rights.call, used by the
app, the exports and the command line) applies `protect` to every result before it reaches a page or
a file, so no page or export decides on masking by itself.
"""

import re

import pandas as pd

NAME, PHONE, CODE = "name", "phone", "code"  # kinds of personal column
CLEAR, MASK, DROP = "clear", "mask", "drop"  # what a user gets: values as stored, masked, no column

# two-character surnames: the whole surname is kept (欧阳娜娜 -> 欧阳*), as staff would write it
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 端木 独孤 南宫 西门 "
    "百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 钟离 濮阳 万俟 第五 东郭 公羊 单于 拓跋 宗政 左丘 谷梁 "
    "仲孙 巫马 段干 漆雕 乐正 梁丘 羊舌 微生 壤驷 颛孙 亓官 鲜于 闾丘 司寇 子车".split())

_DIGITS = re.compile(r"\d")
_AREA_CODE = re.compile(r"^\s*\(?(0\d{2,3})[-\s)]")  # 021-57123456, (021) 57123456


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()


def mask_name(name) -> str:
    """Surname and one asterisk, hiding the given name and its length: 王小明 -> 王*, 欧阳娜娜 -> 欧阳*."""
    if _blank(name):
        return ""
    text = str(name).strip()
    surname = text[:2] if len(text) > 2 and text[:2] in COMPOUND_SURNAMES else text[:1]
    return surname + "*"


def mask_phone(phone) -> str:
    """Mobiles keep the first 3 and last 4 digits (138****5678); landlines keep their area code and
    last 4 digits (021-****3456); numbers too short to hide anything that way are all asterisks."""
    if _blank(phone):
        return ""
    text = str(phone).strip()
    digits = "".join(_DIGITS.findall(text))
    if len(digits) == 13 and digits.startswith("861"):  # +86 138 1234 5678
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    area = _AREA_CODE.match(text)
    if area and len(digits) - len(area.group(1)) >= 7:
        local = digits[len(area.group(1)):]
        return f"{area.group(1)}-{'*' * (len(local) - 4)}{local[-4:]}"
    if len(digits) >= 7:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits or text)


def mask_code(code) -> str:
    """ID-like codes (ID card numbers, elder codes): first 2 and last 2 characters of 6+ (a resident ID
    keeps its 6-digit region and last 2); shorter codes are all asterisks."""
    if _blank(code):
        return ""
    text = str(code).strip()
    if len(text) >= 15:  # resident ID: region code is not personal, the birth date and serial are
        return text[:6] + "*" * (len(text) - 8) + text[-2:]
    if len(text) >= 6:
        return text[:2] + "*" * (len(text) - 4) + text[-2:]
    return "*" * len(text)


MASKS = {NAME: mask_name, PHONE: mask_phone, CODE: mask_code}


# --- the declaration --------------------------------------------------------------------------------


def personal(**columns: str):
    """Declare a query function's personal result columns: `@personal(reporter_name=NAME, phone=PHONE)`.

    For a function returning a dict of tables, declare per key: `@personal(overdue={"reporter": NAME})`.
    """
    def mark(fn):
        fn.personal = columns
        return fn
    return mark


def declared(fn) -> dict:
    return getattr(fn, "personal", {})


# whole tables (data page downloads, `python -m fxdash export`)
TABLE_COLUMNS = {
    "workers": {"name": NAME, "phone": PHONE},
    "enterprises": {"contact_phone": PHONE},
    "care_pairs": {"elder_code": CODE},
    "reports": {"handler": NAME},
}


def protect(result, columns: dict, mode: str):
    """`result` (a DataFrame, or a dict holding DataFrames) with its declared personal columns
    masked (MASK), removed (DROP) or as stored (CLEAR). Never changes `result` in place."""
    if mode == CLEAR or not columns:
        return result
    if isinstance(result, dict):
        return {k: protect(v, columns.get(k, {}), mode) if isinstance(columns.get(k), dict) else v
                for k, v in result.items()}
    if not isinstance(result, pd.DataFrame):
        return result
    present = {c: kind for c, kind in columns.items() if c in result.columns}
    if mode == DROP:
        return result.drop(columns=list(present))
    out = result.copy()
    for col, kind in present.items():
        out[col] = out[col].map(MASKS[kind]).astype("str")
    return out


def protect_table(df: pd.DataFrame, table: str, mode: str) -> pd.DataFrame:
    return protect(df, TABLE_COLUMNS.get(table, {}), mode)
