"""Plotly figure builders: DataFrame -> Figure, Chinese labels, one look for every page."""

import pandas as pd
import plotly.graph_objects as go

from fxdash import labels as L

FONT = "WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"
# colour-blind-safe palette (Okabe-Ito), in the order categories are usually listed
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999", "#000000")
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"


def style(fig: go.Figure, title: str | None = None, height: int = 360) -> go.Figure:
    """The shared layout: readable on a projector, no plotly logo, legend on top."""
    fig.update_layout(
        title={"text": title, "x": 0, "y": 0.98, "yanchor": "top", "font": {"size": 18}} if title else None,
        font={"family": FONT, "size": 14},
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        # legend on its own line under the title, so the two never overlap
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
        colorway=PALETTE,
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def weekly_new_resolved(df: pd.DataFrame, title: str = L.OVERVIEW_TREND_TITLE) -> go.Figure:
    """Bars of new reports and a line of resolved ones, per week."""
    weeks = pd.to_datetime(df["week"]).dt.strftime("%m-%d")
    fig = go.Figure()
    fig.add_bar(x=weeks, y=df["new"], name=L.NEW, marker_color=NEUTRAL,
                hovertemplate="%{x} 起一周<br>新增 %{y} 条<extra></extra>")
    fig.add_scatter(x=weeks, y=df["resolved"], name=L.RESOLVED, mode="lines+markers",
                    line={"color": GOOD, "width": 3},
                    hovertemplate="%{x} 起一周<br>办结 %{y} 条<extra></extra>")
    fig.update_xaxes(title=f"{L.WEEK}(周一起)", type="category")
    fig.update_yaxes(title=L.UNIT_CASE, rangemode="tozero")
    return style(fig, title)


def town_bars(df: pd.DataFrame, title: str = L.OVERVIEW_TOWN_TITLE) -> go.Figure:
    """Registered workers per town (bars) with the period's reports (markers, second axis)."""
    fig = go.Figure()
    fig.add_bar(x=df["town"], y=df["active_workers"], name=L.KPI_ACTIVE_WORKERS, marker_color=NEUTRAL,
                hovertemplate="%{x}<br>在册 %{y:,} 人<extra></extra>")
    fig.add_scatter(x=df["town"], y=df["reports"], name=L.KPI_REPORTS, mode="markers", yaxis="y2",
                    marker={"color": PALETTE[1], "size": 12, "symbol": "diamond"},
                    hovertemplate="%{x}<br>上报 %{y} 条<extra></extra>")
    fig.update_layout(
        yaxis={"title": L.UNIT_PERSON, "rangemode": "tozero", "tickformat": ",d"},
        yaxis2={"title": L.UNIT_CASE, "overlaying": "y", "side": "right", "rangemode": "tozero",
                "showgrid": False, "tickformat": ",d"},
    )
    return style(fig, title)
