"""What the matrix and timeline screens share: the statement line, the full-row note,
how they say what was chosen, and the keys that leave them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen

from factbrowser.core.model import FactBase, Statement
from factbrowser.present import statement_line as statement_line_segments
from factbrowser.tui import render


def statement_line(base: FactBase, statement: Statement) -> Content:
    """Date, kind, speaker, text and articles: the line `factbrowser timeline` prints."""
    return render.themed(statement, statement_line_segments(base, statement))


@dataclass(frozen=True)
class OverlayState:
    """Where the user was on a matrix or timeline screen: enough to open it again there."""

    screen: str  # "matrix" | "timeline"
    country: str | None = None  # the timeline's scope
    sort: str = "country"
    period: int = 0
    cursor: tuple[int, int] = (0, 1)  # the matrix cell (row, column)
    row: int = 0  # the highlighted row of the timeline or of the cell's statements
    in_list: bool = False  # the cell's statement list had focus, not the table


@dataclass(frozen=True)
class Choice:
    """A statement the user opened from an overlay, and the overlay as it was left."""

    statement_id: str
    state: OverlayState


class Overlay(Screen["Choice | None"]):
    """A full screen over the browser. Not modal, so the app's help and quit keys work here.

    It dismisses with the statement the user chose to open, or None when closed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,backspace,alt+left", "close", "Close", id="overlay.close", tooltip="Back to the browser"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)
