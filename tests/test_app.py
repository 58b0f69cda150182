"""The app driven as a user drives it: Pilot for behaviour, SVG snapshots for looks."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts
from factbrowser.tui.app import FactBrowserApp, help_sections
from factbrowser.tui.messages import EntityTarget, ResultTarget, StatementTarget
from factbrowser.tui.screens.browser import Place
from factbrowser.tui.screens.help import HelpScreen
from factbrowser.tui.widgets import NavList, SearchBox, SourceView


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(shipped_facts())


def make_app(base: FactBase) -> FactBrowserApp:
    return FactBrowserApp(base=base)


def ids(app: FactBrowserApp, list_id: str) -> list[str]:
    view = app.screen.query_one(list_id, NavList)
    return [t.id for t in view.targets if isinstance(t, EntityTarget | StatementTarget)]


def result_ids(app: FactBrowserApp) -> list[str]:
    view = app.screen.query_one("#results", NavList)
    return [f"{t.result.type}:{t.result.id}" for t in view.targets if isinstance(t, ResultTarget)]


def current_paragraph(app: FactBrowserApp) -> str:
    view = app.screen.query_one("#source", SourceView)
    (current,) = [w for w in view.query(".paragraph") if w.has_class("-current")]
    assert isinstance(current, Static)
    return str(current.render())


async def type_query(pilot: Any, text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_starts_with_all_records(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(ids(app, "#countries")) == len(base.countries)
        assert len(ids(app, "#statements")) == len(base.statements)
        assert app.screen.query_one("#statements", NavList).border_title == f"Statements {len(base.statements)}"
        assert app.focused is app.screen.query_one("#statements")


async def test_loading_in_a_worker_from_a_path() -> None:
    app = FactBrowserApp(shipped_facts(), use_cache=False)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.base is not None and app.index is not None
        assert not app.screen.query_one("#loading").display


async def test_country_filters_people_and_statements(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        countries = app.screen.query_one("#countries", NavList)
        countries.focus()
        countries.select(EntityTarget("DE"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.country_filter == "DE"
        statements = ids(app, "#statements")
        assert statements and all("DE" in base.statements[s].mentioned for s in statements)
        assert len(statements) < len(base.statements)
        assert "merz" in ids(app, "#people")
        assert "Deutschland" in str(app.screen.query_one("#filter").render())
        # person within the country narrows statements further
        people = app.screen.query_one("#people", NavList)
        people.select(EntityTarget("merz"))
        await pilot.press("enter")
        await pilot.pause()
        narrowed = ids(app, "#statements")
        assert narrowed and all("merz" in base.statements[s].mentioned for s in narrowed)
        assert app.focused is app.screen.query_one("#statements")
        # enter on a statement shows its sentence highlighted in the article
        await pilot.press("enter")
        await pilot.pause()
        statement = base.statements[app.browser.place.id]  # type: ignore[union-attr]
        assert statement.evidence[0].sentence[:40] in current_paragraph(app)
        # escape clears the filter
        await pilot.press("escape")
        await pilot.pause()
        assert app.browser.country_filter is None and app.browser.person_filter is None
        assert len(ids(app, "#statements")) == len(base.statements)


async def test_vim_keys_move_in_lists(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one("#statements", NavList)
        await pilot.press("j", "j")
        assert view.highlighted == 2
        await pilot.press("k")
        assert view.highlighted == 1
        await pilot.press("G")
        assert view.highlighted == view.option_count - 1
        await pilot.press("g")
        assert view.highlighted == 0


async def test_tab_cycles_panes(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = set()
        for _ in range(10):  # search, three lists, Detail, its links, Source
            await pilot.press("tab")
            seen.add(app.focused.id if app.focused else None)
        assert {"countries", "people", "statements"} <= seen


async def test_search_jumps_to_person_and_shows_sentence(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_query(pilot, "zelensky")
        results = app.screen.query_one("#results", NavList)
        assert results.display
        assert result_ids(app)[0] == "person:selenskyj"
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.place == Place("entity", "selenskyj")
        assert not results.display
        people = app.screen.query_one("#people", NavList)
        assert people.target == EntityTarget("selenskyj")
        assert "Selenskyj" in current_paragraph(app)


async def test_search_result_statement_via_arrow_keys(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_query(pilot, "Kapitulation")
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#results")
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.place is not None and app.browser.place.kind == "statement"
        assert "Kapitulation" in current_paragraph(app)


async def test_a_near_miss_says_which_word_it_lacks(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_query(pilot, "Poland xyzabc soldiers")  # no text says "xyzabc"
        results = app.screen.query_one("#results", NavList)
        first = results.get_option_at_index(0)
        assert result_ids(app)[0] == "statement:sep-refusal-pl-soldaten"
        assert str(first.prompt).split()[:3] == ["STMT", "without", "xyzabc:"]


async def test_a_synonym_match_says_which_word_stood_in(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_query(pilot, "Poland refuses soldiers")  # the text says "rejected"
        results = app.screen.query_one("#results", NavList)
        first = results.get_option_at_index(0)
        assert result_ids(app)[0] == "statement:sep-refusal-pl-soldaten"
        assert str(first.prompt).split()[:3] == ["STMT", "≈", "rejected:"]


async def test_escape_clears_search_first(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_query(pilot, "merz")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#search", SearchBox).value == ""
        assert not app.screen.query_one("#results").display


async def test_evidence_cycling_and_copy(base: FactBase) -> None:
    corroborated = next(s for s in base.statements.values() if len(s.source_ids) > 1)
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        app.browser.jump_to(Place("statement", corroborated.id))
        await pilot.pause()
        first = app.screen.query_one("#source", SourceView).border_title
        await pilot.press("n")
        await pilot.pause()
        assert app.browser.place is not None and app.browser.place.evidence == 1
        assert str(app.screen.query_one("#source", SourceView).border_title) != str(first)
        assert f"evidence 2/{len(corroborated.evidence)}" in str(
            app.screen.query_one("#source", SourceView).border_title
        )
        await pilot.press("N")
        await pilot.pause()
        assert app.browser.place.evidence == 0
        await pilot.press("right_square_bracket")
        assert app.browser.place.evidence == 1
        await pilot.press("y")
        assert app.clipboard.endswith(f"„{corroborated.evidence[1].sentence}“")
        assert corroborated.text in app.clipboard


async def test_detail_links_jump_and_history(base: FactBase) -> None:
    statement = (
        base.statements["sep-quote-sacharowa-intervention"]
        if "sep-quote-sacharowa-intervention" in base.statements
        else next(s for s in base.statements.values() if s.kind == "quote" and s.speaker)
    )
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        app.browser.jump_to(Place("statement", statement.id))
        await pilot.pause()
        links = app.screen.query_one("#links", NavList)
        assert ids(app, "#links")[0] == statement.speaker
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.place == Place("entity", statement.speaker)
        await pilot.press("backspace")
        await pilot.pause()
        assert app.browser.place is not None and app.browser.place.id == statement.id
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.browser.place.id == statement.speaker


async def test_going_back_restores_every_filter_of_that_place(base: FactBase) -> None:
    corroborated = next(s for s in base.statements.values() if len(s.source_ids) > 1 and s.speaker)
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")  # corroborated statements only
        await pilot.pause()
        assert app.browser.sources_filter == "corroborated"
        app.browser.jump_to(Place("statement", corroborated.id))
        await pilot.pause()
        app.browser.jump_to(Place("entity", corroborated.speaker))  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("c")  # single-source only: the statement is no longer listed
        await pilot.pause()
        assert corroborated.id not in ids(app, "#statements")
        await pilot.press("backspace")
        await pilot.pause()
        assert app.browser.place is not None and app.browser.place.id == corroborated.id
        assert app.browser.sources_filter == "corroborated"
        statements = app.screen.query_one("#statements", NavList)
        assert statements.target == StatementTarget(corroborated.id)
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.browser.place.id == corroborated.speaker and app.browser.sources_filter == "single"


async def test_help_screen_lists_every_binding(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())  # wrapped lines joined
        for _section, bindings in help_sections():
            for binding in bindings:
                assert binding.tooltip and binding.id  # type: ignore[union-attr]
                if binding.id != "app.quit_ctrl_c":  # type: ignore[union-attr]
                    assert binding.tooltip in text, binding  # type: ignore[union-attr]
        for needed in ("Copy the statement with its source", "Go back", "Move down", "next mention"):
            assert needed in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_finds_facts(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Stramer")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.place == Place("entity", "starmer")


async def test_quit_keys(base: FactBase) -> None:
    for key in ("q", "ctrl+q"):
        app = make_app(base)
        async with app.run_test() as pilot:
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code == 0


async def test_survives_resize(base: FactBase) -> None:
    app = make_app(base)
    async with app.run_test(size=(80, 24)) as pilot:
        for size in ((20, 10), (60, 20), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.screen.has_class("-normal")


HOSTILE_NAMES = ["Ministry [/foo]", "[Reuters] agency", "[bold]x", "evil \x1b]0;pwned\x07 name", "trailing\\"]


def hostile_base(tmp_path: Path) -> FactBase:
    """A valid fact file whose names and texts are hostile."""
    from conftest import MINIMAL

    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    import shutil

    from conftest import SEED_000

    shutil.copy(SEED_000, tmp_path / "seeds")
    text = (
        MINIMAL.replace('name_en: "France"', 'name_en: "Ministry [/foo]"')
        .replace('aliases: ["Frankreichs"]', 'aliases: ["[Reuters] agency", "[$accent]"]')
        .replace('text_en: "Macron therefore plans"', 'text_en: "[bold]x \\e]0;pwned\\a [USD] trailing\\\\"')
        .replace(
            'role_en: "President of France"', 'role_en: "[link=file:///etc/passwd]click[/link] [@click=app.quit]q"'
        )
    )
    path = tmp_path / "data" / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path)


async def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    hostile = hostile_base(tmp_path)
    app = FactBrowserApp(base=hostile)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        country_row = str(app.screen.query_one("#countries", NavList).options[0].prompt)
        assert "Ministry [/foo]" in country_row
        statement_detail = app.screen.query_one("#statements", NavList)
        statement_detail.highlighted = 0
        await pilot.pause()
        detail = str(app.screen.query_one("#detail-text", Static).render())
        assert "[bold]x" in detail and "[USD]" in detail and "trailing\\" in detail
        assert "\x1b" not in detail and "\x07" not in detail
        await type_query(pilot, "reuters")
        assert "[Reuters] agency" in str(app.screen.query_one("#results", NavList).options[0].prompt)
        app.browser.jump_to(Place("entity", "macron"))
        await pilot.pause()
        assert "[link=file:///etc/passwd]click[/link] [@click=app.quit]q" in str(
            app.screen.query_one("#detail-text", Static).render()
        )


# -- snapshots ----------------------------------------------------------------------------


def _freeze(pilot: Any) -> None:
    pilot.app.screen.query_one("#search", SearchBox).cursor_blink = False


def test_snapshot_main_screen(snap_compare: Any, base: FactBase) -> None:
    async def run_before(pilot: Any) -> None:
        _freeze(pilot)
        await pilot.pause()

    assert snap_compare(make_app(base), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_selected_statement(snap_compare: Any, base: FactBase) -> None:
    async def run_before(pilot: Any) -> None:
        _freeze(pilot)
        await pilot.pause()
        pilot.app.browser.jump_to(Place("statement", next(iter(base.statements))))
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()

    assert snap_compare(make_app(base), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_search_results(snap_compare: Any, base: FactBase) -> None:
    async def run_before(pilot: Any) -> None:
        _freeze(pilot)
        await type_query(pilot, "Grossbritannien")

    assert snap_compare(make_app(base), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_help(snap_compare: Any, base: FactBase) -> None:
    async def run_before(pilot: Any) -> None:
        _freeze(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(base), terminal_size=(100, 40), run_before=run_before)


def test_snapshot_small_terminal(snap_compare: Any, base: FactBase) -> None:
    async def run_before(pilot: Any) -> None:
        _freeze(pilot)
        await pilot.pause()

    assert snap_compare(make_app(base), terminal_size=(60, 20), run_before=run_before)


# Issue 16 point 14: characters a terminal draws otherwise than Rich measures them.
INVISIBLE_NAME = (
    "Fr\u00adan\u034fk\u3164re\u2800ich \u0600x \u180by\ufe0f \U0001bca0z \u115f\u1160 👨\u200d👩\u200d👧 é"
)


# Drawn as nothing, or as a blank, though their category would keep them.
NOT_DRAWN = frozenset(map(chr, (0x034F, 0x115F, 0x1160, 0x180B, 0x2800, 0x3164, 0xFFA0, 0x1BCA0)))


def _drawn_wrongly(line: str) -> list[str]:
    """Characters of a screen line that a terminal does not draw as Rich counts them."""
    wrong = []
    for at, char in enumerate(line):
        between = line[at - 1 : at] + line[at + 1 : at + 2]
        if char == "\u200d" and len(between) == 2 and all(unicodedata.category(c) == "So" for c in between):
            continue  # a joiner inside an emoji sequence: one cluster
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or char in NOT_DRAWN:
            wrong.append(f"U+{ord(char):04X}")
    return wrong


async def test_every_row_keeps_its_width_with_invisible_characters(tmp_path: Path) -> None:
    from conftest import MINIMAL, SEED_000

    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_000, tmp_path / "seeds")
    text = MINIMAL.replace('name_en: "France"', f'name_en: "{INVISIBLE_NAME}"').replace(
        'text_en: "Macron therefore plans"', f'text_en: "{INVISIBLE_NAME} plans"'
    )
    path = tmp_path / "data" / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    app = FactBrowserApp(base=load(path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#statements", NavList).highlighted = 0
        await pilot.pause()
        # What the terminal would be sent, row by row (the compositor has no public accessor).
        strips = app.screen._compositor.render_strips()
        assert any("👨\u200d👩\u200d👧" in strip.text for strip in strips)  # the cluster is shown whole
        for row, strip in enumerate(strips):
            assert strip.cell_length == 100, row
            assert _drawn_wrongly(strip.text) == [], (row, strip.text)
