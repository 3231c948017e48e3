"""ISO week arithmetic, including year boundaries."""

import datetime as dt

import pytest

from fxdash import weeks

D = dt.date


@pytest.mark.parametrize(
    "today,expected_monday",
    [
        (D(2026, 11, 27), D(2026, 11, 16)),  # a Friday: last full week is the one before this
        (D(2026, 11, 23), D(2026, 11, 16)),  # a Monday: the week that ended yesterday
        (D(2026, 11, 22), D(2026, 11, 9)),  # a Sunday: this week is not complete yet
        (D(2027, 1, 6), D(2026, 12, 28)),  # across the new year
    ],
)
def test_last_complete_week(today, expected_monday):
    assert weeks.last_complete_week(today) == expected_monday


@pytest.mark.parametrize(
    "monday,expected",
    [
        (D(2026, 11, 16), "2026-W47"),
        (D(2026, 12, 28), "2026-W53"),  # 2026 has 53 ISO weeks (it starts on a Thursday)
        (D(2027, 1, 4), "2027-W01"),
        (D(2024, 12, 30), "2025-W01"),  # ISO year differs from the calendar year
    ],
)
def test_label_and_parse_round_trip(monday, expected):
    assert weeks.label(monday) == expected
    assert weeks.parse(expected) == monday


@pytest.mark.parametrize("text", ["2026-47", "2026-W54", "2025-W53", "W47", ""])
def test_parse_rejects_bad_weeks_in_chinese(text):
    with pytest.raises(ValueError, match="周"):
        weeks.parse(text)


def test_previous_weeks_go_back_in_sevens():
    assert weeks.previous_weeks(D(2027, 1, 4), 2) == [D(2026, 12, 28), D(2026, 12, 21)]
    assert weeks.week_end(D(2026, 12, 28)) == D(2027, 1, 3)
