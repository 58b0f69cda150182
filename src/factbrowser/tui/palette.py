"""Command palette provider: the fact search engine behind ctrl+p.

Textual's own fuzzy matcher is too slow on sentences and parses markup when it
highlights, so hits come from `SearchIndex` and their highlights are built here.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from factbrowser.tui import render


class FactProvider(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        index = getattr(app, "index", None)
        if index is None or not query.strip():
            return
        renamed = _renamed_hit(app, query.strip())
        if renamed is not None:
            yield renamed
        for result in index.search(query, limit=20):
            yield Hit(
                score=min(result.score / 100.0, 1.0),
                match_display=render.search_row(result),
                command=partial(app.open_search_result, result),  # type: ignore[attr-defined]
                text=result.label,
                help=f"{result.type} · {result.id} · matched {result.matched_field}",
            )

    async def discover(self) -> Hits:
        app = self.app
        for title, action, help_text in (
            ("Help: show every key", "help", "Open the help screen"),
            ("Search: focus the search box", "focus_search", "Type names, countries or phrases"),
            ("Filter: clear", "clear", "Show all people and statements"),
        ):
            yield DiscoveryHit(title, partial(app.run_action, action), help=help_text)


def _renamed_hit(app: object, query: str) -> Hit | None:
    """A former statement id typed in the palette: say which record it became, and open it."""
    base = getattr(app, "base", None)
    current = base.renamed(query) if base is not None else None
    if current is None or current not in base.statements:  # type: ignore[union-attr]
        return None
    from factbrowser.present import renamed_note
    from factbrowser.tui.app import Place  # the app imports this module: import on use

    note = renamed_note(query, current)
    return Hit(
        score=1.0,
        match_display=Content(note),
        command=partial(app.jump_to, Place("statement", current)),  # type: ignore[attr-defined]
        text=note,
        help=f"statement · {current} · former id {query}",
    )
