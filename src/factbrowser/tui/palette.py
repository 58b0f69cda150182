"""Command palette provider: the fact search engine behind ctrl+p.

Textual's own fuzzy matcher is too slow on sentences and parses markup when it
highlights, so hits come from `SearchIndex` and their highlights are built here. A hit
posts `Open` to the screen the palette was opened over, as a row of a list would.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from factbrowser.tui import render
from factbrowser.tui.messages import Open, ResultTarget, StatementTarget

if TYPE_CHECKING:
    from factbrowser.search import SearchIndex


@runtime_checkable
class Searchable(Protocol):
    """A screen with a search index (the browser, once the base is in)."""

    index: SearchIndex | None


class FactProvider(Provider):
    async def search(self, query: str) -> Hits:
        screen = self.screen
        index = screen.index if isinstance(screen, Searchable) else None
        if index is None or not query.strip():
            return
        renamed = _renamed_hit(screen, query.strip())
        if renamed is not None:
            yield renamed
        for result in index.search(query, limit=20):
            yield Hit(
                score=min(result.score / 100.0, 1.0),
                match_display=render.search_row(result),
                command=partial(screen.post_message, Open(ResultTarget(result))),
                text=result.label,
                help=f"{result.type} · {result.id} · matched {result.matched_field}",
            )

    async def discover(self) -> Hits:
        screen = self.screen
        for title, action, help_text in (
            ("Help: show every key", "app.help", "Open the help screen"),
            ("Search: focus the search box", "focus_search", "Type names, countries or phrases"),
            ("Filter: clear", "clear", "Show all people and statements"),
        ):
            yield DiscoveryHit(title, partial(screen.run_action, action), help=help_text)


def _renamed_hit(screen: object, query: str) -> Hit | None:
    """A former statement id typed in the palette: say which record it became, and open it."""
    index = screen.index if isinstance(screen, Searchable) else None
    base = index.base if index is not None else None
    current = base.renamed(query) if base is not None else None
    if base is None or current is None or current not in base.statements:
        return None
    from factbrowser.present import renamed_note

    note = renamed_note(query, current)
    return Hit(
        score=1.0,
        match_display=Content(note),
        command=partial(screen.post_message, Open(StatementTarget(current))),  # type: ignore[attr-defined]
        text=note,
        help=f"statement · {current} · former id {query}",
    )
