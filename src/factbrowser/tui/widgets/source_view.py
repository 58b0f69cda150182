"""The article, one paragraph per line of the seed, the evidence span highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from factbrowser.core.model import Evidence, Source
from factbrowser.tui.render import EVIDENCE, source_header
from factbrowser.tui.widgets.scroll_pane import ScrollPane


@dataclass(frozen=True)
class Highlight:
    """What the view shows: an article, the sentence to highlight, which of how many."""

    source: Source
    evidence: Evidence
    position: tuple[int, int]
    what: str = "evidence"  # or "mention": what `position` counts


class SourceView(ScrollPane):
    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, can_focus=True)
        self.border_title = "Source"
        self._source: Source | None = None
        self._paragraphs: list[tuple[int, int, Static]] = []
        self._current: Static | None = None
        self.highlight: Highlight | None = None

    def show(self, highlight: Highlight | None) -> None:
        self.highlight = highlight
        if highlight is None:
            self.border_title = "Source"
            self._clear()
            return
        source = highlight.source
        self.border_title = source_header(source, highlight.evidence, highlight.position, highlight.what)
        if self._source is None or self._source.id != source.id:
            self._load_article(source)
        self._highlight(highlight.evidence)

    def _clear(self) -> None:
        self.remove_children()
        self._paragraphs = []
        self._source = None
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
        self._source = source
        self._current = None

    def _highlight(self, evidence: Evidence) -> None:
        assert self._source is not None
        text = self._source.text
        for start, end, widget in self._paragraphs:
            if widget.has_class("-current"):
                widget.update(Content(text[start:end]))
                widget.remove_class("-current")
        target: Static | None = None
        for start, end, widget in self._paragraphs:
            if end < evidence.start or start > evidence.end:
                continue
            lo, hi = max(evidence.start, start) - start, min(evidence.end, end) - start
            widget.update(Content(text[start:end]).stylize(EVIDENCE, lo, hi))
            widget.add_class("-current")
            target = target or widget
        self._current = target
        self.call_after_refresh(self.center_current)

    def center_current(self) -> None:
        """Bring the highlighted sentence into view (again: after any change of size)."""
        if self._current is not None and self._current.is_attached:
            self.scroll_to_center(self._current, animate=False, immediate=True)

    def on_resize(self) -> None:
        # Focus moving between panes resizes this one on a small terminal: keep the sentence.
        self.call_after_refresh(self.center_current)
