"""A focusable scrolling pane where every key press moves exactly one line.

Textual's own scroll actions animate, and each press computes its target before the
previous press's (deferred) scroll has landed, so a held or burst key scrolls one line
in all. Here a press moves the offset at once, without animation: 20 presses, 20 lines.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class ScrollPane(VerticalScroll):
    ALLOW_MAXIMIZE = True  # VerticalScroll says no; a pane of text is worth reading full screen

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line(1)", "Down", show=False, id="pane.down", tooltip="Scroll down one line"),
        Binding("k,up", "line(-1)", "Up", show=False, id="pane.up", tooltip="Scroll up one line"),
        Binding(
            "pagedown,space", "page(1)", "Page down", show=False, id="pane.page_down", tooltip="Scroll a page down"
        ),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pane.page_up", tooltip="Scroll a page up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="pane.top", tooltip="Go to the top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="pane.bottom", tooltip="Go to the end"),
    ]

    def action_line(self, step: int) -> None:
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def action_page(self, step: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + step * page, animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)
