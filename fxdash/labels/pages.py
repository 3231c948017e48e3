"""Page titles for the navigation and the page each overview alert links to."""

# --- page titles (st.navigation) -------------------------------------------------------------
PAGE_OVERVIEW = "总览"
PAGE_MAP = "阵地地图"
PAGE_REPORTS = "问题上报"
PAGE_PEOPLE = "队伍与志愿"
PAGE_COMMUNITY = "关爱与平安"
PAGE_WEEKLY = "周报"
PAGE_DATA = "数据管理"

# --- where each overview alert links to -------------------------------------------------------
ALERT_PAGES = {"overdue_reports": "pages/reports.py", "unvisited_pairs": "pages/community.py",
               "negative_balances": "pages/people.py", "stale_days": "pages/data.py"}
