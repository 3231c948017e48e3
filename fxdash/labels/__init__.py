"""All Chinese UI strings and category vocabularies, in one place.

Code and identifiers are English; every word a user reads comes from here, so that wording is
reviewed in one place and the vocabularies used by the generator, the schema checks, the import
validation and the filters cannot drift apart.

New areas add their own module beside this one (fxdash/labels/<area>.py, imported as
`from fxdash.labels import <area> as LX`) instead of growing this file.
"""

APP_TITLE = "奉贤区新就业群体服务与治理数据看板"
APP_SHORT = "奉贤新就业群体看板"
DEMO_BANNER = "演示数据：当前显示的是按公开报道数字生成的演示数据，人名、电话均为虚构，不代表真实情况。"
BUILDING_DEMO = "首次启动：正在生成演示数据库…"
DEMO_BUILT = "演示数据库已生成。"
BOUNDARIES_NOT_LOADED = "未加载街镇边界文件（设置 FXDASH_BOUNDARIES），地图上的街镇以中心点表示。"

# --- page titles (st.navigation) -------------------------------------------------------------
PAGE_OVERVIEW = "总览"
PAGE_MAP = "阵地地图"
PAGE_REPORTS = "问题上报"
PAGE_PEOPLE = "队伍与志愿"
PAGE_COMMUNITY = "关爱与平安"
PAGE_WEEKLY = "周报"
PAGE_DATA = "数据管理"

# --- vocabularies ----------------------------------------------------------------------------
TOWN_KINDS = ("街道", "镇", "功能区")
OCCUPATIONS = ("快递员", "外卖骑手", "即时配送员", "网约车司机", "货运司机")
# occupations the article calls the bulk of the group ("以快递员、网约配送员为主")
CORE_OCCUPATIONS = ("快递员", "外卖骑手")
BUSINESSES = ("外卖", "快递", "即时配送", "网约车", "货运")
OCCUPATION_BY_BUSINESS = {
    "外卖": "外卖骑手",
    "快递": "快递员",
    "即时配送": "即时配送员",
    "网约车": "网约车司机",
    "货运": "货运司机",
}
GENDERS = ("男", "女")
PARTY_STATUSES = ("中共党员", "中共预备党员", "共青团员", "群众")
PARTY_MEMBER_STATUSES = ("中共党员", "中共预备党员")

STATION_KINDS = ("骑手驿站", "服务点位")
HOST_TYPES = ("党群服务站", "公共法律服务站", "社区卫生服务中心", "银行网点", "街区商铺", "商圈综合体", "企业站点")
AMENITIES = (
    "停车", "充换电", "热水", "储物", "就餐", "休息", "卫生间", "应急药箱", "健康科普角", "法律服务", "手机充电",
)
SCENE_TYPES = ("社区", "街区", "园区", "商圈", "楼宇", "阵地")

REPORT_CATEGORIES = (
    "乱堆乱放", "卫生死角", "安全隐患", "占道停车", "设施损坏", "充换电设施", "消防隐患", "走失/拾遗", "涉诈线索", "其他",
)
REPORT_STATUSES = ("待受理", "处置中", "已办结", "不予受理")
OPEN_STATUSES = ("待受理", "处置中")
CLOSED_STATUSES = ("已办结", "不予受理")

ROLES = ("网格信息员", "文明宣传员", "爱心接力员", "应急辅助员")

VOLUNTEER_ACTIVITY_KINDS = ("文明引导", "应急处置", "反诈宣传", "禁毒宣传", "消防安全宣传", "食品安全宣传", "送药送餐")
PARTY_ACTIVITY_KINDS = ("理论学习", "议事协商")
ACTIVITY_KINDS = VOLUNTEER_ACTIVITY_KINDS + PARTY_ACTIVITY_KINDS
# which of the four roles typically takes part in each volunteer activity kind
ROLE_BY_ACTIVITY = {
    "文明引导": "文明宣传员",
    "应急处置": "应急辅助员",
    "反诈宣传": "文明宣传员",
    "禁毒宣传": "文明宣传员",
    "消防安全宣传": "文明宣传员",
    "食品安全宣传": "文明宣传员",
    "送药送餐": "爱心接力员",
}

SUGGESTION_TOPICS = ("城市建设管理", "新就业群体服务", "交通出行", "公共服务", "社区治理")
SUGGESTION_STATUSES = ("待办理", "办理中", "已答复")

CARE_TASKS = ("代购", "送药", "送餐", "燃气检查", "水电检查", "陪伴聊天", "就医陪同")
REDEEM_ITEMS = ("午餐", "修车", "理发", "洗车", "饮品", "日用品")

POINT_REASON_REPORT = "问题上报办结"
POINT_REASON_ACTIVITY = "参加志愿活动"
POINT_REASON_CARE = "结对关爱走访"
POINT_REASON_REDEEM = "积分兑换"
POINT_REASONS = (POINT_REASON_REPORT, POINT_REASON_ACTIVITY, POINT_REASON_CARE, POINT_REASON_REDEEM)

FRAUD_METHODS = ("冒充客服退款", "冒充公检法", "刷单返利", "虚假投资理财", "冒充熟人借钱", "虚假中奖")

# --- filters (sidebar) -----------------------------------------------------------------------
FILTERS_HEADER = "筛选条件"
FILTER_DATE = "时间范围"
FILTER_TOWNS = "街镇"
FILTER_OCCUPATIONS = "职业"
FILTER_ENTERPRISES = "企业"
FILTER_CATEGORIES = "问题类别"
FILTER_STATUSES = "办理状态"
FILTER_ROLES = "四大员角色"
FILTER_STATION_KINDS = "阵地类型"
FILTER_HOST_TYPES = "依托单位"
FILTER_AMENITIES = "服务设施"
FILTER_ALL = "全部"
FILTER_RESET = "重置筛选"
FILTER_DATE_HINT = "包含起止两天"
FILTERS_NOTE_TITLE = "筛选条件"
PERIOD_LABEL = "统计期"
DATA_AS_OF = "数据截至"

# messages for bad URL parameters; {key} is the parameter, {value} what was given
ERR_PARAM_DATE = "网址参数“{key}”的值“{value}”不是有效日期（应为 YYYY-MM-DD），已改用默认值。"
ERR_PARAM_RANGE = "网址中的开始日期 {start} 晚于结束日期 {end}，已交换两者。"
ERR_PARAM_UNKNOWN = "网址参数“{key}”中的“{value}”不是可选值，已忽略。"

# --- overview ----------------------------------------------------------------------------------
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
UNIT_PERSON = "人"
UNIT_ITEM = "个"
UNIT_CASE = "条"
NEW = "新增"
RESOLVED = "办结"
WEEK = "周"
COUNT = "数量"
TOWN = "街镇"
NO_DATA = "当前筛选条件下没有数据。"

# Display names for columns shown in tables and exports (never show raw column names).
COLUMN_LABELS = {
    "town_code": "街镇代码",
    "town": "街镇",
    "town_name": "街镇",
    "name": "名称",
    "kind": "类型",
    "host_type": "依托单位",
    "amenities": "服务设施",
    "opened_on": "启用日期",
    "lat": "纬度",
    "lon": "经度",
    "address": "地址",
    "station_id": "编号",
    "worker_id": "人员编号",
    "occupation": "职业",
    "enterprise": "企业",
    "enterprise_name": "企业",
    "site_name": "站点",
    "phone": "电话",
    "gender": "性别",
    "role": "角色",
    "category": "问题类别",
    "status": "状态",
    "reported_at": "上报时间",
    "accepted_at": "受理时间",
    "resolved_at": "办结时间",
    "handler": "处置人",
    "points_awarded": "奖励积分",
    "report_id": "编号",
    "description": "描述",
    "week": "周",
    "count": "数量",
    "active_workers": "在册人数",
    "reports": "上报问题",
}

# --- projector mode --------------------------------------------------------------------------
PRESENT_ENTER = "投影模式"
PRESENT_EXIT = "退出投影模式"
PRESENT_HELP = "隐藏侧边栏、放大字号，适合例会投影；网址带 ?present=1 可直接打开。"
DELTA_SAME = "持平"
DELTA_DESCRIPTION = "较上期"

# --- community page (关爱与平安) ----------------------------------------------------------------
HUQIAO = "胡桥社区"
COMMUNITY_CAPTION = "统计期 {start} 至 {end}（共 {days} 天）。存量指标（结对、友好场景、服务设施、累计金额）按统计期末计。"
SERIES_VISITS_PER_PAIR_30 = "每对月均走访（按30天折算）"
FRAUD_NO_ROLE = "未担任四大员"
COMMUNITY_TABS = ("结对关爱", "反诈拦截", "人民建议", "友好场景", "服务资源")
CARE_INTRO = "爱心接力员与80岁以上独居高龄老人结对，定期上门代购、送药、检查燃气水电、陪伴聊天。"
CARE_KPI_PAIRS_END = "期末在结对子"
CARE_KPI_ELDERLY = "80岁以上独居老人"
CARE_KPI_COVERAGE = "已结对覆盖率"
CARE_KPI_OVERDUE = "超过{days}天未走访"
CARE_KPI_VISITS = "期内走访"
CARE_HELP_COVERAGE = "期末已结对的80岁以上老人 ÷ 80岁以上独居老人（按所选街镇的村居合计）。"
CARE_PROFILE = ("**{name}**（{town}）：常住人口 {population:,} 人，60岁以上 {elderly_60:,} 人（占 {share:.0f}%），"
                "80岁以上独居高龄老人 {elderly_80:,} 人；统计期末已结对 {paired:,} 人，"
                "尚未结对 {gap:,} 人（覆盖率 {coverage:.1f}%）。")
CARE_GAP_TITLE = "结对缺口最大的村居（80岁以上独居老人中尚未结对）"
CARE_GAP_NOTE = "按尚未结对人数从多到少排列；“已结对”只计统计期末仍在结对、年满80岁的老人，一位老人多人结对只计一次。"
CARE_TOWN_TITLE = "各街镇结对数"
CARE_VISITS_TITLE = "每月走访次数与每对平均走访"
CARE_VISITS_NOTE = "首尾两个月只计统计期内的天数；每对月均走访按30天折算，便于比较。"
CARE_TASKS_TITLE = "期内走访做了什么"
CARE_OVERDUE_TITLE = "超过{days}天未走访的结对（截至 {end}）"
CARE_OVERDUE_NOTE = "从最近一次走访（从未走访的从结对之日）算起，到统计期末超过{days}天；已结束的结对不列入。"
CARE_OVERDUE_NONE = "统计期末所有在结对子在{days}天内都有走访记录。"
NEVER_VISITED = "从未走访"
SERIES_VISITS = "走访次数"
SERIES_VISITS_PER_PAIR = "每对平均走访"
SERIES_PAIRS_IN_PERIOD = "期内结对"
SERIES_PAIRS_AT_END = "期末在结对"
SERIES_PAIRED = "已结对"
SERIES_GAP = "尚未结对"

FRAUD_INTRO = "“四大员”在配送途中发现并阻止涉诈交易，守护群众财产安全。"
FRAUD_KPI_CASES = "期内阻止涉诈"
FRAUD_KPI_AMOUNT = "期内涉及金额"
FRAUD_KPI_TOTAL = "累计涉及金额"
FRAUD_KPI_TOTAL_CASES = "累计阻止涉诈"
FRAUD_HELP_TOTAL = "自有记录以来至统计期末（按所选街镇、职业、企业）。"
FRAUD_MONTH_TITLE = "每月阻止涉诈金额与累计金额"
FRAUD_TOWN_TITLE = "各街镇阻止涉诈金额（期内）"
FRAUD_ROLE_TITLE = "阻止者当时担任的“四大员”角色"
FRAUD_ROLE_NOTE = "同一人同时担任多个角色时，该案件在每个角色下各计一次。"
FRAUD_LIST_TITLE = "期内阻止涉诈案件"
SERIES_AMOUNT = "涉及金额"
SERIES_CUMULATIVE = "累计金额"
UNIT_YUAN = "元"
UNIT_WAN_YUAN = "万元"
UNIT_PAIR = "对"
UNIT_TIMES = "次"
UNIT_DAY = "天"

SUGGEST_INTRO = "新就业群体通过人民建议征集平台反映诉求，“说话管用、建议落地”。"
SUGGEST_KPI_SUBMITTED = "期内提交建议"
SUGGEST_KPI_ANSWERED = "其中已答复"
SUGGEST_KPI_ADOPTION = "采纳率"
SUGGEST_KPI_DAYS = "答复用时（中位数）"
SUGGEST_HELP_ADOPTION = "已采纳 ÷ 已答复；尚在办理的建议不计入分母。"
SUGGEST_TOPIC_TITLE = "各主题建议数（按办理状态）"
SUGGEST_LIST_TITLE = "建议清单（已采纳的在前并标出成效）"
SUGGEST_ADOPTED_TITLE = "已采纳建议及成效"
ADOPTED_YES = "已采纳"
ADOPTED_NO = "未采纳"

SCENE_INTRO = "按《奉贤区新就业群体友好场景建设指引》，围绕社区、街区、园区、商圈、楼宇、阵地六类场景分批建成友好场景。"
SCENE_KPI_TOTAL = "已建成友好场景"
SCENE_KPI_NEW = "期内新认定"
SCENE_KPI_TYPES = "覆盖场景类型"
SCENE_TYPE_TITLE = "六类友好场景数量"
SCENE_TOWN_TITLE = "各街镇友好场景（按类型）"
SCENE_BATCH_TITLE = "分批认定情况"
SCENE_MAP_TITLE = "友好场景分布"
SCENE_BATCH_LABEL = "第{batch}批"
SCENE_TOOLTIP = "<b>{name}</b><br/>{scene_type}场景 · {town}<br/>第{batch}批，认定于 {certified}"

RESOURCE_INTRO = ("区卫健委在骑手驿站设置“健康科普角”，区司法局在公共法律服务中心设立服务专窗，"
                  "各阵地提供停车、充换电、热水等服务。以下为统计期末已启用阵地的服务设施数。")
RESOURCE_TITLE = "各项服务设施的阵地数"
RESOURCE_KPI = "提供{amenity}的阵地"

# column display names for this page's tables and exports
COMMUNITY_COLUMNS = {
    "community": "村居",
    "community_id": "村居编号",
    "elderly_80_alone": "80岁以上独居老人",
    "pairs_in_period": "期内结对数",
    "pairs_at_end": "期末在结对数",
    "paired_80": "期末已结对（80岁以上）",
    "gap": "尚未结对",
    "coverage_pct": "覆盖率（%）",
    "month": "月份",
    "visits": "走访次数",
    "active_pairs": "在结对数",
    "visits_per_pair": "每对平均走访",
    "task": "走访事项",
    "pair_id": "结对编号",
    "elder_code": "老人代码",
    "elder_age": "老人年龄",
    "volunteer": "志愿者",
    "since": "结对日期",
    "last_visit": "最近走访",
    "days_since": "未走访天数",
    "case_id": "案件编号",
    "occurred_on": "日期",
    "worker": "阻止人",
    "roles": "当时角色",
    "method": "诈骗类型",
    "amount_yuan": "涉及金额（元）",
    "amount": "涉及金额（元）",
    "cumulative_amount": "累计金额（元）",
    "cases": "案件数",
    "suggestion_id": "建议编号",
    "submitted_on": "提交日期",
    "title": "建议标题",
    "topic": "主题",
    "submitter": "建议人",
    "adopted": "是否采纳",
    "closed_on": "答复日期",
    "days_to_answer": "答复用时（天）",
    "outcome": "成效",
    "suggestions": "建议数",
    "mean_days": "平均答复用时（天）",
    "scene_id": "场景编号",
    "scene_type": "场景类型",
    "batch": "批次",
    "certified_on": "认定日期",
    "scenes": "场景数",
    "new_in_period": "期内新认定",
    "first_certified": "首个认定日期",
    "last_certified": "末个认定日期",
    "amenity": "服务设施",
    "stations": "阵地数",
    "rider_stations": "骑手驿站",
    "service_points": "服务点位",
}

# --- reports page (问题上报) ----------------------------------------------------------------------
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
RPT_SECTION_WHAT = "什么：问题类别"
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
RPT_HOURS = "小时"
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

# --- map page (阵地地图) -------------------------------------------------------------------------
MAP_CAPTION = "统计期 {start} 至 {end}：地图显示统计期末已启用的阵地；问题密度与覆盖分析按统计期内的上报计算。"
MAP_FILTERS = "地图筛选"
MAP_LAYERS = "图层"
MAP_LAYER_STATIONS = "骑手驿站与服务点位"
MAP_LAYER_DENSITY = "问题上报密度"
MAP_LAYER_COVERAGE = "驿站覆盖范围"
MAP_LAYER_CANDIDATES = "建议新增站址"
MAP_LAYER_SCENES = "友好场景"
MAP_LAYER_BRANCHES = "街区党支部"
MAP_LAYER_MERCHANTS = "积分兑换商户"
MAP_LAYER_SITES = "企业站点"
MAP_RADIUS = "覆盖半径（米）"
MAP_RADIUS_HELP = "按直线距离（球面距离）计算：离最近一个驿站不超过该距离即算“已覆盖”。"
MAP_COVER_REPORTS = "上报问题覆盖率"
MAP_COVER_SITES = "企业站点覆盖率"
MAP_COVER_STAFF = "站点骑手覆盖率"
MAP_COVER_HELP = "{covered:,} / {total:,} 在{radius:,}米内有{kinds}。"
MAP_COVER_BASIS = "覆盖按{kinds}计算（含所选依托单位与服务设施条件，不限街镇：边界附近可由邻镇驿站服务）。"
MAP_KPI_STATIONS = "地图上的骑手驿站"
MAP_KPI_POINTS = "地图上的服务点位"
MAP_SELECT_HINT = "点击地图上的驿站或服务点位，可在右侧查看详情。"
MAP_DETAIL_TITLE = "阵地详情"
MAP_DETAIL_NONE = "尚未选中阵地。点击地图上的圆点即可选中。"
MAP_DETAIL_GONE = "所选阵地不在当前筛选范围内。"
MAP_DETAIL_REPORTS = "{radius}米内期内上报：{n} 条"
MAP_DETAIL_SITES = "{radius}米内企业站点：{n} 个，在册 {workers:,} 人"
MAP_DETAIL_NO_REPORTS = "统计期内附近没有上报。"
MAP_DETAIL_NO_SITES = "附近没有企业站点。"
MAP_CANDIDATES_TITLE = "建议新增骑手驿站的位置（未覆盖热点）"
MAP_CANDIDATES_NOTE = ("把离最近驿站超过{radius:,}米的上报和企业站点骑手按{radius:,}米网格汇总；"
                       "候选点是网格中心（其{radius:,}米内没有驿站），依次选出能新覆盖最多上报与骑手的位置。"
                       "“可新覆盖”为在该点建站后{radius:,}米内新增覆盖的数量（不与排名靠前的候选点重复计）。")
MAP_CANDIDATES_NONE = "在{radius:,}米半径下，所有上报与企业站点都已被驿站覆盖。"
MAP_CANDIDATE_LABEL = "候选{rank}"
MAP_TOWNS_TITLE = "各街镇阵地与覆盖情况"
MAP_STATIONS_TITLE = "地图上的阵地清单"
MAP_NO_STATIONS = "当前筛选条件下没有阵地。"
MAP_LEGEND_TITLE = "图例"
MAP_LEGEND_RIDER = "大圆点带白边 = 骑手驿站，小圆点 = 服务点位；颜色表示依托单位"
MAP_LEGEND_DENSITY = "问题上报密度（浅黄→深红，格越红上报越多）"
MAP_LEGEND_COVERAGE = "驿站覆盖范围（{radius:,}米）"
MAP_LEGEND_CANDIDATE = "建议新增站址（编号为优先顺序）"
MAP_STAFF = "人"
MAP_COLUMN_LABELS = {
    "rank": "优先顺序",
    "town": "街镇",
    "reports": "可新覆盖上报（条）",
    "staff": "可新覆盖骑手（人）",
    "lat": "纬度",
    "lon": "经度",
    "nearest_station_m": "离最近驿站（米）",
}
MAP_TOWN_LABELS = {
    "town": "街镇",
    "rider_stations": "骑手驿站",
    "service_points": "服务点位",
    "scenes": "友好场景",
    "active_workers": "在册人数",
    "workers_per_station": "每个驿站服务人数",
    "reports": "期内上报",
    "covered_share": "上报覆盖率",
}
MAP_STATION_LABELS = {
    "station_id": "编号",
    "kind": "类型",
    "host_type": "依托单位",
    "name": "名称",
    "town": "街镇",
    "address": "地址",
    "lat": "纬度",
    "lon": "经度",
    "amenities": "服务设施",
    "opened_on": "启用日期",
}
MAP_NEAR_REPORT_LABELS = {"report_id": "编号", "category": "问题类别", "status": "状态",
                          "reported_at": "上报时间", "distance_m": "距离（米）"}
MAP_NEAR_SITE_LABELS = {"name": "企业站点", "enterprise": "企业", "staff_count": "申报人数",
                        "workers": "在册人数", "distance_m": "距离（米）"}

# --- people page (队伍与志愿) ------------------------------------------------------------------
UNKNOWN = "未填"
AGE_BAND_LABELS = ("24岁及以下", "25–29岁", "30–39岁", "40–49岁", "50岁及以上")
PEOPLE_NOT_REGISTERED = "未报到"
YES, NO = "是", "否"  # also defined by another section, with the same values
PEOPLE_CAPTION = ("统计期 {start} 至 {end}（共 {days} 天）。人数均为统计期末在册的人；"
                  "月度趋势显示统计期所在的最近 {months} 个月。")
PEOPLE_ROLE_FILTER_HELP = "只作用于“四大员”和“人员名单”两页：只看在统计期末担任所选角色的人。"
PEOPLE_TABS = ("在册队伍", "党建引领", "四大员", "积分", "人员名单")
# registry
PEOPLE_ACTIVE = "期末在册"
PEOPLE_ACTIVE_HELP = "统计期末仍在册的新就业群体人数；变化为与统计期开始前一天相比的净增减。"
PEOPLE_JOINED = "期内新增"
PEOPLE_LEFT = "期内离开"
PEOPLE_TURNOVER = "期内流失率"
PEOPLE_TURNOVER_HELP = "期内离开人数 ÷ 平均在册人数（期初与期末的平均）。这支队伍流动性大，值得每周关注。"
PEOPLE_TENURE = "在册时长中位数"
PEOPLE_TENURE_HELP = "期末在册者自登记加入以来的天数的中位数；括号内为期内离开者在册时长的中位数。"
PEOPLE_REGISTERED = "报到率"
PEOPLE_REGISTERED_HELP = "期末在册者中已到党群服务站报到的比例。"
PEOPLE_DAYS = "天"
PEOPLE_LEAVER_TENURE = "离开者 {days} 天"
PEOPLE_FLOWS_TITLE = "每月新增、离开与净变化"
PEOPLE_NET = "净变化"
PEOPLE_TOWN_TITLE = "各街镇期末在册人数"
PEOPLE_OCCUPATION_TITLE = "按职业"
PEOPLE_AGE_TITLE = "按年龄段"
PEOPLE_GENDER_TITLE = "按性别"
PEOPLE_ENTERPRISE_HEADER = "一企一表：各企业登记覆盖"
PEOPLE_SITE_HEADER = "一网点一表：各站点登记覆盖"
PEOPLE_COVERAGE_HELP = "覆盖率 = 在册登记人数 ÷ 企业（站点）申报的从业人数；低于 50% 的站点排在前面，提示需要补登。"
PEOPLE_COVERAGE_LOW = "覆盖率低于 50% 的站点：{n} 个"
# party
PEOPLE_PARTY_MEMBERS = "党员（含预备党员）"
PEOPLE_MOBILE_MEMBERS = "流动党员"
PEOPLE_BRANCHES = "街区党支部"
PEOPLE_STUDY = "期内理论学习"
PEOPLE_CONSULT = "期内议事协商"
PEOPLE_UNIT_TIMES = "次"
PEOPLE_PARTY_TOWN_TITLE = "各街镇党员与流动党员（期末在册）"
PEOPLE_BRANCH_HEADER = "街区党支部一览"
PEOPLE_BRANCH_HELP = "“联系骑手”为编入该支部联系群体的期末在册人数；活动次数为统计期内举办的次数。"
# the four roles
PEOPLE_ROLE_PEOPLE = "“四大员”人数（按人计）"
PEOPLE_ROLE_PEOPLE_HELP = "统计期末至少担任一种角色的人数，一人只计一次。"
PEOPLE_ROLE_HOLDINGS = "角色人次（按角色计）"
PEOPLE_ROLE_HOLDINGS_HELP = "统计期末担任的角色总数：一人兼任两种角色计 2 人次。"
PEOPLE_ROLE_ACTIVE = "近30天活跃"
PEOPLE_ROLE_ACTIVE_HELP = "统计期最后 30 天内上报过问题或参加过活动的“四大员”人数及其占比。"
PEOPLE_ROLE_NOTE = ("“人数”按人计，一人只计一次；“人次”按角色计，一人兼任几种角色就计几次。"
                    "“活跃”指统计期最后 30 天内上报过问题或参加过活动。")
PEOPLE_ROLE_TITLE = "各角色期末人数与近30天活跃率"
PEOPLE_ROLE_HOLDERS = "担任人数"
PEOPLE_ROLE_ACTIVE_SHARE = "活跃率"
PEOPLE_ROLE_TOWN_TITLE = "各街镇角色人次（按角色计）"
PEOPLE_ROLE_GROWTH_TITLE = "“四大员”队伍增长（每月末）"
PEOPLE_PEOPLE = "人数（按人计）"
PEOPLE_HOLDINGS = "人次（按角色计）"
PEOPLE_VOLUNTEER_PARTS = "期内志愿服务"
PEOPLE_VOLUNTEER_HOURS = "期内服务时长"
PEOPLE_VOLUNTEER_HELP = "统计期内参加志愿活动（文明引导、应急处置、各类宣传、送药送餐）的人次与时长。"
PEOPLE_UNIT_PARTS = "人次"
PEOPLE_UNIT_HOURS = "小时"
PEOPLE_VOLUNTEER_TITLE = "每月志愿服务人次（按活动类型）"
PEOPLE_HOURS_TITLE = "每月志愿服务时长（按活动类型）"
# points
PEOPLE_POINTS_EARNED = "期内获得积分"
PEOPLE_POINTS_REDEEMED = "期内兑换积分"
PEOPLE_POINTS_OUTSTANDING = "期末未兑换积分"
PEOPLE_POINTS_OUTSTANDING_HELP = "到统计期末累计获得减去累计兑换，即骑手手中尚未使用的积分。"
PEOPLE_MERCHANTS = "参与商户"
PEOPLE_MERCHANTS_HELP = "统计期末已加入积分兑换的街区商户数；括号内为期内实际发生兑换的商户数。"
PEOPLE_MERCHANTS_USED = "期内有兑换 {n} 家"
PEOPLE_UNIT_POINTS = "分"
PEOPLE_UNIT_SHOP = "家"
PEOPLE_NEGATIVE_FAULT = ("数据异常：有 {n} 名人员的积分余额曾低于零（兑换多于获得），"
                         "请核对积分台账。名单见下表。")
PEOPLE_NEGATIVE_OK = "积分台账核对：没有人员的余额低于零。"
PEOPLE_POINTS_TITLE = "每月积分获得（按来源）与兑换"
PEOPLE_ITEMS_TITLE = "每月兑换积分（按兑换内容）"
PEOPLE_MERCHANT_HEADER = "商户兑换情况（统计期内）"
PEOPLE_TOP_HEADER = "期内积分获得前十名"
# worker list
PEOPLE_LIST_PARTY = "政治面貌"
PEOPLE_LIST_ACTIVE = "近30天是否活跃"
PEOPLE_LIST_ACTIVE_OPTIONS = ("全部", "活跃", "不活跃")
PEOPLE_LIST_COUNT = "符合条件的期末在册人员：{n:,} 人（{privacy}）"
PEOPLE_LIST_HELP = "街镇、职业、企业在左侧筛选；四大员角色在页面顶部筛选；下载的文件与表中内容一致，并注明筛选条件。"
PEOPLE_COLUMN_LABELS = {
    "label": "类别",
    "workers": "人数",
    "month": "月份",
    "joined": "新增",
    "left_": "离开",
    "net": "净变化",
    "active_end": "月末在册",
    "enterprise": "企业",
    "business": "业务",
    "sites": "站点数",
    "registered": "在册登记人数",
    "declared": "申报从业人数",
    "coverage": "覆盖率",
    "site_name": "站点",
    "town": "街镇",
    "branch": "支部",
    "founded_on": "成立日期",
    "secretary_new": "书记来自新就业群体",
    "secretary_since": "书记任职起",
    "group_size": "联系骑手",
    "party_members": "党员",
    "mobile_members": "流动党员",
    "study": "理论学习（次）",
    "consult": "议事协商（次）",
    "merchant": "商户",
    "offers": "可兑换",
    "times": "兑换次数",
    "points": "兑换积分",
    "items": "实际兑换",
    "worker_id": "人员编号",
    "name": "姓名",
    "gender": "性别",
    "age": "年龄",
    "occupation": "职业",
    "roles": "四大员角色",
    "party_status": "政治面貌",
    "mobile_member": "流动党员",
    "registered_on": "报到日期",
    "joined_on": "加入日期",
    "active": "近30天活跃",
    "phone": "电话",
    "earned": "期内获得",
    "balance": "当前余额",
    "first_negative_at": "首次为负时间",
    "lowest_balance": "最低余额",
}


# --- data page and import (pages/data.py, fxdash.ingest) -------------------------------------------
COMMUNITY_KINDS = ("居委", "村委")
DEMO_MIXED_BANNER = "当前数据库中既有演示数据，也有导入的真实数据：演示部分的人名、电话均为虚构。"

TABLE_LABELS = {
    "towns": "街镇", "communities": "村居", "enterprises": "企业（一企一表）", "sites": "网点（一网点一表）",
    "branches": "街区党支部", "workers": "新就业群体人员", "worker_roles": "四大员", "stations": "驿站与服务点位",
    "friendly_scenes": "友好场景", "merchants": "街区商户", "reports": "问题上报", "points_ledger": "积分流水",
    "activities": "活动", "activity_participants": "活动参与", "suggestions": "人民建议", "care_pairs": "结对关爱",
    "care_visits": "关爱走访", "fraud_interceptions": "反诈拦截", "import_log": "导入记录",
}

# Per table: column -> (Chinese header used in templates, what the column means).
# The header is what staff type; the English column name is accepted too.
_TOWN = ("街镇", "所在街镇：名称（如 青村镇）或 9 位街镇代码")
_LAT = ("纬度", "纬度（度），如 30.9064；坐标系按导入时的选择")
_LON = ("经度", "经度（度），如 121.5439；坐标系按导入时的选择")
IMPORT_COLUMNS = {
    "towns": {"town_code": ("街镇代码", "9 位统计用区划代码"), "name": ("街镇名称", "街镇全称"),
              "kind": ("类型", "街道、镇或功能区"), "lat": _LAT, "lon": _LON, "area_km2": ("面积（平方公里）", "陆域面积")},
    "communities": {
        "community_id": ("村居编号", "村居的唯一编号，如 C0001"), "town_code": _TOWN, "name": ("村居名称", "如 胡桥社区"),
        "kind": ("类型", "居委或村委"), "population": ("常住人口", "人数"), "elderly_60_plus": ("60岁以上老人", "人数"),
        "elderly_80_alone": ("80岁以上独居老人", "人数"), "lat": _LAT, "lon": _LON},
    "enterprises": {
        "enterprise_id": ("企业编号", "企业的唯一编号，如 E001"), "name": ("企业名称", "企业或平台名称，不可重复"),
        "business": ("业务类型", "外卖、快递、即时配送、网约车或货运"), "contact_phone": ("联系电话", "手机或座机，如 021-57123456")},
    "sites": {
        "site_id": ("网点编号", "网点（站点）的唯一编号，如 S0001"), "enterprise_id": ("企业编号", "所属企业的编号，须已在企业表中"),
        "town_code": _TOWN, "name": ("网点名称", "如 美团外卖青村站"), "address": ("地址", "详细地址"),
        "lat": _LAT, "lon": _LON, "staff_count": ("在岗人数", "企业申报的在岗人数")},
    "branches": {
        "branch_id": ("支部编号", "街区党支部的唯一编号，如 B001"), "name": ("支部名称", "不可重复"), "town_code": _TOWN,
        "founded_on": ("成立日期", "支部成立日期"),
        "secretary_from_new_employment": ("书记来自新就业群体", "是 或 否"),
        "secretary_since": ("现任书记任职日期", "现任书记开始任职的日期"), "lat": _LAT, "lon": _LON},
    "workers": {
        "worker_id": ("人员编号", "人员的唯一编号，如 W0000001"), "name": ("姓名", "人员姓名"), "gender": ("性别", "男 或 女"),
        "birth_year": ("出生年份", "四位年份，如 1995"), "phone": ("手机号", "11 位手机号或座机号"),
        "occupation": ("职业", "快递员、外卖骑手等"), "enterprise_id": ("企业编号", "所属企业的编号，须已在企业表中"),
        "site_id": ("网点编号", "所在网点的编号，须已在网点表中"), "town_code": _TOWN,
        "branch_id": ("支部编号", "所在街区党支部的编号"), "party_status": ("政治面貌", "留空按“群众”"),
        "is_mobile_party_member": ("流动党员", "是 或 否，留空按“否”"), "registered_on": ("报到日期", "到党群服务站报到的日期"),
        "joined_on": ("加入日期", "纳入动态台账的日期"), "left_on": ("离开日期", "离开本区或转行的日期，在册人员留空")},
    "worker_roles": {
        "worker_id": ("人员编号", "须已在人员表中"), "role": ("角色", "网格信息员、文明宣传员、爱心接力员或应急辅助员"),
        "since": ("起始日期", "担任该角色的日期"), "until": ("结束日期", "不再担任的日期，仍在任留空")},
    "stations": {
        "station_id": ("阵地编号", "驿站或服务点位的唯一编号，如 ST0001"), "kind": ("阵地类型", "骑手驿站 或 服务点位"),
        "host_type": ("依托单位", "党群服务站、银行网点等"), "name": ("名称", "驿站或点位名称"), "town_code": _TOWN,
        "address": ("地址", "详细地址"), "lat": _LAT, "lon": _LON, "amenities": ("服务设施", "多个用“、”分隔，如 停车、热水"),
        "opened_on": ("启用日期", "开始服务的日期")},
    "friendly_scenes": {
        "scene_id": ("场景编号", "友好场景的唯一编号，如 FS001"), "name": ("场景名称", "如 振兴路新就业群体友好街区"),
        "scene_type": ("场景类型", "社区、街区、园区、商圈、楼宇或阵地"), "town_code": _TOWN, "lat": _LAT, "lon": _LON,
        "batch": ("认定批次", "第几批，如 1"), "certified_on": ("认定日期", "认定的日期")},
    "merchants": {
        "merchant_id": ("商户编号", "商户的唯一编号，如 M001"), "name": ("商户名称", "店名"), "town_code": _TOWN,
        "offers": ("可兑换项目", "多个用“、”分隔，如 午餐、修车"), "lat": _LAT, "lon": _LON, "joined_on": ("加入日期", "加入积分兑换的日期")},
    "reports": {
        "report_id": ("上报编号", "小程序中的上报单号，唯一"), "reporter_id": ("上报人编号", "上报人员的编号，须已在人员表中"),
        "category": ("问题类别", "乱堆乱放、安全隐患等"), "description": ("问题描述", "上报的文字说明"), "lat": _LAT,
        "lon": _LON, "town_code": _TOWN, "community_id": ("村居编号", "问题所在村居的编号"),
        "reported_at": ("上报时间", "如 2026-03-18 14:30"), "status": ("办理状态", "待受理、处置中、已办结或不予受理"),
        "accepted_at": ("受理时间", "不早于上报时间"), "resolved_at": ("办结时间", "不早于上报时间"),
        "handler": ("处置单位", "如 青村城运中心"), "points_awarded": ("奖励积分", "留空按 0")},
    "points_ledger": {
        "entry_id": ("流水编号", "积分流水的唯一编号"), "worker_id": ("人员编号", "须已在人员表中"),
        "occurred_at": ("发生时间", "如 2026-03-18 14:30"), "delta": ("积分变动", "获得为正数，兑换为负数，不能为 0"),
        "reason": ("原因", "问题上报办结、参加志愿活动、结对关爱走访或积分兑换"), "report_id": ("上报编号", "因上报获得积分时填写"),
        "merchant_id": ("商户编号", "兑换时填写"), "item": ("兑换项目", "兑换时填写，如 午餐")},
    "activities": {
        "activity_id": ("活动编号", "活动的唯一编号，如 A000001"), "kind": ("活动类型", "文明引导、反诈宣传、理论学习等"),
        "title": ("活动名称", "活动标题"), "held_on": ("活动日期", "举办日期"), "town_code": _TOWN,
        "branch_id": ("支部编号", "组织活动的街区党支部"), "community_id": ("村居编号", "活动所在村居")},
    "activity_participants": {
        "activity_id": ("活动编号", "须已在活动表中"), "worker_id": ("人员编号", "须已在人员表中"),
        "hours": ("服务时长（小时）", "如 1.5")},
    "suggestions": {
        "suggestion_id": ("建议编号", "人民建议的唯一编号"), "worker_id": ("提出人编号", "提出人的人员编号"),
        "submitted_on": ("提交日期", "提交的日期"), "topic": ("领域", "城市建设管理、新就业群体服务等"),
        "title": ("建议标题", "建议的标题"), "status": ("办理状态", "待办理、办理中或已答复"),
        "adopted": ("是否采纳", "是 或 否，留空按“否”"), "closed_on": ("答复日期", "不早于提交日期"),
        "outcome": ("办理结果", "答复或采纳情况")},
    "care_pairs": {
        "pair_id": ("结对编号", "结对关系的唯一编号，如 CP00001"), "worker_id": ("志愿者编号", "结对志愿者的人员编号"),
        "community_id": ("村居编号", "老人所在村居"), "elder_code": ("老人代号", "化名代号，不填写老人姓名"),
        "elder_age": ("老人年龄", "60 至 120 岁"), "since": ("结对日期", "开始结对的日期"),
        "until": ("结束日期", "结对结束的日期，仍在结对留空")},
    "care_visits": {
        "visit_id": ("走访编号", "走访记录的唯一编号"), "pair_id": ("结对编号", "须已在结对关爱表中"),
        "visited_on": ("走访日期", "走访的日期"), "tasks": ("服务内容", "多个用“、”分隔，如 代购、送药")},
    "fraud_interceptions": {
        "case_id": ("案例编号", "拦截案例的唯一编号"), "worker_id": ("人员编号", "拦截人的人员编号"), "town_code": _TOWN,
        "occurred_on": ("发生日期", "拦截的日期"), "amount_yuan": ("涉及金额（元）", "避免损失的金额"),
        "method": ("诈骗手法", "如 冒充公检法"), "description": ("经过", "简要经过")},
}

# Messages for a schema CHECK, keyed "table:col1,col2" (sorted distinct columns of the check).
CHECK_MESSAGES = {
    "activity_participants:hours": "服务时长不能为负数。",
    "care_pairs:elder_age": "老人年龄须在 60 至 120 岁之间。",
    "care_pairs:since,until": "结束日期不能早于结对日期。",
    "communities:population": "常住人口不能为负数。",
    "communities:elderly_60_plus": "60岁以上老人数不能为负数。",
    "communities:elderly_80_alone": "80岁以上独居老人数不能为负数。",
    "fraud_interceptions:amount_yuan": "涉及金额不能为负数。",
    "friendly_scenes:batch": "认定批次须为 1 或更大的整数。",
    "points_ledger:delta": "积分变动不能为 0。",
    "reports:points_awarded": "奖励积分不能为负数。",
    "reports:accepted_at,reported_at": "受理时间不能早于上报时间。",
    "reports:reported_at,resolved_at": "办结时间不能早于上报时间。",
    "sites:staff_count": "在岗人数不能为负数。",
    "suggestions:closed_on,submitted_on": "答复日期不能早于提交日期。",
    "worker_roles:since,until": "结束日期不能早于起始日期。",
    "workers:birth_year": "出生年份须在 1940 至 2012 之间。",
    "workers:joined_on,left_on": "离开日期不能早于加入日期。",
}
CHECK_FALLBACK = "取值不符合数据规则（{columns}）。"

TYPE_LABELS = {
    "text": "文本", "int": "整数", "float": "数字", "date": "日期，如 2026-03-18、2026/3/18 或 2026年3月18日",
    "timestamp": "日期时间，如 2026-03-18 14:30", "bool": "是 或 否", "list": "多个值，用“、”分隔",
}
YES, NO = "是", "否"
REQUIRED_YES, REQUIRED_NO = "必填", "选填"

# import problems; {value} is the cell as written, other fields as named
FILE_LEVEL = "（整个文件）"
ERR_FILE_TOO_BIG = "文件大小 {size_mb:.1f} MB，超过上限 {limit_mb} MB，请拆分后分批导入。"
ERR_FILE_EMPTY = "文件是空的，没有任何内容。"
ERR_NOT_SPREADSHEET = "文件不是 Excel（.xlsx/.xls）或 CSV 表格，无法读取。"
ERR_WORKBOOK = "Excel 文件已损坏、受密码保护或格式不受支持，无法读取。"
ERR_ENCODING = "无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后重试。"
ERR_NO_HEADER = "找不到表头行：第一行应为列名（可下载模板对照）。"
ERR_NO_ROWS = "文件只有表头，没有数据行。"
ERR_UNKNOWN_HEADER = "无法识别的列名“{value}”，不是“{table}”的列（可下载模板对照）。"
ERR_WRONG_SHEET = "表格“{sheet}”中没有“{table}”的必填列；工作簿中的表格有：{sheets}。请把数据放在第一个表格或名为“{table}”的表格中。"
ERR_BLANK_HEADER = "这一列有数据，但没有列名。"
ERR_DUP_HEADER = "列名重复：与第 {other} 列都对应“{label}”。"
ERR_MISSING_HEADER = "缺少必填列“{label}”。"
ERR_EXTRA_CELLS = "这一行的单元格比表头多（多出的内容“{value}”没有对应的列）。"
ERR_REQUIRED = "必填项为空。"
ERR_INTEGER = "“{value}”不是整数。"
ERR_NUMBER = "“{value}”不是数字。"
ERR_DATE = "“{value}”不是有效日期（可写 2026-03-18、2026/3/18 或 2026年3月18日）。"
ERR_TIMESTAMP = "“{value}”不是有效的日期时间（如 2026-03-18 14:30）。"
ERR_BOOL = "“{value}”应为“是”或“否”。"
ERR_VOCAB = "“{value}”不是可选值。可选：{allowed}。"
ERR_PHONE = "“{value}”不是有效的电话号码（手机 11 位，座机如 021-57123456）。"
ERR_COORD_PAIR = "经度和纬度须同时填写或同时留空。"
ERR_COORD_OUTSIDE = "坐标（经度 {lon}，纬度 {lat}）不在奉贤区范围内。"
ERR_COORD_SWAPPED = "坐标（经度 {lon}，纬度 {lat}）不在奉贤区范围内：经度和纬度可能填反了。"
ERR_DUP_KEY = "与第 {other} 行重复（{key}相同）。"
ERR_REF = "在{target}中找不到“{value}”（文件和数据库中都没有）。"
ERR_TOWN = "“{value}”不是奉贤区的街镇名称或代码。"
ERR_UNIQUE_STORED = "“{value}”已被数据库中另一条记录（编号 {other}）使用。"
ERR_TOO_LONG = "内容过长，最多 {limit} 个字。"
ERR_DATABASE = "写入数据库时出错，已全部撤销，没有写入任何数据。原因：{detail}"
ERR_UNKNOWN_TABLE = "“{value}”不是可导入的数据表。"
MORE_PROBLEMS = "…… 另有 {n} 个问题未列出"

PROBLEM_COLUMNS = {"row": "行号", "column": "列", "value": "填写内容", "message": "问题"}
IMPORT_STATUS_DONE = "成功"
IMPORT_STATUS_FAILED = "失败"
IMPORT_STATUSES = (IMPORT_STATUS_DONE, IMPORT_STATUS_FAILED)
CRS_LABELS = {"wgs84": "WGS-84（GPS、天地图）", "gcj02": "GCJ-02（高德、腾讯、微信小程序）"}

# the page
DATA_CAPTION = "把各单位维护的 Excel/CSV 台账导入看板：先下载模板填写，导入时逐行检查，有任何问题都不会写入。"
DATA_TAB_IMPORT = "导入数据"
DATA_TAB_TEMPLATES = "模板与下载"
DATA_TAB_BOUNDARIES = "街镇边界"
DATA_TAB_LOG = "导入记录"
DATA_TABLE = "数据表"
DATA_CRS = "坐标系"
DATA_CRS_HELP = "小程序、高德地图导出的坐标一般是 GCJ-02，导入时会自动换算为 WGS-84。"
DATA_FILE = "选择文件（.xlsx、.xls 或 .csv，不超过 {limit_mb} MB）"
DATA_CHECK = "只检查，不导入"
DATA_IMPORT = "检查并导入"
DATA_CHOOSE_FILE = "请先选择要导入的文件。"
DATA_PROGRESS = "正在导入…"
DATA_PROBLEMS = "发现 {n} 个问题，没有写入任何数据。请按下表修改后重新导入。"
DATA_CHECK_OK = "检查通过：共 {rows} 行，其中新增 {inserted} 行、更新 {updated} 行、不变 {unchanged} 行。尚未写入。"
DATA_DONE = "导入完成：共 {rows} 行，新增 {inserted} 行、更新 {updated} 行、不变 {unchanged} 行。各页面已更新。"
DATA_PROBLEMS_FILE = "导入问题清单"
DATA_COUNTS = "各数据表行数"
DATA_ROWS = "行数"
DATA_TEMPLATE = "下载导入模板（Excel）"
DATA_TEMPLATE_HELP = "模板第一行是列名，第二行是示例（导入前请删除或改写）；第二个表格说明每一列的含义、类型和可选值。"
DATA_EXPORT = "下载该表全部数据"
DATA_EXPORT_CSV = "下载 CSV"
DATA_EXPORT_XLSX = "下载 Excel"
DATA_BOUNDARY_FILE = "上传街镇边界（GeoJSON 格式，WGS-84 坐标）"
DATA_BOUNDARY_SAVE = "检查并保存边界"
DATA_BOUNDARY_CURRENT = "当前使用的街镇边界：{source}（共 {n} 个街镇）。"
DATA_BOUNDARY_NONE = "尚未配置街镇边界，地图上的街镇以中心点表示。"
DATA_BOUNDARY_SAVED = "街镇边界已保存：共 {n} 个街镇，地图页面将使用它。"
DATA_BOUNDARY_ENV = "由系统设置 FXDASH_BOUNDARIES 指定，优先于上传的边界。"
DATA_LOG_EMPTY = "还没有导入记录。"
DATA_TEMPLATE_SHEET_HELP = "填写说明"
TEMPLATE_HELP_COLUMNS = ("列名", "英文列名", "含义", "类型", "是否必填", "可选值")
LOG_COLUMNS = {
    "started_at": "导入时间", "username": "操作人", "file_name": "文件名", "table_label": "数据表",
    "crs": "坐标系", "rows_total": "总行数", "rows_inserted": "新增", "rows_updated": "更新",
    "rows_unchanged": "不变", "status": "状态", "message": "说明", "sha256": "文件指纹（SHA-256）",
}
COUNT_COLUMNS = {"table_label": "数据表", "rows": "行数"}

# boundary file problems
ERR_GEOJSON = "边界文件不是有效的 GeoJSON:{detail}"
ERR_GEOJSON_TOWN = "第 {i} 个要素的街镇“{value}”不是奉贤区的街镇名称或代码。"
ERR_GEOJSON_GEOMETRY = "第 {i} 个要素（{value}）的几何不是有效的面（Polygon/MultiPolygon）。"
ERR_GEOJSON_OUTSIDE = "第 {i} 个要素（{value}）不在奉贤区范围内，请确认坐标为 WGS-84 经纬度。"
ERR_GEOJSON_DUP = "第 {i} 个要素的街镇“{value}”重复。"
ERR_GEOJSON_EMPTY = "边界文件中没有任何要素。"
MAP_LAYER_LABELS = {
    "stations": MAP_LAYER_STATIONS, "density": MAP_LAYER_DENSITY, "coverage": MAP_LAYER_COVERAGE,
    "candidates": MAP_LAYER_CANDIDATES, "scenes": MAP_LAYER_SCENES, "branches": MAP_LAYER_BRANCHES,
    "merchants": MAP_LAYER_MERCHANTS, "sites": MAP_LAYER_SITES,
}
MAP_LAYERS_ON = ("stations", "density", "coverage", "candidates")
MAP_DETAIL_FIELDS = (("kind", "类型"), ("host_type", "依托单位"), ("town", "街镇"), ("address", "地址"),
                     ("amenities", "服务设施"), ("opened_on", "启用日期"))
TEMPLATE_TOWN_ALLOWED = "奉贤区 12 个街镇的名称或代码"
TEMPLATE_REF_ALLOWED = "{table}中已有的编号"
TEMPLATE_KEY_NOTE = "（唯一编号，再次导入同一编号会更新该行）"
EXPORT_NOTE_TABLE = "数据表"
ERR_GEOJSON_NOT_FC = "应为 FeatureCollection"
ERR_LOCKED_UPDATE = ("这条记录已被{tables}等数据引用，不能在导入时修改它的“{label}”（原为“{old}”）。"
                     "请保留原值；如确需修改，请联系系统管理员。")
DATA_FILE_NOTE = "文件"
DATA_TEMPLATE_NAME = "{table}_导入模板.xlsx"

# --- weekly page -----------------------------------------------------------------------------
WEEKLY_PICK = "选择周次"
WEEKLY_CAPTION = "{span}。与上周、前四周平均比较；侧边栏的街镇、职业、企业筛选同样适用，时间范围以所选周次为准。"
WEEKLY_FIGURES = "本周与上周"
WEEKLY_BRIEFING = "简报（根据数据自动生成）"
WEEKLY_TREND_TITLE = "近 12 周新增与办结问题"
WEEKLY_HOTSPOTS = "热点与短板"
WEEKLY_HOT_CELLS = "新增问题最多的网格（500 米）"
WEEKLY_HOT_COMMUNITIES = "新增问题最多的村居"
WEEKLY_LAGGARDS = "按时办结率最低的街镇（近四周）"
WEEKLY_OVERDUE = "超期未办结问题（截至周日，会上逐条过堂）"
WEEKLY_EXPORT = "导出周报"
WEEKLY_EXPORT_BUILD = "生成周报文件"
WEEKLY_EXPORT_HELP = "生成 Excel（每张表一页）和 Word（简报、图表和明细表），文件名带周次。"
WEEKLY_EXPORT_READY = "周报文件已生成："
WEEKLY_SNAPSHOT = "保存本周数字（留档）"
WEEKLY_SNAPSHOT_HELP = "把本周各项数字按现在的数据保存下来；以后数据补录后，对比表会同时显示“例会时上报”和“现在”。"
WEEKLY_SNAPSHOT_WHO = "保存人"
WEEKLY_SNAPSHOT_SAVE = "保存"
WEEKLY_SNAPSHOT_DONE = "已保存 {n} 项数字（{when}，{who}）。"
WEEKLY_SNAPSHOT_LAST = "最近一次留档：{when}，{who}。"
WEEKLY_SNAPSHOT_NONE = "本周尚未留档。"
WEEKLY_SNAPSHOT_WHO_MISSING = "请填写保存人。"
WEEKLY_BAD_WEEK = "网址参数“week”的值“{value}”无效或不是已结束的周次，已改用最近一个完整周。"
WEEKLY_DOC_TITLE = "奉贤区新就业群体服务与治理周报"

# --- overview alerts ---------------------------------------------------------------------------
ALERT_TEXT = {
    "overdue_reports": ("超期未办结问题 {n} 条", "没有超期未办结的问题"),
    "unvisited_pairs": ("超过 14 天未走访的结对 {n} 对", "所有结对均在 14 天内走访"),
    "negative_balances": ("积分余额为负的人员 {n} 人（数据异常，请核查）", "积分余额无异常"),
    "stale_days": ("已 {n} 天没有新的问题上报，请确认小程序数据是否已导入", "问题上报数据为最新"),
}
ALERT_NO_REPORTS = "数据库中还没有问题上报记录"
ALERT_PAGES = {"overdue_reports": "pages/reports.py", "unvisited_pairs": "pages/community.py",
               "negative_balances": "pages/people.py", "stale_days": "pages/data.py"}
OVERVIEW_MAP_TITLE = "骑手驿站与期内问题分布"

# --- long tables -------------------------------------------------------------------------------
TABLE_CAPPED = "共 {total:,} 行，页面只显示前 {shown:,} 行；请用筛选条件缩小范围，或下载完整表格。"
