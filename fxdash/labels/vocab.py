"""The domain vocabularies (statuses, categories, occupations, roles, ...) as staff write them.

The generator, the schema checks, the import validation and the filters all use these tuples,
so they cannot drift apart."""

TOWN_KINDS = ("街道", "镇", "功能区")
OCCUPATIONS = ("快递员", "外卖骑手", "即时配送员", "网约车司机", "货运司机")
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
COMMUNITY_KINDS = ("居委", "村委")
