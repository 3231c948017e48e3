"""Chinese strings of 数据核对 (reconciliation against published figures)."""

PAGE = "数据核对"
CAPTION = ("把领导讲话、报告和媒体中引用的数字与看板自己的数据逐项比对：看板数值按每个数字的核对日期计算"
           "（全区口径，不受侧栏筛选影响）。数据截至 {as_of}。")
DENIED = "只有管理员和区级用户可以查看数据核对。"
LOGIN_NEEDED = "请先登录。"

# figure key -> (label, unit)
FIGURES = {
    "active_workers": ("在册新就业群体", "人"),
    "branches": ("街区党支部", "个"),
    "mobile_party_members": ("覆盖流动党员", "名"),
    "party_activities": ("党员理论学习、议事协商活动（累计）", "场"),
    "rider_stations": ("骑手驿站", "个"),
    "service_points": ("服务点位", "个"),
    "friendly_scenes": ("友好场景", "个"),
    "role_members": ("“四大员”人数", "人"),
    "reports": ("上报问题（累计）", "条"),
    "participations": ("参与文明引导、应急处置等活动（累计）", "人次"),
    "fraud_amount": ("阻止涉诈交易金额（累计）", "元"),
    "suggestions": ("人民建议（累计）", "条"),
    "zhenxing_members": ("振兴路街区党支部联系骑手", "人"),
    "huqiao_population": ("胡桥社区常住人口", "人"),
}

RULES = {"exact": "等于", "at_least": "不少于", "about": "约等于"}
RULE_HELP = "等于：必须完全相同；不少于：看板数值不低于公布值（“600余条”）；约等于：相差不超过容差（“近800人”）。"

OK, OFF, NA = "一致", "偏差", "无法计算"
REASON_UNKNOWN_KEY = "系统中没有“{key}”的计算方法"
REASON_AFTER_DATA = "核对日期晚于数据截止日期（{as_of}）"
REASON_NO_DATA = "数据库中还没有数据"
REASON_MISSING = "数据中没有{what}"
REASON_ERROR = "计算出错：{error}"

COLUMNS = {
    "figure": "指标", "published": "公布值", "rule_text": "比对规则", "ref_date_text": "核对日期", "source": "来源",
    "dashboard": "看板数值", "difference": "差值", "status": "状态", "reason": "说明", "note": "备注",
}
SHEET = "数据核对"
EXPORT_STEM = "数据核对"
SUMMARY = "共 {n} 项：一致 {ok} 项，偏差 {off} 项，无法计算 {na} 项。"

# the admin form
MANAGE = "维护公布数字"
MANAGE_HELP = "只有管理员可以新增、修改或停用公布数字；每次改动都会留下记录（谁、何时、改成什么）。"
ACTION = "操作"
FIELD_WHO = "操作人"
WHO_HELP = "登录功能启用前，请填写姓名，修改记录需要。"
ERR_WHO = "请填写操作人。"
NONE_YET = "还没有公布数字。"
ACTION_ADD, ACTION_EDIT, ACTION_RETIRE = "新增", "修改", "停用"
PICK = "选择要修改或停用的数字"
FIELD_KEY = "指标"
FIELD_VALUE = "公布值"
FIELD_DATE = "核对日期（公布数字所指的日期）"
FIELD_RULE = "比对规则"
FIELD_TOL = "容差（仅“约等于”）"
FIELD_TITLE = "来源标题"
FIELD_LINK = "来源链接"
FIELD_FILE = "来源文件名"
FIELD_NOTE = "备注"
SAVE = "保存"
RETIRE = "停用此数字"
SAVED = "已保存：{figure}。"
RETIRED = "已停用：{figure}（记录保留）。"
HISTORY = "修改记录"
HISTORY_ACTIONS = {"add": "新增", "edit": "修改", "retire": "停用"}
HISTORY_COLUMNS = {"changed_at": "时间", "changed_by": "操作人", "action": "操作", "figure": "指标",
                   "published": "公布值", "rule_text": "比对规则", "ref_date_text": "核对日期", "source": "来源",
                   "note": "备注", "retired": "已停用"}

ERR_KEY = "请选择指标。"
ERR_VALUE = "公布值必须是不小于 0 的数字。"
ERR_RULE = "比对规则只能是等于、不少于或约等于。"
ERR_TOL = "“约等于”需要填写大于 0 的容差。"
ERR_TITLE = "请填写来源标题（文件或报道的名称）。"
ERR_LINK = "来源链接应以 http:// 或 https:// 开头。"
ERR_TOO_LONG = "“{field}”太长（最多 {n} 个字）。"

ALERT_WARN = "{n} 项公布数字有偏差"
ALERT_OK = "公布数字核对一致"
