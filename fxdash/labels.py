"""All Chinese UI strings and category vocabularies, in one place.

Code and identifiers are English; every word a user reads comes from here, so that wording is
reviewed in one file and the vocabularies used by the generator, the schema checks, the import
validation and the filters cannot drift apart.
"""

APP_TITLE = "奉贤区新就业群体服务与治理数据看板"
APP_SHORT = "奉贤新就业群体看板"
DEMO_BANNER = "演示数据:当前显示的是按公开报道数字生成的演示数据,人名、电话均为虚构,不代表真实情况。"
BUILDING_DEMO = "首次启动:正在生成演示数据库…"
DEMO_BUILT = "演示数据库已生成。"
BOUNDARIES_NOT_LOADED = "未加载街镇边界文件(设置 FXDASH_BOUNDARIES),地图上的街镇以中心点表示。"

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
ERR_PARAM_DATE = "网址参数“{key}”的值“{value}”不是有效日期(应为 YYYY-MM-DD),已改用默认值。"
ERR_PARAM_RANGE = "网址中的开始日期 {start} 晚于结束日期 {end},已交换两者。"
ERR_PARAM_UNKNOWN = "网址参数“{key}”中的“{value}”不是可选值,已忽略。"

# --- overview ----------------------------------------------------------------------------------
KPI_ACTIVE_WORKERS = "在册新就业群体"
KPI_RIDER_STATIONS = "骑手驿站"
KPI_SERVICE_POINTS = "服务点位"
KPI_SCENES = "友好场景"
KPI_BRANCHES = "街区党支部"
KPI_ROLE_MEMBERS = "“四大员”人数"
KPI_REPORTS = "期内上报问题"
KPI_REPORTS_OPEN = "其中仍未办结"
KPI_HELP_PERIOD_END = "统计期末的存量;变化与上一等长统计期末相比。"
KPI_HELP_PERIOD_FLOW = "统计期内的新增;变化与上一等长统计期相比。"
OVERVIEW_CAPTION = "统计期 {start} 至 {end}(共 {days} 天),对比上一期 {pstart} 至 {pend}。"
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
PRESENT_HELP = "隐藏侧边栏、放大字号,适合例会投影;网址带 ?present=1 可直接打开。"
DELTA_SAME = "持平"
DELTA_DESCRIPTION = "较上期"
