"""Chinese strings of the community page (关爱与平安)."""

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
SERIES_VISITS = "走访次数"
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
