"""Masking of personal data before it reaches a screen or an exported file.

Meetings are projected and exports are forwarded, so pages show riders' phones and names masked
(138****1234, 王*). Query functions apply these so unmasked values never leave the database layer.
"""

import re

import pandas as pd

_DIGITS = re.compile(r"\d")


def mask_phone(phone) -> str:
    """Keep the first 3 and last 4 digits of a mobile number: 13812341234 -> 138****1234.

    Other formats (landlines, short numbers) keep at most their last 4 digits; empty stays empty.
    """
    if phone is None or (not isinstance(phone, str) and pd.isna(phone)):
        return ""
    text = str(phone).strip()
    digits = "".join(_DIGITS.findall(text))
    if not digits:
        return ""
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_name(name) -> str:
    """Surname (first character) and one asterisk, hiding the length too: 王小明 -> 王*."""
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return ""
    text = str(name).strip()
    if len(text) <= 1:
        return text
    return text[0] + "*"


def mask_columns(df: pd.DataFrame, phones: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> pd.DataFrame:
    """A copy of `df` with the given phone and name columns masked (missing columns are skipped)."""
    out = df.copy()
    for col in phones:
        if col in out.columns:
            out[col] = out[col].map(mask_phone).astype("str")
    for col in names:
        if col in out.columns:
            out[col] = out[col].map(mask_name).astype("str")
    return out
