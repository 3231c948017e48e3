"""Chinese text for the parts of Streamlit's own widgets that take no label (see fxdash.widget_text)."""

# Streamlit's English text -> what staff read instead (whole text of one element, matched exactly)
WIDGET_TEXT = {
    "Upload": "选择文件",
    "Upload directories": "选择文件夹",
    "Browse files": "选择文件",
    "Drag and drop file here": "将文件拖放到此处",
    "Drag and drop a file here": "将文件拖放到此处",
    "Drag and drop files here": "将文件拖放到此处",
    "Date range": "快捷选择",
    "Select...": "请选择…",
    "Past Week": "最近一周",
    "Past Month": "最近一个月",
    "Past 3 Months": "最近三个月",
    "Past 6 Months": "最近六个月",
    "Past Year": "最近一年",
    "Past 2 Years": "最近两年",
}
UPLOAD_LIMIT = "单个文件不超过 {size}"
UPLOAD_TYPES = "，格式：{types}"
