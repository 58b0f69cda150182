"""The help screen: every key, built from the widgets' own BINDINGS so it cannot drift."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

GENERAL = [
    ("tab / shift+tab", "Move between panes"),
    ("↑ ↓  j k", "Move in a list"),
    ("g / G  home / end", "First / last row"),
    (
        "enter",
        "Open: a country filters People and Statements, a person filters Statements, "
        "a statement shows its source; in Detail, jump to a mentioned entity",
    ),
    ("ctrl+p", "Command palette: jump to any fact, switch theme"),
    ("mouse", "Click to select, scroll to scroll"),
]


def _key(binding: Binding) -> str:
    keys = binding.key.replace("question_mark", "?").replace("slash", "/")
    keys = keys.replace("right_square_bracket", "]").replace("left_square_bracket", "[")
    return " ".join(keys.split(","))


def _rows() -> list[tuple[str, str, str]]:
    from factbrowser.tui.app import FactBrowserApp
    from factbrowser.tui.views import MatrixScreen, TimelineScreen
    from factbrowser.tui.widgets import NavList, SearchBox, SourceView

    rows: list[tuple[str, str, str]] = [("General", k, d) for k, d in GENERAL]
    for section, bindings in (
        ("Everywhere", FactBrowserApp.BINDINGS),
        ("Lists", NavList.BINDINGS),
        ("Search box", SearchBox.BINDINGS),
        ("Source view", SourceView.BINDINGS),
        ("Matrix (m)", MatrixScreen.BINDINGS),
        ("Timeline (t)", TimelineScreen.BINDINGS),
    ):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id != "app.quit_ctrl_c":
                rows.append((section, _key(binding), binding.tooltip or binding.description))
    return rows


def help_content() -> Content:
    lines: list[Content] = [Content.assemble(("factbrowser — keys", "bold"), "\n")]
    section = ""
    for name, key, text in _rows():
        if name != section:
            section = name
            lines.append(Content.assemble("\n", (name, "bold underline"), "\n"))
        lines.append(Content.assemble((f"  {key:<22}", "bold $accent"), text, "\n"))
    lines.append(
        Content.assemble(
            "\n",
            (
                "Search: records holding every word (if there are none, those "
                "missing one); 'word exact; !word excludes. "
                "Umlauts, ß, accents and typos are forgiven.",
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
        Binding("j", "scroll_down", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            yield Static(help_content(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
