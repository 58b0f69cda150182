"""Says what the lists are filtered to; hidden when nothing is."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class FilterBar(Static):
    text: reactive[str] = reactive("", layout=True)

    def watch_text(self, text: str) -> None:
        self.display = bool(text)
        self.update(Content.assemble(("Filter: ", "bold"), text, ("   escape clears", "dim")))
