"""A frame handed out from the shared result caches (fxdash.ui_data.handed_out) is named in a cache key by
its result's key (fxdash.ui_cache.exact) only while it is what it was handed out as: any change to it, by
any of pandas' ways, falls back to every value, and two different frames never share a name."""

import warnings

import pandas as pd
import pytest

from fxdash import ui_cache, ui_data
from fxdash.ui_data import handed_out

KEY = ("query", ("fxdash.queries.x.f", "Filters(...)", (), "/db", "v3", "full"))


def _original() -> pd.DataFrame:
    return pd.DataFrame({"town": ["甲镇", "乙镇", "丙镇"], "n": [3, 1, 2], "share": [0.5, 0.25, 0.25]})


def _by_value(df: pd.DataFrame) -> bool:
    """Fingerprinted by every value (a frame never noted, or no longer what it was handed out as)."""
    return ui_cache.exact(df)[0] == "frame"


def test_an_untouched_copy_is_named_by_its_result_key_and_others_by_their_values():
    original = _original()
    out = handed_out(original, KEY)
    assert ui_cache.exact(out) == ("result", KEY)
    assert ui_cache.exact(handed_out(original, (*KEY[:1], "other"))) != ui_cache.exact(out)
    assert _by_value(handed_out(original))  # handed out without a key
    assert _by_value(original)  # the cached frame itself


def _set_value(df):
    df.loc[0, "n"] = 9


def _set_text(df):
    df.iloc[1, 0] = "丁镇"


def _new_column(df):
    df["extra"] = 1


def _replace_column(df):
    df["n"] = [3, 1, 2]  # the same values, a new column all the same: by value again


def _drop(df):
    df.drop(columns=["share"], inplace=True)


def _sort(df):
    df.sort_values("n", inplace=True)


def _rename(df):
    df.rename(columns={"n": "count"}, inplace=True)


def _index_name(df):
    df.index.name = "row"


def _columns_name(df):
    df.columns.name = "col"


def _columns(df):
    df.columns = ["a", "b", "c"]


def _index(df):
    df.index = [7, 8, 9]


def _attrs(df):
    df.attrs["note"] = "x"


def _scale(df):
    df["share"] *= 2


def _fill(df):
    df.fillna(0, inplace=True)


def _flags(df):
    df.flags.allows_duplicate_labels = False


CHANGES = [_flags, _set_value, _set_text, _new_column, _replace_column, _drop, _sort, _rename, _index_name, _columns_name,
           _columns, _index, _attrs, _scale, _fill]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_a_changed_copy_is_named_by_its_values_and_the_cached_frame_is_left_alone(change):
    original = _original()
    out = handed_out(original, KEY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 3.1 deprecates inplace=
        change(out)
    assert _by_value(out)
    assert original.equals(_original()) and not original.attrs and original.index.name is None


def test_frames_in_a_bundle_are_named_by_their_item_and_a_note_goes_with_its_copy():
    bundle = {"towns": _original(), "weeks": _original().head(2), "count": 3}
    out = handed_out(bundle, KEY)
    assert ui_cache.exact(out["towns"]) == ("result", (*KEY, "towns"))
    assert ui_cache.exact(out["weeks"]) == ("result", (*KEY, "weeks")) != ui_cache.exact(out["towns"])
    listed = handed_out([_original()], KEY)
    assert ui_cache.exact(listed[0]) == ("result", (*KEY, 0))
    noted = len(ui_cache._SOURCES)
    del out, listed
    assert len(ui_cache._SOURCES) == noted - 3


def test_a_key_without_an_exact_repr_is_not_noted():
    assert ui_data._named("query", ("f", object())) is None
    assert ui_data._named("query", KEY[1]) == KEY
    assert _by_value(handed_out(_original(), ui_data._named("query", ("f", object()))))
