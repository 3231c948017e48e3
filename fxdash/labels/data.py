"""Chinese strings of the data page (数据管理): tables, tabs, downloads and the import log."""

TABLE_LABELS = {
    "towns": "街镇", "communities": "村居", "enterprises": "企业（一企一表）", "sites": "网点（一网点一表）",
    "branches": "街区党支部", "workers": "新就业群体人员", "worker_roles": "四大员", "stations": "驿站与服务点位",
    "friendly_scenes": "友好场景", "merchants": "街区商户", "reports": "问题上报", "points_ledger": "积分流水",
    "activities": "活动", "activity_participants": "活动参与", "suggestions": "人民建议", "care_pairs": "结对关爱",
    "care_visits": "关爱走访", "fraud_interceptions": "反诈拦截", "import_log": "导入记录",
}
CRS_LABELS = {"wgs84": "WGS-84（GPS、天地图）", "gcj02": "GCJ-02（高德、腾讯、微信小程序）"}
# the page
DATA_CAPTION = "把各单位维护的 Excel/CSV 台账导入看板：先下载模板填写，导入时逐行检查，有任何问题都不会写入。"
DATA_TAB_IMPORT = "导入数据"
DATA_TAB_TEMPLATES = "模板与下载"
DATA_TAB_BOUNDARIES = "街镇边界"
DATA_TAB_LOG = "导入记录"
DATA_TABLE = "数据表"
DATA_CRS = "坐标系"
DATA_CRS_HELP = "小程序、高德地图导出的坐标一般是 GCJ-02，导入时会自动换算为 WGS-84。"
DATA_CHECK = "只检查，不导入"
DATA_IMPORT = "检查并导入"
DATA_CHOOSE_FILE = "请先选择要导入的文件。"
DATA_PROGRESS = "正在导入…"
DATA_PROBLEMS = "发现 {n} 个问题，没有写入任何数据。请按下表修改后重新导入。"
DATA_PROBLEMS_FILE = "导入问题清单"
DATA_COUNTS = "各数据表行数"
DATA_TEMPLATE = "下载导入模板（Excel）"
DATA_TEMPLATE_HELP = "模板第一行是列名，第二行是示例（导入前请删除或改写）；第二个表格说明每一列的含义、类型和可选值。"
DATA_EXPORT_CSV = "下载 CSV"
DATA_EXPORT_XLSX = "下载 Excel"
DATA_BOUNDARY_FILE = "上传街镇边界（GeoJSON 格式，WGS-84 坐标）"
DATA_BOUNDARY_SAVE = "检查并保存边界"
DATA_BOUNDARY_CURRENT = "当前使用的街镇边界：{source}（共 {n} 个街镇）。"
DATA_BOUNDARY_NONE = "尚未配置街镇边界，地图上的街镇以中心点表示。"
DATA_BOUNDARY_SAVED = "街镇边界已保存：共 {n} 个街镇，地图页面将使用它。"
DATA_BOUNDARY_ENV = "由系统设置 FXDASH_BOUNDARIES 指定，优先于上传的边界。"
DATA_LOG_EMPTY = "还没有导入记录。"
LOG_COLUMNS = {
    "started_at": "导入时间", "username": "操作人", "file_name": "文件名", "table_label": "数据表",
    "crs": "坐标系", "rows_total": "总行数", "rows_inserted": "新增", "rows_updated": "更新",
    "rows_unchanged": "不变", "status": "状态", "message": "说明", "sha256": "文件指纹（SHA-256）",
}
COUNT_COLUMNS = {"table_label": "数据表", "rows": "行数"}
EXPORT_NOTE_TABLE = "数据表"
DATA_FILE_NOTE = "文件"
DATA_TEMPLATE_NAME = "{table}_导入模板.xlsx"
