"""The app's parts of issue 12, kept apart from test_app.py (being reorganised): `y`
sends the CLI's citation and shows it to select; Detail lists related statements; `c`
counts a fact linked `same_fact` across articles as reported by several; the palette
takes a former id."""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets import TextArea

from factbrowser.core.load import load
from factbrowser.core.model import FactBase, Related
from factbrowser.core.resources import shipped_facts
from factbrowser.present import build_citation, citation_text
from factbrowser.tui.app import FactBrowserApp
from factbrowser.tui.citation import CitationScreen
from factbrowser.tui.messages import StatementTarget
from factbrowser.tui.screens.browser import BrowserScreen, Place
from factbrowser.tui.widgets import NavList


@pytest.fixture(scope="module")
def shipped() -> FactBase:
    return load(shipped_facts())


def single_source_pair(base: FactBase) -> tuple[str, str]:
    """Two statements, each from one article, the articles different."""
    singles = [s for s in base.statements.values() if len(s.source_ids) == 1]
    first = singles[0]
    second = next(s for s in singles if s.source_ids != first.source_ids)
    return first.id, second.id


def linked(base: FactBase, a: str, b: str, relation: str = "same_fact") -> FactBase:
    """The base with a and b linked (both ways, as the loader makes it), a renamed from 'old-a'."""
    reverse = {"same_fact": "same_fact", "conflicts": "conflicts", "updates": "updated_by"}[relation]
    statements = dict(base.statements)
    statements[a] = dataclasses.replace(statements[a], related=(Related(b, relation),), former_ids=("old-a",))
    statements[b] = dataclasses.replace(statements[b], related=(Related(a, reverse),))
    return FactBase(base.sources, base.countries, base.people, base.organizations, statements)


def browser(app: FactBrowserApp) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


def statement_ids(app: FactBrowserApp, list_id: str) -> list[str]:
    return [t.id for t in browser(app).query_one(list_id, NavList).targets if isinstance(t, StatementTarget)]


def link_prompt(app: FactBrowserApp, statement_id: str) -> str:
    links = browser(app).query_one("#links", NavList)
    for index, target in enumerate(links.targets):
        if target == StatementTarget(statement_id):
            return str(links.get_option_at_index(index).prompt)
    raise AssertionError(f"no link to {statement_id}")


async def test_y_sends_the_cli_citation_and_shows_it_to_select(shipped: FactBase) -> None:
    several = next(s for s in shipped.statements.values() if len(s.evidence) > 1)
    app = FactBrowserApp(base=shipped)
    async with app.run_test(size=(100, 30)) as pilot:
        browser(app).jump_to(Place("statement", several.id, evidence=1))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        expected = citation_text(build_citation(shipped, several, 1))  # the evidence on screen
        assert app.clipboard == expected
        assert f"Evidence 2 of {len(several.evidence)}" in expected
        assert isinstance(app.screen, CitationScreen)
        area = app.screen.query_one(TextArea)
        assert area.read_only and area.text == expected
        notes = [n.message for n in app._notifications]
        assert "Citation sent to the terminal clipboard." in notes
        assert not any("copied" in note for note in notes)  # OSC 52 cannot tell whether it arrived
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CitationScreen)


async def test_detail_lists_related_statements_and_enter_opens_one(shipped: FactBase) -> None:
    a, b = single_source_pair(shipped)
    base = linked(shipped, a, b, "updates")
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(120, 40)) as pilot:
        browser(app).jump_to(Place("statement", a))
        await pilot.pause()
        links = browser(app).query_one("#links", NavList)
        assert links.targets[-1] == StatementTarget(b)
        assert link_prompt(app, b).startswith(f"updates (later position) → {b} (")
        links.focus()
        links.highlighted = len(links.targets) - 1
        await pilot.press("enter")
        await pilot.pause()
        place = browser(app).place
        assert place is not None and place.id == b
        assert link_prompt(app, a).startswith(f"updated by (later position) → {a} (")


async def test_c_counts_a_same_fact_link_across_articles_as_corroborated(shipped: FactBase) -> None:
    a, b = single_source_pair(shipped)
    app = FactBrowserApp(base=linked(shipped, a, b))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert browser(app).sources_filter == "corroborated"
        shown = statement_ids(app, "#statements")
        assert a in shown and b in shown
        await pilot.press("c")
        await pilot.pause()
        assert browser(app).sources_filter == "single"
        assert a not in statement_ids(app, "#statements")
    # A conflict is not corroboration.
    app = FactBrowserApp(base=linked(shipped, a, b, "conflicts"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert a not in statement_ids(app, "#statements")


async def test_the_palette_takes_a_former_id_and_says_what_it_became(shipped: FactBase) -> None:
    from factbrowser.tui.palette import _renamed_hit

    a, b = single_source_pair(shipped)
    app = FactBrowserApp(base=linked(shipped, a, b))
    async with app.run_test(size=(100, 30)) as pilot:
        hit = _renamed_hit(browser(app), "old-a")
        assert hit is not None and hit.text == f"'old-a' is a former id: that record is now {a!r}"
        assert _renamed_hit(browser(app), a) is None
        hit.command()
        await pilot.pause()
        place = browser(app).place
        assert place is not None and place.id == a
