"""The Textual app: loading the base behind the first frame, type-ahead, quitting, preferences.

Everything the user browses lives on the main screen (`screens/browser.py`). The fact
base is loaded in a worker thread so the first frame does not wait for it; keys typed
meanwhile are kept and replayed in order once it is in, so `/Macron` typed at launch
ends as a search for Macron, and the load never moves the focus.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from factbrowser.core.model import FactBase
from factbrowser.core.problems import FactBaseError
from factbrowser.present import EXIT_INTERRUPTED, EXIT_OK, EXIT_SIGNAL
from factbrowser.tui.palette import FactProvider
from factbrowser.tui.preferences import Preferences, load_preferences, preferences_path, save_preferences
from factbrowser.tui.screens.browser import BrowserScreen

if TYPE_CHECKING:  # the loader and the search engine load in the worker
    from rich.console import RenderableType

    from factbrowser.search import SearchIndex
    from factbrowser.tui.screens.help import Section

QUIT_KEYS = ("q", "ctrl+q", "ctrl+c")
# Keys that, typed ahead in the search box, leave it (so a later `q` is a command again).
LEAVES_SEARCH = ("escape", "enter", "down", "tab", "shift+tab")


class FactBrowserApp(App[int]):
    ends_process = False  # run_app's app: on exit the process ends even if a worker is still at work
    TITLE = "factbrowser"
    COMMANDS = App.COMMANDS | {FactProvider}
    SUB_TITLE = "Koalition der Willigen · Paris 2025/26"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal")]  # noqa: RUF012 (Textual reads it as is)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit factbrowser"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl", tooltip="Quit"),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True, id="app.quit_ctrl_c", tooltip="Quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help", tooltip="Show every key"),
    ]

    def __init__(
        self,
        data_path: Path | None = None,
        use_cache: bool = True,
        base: FactBase | None = None,
        preferences_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.data_path = data_path
        self.use_cache = use_cache
        self.base: FactBase | None = base
        self.index: SearchIndex | None = None
        self.load_error: FactBaseError | None = None
        self.browser = BrowserScreen()
        self.preferences_file = preferences_file or preferences_path()
        self.preferences = Preferences()
        self._typed_ahead: list[events.Key] = []
        self._ahead_in_search = False  # a `/` was typed ahead: the keys after it are letters
        self._replaying: events.Key | None = None  # the kept key now being replayed
        self._loaded = False
        self._loaded_preferences = False  # a theme set before they are read is not the user's

    def get_default_screen(self) -> BrowserScreen:
        return self.browser

    def on_mount(self) -> None:
        self._apply_preferences()
        if self.base is not None:
            from factbrowser.search import SearchIndex

            self._on_base_loaded(self.base, SearchIndex.build(self.base))
        else:
            # After the first frame: the worker's imports and parsing would compete with it.
            self.call_after_refresh(self.load_base)

    # A bug while loading leaves nothing to show: end the app with its traceback.
    @work(thread=True, exclusive=True, group="load", exit_on_error=True)
    def load_base(self) -> None:
        from factbrowser.core.resources import shipped_facts
        from factbrowser.session import open_session

        try:
            session = open_session(self.data_path or shipped_facts(), use_cache=self.use_cache)
        except FactBaseError as error:
            self.load_error = error
            self.call_from_thread(self.exit, error.exit_code)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._on_base_loaded, session.base, session.index)
            session.index.warm()  # after the lists are filled, before most keystrokes

    def _on_base_loaded(self, base: FactBase, index: SearchIndex) -> None:
        self.base, self.index = base, index
        self.browser.set_session(base, index)
        self.run_worker(self._replay(), group="type-ahead", exit_on_error=True)

    # -- type-ahead ---------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        replayed = event is self._replaying
        if isinstance(event, events.Key) and not self._loaded and not replayed and self._type_ahead(event):
            return
        if isinstance(event, events.Key) and event.key == "slash" and self._search_at_once():
            return
        await super().on_event(event)

    def _search_at_once(self) -> bool:
        """`/` moves the focus to the search box here, before the next key is routed: keys
        reach the focused widget's own queue, so in a burst (`/Rutte` pasted or typed fast)
        the letters would follow `/` to the list and fire its keys (t, m, c, ...)."""
        if self.screen is not self.browser or isinstance(self.focused, Input):
            return False
        self.browser.action_focus_search()
        return True

    def _type_ahead(self, event: events.Key) -> bool:
        """Keep a key pressed before the base is in; True if it is kept (or it quit)."""
        if event.key in ("ctrl+q", "ctrl+c") or event.is_forwarded:
            return False  # priority quit keys, and keys already on their way to a widget
        if event.key == "q" and not self._ahead_in_search:
            self.exit(EXIT_OK)
            return True
        if event.key == "slash":
            self._ahead_in_search = True
        elif event.key in LEAVES_SEARCH:
            self._ahead_in_search = False
        self._typed_ahead.append(events.Key(event.key, event.character))
        return True

    async def _replay(self) -> None:
        """Replay the kept keys in order, as if typed now. Each waits until the one before
        has been handled: a key is handled on the focused widget's own queue, and a focus
        change it causes is queued again, so posting them all at once would send `Macron`
        to the list that had focus before `/` moved it. Keys typed during the replay join
        the end of the queue, so the order holds."""
        from textual._wait import wait_for_idle  # what Pilot waits with between two keys

        while self._typed_ahead:
            key = self._typed_ahead.pop(0)
            key.set_sender(self)
            self._replaying = key
            self.post_message(key)
            await wait_for_idle(0)
        self._replaying = None
        self._loaded = True

    # -- preferences ----------------------------------------------------------------------

    def _apply_preferences(self) -> None:
        self.preferences, warning = load_preferences(self.preferences_file)
        self._loaded_preferences = True
        if warning:
            self.notify(warning, severity="warning", timeout=8)
        theme = self.preferences.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        elif theme is not None:
            self.notify(f"{self.preferences_file}: no theme {theme!r}; using the default.", severity="warning")

    def watch_theme(self, theme: str) -> None:
        if not self._loaded_preferences or theme == self.preferences.theme:
            return
        self.preferences = Preferences(theme=theme)
        warning = save_preferences(self.preferences_file, self.preferences)
        if warning:
            self.notify(warning, severity="warning", timeout=8)

    # -- help -----------------------------------------------------------------------------

    def exit(self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Close the app; if a worker thread is still at work, end the process soon after.

        The loop's teardown waits for the executor's threads, so a load of 100k statements
        would otherwise keep the process alive for seconds after the terminal is restored.
        """
        super().exit(result, return_code, message)
        if self.ends_process and _threads_at_work():
            _start_watchdog(self, result if isinstance(result, int) else return_code)

    def action_interrupt(self) -> None:
        """ctrl+c quits; while the base is still loading it interrupts that, exit 130."""
        self.exit(EXIT_INTERRUPTED if self.base is None and self.load_error is None else EXIT_OK)

    def action_help(self) -> None:
        from factbrowser.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(*help_for(self.screen)))


def help_for(screen: Screen[object]) -> tuple[Sequence[Section], str, int]:
    """Every key, those of `screen` first (what pressing ? there is asked for), a title
    saying so, and how many sections come before the general keys."""
    from factbrowser.tui.screens.matrix import MatrixScreen
    from factbrowser.tui.screens.timeline import TimelineScreen

    sections = help_sections()
    names: dict[type, tuple[str, str]] = {MatrixScreen: ("matrix", "Matrix"), TimelineScreen: ("timeline", "Timeline")}
    found = names.get(type(screen))
    if found is None:
        return sections, "factbrowser — keys", 0
    name, prefix = found
    first = [section for section in sections if section[0].startswith((prefix, "Matrix and timeline"))]
    rest = [section for section in sections if section not in first]
    return [*first, *rest], f"factbrowser — keys of the {name} first, then every other", len(first)


def help_sections() -> Sequence[Section]:
    """Every key, from its owner's BINDINGS."""
    from factbrowser.tui.screens.common import Overlay
    from factbrowser.tui.screens.matrix import MatrixScreen
    from factbrowser.tui.screens.timeline import TimelineScreen
    from factbrowser.tui.widgets import NavList, ScrollPane, SearchBox

    return (
        ("Everywhere", FactBrowserApp.BINDINGS),
        ("Browser", BrowserScreen.BINDINGS),
        ("Lists", NavList.BINDINGS),
        ("Search box", SearchBox.BINDINGS),
        ("Detail, Source and Help panes", ScrollPane.BINDINGS),
        ("Matrix (m): enter on a cell opens its statement(s)", MatrixScreen.BINDINGS),
        ("Timeline (t): enter on a row opens its statement", TimelineScreen.BINDINGS),
        ("Matrix and timeline", Overlay.BINDINGS),
    )


def run_app(data_path: Path, use_cache: bool = True) -> int:
    """Run the app. A base that fails to load raises its FactBaseError once the terminal
    is restored, for the caller to report (the app prints nothing itself).

    SIGTERM, SIGHUP and SIGINT close the app like `q` does, so that the terminal is
    restored (alternate screen, mouse, cursor), and exit with 128 + the signal. A worker
    thread still at work then (a load of 100k statements, a mention search) is not
    waited for: Python would join it at exit, keeping the process alive after the UI.
    """
    import asyncio
    import signal

    app = FactBrowserApp(data_path, use_cache)
    app.ends_process = True
    loop = asyncio.new_event_loop()
    names = [name for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)]
    previous = {name: signal.getsignal(getattr(signal, name)) for name in names}

    def on_signal(number: int, _frame: object) -> None:
        # A Python-level handler, not the loop's: it runs even while the loop is busy in a
        # long step of the load, and the watchdog ends the process if the UI cannot close.
        loop.call_soon_threadsafe(app.exit, EXIT_SIGNAL + number)
        _start_watchdog(app, EXIT_SIGNAL + number)

    for name in names:
        signal.signal(getattr(signal, name), on_signal)
    try:
        code = app.run(loop=loop)
    finally:
        for name in names:
            signal.signal(getattr(signal, name), previous[name])
    if app.load_error is not None:
        raise app.load_error
    code = code or 0
    if _threads_at_work():
        _exit_now(code)
    loop.close()
    return code


_WATCHDOG_SECONDS = 2.0
_RESTORE_TERMINAL = (
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[?1049l\x1b[?25h"
)


def _start_watchdog(app: FactBrowserApp, code: int) -> None:
    """End the process `_WATCHDOG_SECONDS` after a signal if it has not ended by then.

    Closing the UI is not enough: the event loop's shutdown joins the executor's threads,
    so a load still at work would keep the process alive after the terminal is restored.
    """
    import threading

    def expire() -> None:
        # Harmless if the driver has done it already; bounded, as a terminal that does not
        # read blocks the write. No flush: a stream's lock may be held by a busy thread.
        restore = threading.Thread(target=_restore_terminal, args=(app,), daemon=True)
        restore.start()
        restore.join(0.5)
        os._exit(code)

    import os

    timer = threading.Timer(_WATCHDOG_SECONDS, expire)
    timer.daemon = True
    timer.start()


def _restore_terminal(app: FactBrowserApp) -> None:
    """What the driver's stop_application_mode writes, without waiting for its threads."""
    import contextlib
    import os
    import sys
    import termios

    attrs = getattr(app._driver, "attrs_before", None)
    stream = sys.__stdout__
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError, termios.error):
        if attrs is not None:
            termios.tcsetattr(stream.fileno(), termios.TCSANOW, attrs)
        os.write(stream.fileno(), _RESTORE_TERMINAL.encode("ascii"))


def _threads_at_work() -> bool:
    import threading

    return any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())


def _exit_now(code: int) -> None:
    """End the process without joining worker threads (the terminal is already restored)."""
    import contextlib
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
