"""The shared Filters: SQL compilation as data, and the URL round trip."""

import datetime as dt

import pytest

from fxdash.filters import Filters, default_filters, from_params

D1, D2 = dt.date(2026, 3, 1), dt.date(2026, 3, 18)
BASE = Filters(D1, D2)


@pytest.mark.parametrize(
    "filters,columns,expected_sql,expected_params",
    [
        (BASE, {}, "true", []),
        (BASE, {"date": "d"}, "d between ? and ?", [D1, D2]),
        (BASE, {"timestamp": "t"}, "t >= ? and t < ?",
         [dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 19)]),
        (Filters(D1, D2, towns=("310120111",)), {"town": "x.town_code"},
         "list_contains(?, x.town_code)", [["310120111"]]),
        # a filter whose column a query does not name does not apply
        (Filters(D1, D2, towns=("310120111",)), {"occupation": "w.occupation"}, "true", []),
        (Filters(D1, D2, occupations=("快递员", "外卖骑手"), enterprises=("E001",)),
         {"occupation": "w.occupation", "enterprise": "w.enterprise_id"},
         "list_contains(?, w.occupation) and list_contains(?, w.enterprise_id)", [["快递员", "外卖骑手"], ["E001"]]),
        (Filters(D1, D2, amenities=("充换电", "停车")), {"amenities": "s.amenities"},
         "list_has_all(s.amenities, ?)", [["充换电", "停车"]]),
        (Filters(D1, D2, categories=("安全隐患",), statuses=("待受理",)),
         {"date": "d", "category": "r.category", "status": "r.status"},
         "d between ? and ? and list_contains(?, r.category) and list_contains(?, r.status)",
         [D1, D2, ["安全隐患"], ["待受理"]]),
    ],
)
def test_where_compiles_to_sql_and_params(filters, columns, expected_sql, expected_params):
    assert filters.where(**columns) == (expected_sql, expected_params)


def test_where_values_are_bound_never_formatted(empty_con):
    """A hostile value is just an unknown town: it matches nothing and runs nothing."""
    f = Filters(D1, D2, towns=("'); drop table towns; --",))
    sql, params = f.where(town="town_code")
    assert "drop" not in sql
    empty_con.execute("insert into towns values ('310120111', '青村镇', '镇', 30.9, 121.5, 72.7)")
    assert empty_con.execute(f"select count(*) from towns where {sql}", params).fetchone() == (0,)
    assert empty_con.execute("select count(*) from towns").fetchone() == (1,)


def test_filters_round_trip_through_url_params():
    f = Filters(D1, D2, towns=("310120111", "310120118"), occupations=("快递员",), enterprises=("E003",),
                categories=("安全隐患", "消防隐患"), statuses=("待受理",), roles=("网格信息员",),
                station_kinds=("骑手驿站",), host_types=("银行网点",), amenities=("充换电",))
    back, errors = from_params(f.to_params(), as_of=D2)
    assert errors == []
    assert back == f


def test_empty_params_give_the_default_four_weeks():
    f, errors = from_params({}, as_of=D2)
    assert errors == []
    assert f == default_filters(D2)
    assert f.days == 28 and f.date_to == D2


@pytest.mark.parametrize(
    "params,expected_error_part",
    [
        ({"from": "2026-13-01"}, "不是有效日期"),
        ({"to": "yesterday"}, "不是有效日期"),
        ({"cat": "不存在的类别"}, "不是可选值"),
        ({"town": "999999999"}, "不是可选值"),
        ({"occ": "宇航员"}, "不是可选值"),
    ],
)
def test_bad_url_values_are_ignored_with_a_chinese_message(params, expected_error_part):
    f, errors = from_params(params, as_of=D2, known={"towns": ("310120111",)})
    assert len(errors) == 1 and expected_error_part in errors[0]
    assert f.categories == () and f.towns == () and f.occupations == ()


def test_reversed_dates_are_swapped_and_reported():
    f, errors = from_params({"from": "2026-03-18", "to": "2026-03-01"}, as_of=D2)
    assert (f.date_from, f.date_to) == (D1, D2)
    assert "晚于" in errors[0]


def test_repeated_and_comma_separated_values_are_both_read():
    f, _ = from_params({"occ": ["快递员,外卖骑手", "快递员"]}, as_of=D2)
    assert f.occupations == ("快递员", "外卖骑手")


def test_previous_period_has_equal_length_and_ends_the_day_before():
    p = Filters(D1, D2).previous()
    assert p.days == 18 and p.date_to == D1 - dt.timedelta(days=1)
