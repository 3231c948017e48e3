"""Chinese strings of the reports page (问题上报)."""

RPT_CAPTION = "统计期 {start} 至 {end}（共 {days} 天）上报的问题；办理状态、逾期均按统计期末（{end} 24:00）计算。"
RPT_KPI_REPORTS = "期内上报"
RPT_KPI_RESOLVED = "期内上报已办结"
RPT_KPI_ON_TIME = "按时办结率"
RPT_KPI_ON_TIME_HELP = "按时办结 ÷（按时办结 + 超期办结 + 逾期未办结）。尚未到期的在办问题与不予受理不计入；逾期仍未办结的算作超期。"
RPT_KPI_OVERDUE = "逾期未办结（全部）"
RPT_KPI_OVERDUE_HELP = "统计期末仍未办结且已超过办理时限的问题，包括统计期之前上报的。"
RPT_KPI_ACCEPT = "受理用时中位数"
RPT_KPI_RESOLVE = "办结用时中位数"
RPT_SECTION_WHERE = "哪里：问题分布"
RPT_SECTION_WHEN = "何时：趋势与时段"
RPT_SECTION_HOW = "多快：办理流程与时效"
RPT_SECTION_OVERDUE = "逾期清单"
RPT_SECTION_WHO = "谁：上报积极分子"
RPT_SECTION_RECORDS = "问题明细"
RPT_MAP_CAPTION = "每格约 {cell} 米见方，颜色越深上报越多；点击方格可查看该处的问题。"
RPT_TOWN_RATE_TITLE = "各街镇每千名在册人员上报数"
RPT_TOWN_RATE_AXIS = "每千人上报（条）"
RPT_COMMUNITY_TITLE = "上报最多的村居（前 {n} 名）"
RPT_COMMUNITY_NOTE = "在册人员只登记到街镇，村居按上报条数排名，并附每千名常住居民的上报数。"
RPT_HOUR_TITLE = "上报时段分布（星期 × 小时）"
RPT_HOUR_AXIS = "时（0-23）"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
RPT_CATEGORY_TITLE = "各类问题数量与办结率"
RPT_SHARE_RESOLVED = "办结率"
RPT_FUNNEL_TITLE = "办理流程"
RPT_FUNNEL_STAGES = ("上报", "已受理", "已办结")
RPT_FUNNEL_REJECTED = "另有不予受理 {n} 条"
RPT_DURATION_TITLE = "办结用时分布（天）· 按{by}"
RPT_DURATION_BY = {"category": "问题类别", "town": "街镇", "handler": "处置单位"}
RPT_DURATION_PICK = "用时分布分组"
RPT_DEADLINE = "办理时限"
RPT_DAYS = "天"
RPT_OVERDUE_EMPTY = "统计期末没有逾期未办结的问题。"
RPT_OVERDUE_NOTE = "共 {n} 条，按上报时间由早到晚排列；点选一行可在下方明细中查看。"
RPT_TOP_REPORTERS_TITLE = "上报最多的人员（前 {n} 名）"
RPT_RECORDS_NOTE = "共 {n} 条。"
RPT_DRILL_NOTE = "已聚焦：{what}。"
RPT_DRILL_CLEAR = "取消聚焦"
RPT_DRILL_HINT = "提示：点击图表中的柱、方格或地图方格，可在下方明细中只看这部分问题。"
RPT_DRILL_BAD = "网址参数“drill”的值“{value}”无效，已忽略（应为如 town:310120101、cat:安全隐患、week:2026-11-16）。"
RPT_DRILL_KINDS = {"town": "街镇", "cat": "问题类别", "cell": "地图方格", "slot": "时段", "week": "上报周",
                   "status": "办理状态", "id": "问题编号"}
RPT_DRILL_CELL = "地图方格 {x},{y}（约 {cell} 米见方）"
RPT_DRILL_SLOT = "{day} {hour}:00-{hour}:59"
RPT_DRILL_WEEK = "{week}起一周"
RPT_DURATION_NOTE = "箱体为中间一半问题的办结用时，竖线为中位数，须线从最短到 90% 分位；红色短竖线为该类问题的办理时限。"
RPT_DRILL_EXPORT = "图表聚焦"
RPT_EXPORT_STEM = "问题上报明细"
RPT_OVERDUE_STEM = "逾期未办结问题"
# how each report stands at the end of the period (codes come from fxdash.queries.reports)
OUTCOME_LABELS = {
    "on_time": "按时办结", "late": "超期办结", "overdue": "逾期未办结", "pending": "在办未到期",
    "rejected": "不予受理", "unknown": "办结时间不详",
}
ERR_DEADLINE_CATEGORY = "办理时限设置（FXDASH_DEADLINES）中的问题类别“{name}”不存在，已忽略。"
ERR_DEADLINE_DAYS = "办理时限设置（FXDASH_DEADLINES）中“{item}”的天数无效（应为 0 到 365 之间的数字），已忽略。"
RPT_COLUMNS = {
    "report_id": "编号", "reported_at": "上报时间", "category": "问题类别", "town": "街镇", "community": "村居",
    "status_at_end": "状态", "outcome": "时效", "accepted_at": "受理时间", "resolved_at": "办结时间",
    "hours_to_accept": "受理用时（小时）", "days_to_resolve": "办结用时（天）", "age_days": "已等待（天）",
    "days_overdue": "逾期（天）", "deadline_days": "时限（天）", "due_at": "应办结时间", "handler": "处置单位",
    "reporter": "上报人", "reporter_phone": "上报人电话", "points_awarded": "奖励积分", "description": "描述",
    "reports": "上报（条）", "resolved": "已办结（条）", "points": "获得积分", "occupation": "职业",
}
