"""Chinese strings of the overview page (总览): figure cards, charts and alerts."""

KPI_ACTIVE_WORKERS = "在册新就业群体"
KPI_RIDER_STATIONS = "骑手驿站"
KPI_SERVICE_POINTS = "服务点位"
KPI_SCENES = "友好场景"
KPI_BRANCHES = "街区党支部"
KPI_ROLE_MEMBERS = "“四大员”人数"
KPI_REPORTS = "期内上报问题"
KPI_REPORTS_OPEN = "其中仍未办结"
KPI_HELP_PERIOD_END = "统计期末的存量；变化与上一等长统计期末相比。"
KPI_HELP_PERIOD_FLOW = "统计期内的新增；变化与上一等长统计期相比。"
KPI_HELP_SPARK = "小图为最近 12 周的走势（存量取每周末，新增按周计）。"
OVERVIEW_CAPTION = "统计期 {start} 至 {end}（共 {days} 天），对比上一期 {pstart} 至 {pend}。"
OVERVIEW_TREND_TITLE = "每周新增与办结问题"
OVERVIEW_TOWN_TITLE = "各街镇在册人数与期内上报问题"

# --- overview alerts ---------------------------------------------------------------------------
ALERT_TEXT = {
    "overdue_reports": ("超期未办结问题 {n} 条", "没有超期未办结的问题"),
    "unvisited_pairs": ("超过 14 天未走访的结对 {n} 对", "所有结对均在 14 天内走访"),
    "negative_balances": ("积分余额为负的人员 {n} 人（数据异常，请核查）", "积分余额无异常"),
    "stale_days": ("已 {n} 天没有新的问题上报，请确认小程序数据是否已导入", "问题上报数据为最新"),
}
ALERT_NO_REPORTS = "数据库中还没有问题上报记录"
OVERVIEW_MAP_TITLE = "骑手驿站与期内问题分布"
