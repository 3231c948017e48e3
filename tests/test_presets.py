"""Period presets (本周, 上周, 本月, 近28天, 今年, 累计): their dates, the URL round trip, bad values."""

import datetime as dt

import pytest

from fxdash.filters import FIRST_DATE, Filters, default_filters, from_params, preset_period, with_preset
from fxdash.labels import metrics as M

D = dt.date
WEDNESDAY = D(2026, 3, 18)  # the article's date, a Wednesday


@pytest.mark.parametrize(("key", "expected"), [
    ("week", (D(2026, 3, 16), WEDNESDAY)),
    ("last_week", (D(2026, 3, 9), D(2026, 3, 15))),
    ("month", (D(2026, 3, 1), WEDNESDAY)),
    ("28d", (D(2026, 2, 19), WEDNESDAY)),
    ("year", (D(2026, 1, 1), WEDNESDAY)),
    ("all", (FIRST_DATE, WEDNESDAY)),
])
def test_each_preset_covers_the_expected_days(key, expected):
    assert preset_period(key, WEDNESDAY) == expected


def test_a_week_preset_on_a_monday_is_that_day_alone_and_last_week_the_full_week_before():
    monday = D(2026, 3, 16)
    assert preset_period("week", monday) == (monday, monday)
    assert preset_period("last_week", monday) == (D(2026, 3, 9), D(2026, 3, 15))


def test_the_default_stays_the_last_28_days():
    f = default_filters(WEDNESDAY)
    assert f.preset == "28d" and f.days == 28 and f.date_to == WEDNESDAY


@pytest.mark.parametrize("key", list(M.PRESETS))
def test_a_preset_round_trips_through_the_url_by_name(key):
    f = with_preset(Filters(WEDNESDAY, WEDNESDAY, towns=("310120111",)), key, WEDNESDAY)
    params = f.to_params()
    assert params["period"] == key and "from" not in params and "to" not in params
    back, errors = from_params(params, WEDNESDAY, known={"towns": ("310120111",)})
    assert errors == [] and back == f


def test_a_preset_link_moves_with_the_data_day():
    """A link to 本周 opened a week later shows that later week, not the dates it was made with."""
    later = WEDNESDAY + dt.timedelta(days=7)
    f, _ = from_params({"period": ["week"]}, later)
    assert (f.date_from, f.date_to) == (D(2026, 3, 23), later)


def test_an_explicit_date_range_still_works_and_has_no_preset():
    f, errors = from_params({"from": "2026-01-05", "to": "2026-02-01"}, WEDNESDAY)
    assert errors == [] and f.preset == ""
    assert (f.date_from, f.date_to) == (D(2026, 1, 5), D(2026, 2, 1))
    assert f.to_params() == {"from": "2026-01-05", "to": "2026-02-01"}


def test_a_preset_beside_dates_wins():
    f, errors = from_params({"period": "month", "from": "2025-01-01", "to": "2025-01-31"}, WEDNESDAY)
    assert errors == [] and (f.date_from, f.date_to, f.preset) == (D(2026, 3, 1), WEDNESDAY, "month")


@pytest.mark.parametrize("value", ["bogus", "本周", "ALL", "<script>", "x" * 500, "\x00"])
def test_an_unknown_preset_gives_a_chinese_message_and_the_default(value):
    f, errors = from_params({"period": value}, WEDNESDAY)
    assert f == default_filters(WEDNESDAY)
    assert len(errors) == 1 and "period" in errors[0] and "近28天" in errors[0]
    assert len(errors[0]) < 200  # the value is cut, the message stays readable


def test_an_unknown_preset_keeps_explicit_dates_given_beside_it():
    f, errors = from_params({"period": "bogus", "from": "2026-01-05", "to": "2026-02-01"}, WEDNESDAY)
    assert (f.date_from, f.date_to, f.preset) == (D(2026, 1, 5), D(2026, 2, 1), "") and len(errors) == 1


def test_the_previous_period_and_a_changed_period_are_no_longer_the_preset():
    f = with_preset(default_filters(WEDNESDAY), "week", WEDNESDAY)
    assert f.previous().preset == "" and f.with_period(D(2026, 1, 1), D(2026, 1, 2)).preset == ""


def test_the_filter_note_names_the_preset_and_its_dates():
    f = with_preset(default_filters(WEDNESDAY), "month", WEDNESDAY)
    assert dict(f.describe())["时间范围"] == "本月（2026年3月1日至3月18日）"
    assert dict(Filters(D(2026, 3, 1), WEDNESDAY).describe())["时间范围"] == "2026年3月1日至3月18日"
