"""Chinese strings of the people page (队伍与志愿)."""

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
