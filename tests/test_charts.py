"""Chart axes read true: round exact ticks, whole numbers for counts, every category labelled, and the
partial current week marked. Every figure builder is checked on the demo data at the article's date."""

import datetime as dt
import math

import pandas as pd
import pytest

from fxdash import chart_axes, charts, report_charts, textfmt
from fxdash.filters import Filters
from fxdash.labels import reports as LRP
from fxdash.labels import vocab as V
from fxdash.queries import (
    common,
    community,
    community_fraud,
    community_places,
    community_suggestions,
    overview,
    people,
    people_party,
    people_roles,
)
from fxdash.queries import reports as R
from tests import role_oracle

from .conftest import REF_DATE

F = Filters(dt.date(2025, 9, 1), REF_DATE)  # long enough for every chart to have data
DEADLINES = ()


def _axes(fig) -> dict:
    layout = fig.to_plotly_json()["layout"]
    return {k: v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))}


def _number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%")) / (100 if text.endswith("%") else 1)


def check_value_axis(axis: dict, values, integer: bool) -> None:
    """Explicit ticks: equally spaced by 1, 2 or 5 × 10ⁿ, printed exactly, covering every value."""
    ticks, text = axis["tickvals"], axis["ticktext"]
    assert axis["tickmode"] == "array" and len(ticks) == len(text) >= 2
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1, ticks
    step = steps.pop()
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in (1, 2, 5), step
    for value, label in zip(ticks, text):
        assert _number(label) == pytest.approx(value, abs=1e-9), (value, label)
    if integer:
        assert all(float(t).is_integer() for t in ticks) and not any("." in t for t in text), text
    data = [float(v) for v in values if pd.notna(v)]
    assert axis["range"][0] <= min([0, *data]) and axis["range"][1] >= max([0, *data])


def check_category_axis(axis: dict, categories) -> None:
    """Every category has its label (no label skipped when space is short)."""
    assert axis["tickmode"] == "array" and axis["automargin"] is True
    assert list(axis["tickvals"]) == list(categories)
    assert len(axis["ticktext"]) == len(list(categories))


@pytest.mark.parametrize("values, integer, ticks, text", [
    ([0, 2.5, 5, 7.5], False, [0, 2, 4, 6, 8], ["0", "2", "4", "6", "8"]),
    ([0, 1, 1, 2], True, [0, 1, 2], ["0", "1", "2"]),
    ([0, 3], True, [0, 1, 2, 3], ["0", "1", "2", "3"]),
    ([349.7], False, [0, 100, 200, 300, 400], ["0", "100", "200", "300", "400"]),
    ([139.9, 69.9], True, [0, 50, 100, 150], ["0", "50", "100", "150"]),
    ([0.3, 1.2], False, [0, 0.5, 1, 1.5], ["0.0", "0.5", "1.0", "1.5"]),
    ([4210], True, [0, 1000, 2000, 3000, 4000, 5000], ["0", "1,000", "2,000", "3,000", "4,000", "5,000"]),
    ([-12, 30], True, [-20, -10, 0, 10, 20, 30], ["-20", "-10", "0", "10", "20", "30"]),
    ([], True, [0, 1], ["0", "1"]),
])
def test_value_ticks_are_round_and_printed_exactly(values, integer, ticks, text):
    """The cases from the issue: no 0/3/5/8 for 2.5 steps, no 0 0 1 1, no 69.9 or 349.7 ticks."""
    axis = chart_axes.value_axis(values, integer=integer)
    assert axis["tickvals"] == pytest.approx(ticks) and axis["ticktext"] == text


def test_percent_axis_prints_whole_percentages():
    axis = chart_axes.percent_axis()
    assert axis["ticktext"] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert chart_axes.percent_axis([0.0, 0.03])["ticktext"][:3] == ["0%", "1%", "2%"]
    assert chart_axes.percent_axis([0.0, 0.012])["ticktext"] == ["0.0%", "0.5%", "1.0%", "1.5%"]


def _weeks(n: int, last_monday: dt.date) -> pd.DataFrame:
    mondays = [last_monday - dt.timedelta(days=7 * k) for k in range(n - 1, -1, -1)]
    return pd.DataFrame({"week": pd.to_datetime(mondays), "new": range(n), "resolved": [1] * n})


def test_the_current_partial_week_is_hatched_dashed_and_labelled():
    """A week cut short by today reads 本周至今 and is drawn differently, not as a collapse."""
    today = dt.date(2026, 3, 18)  # a Wednesday
    fig = charts.weekly_new_resolved(_weeks(6, dt.date(2026, 3, 16)), through=today, today=today)
    bars = fig.data[0]
    assert list(bars.marker.pattern.shape) == [""] * 5 + ["/"]
    assert fig.layout.xaxis.ticktext[-1] == charts.PARTIAL_WEEK and fig.layout.xaxis.ticktext[0] == "2月9日"
    solid, dashed = fig.data[1], fig.data[2]
    assert solid.y[-1] is None and solid.y[-2] == 1 and dashed.line.dash == "dash"
    assert list(bars.marker.opacity) == [1.0] * 5 + [0.55]
    assert list(dashed.y[-2:]) == [1, 1] and all(v is None for v in dashed.y[:-2])
    assert len(solid.x) == len(dashed.x) == len(bars.x)  # a clicked point's index is its week's


def test_complete_weeks_are_drawn_alike_and_a_cut_first_week_is_marked():
    fig = charts.weekly_new_resolved(_weeks(4, dt.date(2026, 3, 9)), through=dt.date(2026, 3, 15),
                                     today=dt.date(2026, 3, 18), since=dt.date(2026, 2, 16))
    assert set(fig.data[0].marker.pattern.shape) == {""} and len(fig.data) == 2
    cut = charts.weekly_new_resolved(_weeks(4, dt.date(2026, 3, 9)), through=dt.date(2026, 3, 15),
                                     today=dt.date(2026, 3, 18), since=dt.date(2026, 2, 21))
    assert list(cut.data[0].marker.pattern.shape) == ["/", "", "", ""]
    assert cut.layout.xaxis.ticktext[0] == "2月21日起" and cut.data[1].y[0] is None
    assert list(cut.data[2].y) == [1, 1, None, None]
    assert charts.PARTIAL_WEEK not in fig.layout.xaxis.ticktext
    past = charts.partial_week_label(dt.date(2026, 3, 9), dt.date(2026, 3, 11), dt.date(2026, 3, 18))
    assert past == "3月9日至3月11日"


def test_month_and_day_labels_are_chinese():
    assert textfmt.day(dt.date(2026, 3, 18)) == "2026年3月18日"
    assert textfmt.month_day(dt.date(2026, 3, 8)) == "3月8日"
    assert textfmt.week(dt.date(2026, 3, 9)) == "2026年第11周"
    assert textfmt.week(dt.date(2027, 1, 1)) == "2026年第53周"  # ISO year, not calendar year
    assert textfmt.period(dt.date(2026, 2, 19), dt.date(2026, 3, 18)) == "2026年2月19日至3月18日"


def _figures(con):
    """(figure, {axis name: ("count"|"amount"|"percent", values) or ("category", labels)}) per builder."""
    weekly = overview.weekly_reports(con, F)
    towns = common.town_summary(con, F)
    flows = people.monthly_flows(con, F)
    by_town = people.active_by(con, F, by="town")
    party = people_party.party_by_town(con, F)
    roles_town = role_oracle.roles_by_town(con, F)
    roles = role_oracle.roles_by_role(con, F)
    growth = role_oracle.role_growth(con, F)
    volunteer = people_roles.volunteer_monthly(con, F)
    gap = community.coverage_by_community(con, F)
    pairs = community.pairs_by_town(con, F)
    visits = community.visits_by_month(con, F)
    tasks = community.visit_tasks(con, F)
    fraud_months = community_fraud.fraud_by_month(con, F)
    fraud_towns = community_fraud.fraud_by_town(con, F)
    topics = community_suggestions.suggestions_by_topic(con, F)
    scene_types = community_places.scenes_by_type(con, F)
    scene_towns = community_places.scenes_by_town(con, F)
    amenities = community_places.amenity_counts(con, F)
    rates = R.town_rates(con, F)
    ranking = R.community_ranking(con, F, limit=10)
    slots = R.hour_weekday(con, F)
    cats = R.category_stats(con, F, deadlines=DEADLINES)
    durations = R.duration_stats(con, F, by="category", deadlines=DEADLINES)
    vol_months = [textfmt.month(m) for m in dict.fromkeys(volunteer["month"])]
    gap_top = gap.head(12).iloc[::-1]
    d_rates = rates.dropna(subset=["per_1000"]).iloc[::-1]
    return [
        (charts.weekly_new_resolved(weekly, through=REF_DATE, today=REF_DATE),
         {"yaxis": ("count", [*weekly["new"], *weekly["resolved"]]),
          "xaxis": ("category", [w.date().isoformat() for w in weekly["week"]])}),
        (charts.town_bars(towns), {"yaxis": ("count", towns["active_workers"]), "yaxis2": ("count", towns["reports"]),
                                   "xaxis": ("category", towns["town"])}),
        (charts.people_flows(flows), {"yaxis": ("count", [*flows["joined"], *(-flows["left_"])]),
                                      "xaxis": ("category", [textfmt.month(m) for m in flows["month"]])}),
        (charts.people_hbars(by_town, "label", "workers", "t"),
         {"xaxis": ("count", by_town["workers"]), "yaxis": ("category", by_town.sort_values("workers")["label"])}),
        (charts.people_grouped(party, "town", {"party_members": "a", "mobile_members": "b"}, "t"),
         {"yaxis": ("count", party["party_members"]), "xaxis": ("category", party["town"])}),
        (charts.people_stacked(roles_town, "town", "role", "holdings", "t", "人次", order=V.ROLES),
         {"yaxis": ("count", roles_town.groupby("town")["holdings"].sum()),
          "xaxis": ("category", list(dict.fromkeys(roles_town["town"])))}),
        (charts.people_stacked(volunteer, "month", "kind", "hours", "t", "小时", monthly=True),
         {"yaxis": ("count", volunteer.groupby("month")["hours"].sum()), "xaxis": ("category", vol_months)}),
        (charts.people_roles(roles), {"yaxis": ("count", roles["holders"]), "yaxis2": ("percent", [0, 1]),
                                      "xaxis": ("category", roles["role"])}),
        (charts.people_lines(growth, {"people": "a", "holdings": "b"}, "t"),
         {"yaxis": ("count", growth["holdings"]), "xaxis": ("category", [textfmt.month(m) for m in growth["month"]])}),
        (charts.care_gap_bars(gap), {"xaxis": ("count", gap_top["paired_80"] + gap_top["gap"]),
                                     "yaxis": ("category", gap_top["community"] + "（" + gap_top["town"] + "）")}),
        (charts.care_town_bars(pairs), {"yaxis": ("count", pairs["pairs_at_end"]), "xaxis": ("category", pairs["town"])}),
        (charts.care_visits_chart(visits), {"yaxis": ("count", visits["visits"]),
                                            "yaxis2": ("amount", visits["visits_per_pair"])}),
        (charts.count_bars(tasks, "task", "visits", "t", "次"),
         {"xaxis": ("count", tasks["visits"]), "yaxis": ("category", tasks["task"].iloc[::-1])}),
        (charts.count_bars(tasks.head(3).assign(visits=[3, 1, 2]), "task", "visits", "t", "次", horizontal=False),
         {"yaxis": ("count", [3, 1, 2]), "xaxis": ("category", tasks["task"].head(3))}),
        (charts.fraud_month_chart(fraud_months), {"yaxis": ("amount", fraud_months["amount"] / 1e4),
                                                  "yaxis2": ("amount", fraud_months["cumulative_amount"] / 1e4)}),
        (charts.fraud_town_bars(fraud_towns), {"yaxis": ("amount", fraud_towns["amount"] / 1e4),
                                               "xaxis": ("category", fraud_towns["town"])}),
        (charts.suggestion_topic_bars(topics), {"yaxis": ("count", topics.groupby("topic")["suggestions"].sum())}),
        (charts.scene_type_bars(scene_types), {"yaxis": ("count", scene_types["scenes"]),
                                               "xaxis": ("category", scene_types["scene_type"])}),
        (charts.stacked_scene_bars(scene_towns, "town", "t"),
         {"yaxis": ("count", scene_towns.groupby("town")["scenes"].sum()),
          "xaxis": ("category", list(dict.fromkeys(scene_towns["town"])))}),
        (charts.amenity_bars(amenities), {"xaxis": ("count", amenities["rider_stations"] + amenities["service_points"]),
                                          "yaxis": ("category", amenities["amenity"].iloc[::-1])}),
        (report_charts.town_rate_bars(rates), {"xaxis": ("amount", d_rates["per_1000"]), "yaxis": ("category", d_rates["town"])}),
        (report_charts.community_bars(ranking, "t"), {"xaxis": ("count", ranking["reports"])}),
        (report_charts.hour_weekday_heatmap(slots), {"yaxis": ("category", LRP.WEEKDAYS)}),
        (report_charts.category_bars(cats), {"xaxis": ("count", cats["reports"]), "yaxis": ("category", cats["category"].iloc[::-1])}),
        (report_charts.status_funnel(R.status_funnel(con, F, deadlines=DEADLINES).iloc[0]),
         {"yaxis": ("category", LRP.RPT_FUNNEL_STAGES)}),
        (report_charts.duration_boxes(durations, "类别"), {"xaxis": ("amount", durations["p90"]),
                                                   "yaxis": ("category", durations["label"].iloc[::-1])}),
    ]


def test_every_chart_has_exact_round_ticks_and_every_category_labelled(ref_con):
    """Each builder on real data: count axes in whole numbers, amounts and shares with exact labels,
    category axes listing every category (projector mode must not skip 南桥镇)."""
    figures = _figures(ref_con)
    for fig, expected in figures:
        axes = _axes(fig)
        for name, (kind, values) in expected.items():
            axis = axes[name]
            if kind == "category":
                check_category_axis(axis, list(values))
            else:
                check_value_axis(axis, list(values), integer=kind == "count")
        # no axis anywhere is left to plotly's rounding "d" format
        assert not any(a.get("tickformat") in (",d", "d") for a in axes.values())
    towns = _axes(figures[1][0])["xaxis"]["ticktext"]
    assert "南桥镇" in towns and len(towns) >= 11


def test_the_heatmap_colour_scale_counts_in_whole_numbers(ref_con):
    fig = report_charts.hour_weekday_heatmap(R.hour_weekday(ref_con, F))
    bar = fig.data[0].colorbar
    assert all(float(v).is_integer() for v in bar.tickvals) and list(bar.ticktext) == [f"{int(v):,}" for v in bar.tickvals]
    assert list(fig.layout.xaxis.tickvals) == list(range(24))


@pytest.mark.parametrize("values", [[3, -2, 5, 0, -1, 4], [1.5, float("nan"), -2.25, 0.0, 7.0, -0.5], [-1, -2, -3, -4, -5, -6]])
def test_stacked_extent_is_each_groups_positive_and_negative_sums(values):
    df = pd.DataFrame({"g": ["b", "a", "b", "c", "a", "b"], "v": values})
    plain = df.groupby("g")["v"]
    expected = [*plain.apply(lambda s: s[s > 0].sum()).tolist(), *plain.apply(lambda s: s[s < 0].sum()).tolist()]
    assert chart_axes.stacked_extent(df, "g", "v") == expected


def test_stacked_bars_carry_each_groups_values_with_gaps_as_zero():
    df = pd.DataFrame({"m": ["x", "y", "x", "z", "y"], "g": ["B", "A", "A", "B", "C"], "v": [1, 2, 3, -4, 5]})
    fig = charts.people_stacked(df, "m", "g", "v", "标题", "人", order=("A", "B"))
    assert [t.name for t in fig.data] == ["A", "B", "C"]
    for trace in fig.data:
        plain = df[df["g"] == trace.name].set_index("m")["v"].reindex(["x", "y", "z"]).fillna(0)
        assert list(trace.y) == plain.tolist() and list(trace.x) == ["x", "y", "z"]
