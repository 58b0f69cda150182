"""present.py: one definition of what the CLI and the app both show, so they cannot disagree."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from factbrowser import present
from factbrowser.cli import console as cli_console
from factbrowser.cli import reports, search_command
from factbrowser.core.analysis import commitments_matrix
from factbrowser.core.mentions import find_mentions
from factbrowser.core.model import STATEMENT_KINDS, FactBase, Source
from factbrowser.core.problems import FactBaseInvalid, FactBaseUnreadable
from factbrowser.present import (
    HIGHLIGHT,
    KIND_WIDTH,
    build_citation,
    flat,
    highlight_segments,
    kind_label,
    published_label,
    source_label,
    source_place,
)
from factbrowser.search import SearchIndex
from factbrowser.tui import render
from factbrowser.tui.app import FactBrowserApp
from factbrowser.tui.screens import matrix as matrix_screen
from factbrowser.tui.screens.common import statement_line
from factbrowser.tui.screens.matrix import MatrixScreen


def _spans(rendered: object) -> list[tuple[int, int, str]]:
    """The styled spans of a Rich Text or a Textual Content, comparable across the two."""
    return sorted((span.start, span.end, str(span.style)) for span in rendered.spans if str(span.style))  # type: ignore[attr-defined]


# -- one line and highlights ----------------------------------------------------------


def test_flat_keeps_offsets() -> None:
    text = "eins\nzwei\tdrei"
    assert flat(text) == "eins zwei drei"
    assert len(flat(text)) == len(text)


def test_highlight_segments_merge_overlaps_and_cut_at_the_end() -> None:
    assert highlight_segments("abcdef", [(3, 5), (0, 2), (1, 3), (5, 99)]) == [("abcdef", HIGHLIGHT)]
    assert highlight_segments("a\nbcdef", [(2, 3), (4, 4)]) == [("a ", ""), ("b", HIGHLIGHT), ("cdef", "")]
    assert highlight_segments("abc", []) == [("abc", "")]
    assert highlight_segments("", [(0, 3)]) == [("", "")]
    assert "".join(text for text, _ in highlight_segments("x\ty z", [(2, 3)])) == "x y z"


def test_cli_and_app_highlight_a_search_result_alike(shipped_base: FactBase) -> None:
    index = SearchIndex.build(shipped_base)
    results = index.search("Merz Bodentruppen", limit=20) + index.search("Deutschlnd", limit=5)
    assert results
    for result in results:
        cli = search_command._flat(result.label, result.highlights)
        app = render.highlighted(result.label, result.highlights)
        assert cli.plain == app.plain == flat(result.label)
        assert _spans(cli) == _spans(app)
        assert all(style == HIGHLIGHT for _, _, style in _spans(app))


def test_cli_and_app_highlight_a_mention_alike(shipped_base: FactBase) -> None:
    mentions = find_mentions(shipped_base, "merz")[:20]
    assert mentions
    for mention in mentions:
        cli = reports._sentence_text(mention.sentence, mention.start, mention.matches)
        app = render.mention_row(shipped_base, mention)
        prefix = f"{mention.source} "
        assert app.plain == prefix + cli.plain
        app_spans = [(s - len(prefix), e - len(prefix), style) for s, e, style in _spans(app) if style == HIGHLIGHT]
        assert _spans(cli) == app_spans
        assert app_spans  # the naming words are highlighted


# -- sources --------------------------------------------------------------------------

SOURCE = Source("a1", "004_e019e95fd15aed90.txt", "0" * 64, "Die Zeit", "2025-09-04", "stated", None)


def test_published_label_says_inferred_and_undated() -> None:
    assert published_label(SOURCE) == "2025-09-04"
    assert published_label(replace(SOURCE, published_basis="inferred")) == "2025-09-04 (inferred)"
    assert published_label(replace(SOURCE, published=None)) == "undated"


def test_every_source_date_is_the_same_label(shipped_base: FactBase) -> None:
    """The source label (CLI: search, show, mentions, timeline), the app's Source title and
    the citation say an article's date the same way."""
    for source in (SOURCE, replace(SOURCE, published_basis="inferred"), replace(SOURCE, published=None, outlet=None)):
        date = published_label(source)
        assert source.label.endswith(f" · {date}")
        assert f" · {date} · " in render.source_header(source, None, None).plain
    for statement in list(shipped_base.statements.values())[:40]:
        citation = build_citation(shipped_base, statement, None)
        for item in citation.evidence:
            assert item.published_label == published_label(shipped_base.sources[item.source])


def test_cli_and_app_name_an_evidence_sentence_alike(shipped_base: FactBase) -> None:
    """The app's statement detail and the CLI's search cell say "label [start:end]" alike."""
    index = SearchIndex.build(shipped_base)
    results = [r for r in index.search("Bodentruppen", limit=20, types=["statement"]) if r.source is not None]
    assert results
    for result in results:
        assert result.source is not None
        place = source_place(shipped_base, result.source.id, result.source.start, result.source.end)
        assert place in search_command._cell(shipped_base, result).plain
        statement = shipped_base.statements[result.id]
        assert place in render.statement_detail(shipped_base, statement).plain
    assert source_label(shipped_base, "no-such-article") == "no-such-article"


# -- statements -----------------------------------------------------------------------


def test_kind_labels_fit_their_column() -> None:
    for kind in STATEMENT_KINDS:
        assert 0 < len(kind_label(kind)) <= KIND_WIDTH


def test_cli_timeline_and_app_statement_line_agree(shipped_base: FactBase) -> None:
    """The same line in both, but for the speaker: the app's list cuts it at 18 characters."""
    statements = sorted(shipped_base.statements.values(), key=lambda s: s.id)
    compared = 0
    for statement in statements:
        cli = reports._statement_line(shipped_base, statement).plain
        app = statement_line(shipped_base, statement).plain
        speaker = shipped_base.label(statement.speaker) if statement.speaker else "—"
        assert kind_label(statement.kind) in app.split()
        if len(speaker) <= 18:
            assert cli == app
            compared += 1
        else:
            assert cli.replace(f"{speaker}: ", f"{speaker[:18]}: ", 1) == app
    assert compared > 10


def test_an_undated_statement_says_undated_in_both(shipped_base: FactBase) -> None:
    statement = replace(next(iter(shipped_base.statements.values())), date=None, date_basis="stated")
    assert reports._statement_line(shipped_base, statement).plain.startswith("undated ")
    assert statement_line(shipped_base, statement).plain.startswith("undated ")


# -- marks, kinds, exit codes ----------------------------------------------------------


def test_one_mark_style() -> None:
    assert reports.MARK_STYLE is present.MARK_STYLE is matrix_screen.MARK_STYLE
    assert present.MARK_STYLE["?"] == "bold yellow"


def test_the_cli_matrix_colours_undecided_as_the_app(shipped_base: FactBase, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    out = Console(file=buffer, force_terminal=True, color_system="standard", width=200, markup=False, highlight=False)
    monkeypatch.setattr(reports, "console", lambda: out)

    class Args:
        json, period, sort = False, None, "country"

    reports.run_matrix(Args(), shipped_base)  # type: ignore[arg-type]
    text = buffer.getvalue()
    assert any(cell.mark == "?" for row in commitments_matrix(shipped_base).rows.values() for cell in row.values())
    assert "\x1b[1;33m?" in text  # bold yellow, as the app's matrix
    assert "\x1b[33m?" not in text  # plain yellow, as the CLI had it


def test_exit_codes_are_named_once() -> None:
    assert cli_console.EXIT_OK is present.EXIT_OK
    assert (cli_console.EXIT_INVALID, cli_console.EXIT_USAGE, cli_console.EXIT_WRITE) == (1, 2, 3)
    assert cli_console.EXIT_INTERRUPTED == present.EXIT_INTERRUPTED == 130
    assert cli_console.EXIT_BROKEN_PIPE == present.EXIT_BROKEN_PIPE == 141
    # core.problems cannot import present.py: its two codes must agree with it.
    assert FactBaseInvalid.exit_code == present.EXIT_INVALID
    assert FactBaseUnreadable.exit_code == present.EXIT_USAGE


# -- matrix order ---------------------------------------------------------------------


async def test_cli_and_app_matrix_rows_in_one_order(shipped_base: FactBase) -> None:
    """Both take the order from analysis (folded labels: Dänemark before Deutschland,
    Österreich among the Os); the app no longer sorts again by its own key."""
    expected = list(commitments_matrix(shipped_base).rows)
    app = FactBrowserApp(base=shipped_base)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        table = screen.query_one("#matrix", matrix_screen.MatrixTable)
        assert [str(row.key.value) for row in table.ordered_rows] == expected
