"""Chinese strings of the metric registry (fxdash.metrics): figure labels, units, notes, alert texts,
the cumulative story of the overview and the period presets of the sidebar.

Thresholds are never written here: a text that quotes one has a placeholder ({days}, {weeks},
{cell_m}) filled from the registry, so each threshold lives once, beside its metric.
"""

from fxdash.labels.overview import KPI_ACTIVE_WORKERS, KPI_REPORTS

# --- units -------------------------------------------------------------------------------------------
PERSON = "人"
ITEM = "个"
CASE = "条"
SESSION = "场"
PARTICIPATION = "人次"
POINT = "分"
TIMES = "次"
PAIR = "对"
INCIDENT = "起"
YUAN = "元"
PERCENT = "%"
DAY = "天"

# --- overview: figures of the period --------------------------------------------------------------
ACTIVE_WORKERS = KPI_ACTIVE_WORKERS  # also the town chart's series name
RIDER_STATIONS = "骑手驿站"
SERVICE_POINTS = "服务点位"
SCENES = "友好场景"
BRANCHES = "街区党支部"
ROLE_MEMBERS = "“四大员”人数"
REPORTS = KPI_REPORTS
# the scope is in the label: these are the period's reports, not the whole backlog (see OVERDUE_OPEN)
REPORTS_OPEN = "期内上报中仍未办结"
REPORTS_OPEN_NOTE = "统计期内上报的问题中，目前仍未办结的（待受理或处置中），不论是否超期。"
HELP_STOCK = "统计期末的存量；变化与上一等长统计期末相比。"
HELP_FLOW = "统计期内的新增；变化与上一等长统计期相比。"
HELP_SPARK = "小图为最近 {weeks} 周的走势（存量取每周末，新增按周计）。"
HELP_NO_PREVIOUS = "累计口径没有可比的上一期，不显示变化。"
CAPTION_ALL = "统计期：{period}，自有记录以来的全部数据，不与上一期比较。"
CHART_LAST_WEEKS = "统计期较长，图中只画最近 {weeks} 周（{period}）。"

# --- weekly comparison ------------------------------------------------------------------------------
REPORTS_NEW = "新增上报问题"
REPORTS_RESOLVED = "办结问题"
RESOLUTION_RATE = "新增问题办结率"
ON_TIME_RATE = "按时办结率"
OVERDUE_OPEN = "超期未办结"
WORKERS_JOINED = "新登记人员"
WORKERS_LEFT = "离开人员"
ROLES_NEW = "新增“四大员”"
ACTIVITIES = "志愿活动"
PARTICIPATIONS = "志愿活动参与"
POINTS_EARNED = "发放积分"
POINTS_REDEEMED = "兑换积分"
CARE_VISITS = "结对关爱走访"
UNVISITED_PAIRS = "超期未走访结对"
FRAUD_CASES = "劝阻涉诈交易"
FRAUD_AMOUNT = "劝阻涉诈金额"
SUGGESTIONS = "人民建议"
NEGATIVE_BALANCES = "积分余额为负的人员"

NOTE_RESOLUTION_RATE = "本周新上报的问题中，到周日已办结的比例。"
NOTE_ON_TIME_RATE = "本周新上报、已到办理时限的问题中按时办结的比例（超期未办结算作不按时）。"
NOTE_OVERDUE_OPEN = "截至期末仍未办结且已超过办理时限的问题，含以前各期上报的。"
NOTE_UNVISITED_PAIRS = "截至期末，超过 {days} 天没有走访记录的结对。"
NOTE_ROLES_NEW = "本期首次担任“四大员”的人数（已是四大员再增加角色的不计）。"

# --- alerts (warn text, all-clear text) -----------------------------------------------------------------
# not only the period's reports (unlike 期内上报中仍未办结): the whole backlog at the period's end
ALERT_OVERDUE = ("超期未办结 {n} 条（含以前上报）", "没有超期未办结的问题")
ALERT_UNVISITED = ("超过 {days} 天未走访的结对 {n} 对", "所有结对均在 {days} 天内走访")
ALERT_NEGATIVE = ("积分余额为负的人员 {n} 人（数据异常，请核查）", "积分余额无异常")
ALERT_STALE = ("已 {n} 天没有新的问题上报，请确认小程序数据是否已导入", "问题上报数据为最新")
ALERT_NO_REPORTS = "数据库中还没有问题上报记录"

# --- the cumulative story (the article's figures, on the overview) ---------------------------------------
STORY_TITLE = "累计成效"
STORY_CAPTION = "自有记录以来的累计数（站点、支部、人员为截至当日的存量），按所选街镇、职业、企业统计。"
STORY_AS_OF = "截至{day}"
STORY_MOBILE_MEMBERS = "覆盖流动党员"
STORY_REPORTS = "累计上报问题"
STORY_PARTICIPATIONS = "累计参与志愿活动"
STORY_SUGGESTIONS = "累计人民建议"
STORY_FRAUD_CASES = "累计阻止涉诈"
STORY_FRAUD_AMOUNT = "累计阻止涉诈金额"
WAN_YUAN = "万元"

# --- period presets ---------------------------------------------------------------------------------------
PRESET_LABEL = "统计期"
PRESET_HELP = "常用统计期；也可以在下面直接选择起止日期。"
PRESETS = {
    "week": "本周",
    "last_week": "上周",
    "month": "本月",
    "28d": "近28天",
    "year": "今年",
    "all": "累计",
}
ERR_PRESET = "网址参数“period”的值“{value}”不是可选的统计期（可选：{options}），已改用{default}。"
EMPTY_PERIOD = "统计期 {period} 内没有{what}记录；上面是自有记录以来的累计数。"
FRAUD_WHAT = "阻止涉诈"
EMPTY_PERIOD_SHOW_ALL = "查看累计"
