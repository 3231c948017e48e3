"""The import contract: for each importable table, the columns a file may hold, with the Chinese
header staff type and what the column means.

Types, required columns, keys and references come from the schema (see fxdash.ingest.specs);
only what the catalogue cannot know is declared here. The English column name is accepted too.
"""

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
