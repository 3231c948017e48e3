"""Chinese strings of the accounts side: login, users, sessions, audit log, errors."""

ROLE_LABELS = {"admin": "管理员", "district": "区级", "town": "街镇", "viewer": "只读"}

# --- login -------------------------------------------------------------------------------------------
LOGIN_TITLE = "登录"
LOGIN_INTRO = "请使用管理员为您开设的账号登录。"
LOGIN_USER = "用户名"
LOGIN_PASSWORD = "密码"
LOGIN_BUTTON = "登录"
# the same words whether the user name exists, the password is wrong or the account is locked
LOGIN_FAILED = "用户名或密码不正确。连续 5 次失败后，账号将被锁定 15 分钟。"
LOGIN_EMPTY = "请输入用户名和密码。"
LOGIN_DEMO_OFF = "演示账号已停用：数据库中已导入真实数据。请使用管理员开设的账号登录。"
LOGIN_EXPIRED = "您已超过 {minutes:g} 分钟没有操作，已自动退出，请重新登录。"
LOGIN_ENDED = "您已退出登录。"
LOGIN_DEMO_HINT = "演示环境：演示账号与密码见 README 或 `python -m fxdash demo` 的输出（仅用于演示）。"
NO_ADMIN_TITLE = "尚未设置管理员账号"
NO_ADMIN_TEXT = (
    "数据库中已导入真实数据，演示账号已停用。在创建管理员账号之前，看板不显示任何数据。\n\n"
    "请在服务器上运行以下命令创建管理员（按提示输入密码，至少 10 个字符）：\n\n"
    "```\npython -m fxdash user add 用户名 --role admin --password-stdin\n```\n\n"
    "然后刷新本页面登录。"
)
LOGOUT = "退出登录"
SIGNED_IN_AS = "当前用户：{name}({role})"
LOGIN_BUSY = "登录的人较多，账号数据库暂时忙，请稍后再点一次“登录”。错误编号 {error_id}。"
STORE_UNAVAILABLE = "无法连接账号数据库（运维库），请联系管理员。错误编号 {error_id}。"

# --- errors ------------------------------------------------------------------------------------------
PAGE_ERROR = "页面出错，已记录在服务器日志中。请把错误编号 {error_id} 告诉管理员。"
ADMIN_ONLY = "只有管理员可以使用本页面。"

# --- user rules (command line and the users page) ----------------------------------------------------
ERR_NAME = "用户名只能包含中文、字母、数字和 . _ - @，长度 2–40 个字符：{name}"
ERR_ROLE = "未知角色：{role}（可选 admin、district、town、viewer）"
ERR_TOWN = "未知街镇代码：{code}（见 towns 表，例如 310120111 青村镇）"
ERR_TOWN_ROLE = "街镇账号（town）必须至少指定一个街镇（--town 代码）"
ERR_PASSWORD_SHORT = "密码至少需要 10 个字符。"
ERR_PASSWORD_NAME = "密码不能与用户名相同。"
ERR_EXISTS = "用户已存在：{name}"
ERR_MISSING = "没有这个用户：{name}"
ERR_TOWNS_UNREADABLE = "无法读取街镇列表（数据库 {db}）：{detail}"

# --- command line ------------------------------------------------------------------------------------
CLI_PASSWORD_PROMPT = "请从标准输入提供密码（例如 echo '密码' | python -m fxdash user add ... --password-stdin）。"
CLI_ADDED = "已创建用户 {name}（角色 {role}，街镇 {towns}，个人信息 {pii}）。"
CLI_DISABLED = "已停用用户 {name}，其登录会话已结束。"
CLI_PASSWORD_SET = "已为用户 {name} 设置新密码，其登录会话已结束。"
CLI_NO_USERS = "还没有用户。"
CLI_ALL_TOWNS = "全部"
CLI_YES, CLI_NO = "是", "否"
CLI_STORE_ERROR = "无法打开运维库 {store}:{detail}"
AUDIT_OK = "审计日志校验通过：共 {n} 条记录，哈希链完整。"
AUDIT_BAD = "审计日志校验失败：第 {seq} 条记录 {problem}"
AUDIT_BAD_HEAD = "审计日志校验失败：末尾记录与链头不一致（记录被删除或链头被修改）。"
AUDIT_PROBLEM_HASH = "内容与哈希不符（被修改）"
AUDIT_PROBLEM_LINK = "与上一条记录的哈希不衔接（记录被插入、删除或修改）"
AUDIT_PROBLEM_SEQ = "序号不连续（记录被删除或插入）"
DEMO_ACCOUNTS = "演示账号（仅用于演示数据，导入真实数据后自动停用）："

# --- users page --------------------------------------------------------------------------------------
PAGE_USERS = "用户管理"
USERS_COLUMNS = {"username": "用户名", "role": "角色", "towns": "街镇", "pii": "可看个人信息", "active": "启用",
                 "demo": "演示账号", "locked_until": "锁定至", "created_at": "创建时间", "updated_at": "修改时间"}
USERS_ADD = "新建用户"
USERS_EDIT = "修改用户"
USERS_PICK = "选择用户"
USERS_NAME = "用户名"
USERS_ROLE = "角色"
USERS_TOWNS = "街镇（街镇账号必填；区级、只读账号不选 = 全部街镇）"
USERS_PII = "可查看未打码的个人信息"
USERS_PASSWORD = "初始密码（至少 10 个字符）"
USERS_NEW_PASSWORD = "新密码（留空则不修改）"
USERS_ACTIVE = "启用"
USERS_SAVE = "保存"
USERS_CREATE = "创建"
USERS_SAVED = "已保存用户 {name}。"
USERS_CREATED = "已创建用户 {name}。"
USERS_SELF_DISABLE = "不能停用自己的账号或取消自己的管理员角色。"

# --- audit page --------------------------------------------------------------------------------------
PAGE_AUDIT = "审计日志"
AUDIT_COLUMNS = {"seq": "序号", "ts": "时间", "username": "用户", "action": "操作", "detail": "详情"}
AUDIT_FROM = "起始日期"
AUDIT_TO = "截止日期"
AUDIT_USER = "用户"
AUDIT_ACTION = "操作"
AUDIT_ALL = "全部"
AUDIT_SHOWN = "共 {n} 条记录（最多显示 {limit} 条；下载包含全部 {n} 条）。"
AUDIT_EMPTY = "没有符合条件的记录。"
ACTION_LABELS = {
    "login_ok": "登录成功", "login_failed": "登录失败", "login_locked": "账号锁定", "login_demo_off": "演示账号被拒",
    "logout": "退出登录", "session_expired": "会话超时", "session_ended": "会话被结束",
    "user_add": "新建用户", "user_update": "修改用户", "user_disable": "停用用户", "user_password": "设置密码",
    "page_denied": "访问被拒", "export": "导出", "import": "导入", "rollback": "撤销导入", "snapshot": "周报留档",
    "boundary_upload": "上传边界", "scope_denied": "越权筛选被拒",
    "data_import": "发布数据版本（导入）", "data_demo": "发布数据版本（演示数据）", "data_rollback": "发布数据版本（撤销）",
    "data_adopt": "登记现有数据库", "data_boundaries": "发布数据版本（边界）",
}
