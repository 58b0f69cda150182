"""The help screen: every key, built from the owners' own BINDINGS so it cannot drift.

The app hands the sections in (`HelpScreen(sections)`): this module imports no screen
or app, so nothing imports in a circle.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from factbrowser.tui.widgets.scroll_pane import ScrollPane

Section = tuple[str, Sequence[BindingType]]

GENERAL = [
    ("tab / shift+tab", "Move between panes: Countries, People, Statements, Detail, its links, Source"),
    ("↑ ↓  j k", "Move in a list, or scroll a pane one line per press"),
    ("g / G  home / end", "First / last row"),
    (
        "enter",
        "Open: a country filters People and Statements, a person filters Statements, "
        "a statement shows its source; in Detail, jump to a mentioned entity or show a mention",
    ),
    ("ctrl+p", "Command palette: jump to any fact, switch theme"),
    ("mouse", "Click to select, scroll to scroll"),
]

HIDDEN = {"app.quit_ctrl_c"}  # the same as ctrl+q, said once


def _key(binding: Binding) -> str:
    keys = binding.key.replace("question_mark", "?").replace("slash", "/")
    keys = keys.replace("right_square_bracket", "]").replace("left_square_bracket", "[")
    return " ".join(keys.split(","))


def help_rows(sections: Sequence[Section], lead: int = 0) -> list[tuple[str, str, str]]:
    """(section, keys, what they do) of every binding; the general keys after the first
    `lead` sections."""
    rows: list[tuple[str, str, str]] = []
    for number, (section, bindings) in enumerate(sections):
        if number == lead:
            rows += [("General", k, d) for k, d in GENERAL]
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id not in HIDDEN:
                rows.append((section, _key(binding), binding.tooltip or binding.description))
    if lead >= len(sections):
        rows += [("General", k, d) for k, d in GENERAL]
    return rows


_KEY_WIDTH = 24  # "  " and the key column


def _wrapped(text: str, width: int | None) -> str:
    """`text` wrapped to `width` columns, its later lines under its first (a hanging
    indent: a wrapped description never runs back under the keys)."""
    if width is None:
        return text
    lines = textwrap.wrap(text, max(20, width - _KEY_WIDTH), break_long_words=True) or [""]
    return ("\n" + " " * _KEY_WIDTH).join(lines)


def help_content(
    sections: Sequence[Section], title: str = "factbrowser — keys", width: int | None = None, lead: int = 0
) -> Content:
    """The help text; `width`: the columns it is shown in (descriptions wrap under
    themselves), None to leave the wrapping to the widget."""
    lines: list[Content] = [Content.assemble((title, "bold"), "\n")]
    section = ""
    for name, key, text in help_rows(sections, lead):
        if name != section:
            section = name
            lines.append(Content.assemble("\n", (name, "bold underline"), "\n"))
        if len(key) >= _KEY_WIDTH - 3:  # a long list of keys gets a line of its own
            keys = Content.assemble((f"  {key}", "bold $accent"), "\n" + " " * _KEY_WIDTH)
        else:
            keys = Content.assemble((f"  {key:<{_KEY_WIDTH - 2}}", "bold $accent"))
        lines.append(Content.assemble(keys, _wrapped(text, width), "\n"))
    lines.append(
        Content.assemble(
            "\n",
            (
                "Search: records holding every word (if there are none, those missing one, "
                "marked 'without'); ≈ marks an approximate match (a typo or a near spelling); "
                "'word exact; !word excludes. Umlauts, ß, accents and typos are forgiven.",
                "dim",
            ),
            "\n",
            ("escape, q or ? closes this screen.", "dim"),
        )
    )
    return Content("").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, sections: Sequence[Section], title: str = "factbrowser — keys", lead: int = 0) -> None:
        super().__init__()
        self.sections = sections
        self.title_text = title
        self.lead = lead

    def compose(self) -> ComposeResult:
        with ScrollPane(id="help-body") as body:
            body.border_title = "Help"
            yield Static(help_content(self.sections, self.title_text, lead=self.lead), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body", ScrollPane).focus()

    def on_resize(self) -> None:
        # Wrapped here, to the pane's width, so that a wrapped line stays in its column.
        width = self.query_one("#help-body", ScrollPane).scrollable_content_region.width
        if width > 0:
            content = help_content(self.sections, self.title_text, width - 1, self.lead)
            self.query_one("#help-text", Static).update(content)

    def action_close(self) -> None:
        self.dismiss(None)
