"""The app's widgets. Each owns its keys; they talk upward with messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static

from factbrowser.core.model import Evidence, Source
from factbrowser.tui.render import EVIDENCE, source_header


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

    def set_rows(self, rows: list[tuple[str, Content]], total: int | None = None, matching: int | None = None) -> None:
        """Replace the rows, keeping the highlight on the same id where it still exists.

        `total` is the size of the unfiltered list; `matching` how many rows the filter
        accepts when only the first of them are listed.
        """
        current = self.highlighted_option.id if self.highlighted_option else None
        # A refill is not the user moving: no OptionHighlighted, so the detail stays put.
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options([_option(row_id, prompt) for row_id, prompt in rows])
            if current is None or not self.select_id(current):
                self.highlighted = 0 if rows else None
        shown = len(rows) if matching is None else matching
        title = f"{self.title} {shown}" if total in (None, shown) else f"{self.title} {shown}/{total}"
        if matching is not None and matching > len(rows):
            title += f", first {len(rows)} listed: search or filter to narrow"
        self.border_title = title

    def select_id(self, row_id: str) -> bool:
        """Put the cursor on `row_id` without announcing it; False if it is not listed."""
        try:
            index = self.get_option_index(row_id)
        except Exception:  # OptionDoesNotExist: the row is filtered out
            return False
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index
        return True


def _option(row_id: str, prompt: Content):  # type: ignore[no-untyped-def]
    from textual.widgets.option_list import Option

    return Option(prompt, id=row_id)


class SearchBox(Input):
    """The search field. `down` moves into the results; `escape` clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "results", "Results", show=False, id="search.results", tooltip="Move into the search results"),
        Binding("escape", "clear", "Clear search", id="search.clear", tooltip="Clear the search and close results"),
    ]

    class Cleared(Message):
        """The user cleared the search."""

    class EnterResults(Message):
        """The user wants to move from the field into the results."""

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    def action_results(self) -> None:
        self.post_message(self.EnterResults())


class FilterBar(Static):
    """Says what the lists are filtered to; hidden when nothing is."""

    text: reactive[str] = reactive("", layout=True)

    def watch_text(self, text: str) -> None:
        self.display = bool(text)
        self.update(Content.assemble(("Filter: ", "bold"), text, ("   escape clears", "dim")))


@dataclass(frozen=True)
class Highlight:
    source: Source
    evidence: Evidence
    position: tuple[int, int]  # which evidence of how many


class SourceView(VerticalScroll):
    """The article, one paragraph per line of the seed, the evidence span highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="source.down", tooltip="Scroll the article down"),
        Binding("k", "scroll_up", "Up", show=False, id="source.up", tooltip="Scroll the article up"),
        Binding("g", "scroll_home", "Top", show=False, id="source.top", tooltip="Top of the article"),
        Binding("G", "scroll_end", "Bottom", show=False, id="source.bottom", tooltip="End of the article"),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, can_focus=True)
        self.border_title = "Source"
        self._shown_source: str | None = None
        self._paragraphs: list[tuple[int, int, Static]] = []
        self._current: Static | None = None

    def show(self, highlight: Highlight | None) -> None:
        if highlight is None:
            self.border_title = "Source"
            self.border_subtitle = ""
            self._clear()
            return
        source = highlight.source
        self.border_title = source_header(source, highlight.evidence, highlight.position)
        if self._shown_source != source.id:
            self._load_article(source)
        self._highlight(source, highlight.evidence)

    def _clear(self) -> None:
        self.remove_children()
        self._paragraphs = []
        self._shown_source = None
        self._current = None
        self.mount(
            Static(Content("Select a statement, a person or a country to see its source sentence."), classes="hint")
        )

    def _load_article(self, source: Source) -> None:
        self.remove_children()
        self._paragraphs = []
        offset = 0
        widgets = []
        for line in source.text.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            widget = Static(Content(line), classes="paragraph")
            self._paragraphs.append((start, end, widget))
            widgets.append(widget)
        self.mount_all(widgets)
        self._shown_source = source.id
        self._current = None

    def _highlight(self, source: Source, evidence: Evidence) -> None:
        if self._current is not None:
            self._reset(self._current)
        target: Static | None = None
        for start, end, widget in self._paragraphs:
            if end < evidence.start or start > evidence.end:
                continue
            lo, hi = max(evidence.start, start) - start, min(evidence.end, end) - start
            text = source.text[start:end]
            widget.update(Content(text).stylize(EVIDENCE, lo, hi))
            widget.add_class("-current")
            target = target or widget
        self._current = target
        if target is not None:
            self.call_after_refresh(self.scroll_to_center, target, animate=False)

    def _reset(self, widget: Static) -> None:
        for start, end, candidate in self._paragraphs:
            if candidate is widget or candidate.has_class("-current"):
                candidate.update(Content(self._text_of(start, end)))
                candidate.remove_class("-current")

    def _text_of(self, start: int, end: int) -> str:
        return self._article_text[start:end] if self._article_text else ""

    @property
    def _article_text(self) -> str:
        app = self.app
        base = getattr(app, "base", None)
        if base is None or self._shown_source is None:
            return ""
        source = base.sources.get(self._shown_source)
        return source.text if source else ""


class DetailView(VerticalScroll):
    """Kind, speaker, date, text, gloss and evidence of the current record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="detail.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="detail.up", tooltip="Scroll up"),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, can_focus=False)
        self.border_title = "Detail"

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Content("Nothing selected."), id="detail-text")
        yield NavList("Mentioned (enter jumps)", id="links")

    def show(self, content: Content, links: list[tuple[str, Content]], title: str = "Mentioned (enter jumps)") -> None:
        self.query_one("#detail-text", Static).update(content)
        self.set_links(links, title)
        self.scroll_home(animate=False)

    def set_links(self, links: list[tuple[str, Content]], title: str) -> None:
        link_list = self.query_one("#links", NavList)
        link_list.title = title
        link_list.set_rows(links)
        link_list.display = bool(links)
