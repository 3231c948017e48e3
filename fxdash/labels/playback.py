"""Chinese strings of the map's time playback."""

TOGGLE = "时间回放"
TOGGLE_HELP = "按天或按周逐帧播放统计期内的上报密度，驿站叠加在上层；在浏览器内播放，不联网。"
STEP = "步长"
STEPS = {"day": "按天", "week": "按周"}
CAPTION = "统计期 {start} 至 {end}，共 {frames} 帧、{total:,} 条上报；网格 {cell} 米{coarse}。"
COARSE = "（统计期较长，网格已放大以控制数据量）"
WEEK_LABEL = "{year}年第{week}周"

SCRIPT_TEXT = {
    "play": "▶ 播放", "pause": "❚❚ 暂停", "again": "↻ 重播",
    "count_day": "当天上报 {n} 条", "count_week": "本周上报 {n} 条",
    "fewer": "少", "more": "多（每格 {n} 条及以上）", "rider": "骑手驿站", "point": "服务点位等",
}
