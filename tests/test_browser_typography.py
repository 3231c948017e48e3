"""Every page as an English-language browser shows it: the visible text keeps Chinese punctuation, never
reads None/nan (`read_every_tab`: every tab of every page on the walk through every page in
tests/test_browser.py, and every page's first screen in projector mode on the projector walk in
tests/test_browser_projector.py), and Streamlit's own uploader and calendar speak Chinese (a screenshot in
OUTPUT/typography_calendar.png)."""

import re

import pytest

from fxdash.labels import pages as PG
from tests.auth import login
from tests.browse import POLL_MS, go_to_page
from tests.conftest import OUTPUT, select_tab
from tests.typography import problems

pytestmark = pytest.mark.browser

# visible text nodes of the app, leaving out icon ligatures ("upload") and what is not displayed
VISIBLE_TEXT = """() => {
  const out = [];
  const it = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  for (let n = it.nextNode(); n; n = it.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style, [data-testid="stDateInputField"]')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
    if (n.nodeValue.trim()) out.push(n.nodeValue.trim());
  }
  return out;
}"""
ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b|\b20\d\d-W\d\d\b")


@pytest.fixture
def english_page(new_page):
    """A projector laptop with an English browser, at the meeting room's resolution."""
    return new_page({"width": 1920, "height": 1080}, locale="en-US")


def visible_text(pg) -> list[str]:
    return pg.evaluate(VISIBLE_TEXT)


def read_every_tab(pg, stem: str, on_tab=None, every_tab: bool = True) -> None:
    """A page on an English browser: full-width punctuation next to Chinese, no None/nan, dates as
    2026年11月27日 and weeks as 2026年第47周 in everything the page shows, chart ticks and hover-free SVG
    text included, in every tab (`every_tab=False`: the tab on screen only). `on_tab(pg, k)` runs the
    page's own checks on tab k once it shows (tests/test_browser.py's walk), so each tab is drawn once."""
    assert pg.get_by_test_id("stException").count() == 0, stem  # its screenshot: the walk's own
    tabs = pg.get_by_role("tab")
    if on_tab:
        on_tab(pg, 0)
    texts = visible_text(pg)
    first_tab = set(texts)
    for k in range(1, tabs.count() if every_tab else 1):  # what the other tabs show, too
        select_tab(pg, tabs.nth(k))
        if on_tab:
            on_tab(pg, k)
        texts += visible_text(pg)
    assert not every_tab or tabs.count() < 2 or len(set(texts)) > len(first_tab), stem
    assert any("演示数据" in t for t in texts), stem
    if stem == "overview":  # chart text is scanned too: the trend ends in the current, partial week
        assert "本周至今" in texts
    found = [(t, problems(t)) for t in texts if problems(t)]
    assert not found, (stem, found)
    dates = [t for t in texts if ISO_DATE.search(t)]
    assert not dates, (stem, dates)


def test_uploader_and_calendar_read_chinese_on_an_english_browser(app_server, english_page):
    """No "Upload", "per file" or "October"/"Su Mo" on a browser set to English."""
    pg = english_page
    login(pg, app_server, path="/data")
    uploader = pg.get_by_test_id("stFileUploader").first
    pg.wait_for_function("""() => (document.querySelector('[data-testid="stFileUploader"]')?.innerText || '')
                                     .includes('选择文件')""", timeout=30_000, polling=POLL_MS)
    zone = uploader.get_by_test_id("stFileUploaderDropzone").inner_text()
    words = [w for w in re.findall(r"[A-Za-z]{3,}", zone) if w not in ("upload", "XLSX", "XLS", "CSV")]
    assert "单个文件不超过 50MB，格式：XLSX、XLS、CSV" in zone and not words, zone
    # 数据管理 has no sidebar filters: the period's calendar is on the analysis pages (same session; one
    # without a map)
    go_to_page(pg, PG.PAGE_PEOPLE)
    pg.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] button[aria-label^="Choose"]').click()
    calendar = pg.get_by_role("dialog").last
    calendar.get_by_text("快捷选择").wait_for(timeout=10_000)
    shown = re.sub(r"\s+", " ", calendar.inner_text())
    assert "一 二 三 四 五 六 日" in shown and "2026年" in shown, shown
    calendar.get_by_text("请选择…").click()
    options = pg.get_by_role("listbox").inner_text()
    assert "最近一周" in options and "Past" not in options, options
    visible = re.sub(r"Use arrow keys.*?Escape to close\.|Choose date range", "", shown)  # screen-reader only
    assert not re.search(r"\b(January|October|November|Mon|Tue|Su|Mo|Select|Date range)\b", visible), visible
    pg.screenshot(path=str(_output("typography_calendar.png")))


def _output(name: str):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT / name
