"""The search results under the box: `up` on the first row goes back to the box, and a
letter typed here goes to the query (fzf)."""

from __future__ import annotations

from textual import events
from textual.message import Message

from factbrowser.tui.widgets.nav_list import NavList


class ResultsList(NavList):
    class BackToQuery(Message):
        """Back to the search box, with the key that was typed here (if any)."""

        def __init__(self, key: events.Key | None) -> None:
            super().__init__()
            self.key = key

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.BackToQuery(None))
            return
        super().action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.post_message(self.BackToQuery(event))
