"""Chinese strings of the map page (阵地地图)."""

MAP_CAPTION = "统计期 {start} 至 {end}：地图显示统计期末已启用的阵地；问题密度与覆盖分析按统计期内的上报计算。"
MAP_LAYERS = "图层"
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

# fields shown for the selected station
MAP_DETAIL_FIELDS = (("kind", "类型"), ("host_type", "依托单位"), ("town", "街镇"), ("address", "地址"),
                     ("amenities", "服务设施"), ("opened_on", "启用日期"))
