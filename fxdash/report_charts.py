"""Plotly figures of the reports page (问题上报), in the shared look of fxdash.charts.

Bars carry the value a click drills into as customdata; the page reads point_index back.
"""

import pandas as pd
import plotly.graph_objects as go

from fxdash.chart_axes import amount_axis, category_axis, count_axis
from fxdash.chart_figure import Figure, funnel
from fxdash.charts import style
from fxdash.labels import common as LC
from fxdash.labels import reports as LRP
from fxdash.theme import BAD, GOOD, NEUTRAL, PALETTE


def town_rate_bars(df: pd.DataFrame, title: str = LRP.RPT_TOWN_RATE_TITLE) -> go.Figure:
    """Reports per 1,000 registered workers per town, highest on top (clickable)."""
    d = df.dropna(subset=["per_1000"]).iloc[::-1]
    fig = Figure()
    fig.add_bar(y=d["town"], x=d["per_1000"], orientation="h", marker_color=NEUTRAL, customdata=d["town_code"],
                text=[f"{v:.1f}" for v in d["per_1000"]], textposition="outside", cliponaxis=False,
                hovertext=[f"上报 {r} 条 / 在册 {w:,} 人" for r, w in zip(d["reports"], d["active_workers"])],
                hovertemplate="%{y}<br>每千人 %{x:.1f} 条<br>%{hovertext}<extra></extra>")
    fig.update_layout(xaxis=dict(title=LRP.RPT_TOWN_RATE_AXIS, **amount_axis(d["per_1000"], headroom=0.15)))
    fig.update_layout(yaxis=category_axis(d["town"]))
    fig.update_layout(clickmode="event+select", showlegend=False)
    return style(fig, title, height=max(360, 30 * len(d) + 110))


def community_bars(df: pd.DataFrame, title: str) -> go.Figure:
    """Communities with the most reports, with their rate per 1,000 residents in the label."""
    d = df.iloc[::-1]
    names = [f"{c}（{t}）" for c, t in zip(d["community"], d["town"])]
    fig = Figure()
    fig.add_bar(y=names, x=d["reports"], orientation="h", marker_color=PALETTE[1],
                text=[f"{r} 条 · 每千居民 {p:.2f}" if pd.notna(p) else f"{r} 条"
                      for r, p in zip(d["reports"], d["per_1000_residents"])],
                textposition="outside", cliponaxis=False,
                hovertemplate="%{y}<br>上报 %{x} 条<extra></extra>")
    fig.update_layout(xaxis=dict(title=LC.UNIT_CASE, **count_axis(d["reports"], headroom=0.45)))
    fig.update_layout(yaxis=category_axis(names))
    fig.update_layout(showlegend=False)
    return style(fig, title, height=max(360, 30 * len(d) + 110))


def hour_weekday_heatmap(df: pd.DataFrame, title: str = LRP.RPT_HOUR_TITLE) -> go.Figure:
    """Reports by weekday (rows, Monday on top) and hour; an invisible marker per cell takes the click."""
    grid = df.pivot(index="weekday", columns="hour", values="reports").reindex(index=range(1, 8), columns=range(24))
    days = list(LRP.WEEKDAYS)
    fig = Figure()
    fig.add_heatmap(z=grid.to_numpy(), x=list(range(24)), y=days, colorscale="YlOrRd", xgap=1, ygap=1, zmin=0,
                    colorbar={"title": LC.UNIT_CASE, "thickness": 12, **_colorbar_ticks(df["reports"])},
                    hovertemplate="%{y} %{x}时<br>上报 %{z} 条<extra></extra>")
    # heatmaps are not selectable in plotly: transparent markers on the cells carry the selection
    fig.add_scatter(x=df["hour"], y=[days[d - 1] for d in df["weekday"]], mode="markers",
                    marker={"size": 18, "symbol": "square", "opacity": 0.01, "color": "#000"},
                    customdata=df["reports"], hovertemplate="%{y} %{x}时<br>上报 %{customdata} 条<extra></extra>",
                    showlegend=False)
    fig.update_layout(xaxis=dict(title=LRP.RPT_HOUR_AXIS, tickmode="array", tickvals=list(range(24)),
                                 ticktext=[str(h) for h in range(24)], range=[-0.5, 23.5], showgrid=False))
    fig.update_layout(yaxis=dict(**category_axis(days), autorange="reversed", showgrid=False))
    fig.update_layout(clickmode="event+select")
    return style(fig, title)


def category_bars(df: pd.DataFrame, title: str = LRP.RPT_CATEGORY_TITLE) -> go.Figure:
    """Reports per category split into resolved / still open / rejected, with the share resolved as text."""
    d = df.iloc[::-1].assign(other=lambda x: x["reports"] - x["resolved"] - x["open"])
    fig = Figure()
    parts = (("resolved", "已办结", GOOD), ("open", "未办结", BAD), ("other", "不予受理", "#999999"))
    for col, name, colour in parts:
        fig.add_bar(y=d["category"], x=d[col], name=name, orientation="h", marker_color=colour,
                    customdata=d["category"], hovertemplate="%{y}<br>" + name + " %{x} 条<extra></extra>")
    # all labels in one update: add_annotation per category validated and re-laid the figure each time
    fig.update_layout(annotations=[
        {"y": cat, "x": total, "text": f" {LRP.RPT_SHARE_RESOLVED} {share:.0%}", "showarrow": False,
         "xanchor": "left", "font": {"size": 13, "color": "#333"}}
        for cat, total, share in zip(d["category"], d["reports"], d["share_resolved"])])
    fig.update_layout(barmode="stack", clickmode="event+select", legend={"traceorder": "normal"})
    fig.update_layout(xaxis=dict(title=LC.UNIT_CASE, **count_axis(d["reports"], headroom=0.35)))  # room for the share labels
    fig.update_layout(yaxis=category_axis(d["category"]))
    return style(fig, title, height=max(360, 34 * len(d) + 120))


def status_funnel(row: pd.Series, title: str = LRP.RPT_FUNNEL_TITLE) -> go.Figure:
    """Reported -> accepted -> resolved at the period end; rejected ones noted under the title."""
    values = [int(row["reported"]), int(row["accepted"]), int(row["resolved"])]
    fig = Figure(funnel(y=list(LRP.RPT_FUNNEL_STAGES), x=values, textinfo="value+percent initial",
                              marker={"color": [NEUTRAL, PALETTE[1], GOOD]},
                              hovertemplate="%{y} %{x} 条<extra></extra>"))
    waiting, doing, rejected = int(row["waiting"]), int(row["in_progress"]), int(row["rejected"])
    note = f"待受理 {waiting} 条 · 处置中 {doing} 条 · " + LRP.RPT_FUNNEL_REJECTED.format(n=rejected)
    fig.add_annotation(text=note, x=0, y=-0.12, xref="paper", yref="paper", showarrow=False, xanchor="left",
                       font={"size": 14, "color": "#444"})
    fig.update_layout(yaxis=category_axis(LRP.RPT_FUNNEL_STAGES))
    fig = style(fig, title)
    fig.update_layout(margin={"b": 50}, showlegend=False)
    return fig


def duration_boxes(df: pd.DataFrame, by_label: str) -> go.Figure:
    """Days to resolve per group as boxes from precomputed quartiles (whiskers: minimum to 90th
    percentile, so a few months-long cases do not flatten the rest), deadline as a red tick."""
    d = df.iloc[::-1]
    fig = Figure()
    fig.add_box(y=d["label"], q1=d["q1"], median=d["median"], q3=d["q3"], lowerfence=d["low"],
                upperfence=d["p90"], orientation="h", marker_color=NEUTRAL, name=LC.RESOLVED,
                hoverinfo="x+y")
    if d["deadline_days"].notna().any():
        fig.add_scatter(y=d["label"], x=d["deadline_days"], mode="markers", name=LRP.RPT_DEADLINE,
                        marker={"symbol": "line-ns-open", "size": 18, "color": BAD, "line": {"width": 3}},
                        hovertemplate="%{y}<br>时限 %{x} 天<extra></extra>")
    fig.update_layout(xaxis=dict(title=LRP.RPT_DAYS, **amount_axis([*d["p90"], *d["deadline_days"]])))
    fig.update_layout(yaxis=category_axis(d["label"]))
    return style(fig, LRP.RPT_DURATION_TITLE.format(by=by_label), height=max(360, 30 * len(d) + 120))


def _colorbar_ticks(values) -> dict:
    """Whole-number ticks on a colour scale of counts (plotly would print 0.5 steps as 0 0 1 1)."""
    axis = count_axis(values)
    return {"tickmode": "array", "tickvals": axis["tickvals"], "ticktext": axis["ticktext"]}
