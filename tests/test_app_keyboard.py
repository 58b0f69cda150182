"""The keyboard flow of issue 13, one test per point, driven as a fast user drives it:
keys typed before the base is in, and bursts of keys sent without waiting between them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.content import Content
from textual.widgets import DataTable, Static

from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts
from factbrowser.tui.app import FactBrowserApp, help_sections
from factbrowser.tui.messages import EntityTarget, Heading, MentionTarget, ResultTarget, StatementTarget
from factbrowser.tui.screens.browser import BrowserScreen, Place
from factbrowser.tui.screens.help import HelpScreen
from factbrowser.tui.screens.matrix import MatrixScreen
from factbrowser.tui.screens.timeline import TimelineScreen
from factbrowser.tui.widgets import DetailView, NavList, ScrollPane, SearchBox, SourceView


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(shipped_facts())


def burst(app: FactBrowserApp, *keys: str) -> None:
    """Keys as a terminal sends a held key or fast typing: all queued before any is handled."""
    assert app._driver is not None
    for key in keys:
        character = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def browser(app: FactBrowserApp) -> BrowserScreen:
    return app.browser


def statement_ids(view: NavList) -> list[str]:
    return [t.id for t in view.targets if isinstance(t, StatementTarget)]


# -- 1. type-ahead ----------------------------------------------------------------------------


@pytest.fixture
def slow_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The base loads only when the test says so: keys can be typed 'while loading'."""
    import factbrowser.session as session

    gate = threading.Event()
    real = session.open_session

    def gated(*args: Any, **kwargs: Any) -> Any:
        gate.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "open_session", gated)
    yield gate
    gate.set()


async def test_keys_typed_while_loading_are_replayed_in_order(slow_load: threading.Event) -> None:
    app = FactBrowserApp(shipped_facts(), use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, "slash", *"Macron")
        await pilot.pause()
        assert app.base is None  # still loading
        search = app.screen.query_one("#search", SearchBox)
        assert search.value == ""
        slow_load.set()
        await settle(pilot)
        assert search.value == "Macron"
        assert app.focused is search
        results = app.screen.query_one("#results", NavList)
        assert results.display
        first = results.targets[0]
        assert isinstance(first, ResultTarget) and first.result.id == "macron"


async def test_the_load_does_not_move_the_focus(slow_load: threading.Event) -> None:
    app = FactBrowserApp(shipped_facts(), use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, "shift+tab")  # from Statements back to People
        await pilot.pause()
        slow_load.set()
        await settle(pilot)
        assert app.focused is app.screen.query_one("#people")


@pytest.mark.parametrize("key", ["q", "ctrl+q", "ctrl+c"])
async def test_quit_keys_quit_while_loading(slow_load: threading.Event, key: str) -> None:
    app = FactBrowserApp(shipped_facts(), use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, key)
        await pilot.pause()
        await pilot.pause()
        assert not app.is_running or app._exit_renderables is not None or app.return_code is not None
    assert app.return_code == 0
    slow_load.set()


async def test_q_typed_ahead_after_a_slash_is_a_letter(slow_load: threading.Event) -> None:
    app = FactBrowserApp(shipped_facts(), use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, "slash", *"Iraq")
        await pilot.pause()
        slow_load.set()
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one("#search", SearchBox).value == "Iraq"


# -- 2. one line per key press ----------------------------------------------------------------


async def test_a_burst_of_j_scrolls_the_source_one_line_per_press(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        browser(app).jump_to(Place("statement", next(iter(base.statements))))
        await settle(pilot)
        source = app.screen.query_one("#source", SourceView)
        source.focus()
        source.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert source.max_scroll_y > 25
        burst(app, *"j" * 20)
        await settle(pilot)
        assert source.scroll_y == 20
        burst(app, *"k" * 5)
        await settle(pilot)
        assert source.scroll_y == 15


async def test_a_burst_of_down_scrolls_help_one_line_per_press(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        body = app.screen.query_one("#help-body", ScrollPane)
        assert body.max_scroll_y > 21
        burst(app, *["down"] * 21)
        await settle(pilot)
        assert body.scroll_y == 21


async def test_a_burst_of_j_scrolls_detail_and_moves_matrix_and_timeline(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(60, 20)) as pilot:
        longest = max(base.statements.values(), key=lambda s: len(s.text) + len(s.text_en))
        browser(app).jump_to(Place("statement", longest.id))
        await settle(pilot)
        detail = app.screen.query_one("#detail", DetailView)
        detail.focus()
        await pilot.pause()
        steps = min(5, detail.max_scroll_y)
        assert steps >= 2
        burst(app, *"j" * steps)
        await settle(pilot)
        assert detail.scroll_y == steps
        await pilot.press("m")
        await settle(pilot)
        table = app.screen.query_one("#matrix", DataTable)
        burst(app, *["down"] * 4)
        await settle(pilot)
        assert table.cursor_coordinate.row == 4
        await pilot.press("escape", "t")
        await settle(pilot)
        timeline = app.screen.query_one("#timeline", NavList)
        start = timeline.highlighted or 0
        burst(app, *"j" * 6)
        await settle(pilot)
        moved = timeline.highlighted or 0
        skipped = sum(1 for t in timeline.targets[start : moved + 1] if isinstance(t, Heading))
        assert moved - start - skipped == 6


# -- 3. history ---------------------------------------------------------------------------------


async def test_back_after_opening_two_statements_from_the_list(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        statements = app.screen.query_one("#statements", NavList)
        first, second = statement_ids(statements)[:2]
        await pilot.press("enter")  # open A: focus goes to Source
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to Statements (past links, Detail)
        if app.focused is not statements:
            statements.focus()
        await pilot.press("j", "enter")  # open B
        await pilot.pause()
        assert browser(app).place == Place("statement", second)
        await pilot.press("backspace")
        await pilot.pause()
        assert browser(app).place is not None and browser(app).place.id == first
        assert statements.target == StatementTarget(first)


async def test_forward_restores_source_focus_and_evidence_index(base: FactBase) -> None:
    corroborated = next(s for s in base.statements.values() if len(s.evidence) > 1 and s.speaker)
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        browser(app).jump_to(Place("statement", corroborated.id))
        app.screen.query_one("#source").focus()
        await pilot.pause()
        await pilot.press("n")  # evidence 2
        browser(app).jump_to(Place("entity", corroborated.speaker or ""))
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert browser(app).place == Place("statement", corroborated.id, 1)
        assert app.focused is app.screen.query_one("#source")
        assert f"evidence 2/{len(corroborated.evidence)}" in str(app.screen.query_one("#source").border_title)
        await pilot.press("alt+right")
        await pilot.pause()
        assert browser(app).place == Place("entity", corroborated.speaker or "")


async def test_back_after_opening_from_the_matrix_returns_to_that_cell(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await settle(pilot)
        matrix = app.screen
        assert isinstance(matrix, MatrixScreen)
        table = matrix.query_one("#matrix", DataTable)
        row = list(matrix.matrix.rows).index("IT")
        column = list(matrix.matrix.columns).index("refuses") + 1
        table.move_cursor(row=row, column=column)
        await pilot.pause()
        await pilot.press("enter")  # one statement: opens it; several: into the list, then enter
        await pilot.pause()
        if isinstance(app.screen, MatrixScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert browser(app).place is not None and browser(app).place.kind == "statement"
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one("#matrix", DataTable)
        assert (table.cursor_coordinate.row, table.cursor_coordinate.column) == (row, column)


def test_history_is_bounded_and_one_step_per_place() -> None:
    from factbrowser.tui.history import History

    history: History[int] = History(limit=3)
    for place in (1, 2, 2, 3, 4, 5):
        history.visit(place)
    assert len(history) == 3  # the oldest dropped, and 2 twice is one step
    assert history.back(6) == 5
    assert history.forward(5) == 6
    history.visit(7)
    assert not history.can_go_forward


# -- 4. Detail in reach -------------------------------------------------------------------------


async def test_detail_is_in_the_tab_order_and_focus_does_not_change_it(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        browser(app).jump_to(Place("entity", "macron"))
        await settle(pilot)
        shown = str(app.screen.query_one("#detail-text", Static).render())
        assert app.focused is app.screen.query_one("#people")
        await pilot.press("tab")  # Statements
        await pilot.press("tab")  # Detail
        assert app.focused is app.screen.query_one("#detail")
        assert str(app.screen.query_one("#detail-text", Static).render()) == shown
        await pilot.press("tab")  # the mentions under it
        links = app.screen.query_one("#links", NavList)
        assert app.focused is links
        assert isinstance(links.target, MentionTarget)
        assert str(app.screen.query_one("#detail-text", Static).render()) == shown
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert str(app.screen.query_one("#detail-text", Static).render()) == shown


async def test_detail_text_comes_back_into_view_from_the_links(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        browser(app).jump_to(Place("entity", "macron"))
        await settle(pilot)
        links = app.screen.query_one("#links", NavList)
        links.focus()
        await pilot.pause()
        burst(app, *"j" * 8)
        await settle(pilot)
        detail = app.screen.query_one("#detail", DetailView)
        assert detail.scroll_y > 0
        burst(app, *"k" * 9)
        await settle(pilot)
        assert detail.scroll_y == 0 and app.focused is detail


async def test_detail_has_the_focus_border(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one("#detail", DetailView)
        before = detail.styles.border_top
        detail.focus()
        await pilot.pause()
        assert detail.styles.border_top != before


# -- 5. maximize ---------------------------------------------------------------------------------


async def test_z_maximizes_the_focused_pane_source_included(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # a statement: focus to Source
        await pilot.pause()
        source = app.screen.query_one("#source", SourceView)
        assert app.focused is source
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is source
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None
        help_text = " ".join(b.tooltip for _, bindings in help_sections() for b in bindings)  # type: ignore[union-attr]
        assert "Maximize the focused pane" in help_text


# -- 6. small terminals ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(60, 20), (40, 12)])
async def test_small_terminal_keeps_sentence_and_selected_row_in_view(base: FactBase, size: tuple[int, int]) -> None:
    wanted = "sep-event-vorsitz-macron-starmer"
    statement_id = wanted if wanted in base.statements else list(base.statements)[-1]
    app = FactBrowserApp(base=base)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        statements = app.screen.query_one("#statements", NavList)
        statements.select(StatementTarget(statement_id))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        source = app.screen.query_one("#source", SourceView)
        current = [w for w in source.query(".paragraph") if w.has_class("-current")]
        assert current
        visible = source.scrollable_content_region
        assert current[0].region.overlaps(visible), (current[0].region, visible)
        if size[1] < 20:  # a short terminal gives the article the whole screen; escape restores
            assert app.screen.maximized is source
            await pilot.press("escape")
            statements.focus()
            await settle(pilot)
        # the list, shrunk to a row, shows the selected one
        index = statements.highlighted or 0
        assert statements.scroll_y <= index < statements.scroll_y + statements.scrollable_content_region.height


# -- 7. the Source title ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [100, 140])
async def test_source_title_keeps_id_date_and_counter(base: FactBase, width: int) -> None:
    corroborated = next(s for s in base.statements.values() if len(s.evidence) > 1)
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(width, 30)) as pilot:
        browser(app).jump_to(Place("statement", corroborated.id))
        await settle(pilot)
        source = app.screen.query_one("#source", SourceView)
        title = Content.from_markup(str(source.border_title)).plain
        counter = f"evidence 1/{len(corroborated.evidence)}"
        evidence_source = base.sources[corroborated.evidence[0].source]
        assert title.startswith(evidence_source.id)
        assert title.index(counter) + len(counter) <= source.outer_size.width - 4
        assert str(evidence_source.published or "undated") in title[: title.index(counter)]


# -- 8. n / N -------------------------------------------------------------------------------------------


async def test_n_on_an_entity_steps_through_its_mentions(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        browser(app).jump_to(Place("entity", "DE"))
        await settle(pilot)
        mentions = browser(app).mentions["DE"]
        assert len(mentions) >= 2
        source = app.screen.query_one("#source", SourceView)
        await pilot.press("n")
        assert f"mention 1/{len(mentions)}" in str(source.border_title)
        await pilot.press("n")
        assert f"mention 2/{len(mentions)}" in str(source.border_title)
        links = app.screen.query_one("#links", NavList)
        assert isinstance(links.target, MentionTarget) and links.target.number == 1
        await pilot.press("N", "N")
        assert f"mention {len(mentions)}/{len(mentions)}" in str(source.border_title)


async def test_help_says_what_n_does(base: FactBase) -> None:
    tooltips = [b.tooltip for _, bindings in help_sections() for b in bindings if "n" in b.key.split(",")]  # type: ignore[union-attr]
    assert tooltips and "evidence sentence" in tooltips[0] and "mention" in tooltips[0]


# -- 9. matrix and timeline ---------------------------------------------------------------------------------


@pytest.mark.parametrize("screen_key", ["m", "t"])
async def test_help_works_on_matrix_and_timeline(base: FactBase, screen_key: str) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(screen_key)
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_matrix_starts_on_a_data_cell_and_keeps_the_label_column(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        table = app.screen.query_one("#matrix", DataTable)
        assert table.cursor_coordinate.column == 1
        assert table.fixed_columns == 1
        burst(app, *["left"] * 3)
        await settle(pilot)
        assert table.cursor_coordinate.column == 1  # never onto the labels


async def test_enter_on_a_timeline_row_opens_it_and_back_returns(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await settle(pilot)
        timeline = app.screen.query_one("#timeline", NavList)
        await pilot.press("j", "j")
        target = timeline.target
        assert isinstance(target, StatementTarget)
        full = str(app.screen.query_one("#timeline-row", Static).render())
        assert base.statements[target.id].text[:60].split()[0] in full
        row = timeline.highlighted
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert browser(app).place == Place("statement", target.id)
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.query_one("#timeline", NavList).highlighted == row


# -- 10. honest counts ----------------------------------------------------------------------------------------


async def test_counts_follow_the_filters_and_organizations_are_apart(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        people = app.screen.query_one("#people", NavList)
        title = str(people.border_title)
        assert f"People {len(base.people)}" in title and f"organizations {len(base.organizations)}" in title
        assert any(isinstance(t, Heading) for t in people.targets)
        browser(app).set_filters("DE", None, "all")
        await pilot.pause()
        de = set(s.id for s in base.statements_about("DE"))
        for target in people.targets:
            if isinstance(target, EntityTarget):
                option = people.get_option(repr(target))
                expected = sum(1 for s in base.statements_about(target.id) if s.id in de)
                shown = str(option.prompt).rsplit("  ", 1)[-1]
                assert shown == str(expected) if expected else not shown.isdigit(), (target, shown)


async def test_a_filter_that_hides_the_open_statement_clears_it(base: FactBase) -> None:
    single = next(s for s in base.statements.values() if len(s.source_ids) == 1)
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        browser(app).jump_to(Place("statement", single.id))
        await pilot.pause()
        await pilot.press("c")  # only statements several articles report
        await pilot.pause()
        place = browser(app).place
        assert place is None or place.id != single.id
        assert single.id not in str(app.screen.query_one("#detail-text", Static).render())


# -- 11. the search box ---------------------------------------------------------------------------------------


async def test_search_box_habits(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"merz")
        await settle(pilot)
        search = app.screen.query_one("#search", SearchBox)
        await pilot.press("down")  # into the results
        results = app.screen.query_one("#results", NavList)
        assert app.focused is results
        await pilot.press("up")  # first result: back to the box
        assert app.focused is search
        assert search.cursor_position == len("merz") and not search.selected_text
        await pilot.press("down")
        burst(app, "space", *"zit")  # typed in the results: goes to the query
        await settle(pilot)
        assert search.value == "merz zit" and app.focused is search
        app.screen.query_one("#statements").focus()
        await pilot.press("slash")  # away and back: the query is kept, cursor at its end
        await pilot.press("x")
        assert search.value == "merz zitx"


async def test_approximate_matches_are_marked(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"Macrone")
        await settle(pilot)
        results = app.screen.query_one("#results", NavList)
        first = results.get_option_at_index(0)
        # A look-alike of a name shows the name's own spelling; the count says it is approximate.
        assert "Macron" in str(first.prompt) and "Macrone" not in str(first.prompt)
        assert "approximate" in str(results.border_title)


# -- 12. preferences ---------------------------------------------------------------------------------------


async def test_theme_is_kept_in_the_config_folder(
    base: FactBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert (tmp_path / "factbrowser" / "preferences.json").is_file()
    again = FactBrowserApp(base=base)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_broken_config_warns_in_one_line(
    base: FactBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "factbrowser").mkdir()
    (tmp_path / "factbrowser" / "preferences.json").write_text("{theme: nord\n\n", encoding="utf-8")
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running and app.theme == "textual-dark"
        warnings = [n.message for n in app._notifications]
        assert len(warnings) == 1 and "\n" not in warnings[0] and "preferences.json" in warnings[0]


async def test_a_burst_after_slash_lands_in_the_search_box(base: FactBase) -> None:
    # Keys posted at once, as a terminal delivers a fast burst or a paste: each is routed
    # to the widget focused when it arrives, so `/` must move the focus before the next.
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#statements", NavList).focus()
        await settle(pilot)
        for character in "/Rutte":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await settle(pilot)
        assert app.screen.query_one("#search", SearchBox).value == "Rutte"
        assert not isinstance(app.screen, TimelineScreen)  # `t` did not open the timeline


async def test_a_statement_opened_from_search_on_a_short_terminal_fills_the_screen(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"Rutte")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        source = app.screen.query_one("#source", SourceView)
        assert app.focused is source and app.screen.maximized is source
        current = [w for w in source.query(".paragraph") if w.has_class("-current")]
        assert current and current[0].region.overlaps(source.scrollable_content_region)
        await pilot.press("escape")  # back to the panes
        await settle(pilot)
        assert app.screen.maximized is None


async def test_a_burst_of_down_and_enter_from_the_box_opens_the_row_it_chose(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"Rutte")
        await settle(pilot)
        results = app.screen.query_one("#results", NavList)
        third = results.targets[2]
        assert isinstance(third, ResultTarget)
        for key in ("down", "down", "down", "enter"):  # at once: all reach the box first
            app.post_message(events.Key(key, None))
        await settle(pilot)
        browser = app.screen
        assert isinstance(browser, BrowserScreen) and browser.place is not None
        assert browser.place.id == third.result.id


@pytest.mark.parametrize(("screen_key", "first"), [("m", "Matrix (m)"), ("t", "Timeline (t)")])
async def test_help_shows_this_screens_keys_first(base: FactBase, screen_key: str, first: str) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(screen_key)
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert text.index(first) < text.index("General") < text.index("Browser")


async def test_a_wrapped_help_line_stays_under_its_description(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        lines = str(app.screen.query_one("#help-text", Static).render()).splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("  tab / shift+tab"))
        assert lines[start + 1].startswith(" " * 24) and lines[start + 1].strip()  # the description goes on


async def test_a_long_key_list_in_help_never_runs_into_its_description(base: FactBase) -> None:
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "alt+leftBack" not in text and "alt+left" in text
