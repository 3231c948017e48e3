"""Chinese strings of the versioned data store: writer lock, versions, rollback, command-line errors."""

WAITING = "另一个写入操作正在进行：{holder}。正在等待（已等待 {waited} 秒，最多 {wait} 秒）…"
BUSY = "数据正在被另一个写入操作占用：{holder}。已等待 {wait} 秒，请稍后重试。"
HOLDER = "{command}（进程 {pid}，用户 {user}，自 {since} 起）"
HOLDER_UNKNOWN = "未知的写入操作"
NOBODY = "未署名"

ACTIONS = {"import": "导入", "demo": "生成演示数据", "rollback": "撤销/恢复", "adopt": "登记现有数据",
           "boundaries": "上传街镇边界", "snapshot": "保存周报快照", "migrate": "升级数据结构"}
PUBLISHED = "已发布数据版本 {id}:{action}。"
VERSION_LINE = "{mark} {id:>5}  {created}  {action:<8}  {user:<10}  {description}"
VERSION_CURRENT_MARK = "*"
VERSIONS_HEADER = "  版本   时间                 操作      操作人      说明"
NO_VERSIONS = "还没有数据版本记录（数据库尚未经由本程序写入）。"

ROLLBACK_NOTHING = "没有可以撤销的上一个版本（当前版本之前的版本没有保留）。"
ROLLBACK_UNKNOWN = "版本 {id} 不存在或已不再保留。可用的版本：{ids}。"
ROLLBACK_SAME = "版本 {id} 已经是当前版本，无需恢复。"
ROLLBACK_DONE = "已恢复到版本 {target}（新版本号 {id}）。"
ROLLBACK_DESCRIPTION = "恢复到版本 {target}（撤销 {undone}）"
ROLLBACK_DIFF_HEADER = "恢复后与当前数据相比："
ROLLBACK_DIFF_LINE = "  {table}：{current:,} 行 → {target:,} 行（{delta}）"
ROLLBACK_NO_DIFF = "  各数据表行数相同（内容可能仍有修改）。"
ROLLBACK_CONFIRM = "确认恢复？输入 y 继续："
ROLLBACK_CANCELLED = "已取消，没有修改数据。"
ROLLBACK_NEED_YES = "需要确认：在终端中运行，或加 --yes 参数。"
TABLE_GONE = "整张表将消失"
TABLE_NEW = "恢复后才有此表"

DEMO_REFUSED = ("数据库 {path} 中有导入的真实数据，生成演示数据会把它们全部替换。"
                "如确实要替换，请加 --force（之前的版本仍可用 rollback 恢复）。")
DEMO_DONE = "演示数据库已写入 {path}（截至 {as_of}，规模 ×{scale}，种子 {seed}，用时 {took:.1f} 秒，数据版本 {id}）"

# --- the data page: undo an import -------------------------------------------------------------
UNDO_HEADER = "撤销导入 / 恢复版本"
UNDO_CAPTION = "每次导入、上传边界或恢复都会生成一个新的数据版本，系统保留最近 {keep} 个。选择一个版本，把数据恢复到它之前（或它本身）的状态。"
UNDO_PICK = "选择版本"
UNDO_MODE = "恢复方式"
UNDO_MODES = {"before": "撤销这次操作（恢复到它之前的版本）", "at": "恢复到这个版本本身"}
UNDO_PREVIEW = "恢复到版本 {target} 后，与当前数据相比："
UNDO_NO_TARGET = "这个版本之前的版本已不再保留，无法撤销。"
UNDO_SAME = "所选版本就是当前数据，无需恢复。"
UNDO_CONFIRM = "我已了解上述数据将消失或改变"
UNDO_GO = "确认恢复"
UNDO_DONE = "已恢复到版本 {target}（新版本 {id}），各页面已更新。"
UNDO_NONE = "还没有可以撤销的版本。"
VERSION_COLUMNS = {"id": "版本", "created": "时间", "action": "操作", "user": "操作人", "description": "说明",
                   "current": "当前"}
DIFF_COLUMNS = {"table": "数据表", "current": "当前行数", "target": "恢复后行数", "delta": "变化"}

WRITING = "正在写入新的数据版本…"

# --- errors that must never reach a user as a traceback -------------------------------------------
CLI_UNEXPECTED = "出现意外错误（错误编号 {error_id}），没有修改数据。详细信息已写入 {log}。"
CLI_CANCELLED = "已取消。"
CLI_BAD_ARGS = "参数有误：{detail}。运行 python -m fxdash {command}-h 查看用法。"
ARG_REQUIRED = "缺少必填参数 {names}"
ARG_COMMAND = "缺少命令：demo、import、export、template 或 rollback"
ARG_CHOICE = "参数 {name} 的值 {value} 无效，可选：{choices}"
ARG_UNKNOWN = "无法识别的参数 {names}"
ARG_INVALID = "参数 {name} 的值 {value} 无效"
PAGE_UNEXPECTED = "页面出现意外错误（错误编号 {error_id}），请刷新页面重试；如果仍然出错，请把错误编号告诉管理员。"
DB_MISSING = "数据库文件 {path} 不存在。可先运行 python -m fxdash demo 生成演示数据，或导入数据。"
DB_UNREADABLE = "无法打开数据库文件 {path}:{detail}"
SETTING_BAD = "设置 {env} 的值 {value} 无效：应为 {expected} 之间的数。"
ROLLBACK_CHANGED = "确认之后数据又有了新的版本，没有恢复。请重新查看要消失的内容后再确认。"
