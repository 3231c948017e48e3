"""The stacked community charts (scenes by town and by batch, suggestions by topic) are built from one
unstacked table instead of a filter, set_index and reindex per series; every figure must serialise byte
for byte as the per-series construction made it, on the demo data under several filter sets and on
frames with gaps, blanks and values outside the vocabulary."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fxdash import charts
from fxdash.chart_axes import category_axis, count_axis, stacked_extent
from fxdash.chart_figure import Figure
from fxdash.filters import Filters
from fxdash.labels import common as LC
from fxdash.labels import community as LCM
from fxdash.labels import vocab as V
from fxdash.queries import community_places, community_suggestions, people_points, people_roles
from fxdash.theme import GOOD, PALETTE, scene_rgb

from .conftest import REF_DATE


def former_stacked_scene_bars(df, group_col, title, group_labels=None):
    """charts.stacked_scene_bars as it was: one filter, set_index and reindex per scene type."""
    groups = list(dict.fromkeys(df[group_col]))
    names = [group_labels.get(g, g) if group_labels else g for g in groups]
    fig = Figure()
    for stype in V.SCENE_TYPES:
        part = df[df["scene_type"] == stype].set_index(group_col)["scenes"].reindex(groups)
        if part.notna().any():
            fig.add_bar(x=names, y=part, name=stype, marker_color=scene_rgb(stype),
                        hovertemplate="%{x}<br>" + stype + " %{y} 个<extra></extra>")
    fig.update_layout(barmode="stack", xaxis=category_axis(names))
    fig.update_layout(yaxis=dict(title=LC.UNIT_ITEM, **count_axis(stacked_extent(df, group_col, "scenes"))))
    return charts._legend_in_order(charts.style(fig, title))


def former_suggestion_topic_bars(df, title=LCM.SUGGEST_TOPIC_TITLE):
    """charts.suggestion_topic_bars as it was: one filter, set_index and reindex per status."""
    fig = Figure()
    colours = dict(zip(V.SUGGESTION_STATUSES, (PALETTE[7], PALETTE[1], GOOD)))
    topics = [t for t in V.SUGGESTION_TOPICS if t in set(df["topic"])]
    for status in V.SUGGESTION_STATUSES:
        part = df[df["status"] == status].set_index("topic").reindex(topics)
        if part["suggestions"].notna().any():
            fig.add_bar(x=topics, y=part["suggestions"], name=status, marker_color=colours[status],
                        hovertemplate="%{x}<br>" + status + " %{y} 条<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_layout(yaxis=dict(title=LC.UNIT_CASE, **count_axis(stacked_extent(df, "topic", "suggestions"))))
    fig.update_layout(xaxis=category_axis(topics))
    return charts.style(fig, title)


def former_people_stacked(df, x, color, y, title, unit, order=(), monthly=False):
    """charts.people_stacked as it was: a groupby, then set_index, reindex and fillna per group."""
    df = df.copy()
    if monthly:
        df[x] = charts._month_labels(df[x]).to_numpy()
    xs = list(dict.fromkeys(df[x]))
    seen = list(df[color].unique())
    groups = [g for g in order if g in seen] + [g for g in seen if g not in order]
    rows = dict(tuple(df.groupby(color, sort=False)))
    fig = Figure()
    for i, group in enumerate(groups):
        part = rows[group].set_index(x)[y].reindex(xs).fillna(0)
        fig.add_bar(x=xs, y=part.to_numpy(), name=group, marker_color=PALETTE[i % len(PALETTE)],
                    hovertemplate=f"%{{x}}<br>{group} %{{y:,}} {unit}<extra></extra>")
    fig.update_layout(barmode="relative")
    fig.update_layout(xaxis=category_axis(xs))
    fig.update_layout(yaxis=dict(title=unit, **count_axis(stacked_extent(df, x, y))))
    fig = charts.style(fig, title, height=360 + 24 * (len(groups) > 4))
    if len(groups) > 4:
        fig.update_layout(margin={"t": 80 + 26 * ((len(groups) - 1) // 4)})
    return fig


FILTER_SETS = (
    Filters(dt.date(2024, 1, 1), REF_DATE),  # everything: every town, every batch
    Filters(dt.date(2025, 9, 1), REF_DATE),
    Filters(dt.date(2026, 2, 19), REF_DATE),  # the default four weeks: few rows, gaps
    Filters(dt.date(2024, 1, 1), REF_DATE, towns=("310120101",)),  # one town
)


@pytest.mark.parametrize("f", FILTER_SETS, ids=("all", "since-sep", "four-weeks", "one-town"))
def test_demo_charts_serialise_as_built_per_series(ref_con, f):
    towns = community_places.scenes_by_town(ref_con, f)
    batches = community_places.scenes_by_batch(ref_con, f)
    topics = community_suggestions.suggestions_by_topic(ref_con, f)
    labels = {b: f"第{b}批" for b in batches["batch"]}
    checked = 0
    for df, args in ((towns, ("town", "t")), (batches, ("batch", "t", labels))):
        if len(df):
            assert charts.stacked_scene_bars(df, *args).to_json() == former_stacked_scene_bars(df, *args).to_json()
            checked += 1
    if len(topics):
        assert charts.suggestion_topic_bars(topics).to_json() == former_suggestion_topic_bars(topics).to_json()
        checked += 1
    if f.date_from == dt.date(2024, 1, 1) and not f.towns:
        assert checked == 3 and towns["town"].nunique() > 3 and topics["status"].nunique() > 1


@pytest.mark.parametrize("f", FILTER_SETS, ids=("all", "since-sep", "four-weeks", "one-town"))
def test_people_stacked_charts_serialise_as_built_per_group(ref_con, f):
    """The people page's stacked charts: roles by town (counts), volunteering by month (counts and hours),
    points by month and source (negative redemptions) and by item."""
    volunteer = people_roles.volunteer_monthly(ref_con, f)
    cases = [(people_roles.role_section(ref_con, f)["by_town"], ("town", "role", "holdings", "t", "人次"), {"order": V.ROLES}),
             (volunteer, ("month", "kind", "participations", "t", "人次"), {"order": V.VOLUNTEER_ACTIVITY_KINDS, "monthly": True}),
             (volunteer, ("month", "kind", "hours", "t", "小时"), {"order": V.VOLUNTEER_ACTIVITY_KINDS, "monthly": True}),
             (people_points.points_monthly(ref_con, f), ("month", "reason", "points", "t", "分"), {"monthly": True}),
             (people_points.redeemed_by_item_month(ref_con, f), ("month", "item", "points", "t", "分"), {"monthly": True})]
    drawn = 0
    for df, args, kwargs in cases:
        if len(df):
            assert charts.people_stacked(df, *args, **kwargs).to_json() == \
                former_people_stacked(df, *args, **kwargs).to_json(), args
            drawn += 1
    assert drawn >= 3


def test_people_stacked_gaps_blanks_and_other_dtypes_as_before():
    base = pd.DataFrame({"m": pd.array(["一月", "一月", "二月", "三月"], dtype="str"),
                         "g": pd.array(["甲", "乙", "乙", "甲"], dtype="str"), "v": [3, -2, 5, 1]})
    frames = [base, base.astype({"v": "float64"}), base.assign(v=[1.5, np.nan, 2.0, 0.25]),
              base.astype({"v": "Int64"}), base.assign(m=pd.array(["一月", None, "二月", "三月"], dtype="str"))]
    for df in frames:
        for order in ((), ("乙",)):
            assert charts.people_stacked(df, "m", "g", "v", "t", "人", order=order).to_json() == \
                former_people_stacked(df, "m", "g", "v", "t", "人", order=order).to_json(), (df.dtypes["v"], order)


def _scenes(towns, types, counts) -> pd.DataFrame:
    return pd.DataFrame({"town": pd.array(towns, dtype="str"), "scene_type": pd.array(types, dtype="str"),
                         "scenes": pd.array(counts, dtype="int64")})


EDGE_SCENES = {
    "gaps": _scenes(["南桥镇", "南桥镇", "四团镇"], ["商圈", "社区", "商圈"], [1, 2, 3]),
    "no gaps": _scenes(["南桥镇", "四团镇"], ["商圈", "商圈"], [1, 2]),  # stays integer
    "blank town": _scenes(["南桥镇", None, "南桥镇"], ["商圈", "社区", "社区"], [1, 2, 3]),
    "blank type": _scenes(["南桥镇", "四团镇", "南桥镇"], ["商圈", None, "社区"], [1, 2, 3]),
    "type outside the vocabulary": _scenes(["南桥镇", "四团镇"], ["商圈", "其他"], [1, 2]),
    "zero": _scenes(["南桥镇"], ["商圈"], [0]),
    "negative": _scenes(["南桥镇", "南桥镇", "四团镇"], ["商圈", "社区", "商圈"], [-1, 2, -3]),
    "blank counts": _scenes(["南桥镇", "四团镇"], ["商圈", "社区"], [1, 2]).astype({"scenes": "float64"}).assign(
        scenes=[1.0, np.nan]),
    "float counts": _scenes(["南桥镇", "南桥镇", "四团镇"], ["商圈", "社区", "商圈"], [1, 2, 3]).astype({"scenes": "float64"}),
}


@pytest.mark.parametrize("name", list(EDGE_SCENES))
def test_edge_scene_frames_serialise_as_built_per_series(name):
    df = EDGE_SCENES[name]
    assert charts.stacked_scene_bars(df, "town", "t").to_json() == former_stacked_scene_bars(df, "town", "t").to_json()


def test_edge_suggestion_frame_serialises_as_built_per_series():
    topic, other = V.SUGGESTION_TOPICS[0], V.SUGGESTION_TOPICS[1]
    df = pd.DataFrame({"topic": pd.array([topic, topic, other, "其他"], dtype="str"),
                       "status": pd.array([V.SUGGESTION_STATUSES[1], V.SUGGESTION_STATUSES[2],
                                           V.SUGGESTION_STATUSES[1], V.SUGGESTION_STATUSES[0]], dtype="str"),
                       "suggestions": [1, 2, 5, 4], "adopted": [0, 1, 0, 0], "mean_days": [None, 3.0, 1.0, 2.0]})
    assert charts.suggestion_topic_bars(df).to_json() == former_suggestion_topic_bars(df).to_json()


def test_a_gap_keeps_blanks_and_a_full_series_stays_integer():
    fig = charts.stacked_scene_bars(EDGE_SCENES["gaps"], "town", "t")
    by_name = {t.name: t.y for t in fig.data}
    assert by_name["商圈"].dtype.kind == "i" and list(by_name["商圈"]) == [1, 3]
    assert by_name["社区"].dtype.kind == "f" and by_name["社区"][0] == 2 and pd.isna(by_name["社区"][1])


def test_a_duplicate_pair_is_refused_as_before():
    df = _scenes(["南桥镇", "南桥镇"], ["商圈", "商圈"], [1, 2])
    with pytest.raises(ValueError):
        former_stacked_scene_bars(df, "town", "t")
    with pytest.raises(ValueError):
        charts.stacked_scene_bars(df, "town", "t")
