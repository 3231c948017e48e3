"""Chinese strings shared by every page: app name, demo banners, units, column names, projector mode."""

APP_SHORT = "奉贤新就业群体看板"
DEMO_BANNER = "演示数据：当前显示的是按公开报道数字生成的演示数据，人名、电话均为虚构，不代表真实情况。"
BUILDING_DEMO = "首次启动：正在生成演示数据库…"
DEMO_BUILT = "演示数据库已生成。"
BOUNDARIES_NOT_LOADED = "未加载街镇边界文件（设置 FXDASH_BOUNDARIES），地图上的街镇以中心点表示。"

# --- units and chart words ------------------------------------------------------------------
UNIT_PERSON = "人"
UNIT_ITEM = "个"
UNIT_CASE = "条"
NEW = "新增"
RESOLVED = "办结"
WEEK = "周"
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

# --- demo data and yes/no cells ---------------------------------------------------------------
DEMO_MIXED_BANNER = "当前数据库中既有演示数据，也有导入的真实数据：演示部分的人名、电话均为虚构。"
YES, NO = "是", "否"

# --- long tables -------------------------------------------------------------------------------
TABLE_CAPPED = "共 {total:,} 行，页面只显示前 {shown:,} 行；请用筛选条件缩小范围，或下载完整表格。"
