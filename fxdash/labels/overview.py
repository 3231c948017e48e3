"""Chinese strings of the overview page (总览); its figures' labels are in fxdash.labels.metrics."""

KPI_ACTIVE_WORKERS = "在册新就业群体"
KPI_REPORTS = "期内上报问题"
OVERVIEW_CAPTION = "统计期 {start} 至 {end}（共 {days} 天），对比上一期 {pstart} 至 {pend}。"
OVERVIEW_TREND_TITLE = "每周新增与办结问题"
OVERVIEW_TOWN_TITLE = "各街镇在册人数与期内上报问题"
OVERVIEW_MAP_TITLE = "骑手驿站与期内问题分布"
