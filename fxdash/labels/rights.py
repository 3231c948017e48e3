"""Chinese strings of access rights: refused pages, scope, downloads, roles."""

PAGE_DENIED = "无权访问：您的账号没有打开此页面的权限。如需使用，请联系区级管理员。"
SCOPE_DENIED = "无权查看：{value} 不在您账号的街镇范围内，已忽略。"
NO_DOWNLOADS = "只读账号不能下载数据。"
DATA_NO_TABS = "您的账号在此页没有可用的功能。"
ROLE_LABELS = {"admin": "管理员", "district": "区级", "town": "街镇", "viewer": "只读"}
SNAPSHOT_DENIED = "只有管理员和区级账号可以保存本周快照。"
EXPORT_PII_NOTE = "个人信息"
EXPORT_MASKED = "已脱敏"
EXPORT_CLEAR = "未脱敏（已记录）"
SCOPE_NOTE = "账号街镇范围"
PRIVACY_NOTES = {"mask": "姓名只显示姓氏，电话已脱敏", "clear": "个人信息未脱敏，仅限工作使用，请勿外传",
                 "drop": "只读账号不显示姓名、电话等个人信息"}
