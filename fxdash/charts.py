"""Plotly figure builders: DataFrame -> Figure, Chinese labels, one look for every page."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from fxdash import textfmt
from fxdash.chart_axes import amount_axis, category_axis, count_axis, percent_axis
from fxdash.chart_figure import Figure, copied
from fxdash.chart_stacks import stacks
from fxdash.labels import common as LC
from fxdash.labels import community as LCM
from fxdash.labels import overview as LO
from fxdash.labels import people as LP
from fxdash.labels import vocab as V
from fxdash.theme import BAD, FONT, GOOD, NEUTRAL, PALETTE, scene_rgb

TRACE_KINDS = ("bar", "scatter", "heatmap", "histogram", "pie")  # whose plotly_white defaults we keep


def _trimmed_white() -> go.layout.Template:
    """plotly_white trimmed to the trace kinds we draw. Naming "plotly_white" in update_layout
    validated and copied its defaults for all 24 trace kinds on every chart (measured by `fxdash bench`:
    about 40% of building a small chart); this copy is small. Passed per figure, not made the default
    template, because Streamlit sets its own default when its plotly element is imported."""
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    return go.layout.Template(layout=white.layout, data={kind: white.data[kind] for kind in TRACE_KINDS})


TEMPLATE = _trimmed_white()
_TEMPLATE_JSON = TEMPLATE.to_plotly_json()  # validated once, here


def _set_template(fig: go.Figure) -> None:
    """Give the figure TEMPLATE without plotly validating it again: assigning a Template validated and
    copied all of it, about half of style() (measured: 8 of 15-20 ms per chart, a page draws up to 13).
    Plotly sets its own default template the same way (layout._validate off, "already validated")."""
    _set_validated(fig.layout, "template", copied(_TEMPLATE_JSON))  # each figure its own copy (JSON: ~3x faster than deepcopy)


def _set_validated(layout: go.Layout, key: str, value) -> None:
    """Set a layout property to JSON plotly has already validated, without validating it again."""
    layout._validate = False
    try:
        layout[key] = value
    finally:
        layout._validate = True


def _style_parts(title: str | None, height: int) -> dict:
    """The layout properties style() sets (as given to update_layout, validated there)."""
    return dict(
        title={"text": title, "x": 0, "y": 0.98, "yanchor": "top", "font": {"size": 18}} if title else None,
        font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        # legend on its own line under the title, so the two never overlap
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT}},
        height=height,
        colorway=PALETTE,
    )


_TITLE_MARK, _HEIGHT_MARK = "\x00title", 999


def _validated_parts(titled: bool) -> dict:
    """What plotly makes of _style_parts on a blank layout, validated once at import: style() then sets
    it without validating again (validating these seven properties was about half of building a chart,
    measured over the pages' real inputs). Only title text and height vary; they are filled in per chart."""
    fig = go.Figure()  # validated (not fxdash.chart_figure's): this is what plotly makes of the parts
    fig.update_layout(**_style_parts(_TITLE_MARK if titled else None, _HEIGHT_MARK))
    return fig.layout.to_plotly_json()


_STYLED = {titled: _validated_parts(titled) for titled in (False, True)}
VALIDATE_STYLE = False  # True: style() validates every property as before (tests compare the two)


def style(fig: go.Figure, title: str | None = None, height: int = 360) -> go.Figure:
    """The shared layout: readable on a projector, no plotly logo, legend on top."""
    _set_template(fig)
    parts = _style_parts(title, height)
    if VALIDATE_STYLE:
        fig.update_layout(**parts)
        return fig
    layout, done = fig.layout, _STYLED[bool(title)]
    for key in (k for k in done if k in parts):  # in the order update_layout stores them
        if key in layout._props:  # the chart set it already: merge as update_layout does
            fig.update_layout({key: parts[key]})
            continue
        fast = copied(done[key])
        if key == "title" and title:
            fast["text"] = title
        elif key == "height":
            fast = height
        _set_validated(layout, key, fast)
    return fig


PARTIAL_WEEK = "本周至今"


def partial_week_label(monday: dt.date, through: dt.date | None, today: dt.date | None) -> str | None:
    """How the week starting `monday` is labelled when the data stop inside it (`through` before its
    Sunday): 本周至今 for the week that contains today, else "3月9日至3月11日"; None for a full week."""
    if through is None or monday + dt.timedelta(days=6) <= through:
        return None
    if today is not None and monday <= today <= monday + dt.timedelta(days=6):
        return PARTIAL_WEEK
    return f"{textfmt.month_day(monday)}至{textfmt.month_day(through)}"


def weekly_new_resolved(df: pd.DataFrame, title: str = LO.OVERVIEW_TREND_TITLE, through: dt.date | None = None,
                        today: dt.date | None = None, since: dt.date | None = None) -> go.Figure:
    """Bars of new reports and a line of resolved ones, per week (x: the Monday, labelled 3月9日).

    Weeks the period cuts short are drawn hatched with a dashed line, so a 3-day week does not read
    as a collapse: the last one when the data end inside it (`through`; labelled 本周至今 when it
    holds `today`), the first one when the period starts after its Monday (`since`; "10月31日起")."""
    mondays = [pd.Timestamp(w).date() for w in df["week"]]
    n = len(mondays)
    x = [m.isoformat() for m in mondays]
    text = [textfmt.month_day(m) for m in mondays]
    hover = [f"{t}起一周" for t in text]
    cut = [False] * n
    last = partial_week_label(mondays[-1], through, today) if n else None
    if last:
        cut[-1], text[-1], hover[-1] = True, last, f"{last}（截至{textfmt.month_day(through)}，不满一周）"
    if n and since is not None and mondays[0] < since:
        cut[0], text[0] = True, f"{textfmt.month_day(since)}起"
        hover[0] = f"{text[0]}（不满一周）"
    fig = Figure()
    fig.add_bar(x=x, y=df["new"], name=LC.NEW, marker_color=NEUTRAL, customdata=hover,
                marker_pattern_shape=["/" if c else "" for c in cut], marker_opacity=[0.55 if c else 1.0 for c in cut],
                hovertemplate="%{customdata}<br>新增 %{y} 条<extra></extra>")
    # every trace keeps one point per week (blanks where it does not draw), so a clicked point's
    # index is the week's index (the reports page drills down by it)
    resolved = [float(v) for v in df["resolved"]]
    near_cut = [cut[k] or (k > 0 and cut[k - 1]) or (k + 1 < n and cut[k + 1]) for k in range(n)]
    fig.add_scatter(x=x, y=[None if c else r for r, c in zip(resolved, cut)], name=LC.RESOLVED,
                    mode="lines+markers", line={"color": GOOD, "width": 3}, customdata=hover,
                    hovertemplate="%{customdata}<br>办结 %{y} 条<extra></extra>")
    if any(cut):
        fig.add_scatter(x=x, y=[r if c else None for r, c in zip(resolved, near_cut)], showlegend=False,
                        name=f"{LC.RESOLVED}（不满一周）", mode="lines+markers",
                        line={"color": GOOD, "width": 3, "dash": "dash"}, marker={"symbol": "circle-open", "size": 10},
                        customdata=hover, hovertemplate="%{customdata}<br>办结 %{y} 条<extra></extra>")
    fig.update_layout(xaxis=dict(title=f"{LC.WEEK}（周一起）", **category_axis(x, text)))
    fig.update_layout(yaxis=dict(title=LC.UNIT_CASE, **count_axis([*df["new"], *df["resolved"]])))
    return style(fig, title)


def town_bars(df: pd.DataFrame, title: str = LO.OVERVIEW_TOWN_TITLE) -> go.Figure:
    """Registered workers per town (bars) with the period's reports (markers, second axis)."""
    fig = Figure()
    fig.add_bar(x=df["town"], y=df["active_workers"], name=LO.KPI_ACTIVE_WORKERS, marker_color=NEUTRAL,
                hovertemplate="%{x}<br>在册 %{y:,} 人<extra></extra>")
    fig.add_scatter(x=df["town"], y=df["reports"], name=LO.KPI_REPORTS, mode="markers", yaxis="y2",
                    marker={"color": PALETTE[1], "size": 12, "symbol": "diamond"},
                    hovertemplate="%{x}<br>上报 %{y} 条<extra></extra>")
    fig.update_layout(
        xaxis=category_axis(df["town"]),
        yaxis={"title": LC.UNIT_PERSON, **count_axis(df["active_workers"])},
        yaxis2={"title": LC.UNIT_CASE, "overlaying": "y", "side": "right", "showgrid": False,
                **count_axis(df["reports"])},
    )
    return style(fig, title)


# --- people page (队伍与志愿) ------------------------------------------------------------------


def _month_labels(months) -> pd.Series:
    """2026年3月 (categories on the month axes)."""
    return pd.Series([textfmt.month(m) for m in months])


def people_flows(df: pd.DataFrame, title: str = LP.PEOPLE_FLOWS_TITLE) -> go.Figure:
    """Joins above the axis, leaves below it, and the net change as a line, per month."""
    months = _month_labels(df["month"])
    fig = Figure()
    fig.add_bar(x=months, y=df["joined"], name=LP.PEOPLE_JOINED.removeprefix("期内"), marker_color=NEUTRAL,
                hovertemplate="%{x}<br>新增 %{y:,} 人<extra></extra>")
    fig.add_bar(x=months, y=-df["left_"], name=LP.PEOPLE_LEFT.removeprefix("期内"), marker_color=BAD,
                customdata=df["left_"], hovertemplate="%{x}<br>离开 %{customdata:,} 人<extra></extra>")
    fig.add_scatter(x=months, y=df["net"], name=LP.PEOPLE_NET, mode="lines+markers",
                    line={"color": "#000000", "width": 3},
                    hovertemplate="%{x}<br>净变化 %{y:+,} 人<extra></extra>")
    fig.update_layout(barmode="relative")
    fig.update_layout(xaxis=category_axis(months))
    fig.update_layout(yaxis=dict(title=LC.UNIT_PERSON, **count_axis([*df["joined"], *(-df["left_"]), *df["net"]]), zerolinewidth=2))
    return style(fig, title)


def people_hbars(df: pd.DataFrame, label: str, value: str, title: str, unit: str = LC.UNIT_PERSON,
                 color: str = NEUTRAL, height: int = 360, ordered: bool = False) -> go.Figure:
    """Horizontal bars with the value printed at the bar end: largest on top, or in the given
    order from the top when the categories are ordinal (`ordered`, e.g. age bands)."""
    df = df.iloc[::-1] if ordered else df.sort_values(value)
    fig = Figure()
    fig.add_bar(y=df[label], x=df[value], orientation="h", marker_color=color, text=df[value],
                texttemplate="%{text:,}", textposition="outside", cliponaxis=False,
                hovertemplate=f"%{{y}}<br>%{{x:,}} {unit}<extra></extra>")
    # room on the right for the printed values
    fig.update_layout(xaxis=dict(title=unit, **count_axis(df[value], headroom=0.2)))
    fig.update_layout(yaxis=category_axis(df[label]))
    return style(fig, title, height=height)


def people_grouped(df: pd.DataFrame, x: str, series: dict[str, str], title: str,
                   unit: str = LC.UNIT_PERSON) -> go.Figure:
    """Side-by-side bars of several columns (`series`: column -> legend name) per category."""
    fig = Figure()
    for i, (col, name) in enumerate(series.items()):
        fig.add_bar(x=df[x], y=df[col], name=name, marker_color=PALETTE[i],
                    hovertemplate=f"%{{x}}<br>{name} %{{y:,}} {unit}<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_layout(yaxis=dict(title=unit, **count_axis(df[list(series)].to_numpy().ravel())))
    fig.update_layout(xaxis=category_axis(df[x]))
    return style(fig, title)


def people_stacked(df: pd.DataFrame, x: str, color: str, y: str, title: str, unit: str,
                   order: tuple[str, ...] = (), monthly: bool = False) -> go.Figure:
    """Bars stacked by `color` per `x` (long-form data); negative values stack below the axis."""
    df = df.copy()
    if monthly:
        df[x] = _month_labels(df[x]).to_numpy()
    xs = list(dict.fromkeys(df[x]))
    seen = list(df[color].unique())
    groups = [g for g in order if g in seen] + [g for g in seen if g not in order]
    series, extent = stacks(df, x, color, y, xs, groups, fill=0)
    fig = Figure()
    for i, group in enumerate(groups):
        fig.add_bar(x=xs, y=series[group], name=group, marker_color=PALETTE[i % len(PALETTE)],
                    hovertemplate=f"%{{x}}<br>{group} %{{y:,}} {unit}<extra></extra>")
    fig.update_layout(barmode="relative")
    fig.update_layout(xaxis=category_axis(xs))
    fig.update_layout(yaxis=dict(title=unit, **count_axis(extent)))
    fig = style(fig, title, height=360 + 24 * (len(groups) > 4))
    if len(groups) > 4:  # a long legend wraps (half-width charts fit about four): keep it off the title
        fig.update_layout(margin={"t": 80 + 26 * ((len(groups) - 1) // 4)})
    return fig


def people_roles(df: pd.DataFrame, title: str = LP.PEOPLE_ROLE_TITLE) -> go.Figure:
    """Holders per role (bars) and the share of them active in the last 30 days (markers, right axis)."""
    fig = Figure()
    fig.add_bar(x=df["role"], y=df["holders"], name=LP.PEOPLE_ROLE_HOLDERS, marker_color=NEUTRAL,
                text=df["holders"], texttemplate="%{text:,}", textposition="inside",
                hovertemplate="%{x}<br>担任 %{y:,} 人<extra></extra>")
    fig.add_scatter(x=df["role"], y=df["active_share"], name=LP.PEOPLE_ROLE_ACTIVE_SHARE, mode="markers+text",
                    yaxis="y2", marker={"color": PALETTE[1], "size": 14, "symbol": "diamond"},
                    text=[f"{v:.0%}" if pd.notna(v) else "" for v in df["active_share"]],
                    textposition="top center", hovertemplate="%{x}<br>活跃率 %{y:.0%}<extra></extra>")
    fig.update_layout(
        xaxis=category_axis(df["role"]),
        yaxis={"title": LC.UNIT_PERSON, **count_axis(df["holders"])},
        yaxis2={"title": LP.PEOPLE_ROLE_ACTIVE_SHARE, "overlaying": "y", "side": "right", "showgrid": False,
                **percent_axis()},
    )
    return style(fig, title)


def people_lines(df: pd.DataFrame, series: dict[str, str], title: str, unit: str = LC.UNIT_PERSON) -> go.Figure:
    """One line per column (`series`: column -> legend name) over the months."""
    months = _month_labels(df["month"])
    fig = Figure()
    for i, (col, name) in enumerate(series.items()):
        fig.add_scatter(x=months, y=df[col], name=name, mode="lines+markers", line={"color": PALETTE[i], "width": 3},
                        hovertemplate=f"%{{x}}<br>{name} %{{y:,}} {unit}<extra></extra>")
    fig.update_layout(xaxis=category_axis(months))
    fig.update_layout(yaxis=dict(title=unit, **count_axis(df[list(series)].to_numpy().ravel())))
    return style(fig, title)


# --- community page (关爱与平安) ---------------------------------------------------------------------


def _legend_in_order(fig: go.Figure) -> go.Figure:
    """Stacked bars list their legend bottom-up by default; read it in the order the series were added."""
    legend = fig.layout._props.get("legend")
    if VALIDATE_STYLE or not isinstance(legend, dict) or "traceorder" in legend:
        fig.update_layout(legend={"traceorder": "normal"})
        return fig
    # the key added to the legend style() set, as update_layout adds it (last), without its path parsing
    # and relayout machinery (~0.6 ms a chart; 友好场景 draws two)
    _set_validated(fig.layout, "legend", {**legend, "traceorder": "normal"})
    return fig


def wan_yuan(yuan: float) -> str:
    """Money as staff say it on a slide: 326.9 万元."""
    return f"{yuan / 10_000:,.1f} {LCM.UNIT_WAN_YUAN}"


def care_gap_bars(df: pd.DataFrame, top: int = 12, title: str = LCM.CARE_GAP_TITLE) -> go.Figure:
    """Paired and unpaired elders 80+ for the communities with the largest gap (worst on top)."""
    d = df.head(top).iloc[::-1]
    names = d["community"] + "（" + d["town"] + "）"
    fig = Figure()
    fig.add_bar(y=names, x=d["paired_80"], name=LCM.SERIES_PAIRED, orientation="h", marker_color=GOOD,
                hovertemplate="%{y}<br>已结对 %{x:,} 人<extra></extra>")
    fig.add_bar(y=names, x=d["gap"], name=LCM.SERIES_GAP, orientation="h", marker_color=BAD,
                text=d["gap"], textposition="inside", hovertemplate="%{y}<br>尚未结对 %{x:,} 人<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_layout(xaxis=dict(title=LC.UNIT_PERSON, **count_axis(d["paired_80"] + d["gap"])))
    fig.update_layout(yaxis=category_axis(names))
    return _legend_in_order(style(fig, title, height=max(360, 34 * len(d) + 120)))


def care_town_bars(df: pd.DataFrame, title: str = LCM.CARE_TOWN_TITLE) -> go.Figure:
    fig = Figure()
    fig.add_bar(x=df["town"], y=df["pairs_in_period"], name=LCM.SERIES_PAIRS_IN_PERIOD, marker_color=NEUTRAL,
                hovertemplate="%{x}<br>期内结对 %{y} 对<extra></extra>")
    fig.add_bar(x=df["town"], y=df["pairs_at_end"], name=LCM.SERIES_PAIRS_AT_END, marker_color=GOOD,
                hovertemplate="%{x}<br>期末在结对 %{y} 对<extra></extra>")
    fig.update_layout(yaxis=dict(title=LCM.UNIT_PAIR, **count_axis([*df["pairs_in_period"], *df["pairs_at_end"]])))
    fig.update_layout(xaxis=category_axis(df["town"]))
    return style(fig, title)


def care_visits_chart(df: pd.DataFrame, title: str = LCM.CARE_VISITS_TITLE) -> go.Figure:
    """Visits per month (bars) and visits per active pair (line, second axis)."""
    months = _month_labels(df["month"])
    fig = Figure()
    fig.add_bar(x=months, y=df["visits"], name=LCM.SERIES_VISITS, marker_color=NEUTRAL,
                hovertemplate="%{x}<br>走访 %{y:,} 次<extra></extra>")
    fig.add_scatter(x=months, y=df["visits_per_pair"], name=LCM.SERIES_VISITS_PER_PAIR_30, yaxis="y2",
                    mode="lines+markers", line={"color": PALETTE[1], "width": 3}, customdata=df["days"],
                    hovertemplate="%{x}（期内 %{customdata} 天）<br>每对月均 %{y:.1f} 次<extra></extra>")
    fig.update_layout(
        xaxis=category_axis(months),
        yaxis={"title": LCM.UNIT_TIMES, **count_axis(df["visits"])},
        yaxis2={"title": "次/对", "overlaying": "y", "side": "right", "showgrid": False,
                **amount_axis(df["visits_per_pair"])},
    )
    return style(fig, title)


def count_bars(df: pd.DataFrame, label_col: str, value_col: str, title: str, unit: str,
               horizontal: bool = True, colour: str = NEUTRAL) -> go.Figure:
    """One series of counts with the number on each bar (tasks, roles, amenities…)."""
    d = df.iloc[::-1] if horizontal else df
    xy = {"y": d[label_col], "x": d[value_col], "orientation": "h"} if horizontal else \
        {"x": d[label_col], "y": d[value_col]}
    fig = Figure()
    fig.add_bar(**xy, marker_color=colour, text=d[value_col], textposition="auto", name=unit,
                hovertemplate=("%{y}" if horizontal else "%{x}") + f"<br>%{{{'x' if horizontal else 'y'}:,}} {unit}"
                + "<extra></extra>")
    value_axis, label_axis = ("xaxis", "yaxis") if horizontal else ("yaxis", "xaxis")
    fig.update_layout({value_axis: dict(title=unit, **count_axis(d[value_col]))})
    fig.update_layout({label_axis: category_axis(d[label_col])})
    fig.update_layout(showlegend=False)
    height = max(300, 40 * len(d) + 110) if horizontal else 360
    return style(fig, title, height=height)


def fraud_month_chart(df: pd.DataFrame, title: str = LCM.FRAUD_MONTH_TITLE) -> go.Figure:
    """Yuan stopped per month (bars) and the running total since records began (line), in 万元."""
    months = _month_labels(df["month"])
    fig = Figure()
    fig.add_bar(x=months, y=df["amount"] / 10_000, name=LCM.SERIES_AMOUNT, marker_color=NEUTRAL,
                customdata=df["cases"], hovertemplate="%{x}<br>%{customdata} 起，%{y:,.1f} 万元<extra></extra>")
    fig.add_scatter(x=months, y=df["cumulative_amount"] / 10_000, name=LCM.SERIES_CUMULATIVE, yaxis="y2",
                    mode="lines+markers", line={"color": BAD, "width": 3},
                    hovertemplate="%{x}<br>累计 %{y:,.1f} 万元<extra></extra>")
    fig.update_layout(
        xaxis=category_axis(months),
        yaxis={"title": LCM.UNIT_WAN_YUAN, **amount_axis(df["amount"] / 10_000)},
        yaxis2={"title": f"累计（{LCM.UNIT_WAN_YUAN}）", "overlaying": "y", "side": "right", "showgrid": False,
                **amount_axis(df["cumulative_amount"] / 10_000)},
    )
    return style(fig, title)


def fraud_town_bars(df: pd.DataFrame, title: str = LCM.FRAUD_TOWN_TITLE) -> go.Figure:
    fig = Figure()
    fig.add_bar(x=df["town"], y=df["amount"] / 10_000, marker_color=NEUTRAL, customdata=df["cases"],
                text=[f"{a / 10_000:,.1f}" for a in df["amount"]], textposition="auto",
                hovertemplate="%{x}<br>%{customdata} 起，%{y:,.1f} 万元<extra></extra>")
    fig.update_layout(yaxis=dict(title=LCM.UNIT_WAN_YUAN, **amount_axis(df["amount"] / 10_000)))
    fig.update_layout(xaxis=category_axis(df["town"]))
    fig.update_layout(showlegend=False)
    return style(fig, title)


def suggestion_topic_bars(df: pd.DataFrame, title: str = LCM.SUGGEST_TOPIC_TITLE) -> go.Figure:
    """Suggestions per topic, stacked by status in the vocabulary's order."""
    fig = Figure()
    colours = dict(zip(V.SUGGESTION_STATUSES, (PALETTE[7], PALETTE[1], GOOD)))
    topics = [t for t in V.SUGGESTION_TOPICS if t in set(df["topic"])]
    series, extent = stacks(df, "topic", "status", "suggestions", topics, V.SUGGESTION_STATUSES)
    for status, part in series.items():
        fig.add_bar(x=topics, y=part, name=status, marker_color=colours[status],
                    hovertemplate="%{x}<br>" + status + " %{y} 条<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_layout(yaxis=dict(title=LC.UNIT_CASE, **count_axis(extent)))
    fig.update_layout(xaxis=category_axis(topics))
    return style(fig, title)


def scene_type_bars(df: pd.DataFrame, title: str = LCM.SCENE_TYPE_TITLE) -> go.Figure:
    """The six types, each in its map colour; new ones in the period noted in the hover."""
    fig = Figure()
    fig.add_bar(x=df["scene_type"], y=df["scenes"], marker_color=[scene_rgb(t) for t in df["scene_type"]],
                text=df["scenes"], textposition="auto", customdata=df["new_in_period"],
                hovertemplate="%{x}<br>%{y} 个（期内新认定 %{customdata} 个）<extra></extra>")
    fig.update_layout(yaxis=dict(title=LC.UNIT_ITEM, **count_axis(df["scenes"])))
    fig.update_layout(xaxis=category_axis(df["scene_type"]))
    fig.update_layout(showlegend=False)
    return style(fig, title)


def stacked_scene_bars(df: pd.DataFrame, group_col: str, title: str, group_labels: dict | None = None) -> go.Figure:
    """Scenes per town or per batch, stacked by type in the six-type order."""
    groups = list(dict.fromkeys(df[group_col]))
    names = [group_labels.get(g, g) if group_labels else g for g in groups]
    series, extent = stacks(df, group_col, "scene_type", "scenes", groups, V.SCENE_TYPES)
    fig = Figure()
    for stype, part in series.items():
        fig.add_bar(x=names, y=part, name=stype, marker_color=scene_rgb(stype),
                    hovertemplate="%{x}<br>" + stype + " %{y} 个<extra></extra>")
    fig.update_layout(barmode="stack", xaxis=category_axis(names))
    fig.update_layout(yaxis=dict(title=LC.UNIT_ITEM, **count_axis(extent)))
    return _legend_in_order(style(fig, title))


def amenity_bars(df: pd.DataFrame, title: str = LCM.RESOURCE_TITLE) -> go.Figure:
    """Stations offering each amenity, rider stations and service points stacked."""
    d = df.iloc[::-1]
    fig = Figure()
    for col, name, colour in (("rider_stations", "骑手驿站", NEUTRAL), ("service_points", "服务点位", PALETTE[1])):
        fig.add_bar(y=d["amenity"], x=d[col], name=name, orientation="h", marker_color=colour,
                    hovertemplate="%{y}<br>" + name + " %{x} 个<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_layout(xaxis=dict(title=LC.UNIT_ITEM, **count_axis(d["rider_stations"] + d["service_points"])))
    fig.update_layout(yaxis=category_axis(d["amenity"]))
    return _legend_in_order(style(fig, title, height=max(360, 36 * len(d) + 120)))
