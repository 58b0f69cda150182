"""Kind, speaker, date, text, gloss and evidence of the current record, then its links.

A pane in the tab order like the others: `j`/`k` scroll the whole of it, text and links,
and `tab` goes on into the links, whose `up` on the first row comes back to the text.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from factbrowser.tui.messages import Preview
from factbrowser.tui.widgets.nav_list import NavList, Row
from factbrowser.tui.widgets.scroll_pane import ScrollPane


class LinkList(NavList):
    """The rows under the detail text: entities mentioned, or sentences naming the entity."""

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0) and isinstance(self.parent, DetailView):
            self.parent.focus()  # back up to the text above the links
            self.parent.scroll_home(animate=False, immediate=True)
            return
        super().action_cursor_up()

    def on_focus(self, _event: events.Focus) -> None:
        self.call_after_refresh(self._reveal)

    def on_preview(self, message: Preview) -> None:
        self._reveal()

    def _reveal(self) -> None:
        """The list has no scroll of its own: scroll the detail pane to the cursor."""
        if self.highlighted is None or not self.has_focus or not isinstance(self.parent, DetailView):
            return
        y = self.virtual_region.y + self.highlighted + 1  # +1: the list's title line
        self.parent.scroll_to_region(Region(0, y, 1, 1), animate=False, immediate=True)


class DetailView(ScrollPane):
    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, can_focus=True)
        self.border_title = "Detail"

    def compose(self) -> ComposeResult:
        yield Static(Content("Nothing selected."), id="detail-text")
        yield LinkList("Mentioned (enter jumps)", id="links")

    @property
    def links(self) -> LinkList:
        return self.query_one("#links", LinkList)

    def show(self, content: Content, links: list[Row], title: str = "Mentioned (enter jumps)") -> None:
        self.query_one("#detail-text", Static).update(content)
        self.set_links(links, title)
        self.scroll_home(animate=False, immediate=True)

    def set_links(self, links: list[Row], title: str) -> None:
        link_list = self.links
        link_list.title = title
        link_list.set_rows(links)
        link_list.display = bool(links)
