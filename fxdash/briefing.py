"""The weekly briefing in Chinese, written from the numbers by rules (no invented facts).

Input is the week-against-week comparison (one row per metric: this_week, last_week, avg4) and the
hot-spot tables; every sentence quotes only values found there. Sentences about something that did
not happen this week (no fraud case, no overdue report) say so plainly instead of being dropped, so
the meeting sees the absence too.
"""

import math

import pandas as pd

from fxdash import metrics


def fmt_number(value: float, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "%":
        return f"{value:.0f}%"
    if unit == "元":
        return f"{value:,.0f} 元" if value < 10_000 else f"{value / 10_000:,.1f} 万元"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def change_text(now: float, before: float, unit: str = "", against: str = "环比") -> str:
    """'环比上升 25%(上周 8 条)' — or the absolute change where a percentage says nothing."""
    if before is None or (isinstance(before, float) and math.isnan(before)):
        return ""
    if unit == "%":
        diff = now - before
        if abs(diff) < 0.5:
            return f"{against}持平"
        return f"{against}{'提高' if diff > 0 else '下降'} {abs(diff):.0f} 个百分点"
    if before == 0:
        return f"{against}持平（均为 0）" if now == 0 else "上周为 0"
    pct = (now - before) / before * 100
    if abs(pct) < 0.5:
        return f"{against}持平"
    return f"{against}{'上升' if pct > 0 else '下降'} {abs(pct):.0f}%（上周 {fmt_number(before, unit)}）"


def diff_text(now: float, before: float, unit: str) -> str:
    """'比上周多 2 条' / '比上周少 2 条' / '与上周持平'."""
    diff = now - before
    if diff == 0:
        return "与上周持平"
    return f"比上周{'多' if diff > 0 else '少'} {fmt_number(abs(diff), unit)}"


def _row(cmp: pd.DataFrame, key: str) -> pd.Series:
    return cmp.set_index("key").loc[key]


def _v(cmp: pd.DataFrame, key: str, col: str = "this_week") -> float:
    return float(_row(cmp, key)[col])


def with_sentences(b: dict) -> dict:
    """A weekly bundle (fxdash.queries.weekly.bundle) with its briefing sentences added."""
    return {**b, "sentences": write(b["comparison"], b["span"], b["hot_towns"], b["top_categories"], b["laggards"])}


def write(cmp: pd.DataFrame, week_text: str, hot_towns: pd.DataFrame | None = None,
          top_categories: pd.DataFrame | None = None, laggards: pd.DataFrame | None = None) -> list[str]:
    """Sentences for the briefing. `cmp` needs the keys of fxdash.metrics.WEEKLY."""
    out = []
    new, resolved = _v(cmp, "reports_new"), _v(cmp, "reports_resolved")
    avg4 = _v(cmp, "reports_new", "avg4")
    s = f"{week_text}新增上报问题 {fmt_number(new, '条')}，{change_text(new, _v(cmp, 'reports_new', 'last_week'), '条')}"
    if not math.isnan(avg4) and avg4 > 0:
        diff = (new - avg4) / avg4 * 100
        s += f"，{'高于' if diff > 0 else '低于'}前四周平均（{avg4:.1f} 条）{abs(diff):.0f}%" if abs(diff) >= 0.5 else "，与前四周平均持平"
    out.append(s + "。")
    rate = _v(cmp, "resolution_rate")
    overdue, overdue_before = _v(cmp, "overdue_open"), _v(cmp, "overdue_open", "last_week")
    s = f"本周办结 {fmt_number(resolved, '条')}"
    if not math.isnan(rate):
        s += f"，本周新增问题的办结率为 {rate:.0f}%"
    if overdue > 0:
        s += f"；截至周日超期未办结 {fmt_number(overdue, '条')}，{diff_text(overdue, overdue_before, '条')}，需在会上逐条过堂"
    else:
        s += "；截至周日没有超期未办结的问题"
    out.append(s + "。")
    if hot_towns is not None and len(hot_towns) and new > 0:
        parts = "、".join(f"{r.town}（{int(r.reports)} 条）" for r in hot_towns.head(3).itertuples())
        s = f"新增问题主要集中在{parts}"
        if top_categories is not None and len(top_categories):
            cats = "、".join(f"{r.category}（{int(r.reports)} 条）" for r in top_categories.head(2).itertuples())
            s += f"，类别以{cats}为主"
        out.append(s + "。")
    if laggards is not None and len(laggards):
        parts = "、".join(f"{r.town}（{r.on_time_rate:.0f}%）" for r in laggards.head(3).itertuples())
        out.append(f"按时办结率最低的街镇：{parts}。")
    joined, left = _v(cmp, "workers_joined"), _v(cmp, "workers_left")
    net = joined - left
    out.append(
        f"队伍方面，新增登记 {fmt_number(joined, '人')}、离开 {fmt_number(left, '人')}，"
        f"净{'增加' if net > 0 else '减少' if net < 0 else '变化'} {fmt_number(abs(net), '人')}；"
        f"新增“四大员” {fmt_number(_v(cmp, 'roles_new'), '人')}。"
    )
    out.append(
        f"志愿服务开展活动 {fmt_number(_v(cmp, 'activities'), '场')}、参与 {fmt_number(_v(cmp, 'participations'), '人次')}；"
        f"发放积分 {fmt_number(_v(cmp, 'points_earned'), '分')}，兑换 {fmt_number(_v(cmp, 'points_redeemed'), '分')}。"
    )
    unvisited = _v(cmp, "unvisited_pairs")
    s = f"结对关爱走访 {fmt_number(_v(cmp, 'care_visits'), '次')}"
    days = metrics.UNVISITED_PAIRS.threshold
    s += f"，超过 {days} 天未走访的结对 {fmt_number(unvisited, '对')}，请相关街镇跟进" if unvisited > 0 else f"，所有结对均在 {days} 天内走访"
    out.append(s + "。")
    cases = _v(cmp, "fraud_cases")
    if cases > 0:
        out.append(f"反诈方面，劝阻涉诈交易 {fmt_number(cases, '起')}，涉及金额 {fmt_number(_v(cmp, 'fraud_amount'), '元')}。")
    else:
        out.append("本周没有反诈劝阻记录。")
    out.append(f"人民建议新收 {fmt_number(_v(cmp, 'suggestions'), '条')}。")
    return out


def card(row) -> dict:
    """How one comparison row is shown as a metric: value, change against last week, colour."""
    unit = row["unit"]
    value = fmt_number(row["this_week"], unit)
    if math.isnan(row["change"]):
        delta, colour = None, "off"
    elif row["change"] == 0:
        delta, colour = "持平", "off"
    else:
        delta = (f"{row['change']:+.0f} 个百分点" if unit == "%"
                 else f"{row['change']:+,.0f}" if unit != "元" else f"{row['change']:+,.0f} 元")
        colour = metrics.by_key(metrics.WEEKLY)[row["key"]].colour
    avg = row["avg4"]
    help_text = f"上周 {fmt_number(row['last_week'], unit)}；前四周平均 {fmt_number(avg, unit) if not math.isnan(avg) else '—'}。"
    help_text += row.get("note") or ""
    return {"label": row["label"], "value": value, "delta": delta, "colour": colour, "help": help_text}
