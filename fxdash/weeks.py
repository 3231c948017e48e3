"""ISO week arithmetic for the weekly review (Monday to Sunday weeks, ISO 8601 numbering)."""

import datetime as dt
import re

from fxdash import textfmt

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(today: dt.date) -> dt.date:
    """The Monday of the last full Monday–Sunday week that ended before today."""
    return monday_of(today) - dt.timedelta(days=7)


def week_end(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=6)


def label(monday: dt.date) -> str:
    """ISO week label, e.g. 2026-W47 (the ISO year can differ from the calendar year)."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse(text: str) -> dt.date:
    """'2026-W47' -> the Monday of that ISO week; ValueError (Chinese message) when invalid."""
    m = WEEK_RE.match(text.strip())
    if not m:
        raise ValueError(f"周次“{text}”格式不对，应为 YYYY-Www，例如 2026-W47。")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValueError(f"{year}年没有第{week}周。") from exc


def previous_weeks(monday: dt.date, n: int) -> list[dt.date]:
    """The n Mondays before this week, most recent first."""
    return [monday - dt.timedelta(days=7 * k) for k in range(1, n + 1)]


def span_text(monday: dt.date) -> str:
    """2026年第11周（3月9日至3月15日）."""
    return f"{textfmt.week(monday)}（{textfmt.month_day(monday)}至{textfmt.month_day(week_end(monday))}）"


def cn_date(day: dt.date) -> str:
    """2026年3月18日, as dates are written in the department's documents (see fxdash.textfmt)."""
    return textfmt.day(day)
