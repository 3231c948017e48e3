"""ui.figure: a chart is built once per distinct input and shared; any difference in the input rebuilds it."""

import pandas as pd
import pytest

from fxdash import charts, ui_widgets


@pytest.fixture
def counted():
    ui_widgets._figure.clear()
    calls = []

    def builder(df, title, *, color="red"):
        calls.append(title)
        return {"rows": len(df), "title": title, "color": color, "first": df.iloc[0].tolist() if len(df) else None}
    yield builder, calls
    ui_widgets._figure.clear()


def test_equal_inputs_share_one_build_and_every_difference_rebuilds(counted):
    builder, calls = counted
    big = pd.DataFrame({"x": range(120_000), "town": ["南桥镇", "奉城镇"] * 60_000})
    first = ui_widgets.figure(builder, big, "全区")
    assert ui_widgets.figure(builder, big.copy(), "全区") is first and calls == ["全区"]

    changed = big.copy()
    changed.loc[99_999, "x"] = -1  # outside any sample Streamlit's own hash would take of a frame this long
    ui_widgets.figure(builder, changed, "全区")
    ui_widgets.figure(builder, big, "南桥镇")
    ui_widgets.figure(builder, big, "全区", color="blue")
    ui_widgets.figure(builder, big.rename(columns={"x": "y"}), "全区")
    ui_widgets.figure(builder, big.astype({"x": "float64"}), "全区")
    assert len(calls) == 6


def test_an_input_without_a_fingerprint_is_built_each_time(counted):
    builder, calls = counted
    import threading

    odd = pd.DataFrame({"x": [threading.Lock(), 3]})  # a cell pickle cannot write: no exact fingerprint
    ui_widgets.figure(builder, odd, "a")
    ui_widgets.figure(builder, odd, "a")
    assert calls == ["a", "a"]


def test_lists_in_cells_are_keyed_by_every_item(counted):
    import numpy as np

    builder, calls = counted
    listed = pd.DataFrame({"x": [np.array(["热水", "休息"]), np.array(["充换电"])], "n": [1, 2]})
    ui_widgets.figure(builder, listed, "a")
    ui_widgets.figure(builder, listed.copy(), "a")
    assert calls == ["a"]
    ui_widgets.figure(builder, listed.assign(x=[np.array(["热水", "休息"]), np.array(["充电"])]), "a")
    as_lists = listed.assign(x=[["热水", "休息"], ["充换电"]])  # the same items, as lists: another input
    ui_widgets.figure(builder, as_lists, "a")
    ui_widgets.figure(builder, as_lists.copy(deep=False), "a")
    assert calls == ["a", "a", "a"]


def test_inputs_whose_repr_could_be_shortened_are_never_shared(counted):
    import dataclasses

    import numpy as np

    builder, calls = counted
    a, b = np.zeros(5000), np.zeros(5000)
    b[2500] = 1  # numpy prints both as [0. 0. 0. ... 0. 0. 0.]
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color=a)
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color=b)

    @dataclasses.dataclass
    class Holder:
        df: pd.DataFrame
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color=Holder(pd.DataFrame({"x": range(100)})))
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color=Holder(pd.DataFrame({"x": range(1, 101)})))
    assert len(calls) == 4
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color={"南桥镇": ["#111", 2]})
    ui_widgets.figure(builder, pd.DataFrame({"x": [1]}), "a", color={"南桥镇": ["#111", 2]})
    assert len(calls) == 5  # plain containers are keyed exactly, and shared


def test_a_real_chart_is_the_same_figure_as_built_directly():
    ui_widgets._figure.clear()
    df = pd.DataFrame({"town": ["南桥镇", "奉城镇"], "reports": [12, 7], "active_workers": [300, 210]})
    cached = ui_widgets.figure(charts.town_bars, df)
    assert cached.to_json() == charts.town_bars(df).to_json()
    assert ui_widgets.figure(charts.town_bars, df) is cached


def test_a_shared_chart_gives_plotly_chart_the_dict_of_the_chart_built_directly():
    import json

    import plotly.io
    import plotly.tools

    ui_widgets._figure.clear()
    df = pd.DataFrame({"town": ["南桥镇", "奉城镇"], "reports": [12, 7], "active_workers": [300, 210]})
    cached = ui_widgets.figure(charts.town_bars, df)
    direct = charts.town_bars(df)
    assert isinstance(cached, ui_widgets.SharedFigure) and cached.to_dict() is cached.to_dict()  # taken once
    # what st.plotly_chart sends: the figure's dict, then its JSON
    sent = plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(cached, True), validate=False)
    assert json.loads(sent) == json.loads(plotly.io.to_json(direct.to_dict(), validate=False))
    assert ui_widgets._frozen({"not": "a figure"}) == {"not": "a figure"}  # other builders' results as they are
    ui_widgets._figure.clear()
