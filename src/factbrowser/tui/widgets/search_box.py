"""The search field, with fzf's habits: the cursor at the end, `down` into the results."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    """`down` moves into the results; `escape` clears; coming back keeps the query as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "results", "Results", show=False, id="search.results", tooltip="Move into the search results"),
        Binding("escape", "clear", "Clear search", id="search.clear", tooltip="Clear the search and close results"),
    ]

    class Cleared(Message):
        """The user cleared the search."""

    class EnterResults(Message):
        """The user wants to move from the field into the results."""

    def __init__(self, *, placeholder: str, id: str) -> None:
        # Selecting the query on focus would let the next key replace it: fzf keeps it.
        super().__init__(placeholder=placeholder, id=id, compact=True, select_on_focus=False)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.cursor_position = len(self.value)

    def type_key(self, event: events.Key) -> None:
        """A key typed in the results: edit the query as if typed here, at its end."""
        self.focus()
        if event.key == "backspace":
            self.value = self.value[:-1]
        elif event.character is not None:
            self.value += event.character
        self.cursor_position = len(self.value)

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    def action_results(self) -> None:
        self.post_message(self.EnterResults())
