"""Chinese strings of the scheduled briefing (`python -m fxdash briefing`) and its list on 周报."""

CMD_HELP = "写出某一周的周报（Word、Excel 与 PDF），供定时任务在例会前生成"
ARG_WEEK = "周次：last（最近一个完整周）或 YYYY-Www，例如 2026-W11"
ARG_OUT = "输出目录（默认 FXDASH_BRIEFINGS）"
ARG_SCOPE = "只看一个街镇：街镇名称或代码（默认全区）"
ARG_DB = "数据库文件路径（默认 FXDASH_DB）"

ERR_WEEK_NOT_OVER = "{week}（{end}结束）还没有过完，数据截至{as_of}，请选已结束的周。"
ERR_WEEK_EMPTY = "请给出周次：last 或 YYYY-Www，例如 2026-W11。"
ERR_SCOPE = "没有名为或代码为“{value}”的街镇。可选：{names}。"
ERR_NO_DB = "找不到数据库文件 {path}，请先导入数据或生成演示数据。"
ERR_OUT = "无法写入输出目录 {path}：{error}"
ERR_FONT = "{error}"
DONE = "已写出 {week}{scope}的周报（用时 {took:.1f} 秒）："

WHOLE_DISTRICT = "全区"
LIST_TITLE = "已生成的周报"
LIST_HELP = "定时任务（python -m fxdash briefing）在例会前写好的文件，目录：{path}"
LIST_NONE = "目录中还没有周报文件。"
LIST_ROW = "**{week}**　{scope}　生成于 {when}"
KINDS = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF"}
