"""A problem found in an import file: where (Excel row, column), what was written, what is wrong.

A hostile or badly broken file can hold millions of problems. `ProblemList` keeps the first
`kept` in full (the downloadable list) and only counts the rest, by column and kind, so memory
stays bounded; the page shows the first SHOWN and the counts by kind. pandas is imported lazily:
the reading child process (fxdash.ingest.sandbox) uses this module without it.
"""

from collections import Counter
from dataclasses import asdict, dataclass

from fxdash.labels import ingest as X

SHOWN = 1000  # problems listed on the page; the rest are in the download


@dataclass(frozen=True)
class Problem:
    row: int  # row number as seen in Excel (header = 1 for a template)
    column: str  # the column's Chinese header (or the header as written, or FILE_LEVEL)
    value: str
    message: str  # Chinese, for the user
    kind: str = ""  # the message before the cell's value was put in (for counting by kind)

    @property
    def key(self) -> tuple[str, str]:
        return self.column, self.kind or self.message


class ProblemList(list):
    """A list of problems that stops storing after `kept` and counts every problem by kind."""

    def __init__(self, items=(), kept: int = 100_000):
        super().__init__()
        self.kept = kept
        self.total = 0
        self.kinds: Counter = Counter()
        self.extend(items)

    def append(self, p: Problem) -> None:
        self.total += 1
        self.kinds[p.key] += 1
        if len(self) < self.kept:
            super().append(p)

    def extend(self, items) -> None:
        for p in items:
            self.append(p)

    def __iadd__(self, items):
        self.extend(items)
        return self

    def count(self, column: str, kind: str, n: int) -> None:
        """n more problems of one kind that were not built one by one."""
        self.total += n
        self.kinds[(column, kind)] += n

    def room(self) -> int:
        return max(0, self.kept - len(self))


def total(problems: list) -> int:
    return getattr(problems, "total", len(problems))


def kinds(problems: list) -> list[tuple[str, str, int]]:
    """(column, kind, count), most frequent first."""
    counts = getattr(problems, "kinds", None)
    if counts is None:
        counts = Counter(p.key for p in problems)
    return [(c, k, n) for (c, k), n in counts.most_common()]


def kinds_frame(problems: list):
    import pandas as pd

    return pd.DataFrame(kinds(problems), columns=["column", "kind", "count"]).rename(
        columns=X.PROBLEM_KIND_COLUMNS)


def to_frame(problems: list[Problem], limit: int | None = None):
    """The problem table, Chinese headers, sorted by row then column as staff will fix them."""
    import pandas as pd

    rows = [asdict(p) for p in problems]
    df = pd.DataFrame(rows, columns=[*X.PROBLEM_COLUMNS, "kind"]).drop(columns="kind")
    df = df.sort_values(["row"], kind="stable").reset_index(drop=True)
    if limit is not None:
        df = df.head(limit)
    return df.rename(columns=X.PROBLEM_COLUMNS)


def to_text(problems: list[Problem], limit: int | None = None) -> str:
    """A plain-text table for the command line."""
    ordered = sorted(problems, key=lambda p: p.row)
    shown = ordered if limit is None else ordered[:limit]
    lines = [f"{X.PROBLEM_COLUMNS['row']}\t{X.PROBLEM_COLUMNS['column']}\t{X.PROBLEM_COLUMNS['value']}\t"
             f"{X.PROBLEM_COLUMNS['message']}"]
    for p in shown:
        lines.append(f"{p.row}\t{p.column}\t{p.value}\t{p.message}")
    hidden = total(problems) - len(shown)
    if hidden > 0:
        lines.append(X.MORE_PROBLEMS.format(n=hidden))
        lines.append(X.PROBLEM_KINDS_TITLE + ":")
        lines += [f"  {column}\t{kind}\t{n}" for column, kind, n in kinds(problems)[:30]]
    return "\n".join(lines)
