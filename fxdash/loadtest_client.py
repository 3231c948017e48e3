"""One Streamlit session that does not render: it speaks the app's websocket protocol (BackMsg out,
ForwardMsg in, the protobuf messages shipped with streamlit), signs in through the login form and
opens pages, timing each script run from the request to its end.

Protocol, as the browser does it: connect to /_stcore/stream with subprotocol "streamlit"; every run
is asked for with a BackMsg rerun_script carrying the client state (query string, page, widget
values); the server streams ForwardMsgs (new_session at a run's start, deltas, navigation, ...) and
script_finished at its end (FINISHED_EARLY_FOR_RERUN when st.rerun starts another run).
"""

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from fxdash.labels import accounts as LA

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
ERROR_ID_MARK = "错误编号"  # the page's own error line (ui_data.run_page) names an error id


class RunFailed(Exception):
    """A run that did not end well: timeout, closed connection, exception element, error line."""


@dataclass
class RunResult:
    seconds: float
    elements: list = field(default_factory=list)  # (type, proto) of the last run's elements
    pages: dict = field(default_factory=dict)  # url path -> page_script_hash (from navigation)


class Session:
    def __init__(self, ws_url: str, timeout: float):
        self.timeout = timeout
        # no keepalive pings: on a saturated machine an unanswered ping closed sessions that were only
        # waiting for a slow run (the run's own deadline bounds the wait instead)
        self.ws = connect(ws_url, subprotocols=["streamlit"], open_timeout=timeout, close_timeout=2,
                          max_size=None, compression=None, ping_interval=None)
        self.pages: dict[str, str] = {}

    def close(self) -> None:
        self.ws.close()

    def run(self, page: str = "", widgets: list | None = None, deadline: float | None = None) -> RunResult:
        """Ask for a run of `page` (url path; '' = the start page) with these widget states; wait for it
        (and for the runs st.rerun starts after it) to finish. Raises RunFailed."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        page = self._url_path(page)
        state.page_name = page
        if page in self.pages:
            state.page_script_hash = self.pages[page]
        for widget in widgets or []:
            state.widget_states.widgets.add().CopyFrom(widget)
        started = time.perf_counter()
        deadline = deadline or (time.monotonic() + self.timeout)
        try:
            self.ws.send(msg.SerializeToString())
            result = self._until_finished(deadline)
        except (TimeoutError, WebSocketException, OSError) as exc:
            raise RunFailed(f"连接中断或超时：{type(exc).__name__}") from exc
        result.seconds = time.perf_counter() - started
        return result

    def _url_path(self, key: str) -> str:
        """The URL path of page `key` (pages/<key>.py): the start page is addressed as '' (its st.Page
        is the default), so the one page file missing from the navigation's paths is that one."""
        if not self.pages or key in self.pages or "" not in self.pages:
            return key
        from fxdash.bench_pages import available_pages

        missing = [k for k in available_pages() if k not in self.pages]
        return "" if missing == [key] else key

    def _until_finished(self, deadline: float) -> RunResult:
        result = RunResult(0.0)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            fwd = ForwardMsg()
            fwd.ParseFromString(self.ws.recv(timeout=left))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                result.elements = []
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                result.elements.append((element.WhichOneof("type"), getattr(element, element.WhichOneof("type"))))
            elif kind == "navigation":
                for page in fwd.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "page_not_found":
                raise RunFailed("页面不存在")
            elif kind == "script_finished" and fwd.script_finished in DONE:
                _check(result.elements)
                result.pages = dict(self.pages)
                return result
            elif kind == "script_finished" and fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RunFailed("脚本编译错误")

    def sign_in(self, user: str, password: str) -> RunResult:
        """Open the start page, fill 用户名/密码, press 登录 (one rerun carrying the form's values)."""
        first = self.run("")
        inputs = {proto.label: proto for kind, proto in first.elements if kind == "text_input"}
        button = next((proto for kind, proto in first.elements if kind == "button" and proto.label == LA.LOGIN_BUTTON),
                      None)
        if LA.LOGIN_USER not in inputs or LA.LOGIN_PASSWORD not in inputs or button is None:
            raise RunFailed("没有看到登录表单")
        widgets = [_widget(inputs[LA.LOGIN_USER].id, string_value=user),
                   _widget(inputs[LA.LOGIN_PASSWORD].id, string_value=password),
                   _widget(button.id, trigger_value=True)]
        after = self.run("", widgets)
        if _login_form(after):
            raise RunFailed(f"登录失败（用户 {user}）")
        return after

    def open(self, page: str, deadline: float) -> float:
        """Open a page as a signed-in user; its run's seconds. Raises RunFailed."""
        result = self.run(page, deadline=deadline)
        if _login_form(result):
            raise RunFailed("会话被退回登录页")
        if not any(kind == "heading" for kind, _ in result.elements):
            raise RunFailed(f"页面 {page} 没有内容")
        return result.seconds


def _login_form(result: RunResult) -> bool:
    return any(kind == "text_input" and proto.label == LA.LOGIN_PASSWORD for kind, proto in result.elements)


def _widget(widget_id: str, **value):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=widget_id, **value)


def _check(elements: list) -> None:
    for kind, proto in elements:
        if kind == "exception":
            raise RunFailed(f"页面异常：{proto.message[:120]}")
        if kind == "alert" and proto.format == proto.ERROR and ERROR_ID_MARK in proto.body:
            raise RunFailed(f"页面出错：{proto.body[:120]}")
