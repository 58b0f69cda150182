"""`factbrowser search`: the search engine's results as a Rich table or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from factbrowser.cli.console import EXIT_OK, console, print_json, progress_line
from factbrowser.core.model import FactBase
from factbrowser.present import DIM, ITALIC, highlight_segments, match_notes, note_text, one_line, source_place

if TYPE_CHECKING:
    from rich.text import Text

    from factbrowser.search import Result

# Rich is imported only for text output; the index comes from the load cache when it
# can (`session.open_session`).


def _flat(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """One line of `text` with its highlights (present.highlight_segments, as the app's rows)."""
    from rich.text import Text

    return Text.assemble(*highlight_segments(text, spans))


def _cell(base: FactBase, result: Result) -> Text:
    out = _flat(result.label, result.highlights)
    out.append(f"\n{result.id}", style=DIM)
    if result.matched_field not in ("name", "text", "text_en") and result.matched_text != result.label:
        out.append("\n")
        out.append(f"{result.matched_field}: ", style=DIM)
        out.append_text(_flat(result.matched_text, result.matched_highlights))
    for kind, words in match_notes(result):
        out.append(f"\n{note_text(kind, words)}", style=DIM)
    if result.source is not None:
        out.append("\n")
        out.append(f"{source_place(base, result.source.id, result.source.start, result.source.end)} ", style=DIM)
        out.append(one_line(result.source.sentence), style=ITALIC)
    return out


def search(args: argparse.Namespace) -> int:
    """`factbrowser search`: the base named by --data (or the shipped one) and its index,
    from the load cache where it can."""
    if not args.query.strip():
        from factbrowser.core.problems import UsageError

        raise UsageError("the query is empty; give a word to look for, e.g. `factbrowser search Merz`")
    from factbrowser.core.resources import shipped_facts
    from factbrowser.core.store import StoreError
    from factbrowser.session import open_session

    path, use_cache = args.data or shipped_facts(), not args.no_cache
    types = [args.type] if args.type else None
    try:  # the base's records read from its store as the results need them
        session = open_session(path, use_cache=use_cache, lazy=True, progress=progress_line)
        results = session.index.search(args.query, limit=args.limit, types=types)
    except StoreError:  # a record of the store failed its check meanwhile: read it whole
        session = open_session(path, use_cache=use_cache)
        results = session.index.search(args.query, limit=args.limit, types=types)
    base = session.base
    if args.json:
        print_json([r.to_json() for r in results])
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not results:
        out.print(Text(f"No results for {args.query!r}."))
        return EXIT_OK
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("match", overflow="fold", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    for number, result in enumerate(results, 1):
        table.add_row(Text(str(number)), Text(result.type), _cell(base, result), Text(f"{result.score:.0f}"))
    out.print(table)
    return EXIT_OK
