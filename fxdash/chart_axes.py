"""Axis ticks chosen from the data, so that every chart (on screen and rendered into the DOCX) reads true.

Plotly's automatic ticks go wrong in three ways that a meeting notices: a ",d" format rounds half
steps (0, 3, 5, 8 for 0, 2.5, 5, 7.5; "0 0 1 1" for small counts), ranges padded by a factor give
odd ticks (69.9, 139.9), and category axes drop every other label when space is short. Here the
ticks are computed once, as explicit values with their exact text: counts step by whole numbers
(1, 2, 5 × 10ⁿ), amounts and rates by 1, 2 or 5 × 10ⁿ with just the decimals the step needs, and
every category is listed.
"""

import math
from collections.abc import Iterable

import pandas as pd

STEPS = (1, 2, 5, 10)


def nice_step(span: float, integer: bool, target: int = 5) -> float:
    """The round step that cuts `span` into about `target` intervals (whole numbers for counts)."""
    if not span > 0:
        return 1.0
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in STEPS if m * magnitude >= raw - 1e-12)
    return float(max(1, round(step))) if integer else step


def decimals_for(step: float) -> int:
    """How many decimals print a multiple of `step` exactly (2.5 -> 1, 0.25 -> 2, 5 -> 0)."""
    for d in range(7):
        if abs(round(step, d) - step) < 1e-9 * max(1.0, step):
            return d
    return 6


def tick_text(value: float, step: float, percent: bool = False) -> str:
    if percent:
        return f"{value * 100:,.{decimals_for(step * 100)}f}%"
    return f"{value:,.{decimals_for(step)}f}"


def _finite(values: Iterable) -> list[float]:
    out = []
    for v in values:
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def value_axis(values: Iterable, integer: bool = True, percent: bool = False, headroom: float = 0.0,
               target: int = 5) -> dict:
    """Layout for a value axis that starts at zero (or below, for negative values) and shows round,
    exact ticks covering every value; `headroom` leaves room right/above for printed values."""
    data = _finite(values)
    lo = min([0.0, *data])
    hi = max([0.0, *data])
    if hi - lo == 0:
        hi = lo + (1.0 if (integer or not percent) else 0.01)
    step = nice_step(hi - lo, integer, target)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    count = int(round((last - first) / step))
    ticks = [round(first + k * step, 9) for k in range(count + 1)]
    top = max(last, hi * (1 + headroom)) if headroom else last
    # a sliver beyond the last tick so the top gridline and its label are not clipped
    pad = (top - first) * 0.02
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [tick_text(t, step, percent) for t in ticks],
            "range": [first - (pad if first < 0 else 0), top + pad], "autorange": False, "zeroline": True}


def count_axis(values: Iterable, headroom: float = 0.0) -> dict:
    return value_axis(values, integer=True, headroom=headroom)


def amount_axis(values: Iterable, headroom: float = 0.0) -> dict:
    return value_axis(values, integer=False, headroom=headroom)


def percent_axis(values: Iterable = (0.0, 1.0)) -> dict:
    """Shares 0–1 printed as percentages (20%, 40%…; 2.5% steps when the shares are small)."""
    return value_axis(values, integer=False, percent=True)


def stacked_extent(df: pd.DataFrame, by, value: str) -> list[float]:
    """The top of the positive stack and the bottom of the negative stack for each group."""
    values = df[value]  # each group's positive and negative parts summed apart, without a Python call per group
    pos = values.where(values > 0, 0).groupby(df[by]).sum()
    neg = values.where(values < 0, 0).groupby(df[by]).sum()
    return [*pos.tolist(), *neg.tolist()]


def category_axis(categories: Iterable, text: Iterable | None = None) -> dict:
    """Every category labelled (no skipped labels at any width); long labels tilt, margins grow."""
    cats = list(categories)
    return {"type": "category", "tickmode": "array", "tickvals": cats,
            "ticktext": list(text) if text is not None else [str(c) for c in cats], "automargin": True,
            "categoryorder": "array", "categoryarray": cats}
