"""A problem found in an import file: where (Excel row, column), what was written, what is wrong."""

from dataclasses import asdict, dataclass

import pandas as pd

from fxdash import labels as L


@dataclass(frozen=True)
class Problem:
    row: int  # row number as seen in Excel (header = 1 for a template)
    column: str  # the column's Chinese header (or the header as written, or FILE_LEVEL)
    value: str
    message: str  # Chinese, for the user


def to_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problem table, Chinese headers, sorted by row then column as staff will fix them."""
    df = pd.DataFrame([asdict(p) for p in problems], columns=list(L.PROBLEM_COLUMNS))
    df = df.sort_values(["row"], kind="stable").reset_index(drop=True)
    return df.rename(columns=L.PROBLEM_COLUMNS)


def to_text(problems: list[Problem], limit: int | None = None) -> str:
    """A plain-text table for the command line."""
    shown = problems if limit is None else problems[:limit]
    lines = [f"{L.PROBLEM_COLUMNS['row']}\t{L.PROBLEM_COLUMNS['column']}\t{L.PROBLEM_COLUMNS['value']}\t"
             f"{L.PROBLEM_COLUMNS['message']}"]
    for p in sorted(shown, key=lambda p: p.row):
        lines.append(f"{p.row}\t{p.column}\t{p.value}\t{p.message}")
    if limit is not None and len(problems) > limit:
        lines.append(L.MORE_PROBLEMS.format(n=len(problems) - limit))
    return "\n".join(lines)
