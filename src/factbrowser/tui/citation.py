"""The citation dialog: what `y` sent to the terminal clipboard, shown to select and copy.

OSC 52 gives no answer: a terminal may ignore it (macOS Terminal, tmux without
`set-clipboard`), so the app never claims the copy worked. This dialog is the fallback
that always works: the same citation in a read-only text area, where the mouse or the
keyboard (shift+arrows, ctrl+a) selects it for the terminal's own copy.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

SENT_NOTE = (
    "Sent to the terminal clipboard (OSC 52); whether it arrived depends on the terminal. "
    "If it did not, select the text below and copy it with the terminal. Escape closes."
)


class CitationScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CitationScreen {
        align: center middle;
    }
    #citation-body {
        width: 90%;
        max-width: 120;
        height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #citation-note {
        color: $text-muted;
        margin-bottom: 1;
    }
    #citation-text {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="citation.close", tooltip="Close the citation"),
    ]

    def __init__(self, citation: str, title: str) -> None:
        super().__init__()
        self.citation = citation
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="citation-body") as body:
            body.border_title = Content(self.title_text)  # a statement id: data, never markup
            yield Static(Content(SENT_NOTE), id="citation-note")
            yield TextArea(self.citation, read_only=True, soft_wrap=True, id="citation-text")

    def on_mount(self) -> None:
        self.query_one("#citation-text", TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
