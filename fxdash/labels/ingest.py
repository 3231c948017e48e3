"""Chinese strings of the importer: problems in a file, schema checks, templates, boundary files,
limits, sheets, cell fidelity, updates and value checks."""

# sizes: MB means 10^6 bytes everywhere in the UI
ERR_FILE_TOO_BIG = "文件大小 {size_mb:.1f} MB，超过上限 {limit_mb:.0f} MB，请拆分后分批导入。"
ERR_UNPACKED_TOO_BIG = ("Excel 文件解压后有 {size_mb:,.0f} MB，超过上限 {limit_mb:,.0f} MB"
                        "（文件中可能有大量空白格式或隐藏内容）。请只保留数据后另存，或拆分后导入。")
ERR_DIMENSION = ("工作表“{sheet}”声明的范围 {ref} 有 {rows:,} 行、{cols:,} 列，超过上限"
                 "（{max_rows:,} 行、{max_cols:,} 列、{max_cells:,} 个单元格）。"
                 "请删除数据以外的行和列（或复制数据到新表格）后重试。")
ERR_TOO_MANY_ROWS = "文件超过 {max_rows:,} 行的上限，请拆分后分批导入。"
ERR_TOO_MANY_COLS = "文件超过 {max_cols:,} 列的上限（第 {row} 行有 {cols:,} 列），请删除多余的列。"
ERR_TOO_MANY_CELLS = "文件超过 {max_cells:,} 个单元格的上限，请拆分后分批导入。"
ERR_READ_MEMORY = "读取文件所需内存超过上限 {limit_mb:,.0f} MB，已停止读取。请删除多余内容或拆分后重试。"
ERR_READ_TIMEOUT = "读取文件超过 {seconds:.0f} 秒仍未完成，已停止。请删除多余内容或拆分后重试。"
ERR_READ_FAILED = "读取文件时出错，已停止，没有写入任何数据。请另存为 .xlsx 或 CSV 后重试。"

# sheets
SHEET_VISIBLE = "显示"
SHEET_HIDDEN = "隐藏"
SHEET_COLUMNS = {"name": "工作表", "state": "状态", "rows": "行数（含表头）"}
ERR_PICK_SHEET = "工作簿中有多个工作表：{sheets}。请选择要导入的工作表。"
ERR_ONLY_HIDDEN = "工作簿中只有隐藏的工作表（{sheets}），请确认后选择要导入的工作表。"
ERR_NO_SUCH_SHEET = "工作簿中没有名为“{sheet}”的工作表；有：{sheets}。"
NOTE_SHEET = "读取工作表“{sheet}”。"
NOTE_SHEET_HIDDEN = "读取工作表“{sheet}”（这是一个隐藏的工作表，按您的选择导入）。"
NOTE_HIDDEN_SHEETS = "工作簿中另有隐藏的工作表：{sheets}，未读取。"

# rows
ERR_HIDDEN_ROW = "这是隐藏行。请删除它或取消隐藏；如要跳过隐藏行和删除线行，请勾选“跳过隐藏行和删除线行”。"
ERR_STRUCK_ROW = "这一行有删除线。请删除它或去掉删除线；如要跳过，请勾选“跳过隐藏行和删除线行”。"
NOTE_SKIPPED_ROWS = "已跳过隐藏行或有删除线的行 {n} 行（第 {rows} 行）。"
NOTE_TITLE_ROWS = "第 {rows} 行是标题行，已跳过；第 {header} 行是表头。"
NOTE_TOTAL_ROWS = "第 {rows} 行是合计行，已跳过。"

# cells
ERR_FORMULA_NO_VALUE = ("公式“{formula}”没有计算结果（文件由程序生成，未在 Excel 中打开保存）。"
                        "请在 Excel 中打开并保存后重新导入，或把公式改为数值。")
ERR_MERGED = "合并单元格 {ref}：除第一格外导入时都是空的。请取消合并，并在每一行填写。"
NOTE_MERGED_FILLED = "“{label}”列的合并单元格 {ref} 已按第一格的值“{value}”向下填充到每一行。"
ERR_LOST_DIGITS = ("“{value}”是被 Excel 按数字保存的长编号，只保留了 15 位有效数字，末尾数字已经丢失。"
                   "请把这一列设为“文本”格式后重新填写。")
ERR_CLEAR_REQUIRED = "必填项不能清空。"

# updates
CHANGES = "{label} 变更 {n} 个"
CHANGES_NONE = "没有字段变更"
MATCHED = "与已有记录匹配 {n} 行"
CHECK_OK = "检查通过：共 {rows} 行，{matched}，其中新增 {inserted} 行、更新 {updated} 行、不变 {unchanged} 行。尚未写入。"
DONE = "导入完成：共 {rows} 行，{matched}，新增 {inserted} 行、更新 {updated} 行、不变 {unchanged} 行。各页面已更新。"
CHANGE_COLUMNS = {"column": "列", "changed": "变更个数"}
BLANK_KEEPS = "更新已有记录时，空白单元格保留原值；要清空某个值，请填写“<清空>”。"

# values
ERR_PHONE = ("“{value}”不是有效的电话号码：手机为 1 开头的 11 位数字（如 138-1234-5678），"
             "座机须带区号（如 021-57123456、（021）5712-3456）。")
ERR_TOWN_AMBIGUOUS = "“{value}”可能是：{candidates}。请填写完整的街镇名称或代码。"
ERR_FUTURE = "“{value}”晚于今天（{today}），不能是将来的日期。"
ERR_GCJ_SHIFT = ("文件中 {n} 个已有点位的坐标，比数据库中同一编号的坐标整体偏移约经度 {dlon:+.4f}°、纬度 {dlat:+.4f}°，"
                 "正是 GCJ-02（高德、腾讯坐标）与 WGS-84 的差。请把“坐标系”选为 GCJ-02 后重新导入。")

# problem list
PROBLEMS_SHOWN = "共 {total:,} 个问题，下表列出前 {shown:,} 个；完整清单请下载。"
PROBLEMS_KEPT = "问题过多：完整清单列出前 {kept:,} 个，另有 {rest:,} 个只计入下面的分类统计。"
PROBLEM_KINDS_TITLE = "问题分类统计"
PROBLEM_KIND_COLUMNS = {"column": "列", "kind": "问题", "count": "个数"}

# the page
SHEET_PICK = "工作表"
SHEET_PICK_HELP = "工作簿中有多个工作表时，请选择要导入的那一个；隐藏的工作表不会被自动选中。"
SKIP_HIDDEN = "跳过隐藏行和删除线行"
SKIP_HIDDEN_HELP = "勾选后，隐藏的行和有删除线的行不导入（检查结果中会说明跳过了哪些行）；不勾选时它们会被列为问题。"
FILE_LIMIT = "选择文件（.xlsx、.xls 或 .csv，不超过 {limit_mb:.0f} MB）"

# the command line
CLI_SHEET = "要导入的工作表名称（工作簿有多个工作表时必须指定）"
CLI_SKIP_HIDDEN = "跳过隐藏行和有删除线的行（默认列为问题）"

# URL parameters
ERR_PARAM_CLAMPED = "网址参数“{key}”的日期 {value} 超出可选范围（{low} 至 {high}），已改为 {used}。"


# --- problems in a file, schema checks, templates, boundary files ----------------------------
# Messages for a schema CHECK, keyed "table:col1,col2" (sorted distinct columns of the check).
CHECK_MESSAGES = {
    "activity_participants:hours": "服务时长不能为负数。",
    "care_pairs:elder_age": "老人年龄须在 60 至 120 岁之间。",
    "care_pairs:since,until": "结束日期不能早于结对日期。",
    "communities:population": "常住人口不能为负数。",
    "communities:elderly_60_plus": "60岁以上老人数不能为负数。",
    "communities:elderly_80_alone": "80岁以上独居老人数不能为负数。",
    "fraud_interceptions:amount_yuan": "涉及金额不能为负数。",
    "friendly_scenes:batch": "认定批次须为 1 或更大的整数。",
    "points_ledger:delta": "积分变动不能为 0。",
    "reports:points_awarded": "奖励积分不能为负数。",
    "reports:accepted_at,reported_at": "受理时间不能早于上报时间。",
    "reports:reported_at,resolved_at": "办结时间不能早于上报时间。",
    "sites:staff_count": "在岗人数不能为负数。",
    "suggestions:closed_on,submitted_on": "答复日期不能早于提交日期。",
    "worker_roles:since,until": "结束日期不能早于起始日期。",
    "workers:birth_year": "出生年份须在 1940 至 2012 之间。",
    "workers:joined_on,left_on": "离开日期不能早于加入日期。",
}
CHECK_FALLBACK = "取值不符合数据规则（{columns}）。"
TYPE_LABELS = {
    "text": "文本", "int": "整数", "float": "数字", "date": "日期，如 2026-03-18、2026/3/18 或 2026年3月18日",
    "timestamp": "日期时间，如 2026-03-18 14:30", "bool": "是 或 否", "list": "多个值，用“、”分隔",
}
REQUIRED_YES, REQUIRED_NO = "必填", "选填"
# import problems; {value} is the cell as written, other fields as named
FILE_LEVEL = "（整个文件）"
ERR_FILE_EMPTY = "文件是空的，没有任何内容。"
ERR_NOT_SPREADSHEET = "文件不是 Excel（.xlsx/.xls）或 CSV 表格，无法读取。"
ERR_WORKBOOK = "Excel 文件已损坏、受密码保护或格式不受支持，无法读取。"
ERR_ENCODING = "无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后重试。"
ERR_NO_HEADER = "找不到表头行：第一行应为列名（可下载模板对照）。"
ERR_NO_ROWS = "文件只有表头，没有数据行。"
ERR_UNKNOWN_HEADER = "无法识别的列名“{value}”，不是“{table}”的列（可下载模板对照）。"
ERR_WRONG_SHEET = "表格“{sheet}”中没有“{table}”的必填列；工作簿中的表格有：{sheets}。请把数据放在第一个表格或名为“{table}”的表格中。"
ERR_BLANK_HEADER = "这一列有数据，但没有列名。"
ERR_DUP_HEADER = "列名重复：与第 {other} 列都对应“{label}”。"
ERR_MISSING_HEADER = "缺少必填列“{label}”。"
ERR_EXTRA_CELLS = "这一行的单元格比表头多（多出的内容“{value}”没有对应的列）。"
ERR_REQUIRED = "必填项为空。"
ERR_INTEGER = "“{value}”不是整数。"
ERR_NUMBER = "“{value}”不是数字。"
ERR_DATE = "“{value}”不是有效日期（可写 2026-03-18、2026/3/18 或 2026年3月18日）。"
ERR_TIMESTAMP = "“{value}”不是有效的日期时间（如 2026-03-18 14:30）。"
ERR_BOOL = "“{value}”应为“是”或“否”。"
ERR_VOCAB = "“{value}”不是可选值。可选：{allowed}。"
ERR_COORD_PAIR = "经度和纬度须同时填写或同时留空。"
ERR_COORD_OUTSIDE = "坐标（经度 {lon}，纬度 {lat}）不在奉贤区范围内。"
ERR_COORD_SWAPPED = "坐标（经度 {lon}，纬度 {lat}）不在奉贤区范围内：经度和纬度可能填反了。"
ERR_DUP_KEY = "与第 {other} 行重复（{key}相同）。"
ERR_REF = "在{target}中找不到“{value}”（文件和数据库中都没有）。"
ERR_TOWN = "“{value}”不是奉贤区的街镇名称或代码。"
ERR_UNIQUE_STORED = "“{value}”已被数据库中另一条记录（编号 {other}）使用。"
ERR_TOO_LONG = "内容过长，最多 {limit} 个字。"
ERR_DATABASE = "写入数据库时出错，已全部撤销，没有写入任何数据。原因：{detail}"
ERR_UNKNOWN_TABLE = "“{value}”不是可导入的数据表。"
MORE_PROBLEMS = "…… 另有 {n} 个问题未列出"
PROBLEM_COLUMNS = {"row": "行号", "column": "列", "value": "填写内容", "message": "问题"}
IMPORT_STATUS_DONE = "成功"
IMPORT_STATUS_FAILED = "失败"
DATA_TEMPLATE_SHEET_HELP = "填写说明"
TEMPLATE_HELP_COLUMNS = ("列名", "英文列名", "含义", "类型", "是否必填", "可选值")
# boundary file problems
ERR_GEOJSON = "边界文件不是有效的 GeoJSON:{detail}"
ERR_GEOJSON_TOWN = "第 {i} 个要素的街镇“{value}”不是奉贤区的街镇名称或代码。"
ERR_GEOJSON_GEOMETRY = "第 {i} 个要素（{value}）的几何不是有效的面（Polygon/MultiPolygon）。"
ERR_GEOJSON_OUTSIDE = "第 {i} 个要素（{value}）不在奉贤区范围内，请确认坐标为 WGS-84 经纬度。"
ERR_GEOJSON_DUP = "第 {i} 个要素的街镇“{value}”重复。"
ERR_GEOJSON_EMPTY = "边界文件中没有任何要素。"
TEMPLATE_TOWN_ALLOWED = "奉贤区 12 个街镇的名称或代码"
TEMPLATE_REF_ALLOWED = "{table}中已有的编号"
TEMPLATE_KEY_NOTE = "（唯一编号，再次导入同一编号会更新该行）"
ERR_GEOJSON_NOT_FC = "应为 FeatureCollection"
ERR_LOCKED_UPDATE = ("这条记录已被{tables}等数据引用，不能在导入时修改它的“{label}”（原为“{old}”）。"
                     "请保留原值；如确需修改，请联系系统管理员。")
