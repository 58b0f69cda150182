"""A list of rows that stand for things: posts `Open` and `Preview` with the row's target."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from factbrowser.tui.messages import Heading, Open, Preview, Target

Row = tuple[Target, Content]


def row_id(target: Target) -> str:
    """A stable id for a row, used only to find the row again (never parsed back)."""
    return repr(target)


class NavList(OptionList):
    """An OptionList with vim keys. Rows are `Content`, so data is never parsed as markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Move up"),
        Binding("g", "first", "First", show=False, id="list.first", tooltip="Go to the first row"),
        Binding("G", "last", "Last", show=False, id="list.last", tooltip="Go to the last row"),
    ]

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id, markup=False)
        self.title = title
        self.border_title = title
        self._targets: dict[str, Target] = {}

    @property
    def target(self) -> Target | None:
        """What the highlighted row stands for."""
        option = self.highlighted_option
        return None if option is None or option.id is None else self._targets.get(option.id)

    @property
    def targets(self) -> list[Target]:
        """What the rows stand for, in order (headings included)."""
        return [self._targets[option.id] for option in self.options if option.id in self._targets]

    def set_rows(self, rows: list[Row], title: str | Content | None = None) -> None:
        """Replace the rows, keeping the highlight on the same target where it still exists."""
        current = self.target
        self._targets = {row_id(target): target for target, _ in rows}
        # A refill is not the user moving: no OptionHighlighted, so the detail stays put.
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(
                [Option(prompt, id=row_id(target), disabled=isinstance(target, Heading)) for target, prompt in rows]
            )
            if current is None or not self.select(current):
                self.highlighted = self._first_row()
        self.border_title = self.title if title is None else title

    def _first_row(self) -> int | None:
        return next((i for i, option in enumerate(self.options) if not option.disabled), None)

    def select(self, target: Target) -> bool:
        """Put the cursor on `target` without announcing it; False if it is not listed."""
        try:
            index = self.get_option_index(row_id(target))
        except OptionDoesNotExist:  # filtered out
            return False
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index
        self.scroll_to_highlight()
        return True

    def on_resize(self, _event: events.Resize) -> None:
        # A list that shrinks (a small terminal, another pane focused) keeps its cursor in view.
        self.call_after_refresh(self.scroll_to_highlight)

    @on(OptionList.OptionSelected)
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option_id or "")
        if target is not None and not isinstance(target, Heading):
            self.post_message(Open(target, self.id))

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        target = self._targets.get(event.option_id or "")
        if target is not None and self.has_focus:
            self.post_message(Preview(target, self.id))

    def on_focus(self, _event: events.Focus) -> None:
        self.call_after_refresh(self.scroll_to_highlight)
