"""The Textual app: lists, detail and source view, cross-links, history, live search.

State lives here as reactive attributes (the filters); the widgets only show what
they are given and post messages upward. The fact base is loaded in a worker thread so
the first frame does not wait for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Header, OptionList, Static
from textual.worker import get_current_worker

from factbrowser.core.analysis import StatementFilter
from factbrowser.core.model import Entity, Evidence, FactBase, Statement
from factbrowser.core.problems import FactBaseError
from factbrowser.tui import render
from factbrowser.tui.palette import FactProvider
from factbrowser.tui.related import related_links, related_target
from factbrowser.tui.widgets import DetailView, FilterBar, Highlight, NavList, SearchBox, SourceView

if TYPE_CHECKING:  # the loader, the search engine and the sentence splitter load in the worker
    from rich.console import RenderableType

    from factbrowser.core.mentions import Mention
    from factbrowser.search import Result, SearchIndex

SEARCH_LIMIT = 60
MAX_LIST_ROWS = 2000


@dataclass(frozen=True)
class Place:
    """Where the user is: what is open, which evidence, which filters. History holds these."""

    kind: str  # "statement" | "entity"
    id: str
    evidence: int = 0
    country: str | None = None
    person: str | None = None
    sources: str = "all"  # all | corroborated | single


class FactBrowserApp(App[int]):
    ends_process = False  # run_app's app: on exit the process ends even if a worker is still at work
    TITLE = "factbrowser"
    COMMANDS = App.COMMANDS | {FactProvider}
    SUB_TITLE = "Koalition der Willigen · Paris 2025/26"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal")]  # noqa: RUF012 (Textual reads it as is)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit factbrowser"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl", tooltip="Quit"),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True, id="app.quit_ctrl_c", tooltip="Quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help", tooltip="Show every key"),
        Binding(
            "slash",
            "focus_search",
            "Search",
            key_display="/",
            id="app.search",
            tooltip="Search names, countries and statements",
        ),
        Binding("escape", "clear", "Clear filter", id="app.clear", tooltip="Clear the search or the filter"),
        Binding(
            "n,right_square_bracket",
            "next_evidence",
            "Next evidence",
            key_display="n",
            id="app.next_evidence",
            tooltip="Show the next article reporting this statement",
        ),
        Binding(
            "N,left_square_bracket",
            "previous_evidence",
            "Prev evidence",
            show=False,
            key_display="N",
            id="app.previous_evidence",
            tooltip="Show the previous evidence",
        ),
        Binding("y", "copy_citation", "Copy cite", id="app.copy", tooltip="Copy the statement with its source"),
        Binding("m", "matrix", "Matrix", id="app.matrix", tooltip="Commitments matrix: who sends what, and when"),
        Binding(
            "t",
            "timeline",
            "Timeline",
            id="app.timeline",
            tooltip="Positions over time (for the filtered country, if any)",
        ),
        Binding(
            "c",
            "cycle_sources",
            "Sources",
            show=False,
            id="app.sources",
            tooltip="Show all statements, only those several articles report, or single-source ones",
        ),
        Binding("backspace,alt+left", "go_back", "Back", show=False, id="app.back", tooltip="Go back"),
        Binding("alt+right", "go_forward", "Forward", show=False, id="app.forward", tooltip="Go forward"),
    ]

    country_filter: reactive[str | None] = reactive(None, init=False)
    person_filter: reactive[str | None] = reactive(None, init=False)
    sources_filter: reactive[str] = reactive("all", init=False)

    def __init__(self, data_path: Path | None = None, use_cache: bool = True, base: FactBase | None = None) -> None:
        super().__init__()
        self.data_path = data_path
        self.use_cache = use_cache
        self.base: FactBase | None = base
        self.index: SearchIndex | None = None
        self.load_error: FactBaseError | None = None
        self.place: Place | None = None
        self.back_stack: list[Place] = []
        self.forward_stack: list[Place] = []
        self.search_results: list[Result] = []
        self.mentions: dict[str, list[Mention]] = {}  # found so far, by entity id
        self.pinned_statement: str | None = None  # listed even past the row cap (a jump target)
        self.results_query = ""  # the query `search_results` answer
        self._finding: str | None = None  # the entity whose mentions a worker is finding

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBox(
            placeholder="/ search: names, countries, statements (Zelensky, Grossbritannien, …)",
            id="search",
            compact=True,
        )
        yield FilterBar(id="filter")
        with Horizontal(id="main"):
            with Vertical(id="lists"):
                yield NavList("Countries", id="countries")
                yield NavList("People", id="people")
                yield NavList("Statements", id="statements")
            with Vertical(id="right"):
                yield DetailView(id="detail")
                yield SourceView(id="source")
        yield NavList("Results", id="results")
        yield Static(Content("Loading the fact base…"), id="loading")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", NavList).display = False
        self.query_one("#filter", FilterBar).display = False
        self.query_one("#source", SourceView).show(None)
        if self.base is not None:
            from factbrowser.search import SearchIndex

            self._on_base_loaded(self.base, SearchIndex.build(self.base))
        else:
            # After the first frame: the worker's imports and parsing would compete with it.
            self.call_after_refresh(self.load_base)

    @work(thread=True, exclusive=True, group="load")
    def load_base(self) -> None:
        from factbrowser.core.resources import shipped_facts
        from factbrowser.session import open_session

        try:
            session = open_session(self.data_path or shipped_facts(), use_cache=self.use_cache)
        except FactBaseError as error:
            self.load_error = error
            self.call_from_thread(self.exit, error.exit_code)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._on_base_loaded, session.base, session.index)

    def _on_base_loaded(self, base: FactBase, index: SearchIndex) -> None:
        self.base, self.index = base, index
        self.query_one("#loading").display = False
        self._fill_countries()
        self._refresh_lists()
        self.query_one("#statements", NavList).focus()

    # -- filling the lists ------------------------------------------------------------

    def _fill_countries(self) -> None:
        assert self.base is not None
        base = self.base
        rows = [(c.id, render.entity_row(c, len(base.statements_about(c.id)))) for c in base.countries.values()]
        self.query_one("#countries", NavList).set_rows(rows)

    def _visible_people(self) -> list[Entity]:
        assert self.base is not None
        base = self.base
        people: list[Entity] = (
            list(base.people_of(self.country_filter)) if self.country_filter else list(base.people.values())
        )
        if not self.country_filter:
            people += list(base.organizations.values())
        return people

    def _visible_statements(self) -> list[Statement]:
        assert self.base is not None
        base = self.base
        # The country narrows through the precomputed index, the rest through the shared filter.
        statements = base.statements_about(self.country_filter) if self.country_filter else base.statements.values()
        return StatementFilter(person=self.person_filter, sources=self.sources_filter, base=base).apply(statements)

    def _refresh_lists(self) -> None:
        if self.base is None:
            return
        base = self.base
        people = self._visible_people()
        total_people = len(base.people) + len(base.organizations)
        self.query_one("#people", NavList).set_rows(
            [(e.id, render.entity_row(e, len(base.statements_about(e.id)))) for e in people], total_people
        )
        statements = self._visible_statements()
        shown = statements[:MAX_LIST_ROWS]  # a list of 100k rows is for searching, not scrolling
        pinned = self.pinned_statement
        if pinned in base.statements and len(statements) > MAX_LIST_ROWS and base.statements[pinned] not in shown:
            shown = [base.statements[pinned], *shown[:-1]]  # a jump target past the cap stays reachable
        self.query_one("#statements", NavList).set_rows(
            [(s.id, render.statement_row(base, s)) for s in shown], len(base.statements), matching=len(statements)
        )
        self.query_one("#filter", FilterBar).text = self._filter_text()

    def _filter_text(self) -> str:
        parts = []
        if self.country_filter:
            parts.append(f"country {self._entity_name(self.country_filter)}")
        if self.person_filter:
            parts.append(f"{self._entity_name(self.person_filter)}")
        if self.sources_filter != "all":
            parts.append(
                "reported by several articles" if self.sources_filter == "corroborated" else "reported by one article"
            )
        return " · ".join(parts)

    def _entity_name(self, entity_id: str) -> str:
        return self.base.label(entity_id) if self.base else entity_id

    def watch_country_filter(self) -> None:
        self._refresh_lists()

    def watch_person_filter(self) -> None:
        self._refresh_lists()

    def watch_sources_filter(self) -> None:
        self._refresh_lists()

    # -- showing a record -------------------------------------------------------------

    def show_place(self, place: Place) -> None:
        """Show a statement or entity in the detail and source views."""
        if self.base is None:
            return
        self.place = place
        base = self.base
        if place.kind == "statement":
            statement = base.statements.get(place.id)
            if statement is None:
                return
            links = [
                (eid, render.plain(f"{base.label(eid)}  ({eid})")) for eid in statement.mentioned if base.entity(eid)
            ]
            related = related_links(base, statement)
            title = "Mentioned and related statements (enter jumps)" if related else "Mentioned (enter jumps)"
            self.query_one("#detail", DetailView).show(render.statement_detail(base, statement), links + related, title)
            self._show_evidence(statement.evidence, place.evidence)
            return
        entity = base.entity(place.id)
        if entity is None:
            return
        self.query_one("#detail", DetailView).show(
            render.entity_detail(base, entity), [], "Mentions in the articles: finding…"
        )
        self._show_evidence(entity.evidence, place.evidence)
        if entity.id in self.mentions:
            self._show_mentions(entity.id, self.mentions[entity.id])
        elif entity.id != self._finding:
            self._finding = entity.id
            self.find_mentions(entity.id)

    @work(thread=True, exclusive=True, group="mentions")
    def find_mentions(self, entity_id: str) -> None:
        """Sentence splitting is slow on a large base: never on the UI thread."""
        from factbrowser.core.mentions import find_mentions

        if self.base is None:
            return
        mentions = find_mentions(self.base, entity_id)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_mentions, entity_id, mentions)

    def _show_mentions(self, entity_id: str, mentions: list[Mention]) -> None:
        self.mentions[entity_id] = mentions
        if self._finding == entity_id:
            self._finding = None
        if self.base is None or self.place is None or self.place.id != entity_id:
            return  # the user has moved on
        rows = [
            (f"{m.source}:{m.start}:{number}", render.mention_row(self.base, m)) for number, m in enumerate(mentions)
        ]
        self.query_one("#detail", DetailView).set_links(rows, f"Mentions in the articles {len(mentions)} (enter shows)")

    def _show_evidence(self, evidence: tuple, number: int) -> None:  # type: ignore[type-arg]
        assert self.base is not None
        view = self.query_one("#source", SourceView)
        if not evidence:
            view.show(None)
            return
        number %= len(evidence)
        chosen = evidence[number]
        source = self.base.sources.get(chosen.source)
        view.show(Highlight(source, chosen, (number + 1, len(evidence))) if source else None)

    def go(self, place: Place, remember: bool = True) -> None:
        """Open a place, remembering where the user was."""
        if remember and self.place is not None and self.place != place:
            self.back_stack.append(self._here())
            self.forward_stack.clear()
        self.show_place(place)

    # -- list events ----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#countries, #people, #statements")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        # The detail follows the list the user is in, not lists refilled behind them.
        if event.option_list.has_focus:
            self._preview_list(event.option_list)

    @on(events.DescendantFocus)
    def _focus_changed(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, NavList) and event.widget.id in ("countries", "people", "statements"):
            self._preview_list(event.widget)

    def _preview_list(self, option_list: OptionList) -> None:
        option = option_list.highlighted_option
        if option is None or option.id is None:
            return
        kind = "statement" if option_list.id == "statements" else "entity"
        place = Place(kind, option.id, 0, self.country_filter, self.person_filter, self.sources_filter)
        if self.place is None or (self.place.kind, self.place.id) != (place.kind, place.id):
            self.show_place(place)

    @on(OptionList.OptionSelected, "#countries")
    def _select_country(self, event: OptionList.OptionSelected) -> None:
        self._remember()
        self._set_filters(event.option_id, None, self.sources_filter)
        self.query_one("#people", NavList).focus()

    @on(OptionList.OptionSelected, "#people")
    def _select_person(self, event: OptionList.OptionSelected) -> None:
        self._remember()
        self.person_filter = event.option_id
        self.query_one("#statements", NavList).focus()

    @on(OptionList.OptionSelected, "#statements")
    def _select_statement(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.go(
                Place("statement", event.option_id, 0, self.country_filter, self.person_filter, self.sources_filter)
            )
            self.query_one("#source", SourceView).focus()

    @on(OptionList.OptionSelected, "#links")
    def _follow_link(self, event: OptionList.OptionSelected) -> None:
        if not event.option_id or self.base is None:
            return
        if self.place is not None and self.place.kind == "entity":  # a mention: show it in its article
            mentions = self.mentions.get(self.place.id, [])
            mention = mentions[int(event.option_id.rsplit(":", 1)[1])]
            source = self.base.sources[mention.source]
            evidence = Evidence(mention.source, mention.start, mention.end, mention.sentence)
            self.query_one("#source", SourceView).show(Highlight(source, evidence, (1, 1)))
            return
        related = related_target(event.option_id)
        if related is not None:
            self.jump_to(Place("statement", related))
            return
        self.jump_to(Place("entity", event.option_id))

    def _remember(self) -> None:
        if self.place is not None:
            self.back_stack.append(self._here())
            self.forward_stack.clear()

    def _here(self) -> Place:
        """The current place with the filters as they are now: what going back restores."""
        assert self.place is not None
        return replace(self.place, country=self.country_filter, person=self.person_filter, sources=self.sources_filter)

    def _set_filters(self, country: str | None, person: str | None, sources: str) -> None:
        """Set all three filters, refreshing the lists once (not once per filter)."""
        changed = (country, person, sources) != (self.country_filter, self.person_filter, self.sources_filter)
        self.set_reactive(FactBrowserApp.country_filter, country)
        self.set_reactive(FactBrowserApp.person_filter, person)
        self.set_reactive(FactBrowserApp.sources_filter, sources)
        if changed:
            self._refresh_lists()

    def jump_to(self, place: Place) -> None:
        """Open a place and put the cursor on it in its list, clearing filters that hide it."""
        if self.base is None:
            return
        self.go(place)
        if place.kind == "statement":
            target = self.query_one("#statements", NavList)
            self.pinned_statement = place.id
            if not target.select_id(place.id):
                self._set_filters(None, None, "all")
                target.select_id(place.id)
        else:
            list_id = "#countries" if place.id in self.base.countries else "#people"
            target = self.query_one(list_id, NavList)
            if not target.select_id(place.id):
                self.country_filter = None
                target.select_id(place.id)
        target.focus()
        self.show_place(place)

    # -- search ---------------------------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _search_changed(self, event: SearchBox.Changed) -> None:
        if not event.value.strip():
            self._close_results()
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        if self.index is None:
            return
        results = self.index.search(query, limit=SEARCH_LIMIT)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_results, query, results)

    def _show_results(self, query: str, results: list[Result]) -> None:
        if query != self.query_one("#search", SearchBox).value:
            return  # a newer query is on its way: drop stale results
        self.search_results, self.results_query = results, query
        view = self.query_one("#results", NavList)
        rows = [(f"{r.type}:{r.id}", render.search_row(r)) for r in results]
        if not rows:
            rows = [("none:", render.plain(f"No results for {query!r}"))]
        view.set_rows(rows)
        view.border_title = f"Results {len(results)} · ↓ to choose, enter to open"
        view.display = True
        view.highlighted = 0 if results else None

    def _close_results(self) -> None:
        self.query_one("#results", NavList).display = False
        self.search_results = []

    @on(SearchBox.EnterResults)
    def _enter_results(self) -> None:
        view = self.query_one("#results", NavList)
        if view.display:
            view.focus()

    @on(SearchBox.Submitted, "#search")
    def _submit_search(self) -> None:
        query = self.query_one("#search", SearchBox).value
        if query != self.results_query and self.index is not None and query.strip():
            # Enter came before the worker answered this query: answer it now.
            self.search_results, self.results_query = self.index.search(query, limit=SEARCH_LIMIT), query
        if self.search_results:
            self._open_result(self.search_results[0])

    @on(SearchBox.Cleared)
    def _search_cleared(self) -> None:
        self._close_results()
        self.query_one("#statements", NavList).focus()

    @on(OptionList.OptionSelected, "#results")
    def _select_result(self, event: OptionList.OptionSelected) -> None:
        kind, _, result_id = (event.option_id or "").partition(":")
        result = next((r for r in self.search_results if r.type == kind and r.id == result_id), None)
        if result is not None:
            self._open_result(result)

    def open_search_result(self, result: Result) -> None:
        self._open_result(result)

    def _open_result(self, result: Result) -> None:
        self._close_results()
        if result.type == "statement":
            evidence = 0
            statement = self.base.statements.get(result.id) if self.base else None
            if statement and result.source:
                evidence = next(
                    (
                        i
                        for i, e in enumerate(statement.evidence)
                        if e.source == result.source.id and e.start == result.source.start
                    ),
                    0,
                )
            self.jump_to(Place("statement", result.id, evidence))
        else:
            self.jump_to(Place("entity", result.id))

    # -- actions --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", SearchBox).focus()

    def action_clear(self) -> None:
        search = self.query_one("#search", SearchBox)
        if search.value or self.query_one("#results", NavList).display:
            search.action_clear()
            return
        if self.country_filter or self.person_filter or self.sources_filter != "all":
            self._remember()
            self._set_filters(None, None, "all")

    def action_next_evidence(self) -> None:
        self._step_evidence(+1)

    def action_previous_evidence(self) -> None:
        self._step_evidence(-1)

    def _step_evidence(self, step: int) -> None:
        if self.place is None or self.base is None:
            return
        record = (
            self.base.statements.get(self.place.id)
            if self.place.kind == "statement"
            else self.base.entity(self.place.id)
        )
        count = len(record.evidence) if record else 0
        if count < 2:
            self.notify(
                "No other article reports this." if count == 1 else "This record has no evidence sentence.", timeout=2
            )
            return
        self.show_place(replace(self.place, evidence=(self.place.evidence + step) % count))

    def action_copy_citation(self) -> None:
        if self.base is None or self.place is None or self.place.kind != "statement":
            self.notify("Select a statement first, then press y to copy its citation.", timeout=3)
            return
        from factbrowser.present import build_citation, citation_text
        from factbrowser.tui.citation import CitationScreen

        statement = self.base.statements[self.place.id]
        text = citation_text(build_citation(self.base, statement, self.place.evidence % len(statement.evidence)))
        self.copy_to_clipboard(text)  # OSC 52: the terminal gives no answer, so claim no success
        self.notify("Citation sent to the terminal clipboard.", timeout=3)
        self.push_screen(CitationScreen(text, f"Citation of {statement.id}"))

    def action_go_back(self) -> None:
        self._travel(self.back_stack, self.forward_stack, "back")

    def action_go_forward(self) -> None:
        self._travel(self.forward_stack, self.back_stack, "forward")

    def _travel(self, origin: list[Place], other: list[Place], direction: str) -> None:
        """Pop a place from one history stack, remembering the current one on the other."""
        if not origin:
            self.notify(f"Nothing to go {direction} to.", timeout=2)
            return
        if self.place is not None:
            other.append(self._here())
        self._restore(origin.pop())

    def _restore(self, place: Place) -> None:
        self._set_filters(place.country, place.person, place.sources)
        list_id = (
            "#statements"
            if place.kind == "statement"
            else ("#countries" if self.base and place.id in self.base.countries else "#people")
        )
        target = self.query_one(list_id, NavList)
        target.select_id(place.id)
        target.focus()
        self.show_place(place)

    def action_cycle_sources(self) -> None:
        order = ("all", "corroborated", "single")
        self.sources_filter = order[(order.index(self.sources_filter) + 1) % len(order)]

    def action_matrix(self) -> None:
        from factbrowser.tui.views import MatrixScreen

        if self.base is not None:
            self.push_screen(MatrixScreen(self.base), self._opened_from_view)

    def action_timeline(self) -> None:
        from factbrowser.tui.views import TimelineScreen

        if self.base is not None:
            self.push_screen(TimelineScreen(self.base, self.country_filter), self._opened_from_view)

    def _opened_from_view(self, statement_id: str | None) -> None:
        if statement_id:
            self.jump_to(Place("statement", statement_id))

    def exit(self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Close the app; if a worker thread is still at work, end the process soon after.

        The loop's teardown waits for the executor's threads, so a load of 100k statements
        would otherwise keep the process alive for seconds after the terminal is restored.
        """
        super().exit(result, return_code, message)
        if self.ends_process and _threads_at_work():
            _start_watchdog(self, result if isinstance(result, int) else return_code)

    def action_interrupt(self) -> None:
        """ctrl+c quits; while the base is still loading it interrupts that, exit 130."""
        self.exit(130 if self.base is None and self.load_error is None else 0)

    def action_help(self) -> None:
        from factbrowser.tui.help import HelpScreen

        self.push_screen(HelpScreen())


def run_app(data_path: Path, use_cache: bool = True) -> int:
    """Run the app; print load problems after the terminal is restored.

    SIGTERM, SIGHUP and SIGINT close the app like `q` does, so that the terminal is
    restored (alternate screen, mouse, cursor), and exit with 128 + the signal. A worker
    thread still at work then (a load of 100k statements, a mention search) is not
    waited for: Python would join it at exit, keeping the process alive after the UI.
    """
    import asyncio
    import signal

    app = FactBrowserApp(data_path, use_cache)
    app.ends_process = True
    loop = asyncio.new_event_loop()
    names = [name for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)]
    previous = {name: signal.getsignal(getattr(signal, name)) for name in names}

    def on_signal(number: int, _frame: object) -> None:
        # A Python-level handler, not the loop's: it runs even while the loop is busy in a
        # long step of the load, and the watchdog ends the process if the UI cannot close.
        loop.call_soon_threadsafe(app.exit, 128 + number)
        _start_watchdog(app, 128 + number)

    for name in names:
        signal.signal(getattr(signal, name), on_signal)
    try:
        code = app.run(loop=loop)
    finally:
        for name in names:
            signal.signal(getattr(signal, name), previous[name])
    if app.load_error is not None:
        from factbrowser.cli.console import print_problems

        print_problems(app.load_error.problems, app.load_error.more)
        code = app.load_error.exit_code
    code = code or 0
    if _threads_at_work():
        _exit_now(code)
    loop.close()
    return code


_WATCHDOG_SECONDS = 2.0
_RESTORE_TERMINAL = (
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[?1049l\x1b[?25h"
)


def _start_watchdog(app: FactBrowserApp, code: int) -> None:
    """End the process `_WATCHDOG_SECONDS` after a signal if it has not ended by then.

    Closing the UI is not enough: the event loop's shutdown joins the executor's threads,
    so a load still at work would keep the process alive after the terminal is restored.
    """
    import threading

    def expire() -> None:
        # Harmless if the driver has done it already; bounded, as a terminal that does not
        # read blocks the write. No flush: a stream's lock may be held by a busy thread.
        restore = threading.Thread(target=_restore_terminal, args=(app,), daemon=True)
        restore.start()
        restore.join(0.5)
        os._exit(code)

    import os

    timer = threading.Timer(_WATCHDOG_SECONDS, expire)
    timer.daemon = True
    timer.start()


def _restore_terminal(app: FactBrowserApp) -> None:
    """What the driver's stop_application_mode writes, without waiting for its threads."""
    import contextlib
    import os
    import sys
    import termios

    attrs = getattr(app._driver, "attrs_before", None)
    stream = sys.__stdout__
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError, termios.error):
        if attrs is not None:
            termios.tcsetattr(stream.fileno(), termios.TCSANOW, attrs)
        os.write(stream.fileno(), _RESTORE_TERMINAL.encode("ascii"))


def _threads_at_work() -> bool:
    import threading

    return any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())


def _exit_now(code: int) -> None:
    """End the process without joining worker threads (the terminal is already restored)."""
    import contextlib
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
