"""Streamlit's own widget text in Chinese: the file uploader's button and hints, and the calendar.

Streamlit offers no parameter for these. The file uploader prints "Upload", "Drag and drop file
here" and "50MB per file • XLSX, CSV"; the date picker names months and weekdays in the browser's
language. One script, placed once per page by the app frame, rewrites the uploader's English text
as it appears and reports the browser's language as zh-CN, so the calendar reads 2026年11月 / 一二三
on any browser (the department's own browsers are Chinese already; a projector laptop may not be).

The per-file hint states the importer's limit (fxdash.ingest.limits), not Streamlit's maxUploadSize:
that one is set higher on purpose (.streamlit/config.toml), so the hint would promise too much.
"""

import json

import streamlit as st

from fxdash.ingest.limits import MAX_BYTES, MB
from fxdash.labels import widgets as W

_SCRIPT = r"""
<script>
(() => {
  if (window.__fxWidgetText) return;
  window.__fxWidgetText = true;
  const T = __TEXT__;
  for (const [name, value] of [["language", "zh-CN"], ["languages", ["zh-CN", "zh"]]]) {
    try { Object.defineProperty(Navigator.prototype, name, {get: () => value, configurable: true}); } catch (e) {}
  }
  // Streamlit reads the language when its app frame renders; a resize makes it render again now
  window.dispatchEvent(new Event("resize"));
  const rewrite = (node, text) => { if (node.nodeValue !== text) node.nodeValue = text; };
  const walk = (root, fn) => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) fn(n);
  };
  const SCOPES = '[data-testid="stFileUploader"], [data-testid="stDateInput"], [role="dialog"], [role="listbox"]';
  const fix = () => {
    document.querySelectorAll(SCOPES).forEach((scope) => walk(scope, (n) => {
      const s = n.nodeValue.trim();
      if (T.exact[s]) rewrite(n, T.exact[s]);
      else if (/^\S+ per file$/.test(s)) rewrite(n, T.limit);
      else if (/^• /.test(s)) rewrite(n, T.types.replace("{types}", s.slice(2).split(", ").join("、")));
    }));
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true, characterData: true});
  fix();
})();
</script>
"""


def script() -> str:
    limit = W.UPLOAD_LIMIT.format(size=f"{MAX_BYTES / MB:.0f}MB")
    text = {"exact": W.WIDGET_TEXT, "limit": limit, "types": W.UPLOAD_TYPES}
    return _SCRIPT.replace("__TEXT__", json.dumps(text, ensure_ascii=False))


def apply() -> None:
    """Place the script on the page (it acts once per browser tab, however often the page reruns)."""
    st.html(script(), unsafe_allow_javascript=True)
