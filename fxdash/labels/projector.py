"""Projector mode (?present=1): the page bar, the scope line and the folded page controls."""

NAV_LABEL = "页面"
SCOPE_TITLE = "当前范围"
SCOPE_DISTRICT = "全区"
SCOPE_ACCOUNT = "账号范围：{towns}"
SCOPE_PERIOD_WEEK = "{week}"
CONTROLS = "页面筛选与设置"
TABLE_FIRST_ROWS = "投影只显示前 {shown} 条（共 {total} 条）；完整名单请退出投影模式查看或下载。"
