"""The main screen: lists, detail and source side by side, cross-links, history, live search.

State lives here (the filters, what is shown, the history); the widgets are given what
they show and post `Open`/`Preview` upward. The base arrives later (`set_session`): the
screen is drawn first and filled once the app's loader has finished.

Over 500 lines: the screen owns the state every pane shares (filters, the open place,
history, the search), so the handlers that change it sit together; what is only drawn
lives in widgets/. Search and history handling are the candidates to move out next.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from factbrowser.core.analysis import StatementFilter
from factbrowser.core.model import Entity, Evidence, FactBase, Statement
from factbrowser.core.text import one_line
from factbrowser.tui import render
from factbrowser.tui.history import History
from factbrowser.tui.messages import (
    EntityTarget,
    Heading,
    MentionTarget,
    Open,
    Preview,
    ResultTarget,
    StatementTarget,
)
from factbrowser.tui.related import related_links
from factbrowser.tui.screens.common import Choice, OverlayState
from factbrowser.tui.widgets import (
    DetailView,
    FilterBar,
    Highlight,
    NavList,
    ResultsList,
    Row,
    SearchBox,
    SourceView,
)

if TYPE_CHECKING:  # the search engine and the sentence splitter load in workers
    from factbrowser.core.mentions import Mention
    from factbrowser.search import Result, SearchIndex

SEARCH_LIMIT = 60
MAX_LIST_ROWS = 2000
SOURCES_ORDER = ("all", "corroborated", "single")


SHORT_HEIGHT = 20  # rows below which the stacked panes cannot show an article


@dataclass(frozen=True)
class Place:
    """What Detail and Source show: a record, which of its evidence sentences, or which
    of its mentions (an entity's `mention`, when a mention is shown instead)."""

    kind: str  # "statement" | "entity"
    id: str
    evidence: int = 0
    mention: int | None = None


@dataclass(frozen=True)
class Stop:
    """One step of the history: the place with everything around it that back restores."""

    place: Place | None
    country: str | None
    person: str | None
    sources: str
    pane: str | None  # the id of the focused widget
    overlay: OverlayState | None = None  # a matrix or timeline over the browser


class BrowserScreen(Screen[None]):
    AUTO_FOCUS = "#statements"  # never the search box: a key typed early is a command, not a letter

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            key_display="/",
            id="browser.search",
            tooltip="Search names, countries and statements",
        ),
        Binding("escape", "clear", "Clear filter", id="browser.clear", tooltip="Clear the search or the filter"),
        Binding(
            "n,right_square_bracket",
            "step(1)",
            "Next",
            key_display="n",
            id="browser.next",
            tooltip="Next evidence sentence of this statement, or next mention of this person, country, organization",
        ),
        Binding(
            "N,left_square_bracket",
            "step(-1)",
            "Previous",
            show=False,
            key_display="N",
            id="browser.previous",
            tooltip="Previous evidence sentence, or previous mention",
        ),
        Binding("y", "copy_citation", "Copy cite", id="browser.copy", tooltip="Copy the statement with its source"),
        Binding("m", "matrix", "Matrix", id="browser.matrix", tooltip="Commitments matrix: who sends what, and when"),
        Binding(
            "t",
            "timeline",
            "Timeline",
            id="browser.timeline",
            tooltip="Positions over time (for the filtered country, if any)",
        ),
        Binding(
            "c",
            "cycle_sources",
            "Sources",
            show=False,
            id="browser.sources",
            tooltip="Show all statements, only those several articles report, or single-source ones",
        ),
        Binding(
            "z",
            "toggle_maximize",
            "Maximize",
            show=False,
            id="browser.maximize",
            tooltip="Maximize the focused pane (Source included), or restore it",
        ),
        Binding("backspace,alt+left", "go_back", "Back", show=False, id="browser.back", tooltip="Go back"),
        Binding("alt+right", "go_forward", "Forward", show=False, id="browser.forward", tooltip="Go forward"),
    ]

    def __init__(self) -> None:
        super().__init__(id="browser")
        self.base: FactBase | None = None
        self.index: SearchIndex | None = None
        self.country_filter: str | None = None
        self.person_filter: str | None = None
        self.sources_filter = "all"
        self.place: Place | None = None  # what Detail and Source show
        self.opened: Place | None = None  # the last place opened (enter, a jump): history's unit
        self.history: History[Stop] = History()
        self.search_results: list[Result] = []
        self.results_query = ""  # the query `search_results` answer
        self.mentions: dict[str, list[Mention]] = {}  # found so far, by entity id
        self.pinned_statement: str | None = None  # listed even past the row cap (a jump target)
        self._finding: str | None = None  # the entity whose mentions a worker is finding
        self._mounted = False  # is_mounted comes before the children are: not the same

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBox(
            placeholder="/ search: names, countries, statements (Zelensky, Grossbritannien, …)", id="search"
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
        yield ResultsList("Results", id="results")
        yield Static(Content("Loading the fact base…"), id="loading")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", ResultsList).display = False
        self.query_one("#filter", FilterBar).display = False
        self.query_one("#source", SourceView).show(None)
        self._mounted = True
        if self.base is not None and self.index is not None:  # given before the screen was up
            self.set_session(self.base, self.index)

    def set_session(self, base: FactBase, index: SearchIndex) -> None:
        """The base is in: fill the lists. Focus stays wherever the user has put it."""
        self.base, self.index = base, index
        if not self._mounted:
            return  # on_mount fills them
        self.query_one("#loading").display = False
        self._refresh_lists()
        target = self.query_one("#statements", NavList).target
        if self.place is None and isinstance(target, StatementTarget):
            self.show_place(Place("statement", target.id))

    # -- filling the lists ------------------------------------------------------------

    def _statements(self, country: str | None, person: str | None) -> list[Statement]:
        assert self.base is not None
        base = self.base
        # The country narrows through the precomputed index, the rest through the shared filter.
        statements = base.statements_about(country) if country else base.statements.values()
        return StatementFilter(person=person, sources=self.sources_filter, base=self.base).apply(statements)

    def _counts(self, country: str | None, person: str | None) -> Counter[str]:
        """How many of the statements these filters leave are by or about each entity."""
        assert self.base is not None
        if country is None and person is None and self.sources_filter == "all":
            return Counter(self.base.mention_counts())  # every statement: counted once per base
        counts: Counter[str] = Counter()
        for statement in self._statements(country, person):
            counts.update(statement.mentioned)
        return counts

    def _refresh_lists(self) -> None:
        """Every list and every count from the filters as they are now (facets: a list's
        counts apply every filter but its own)."""
        if self.base is None:
            return
        self._fill_countries()
        self._fill_people()
        statements = self._fill_statements()
        self.query_one("#filter", FilterBar).text = self._filter_text()
        self._drop_stale(statements)

    def _fill_countries(self) -> None:
        assert self.base is not None
        counts = self._counts(None, self.person_filter)
        rows: list[Row] = [
            (EntityTarget(c.id), render.entity_row(c, counts[c.id])) for c in self.base.countries.values()
        ]
        self.query_one("#countries", NavList).set_rows(rows, f"Countries {len(rows)}")

    def _fill_people(self) -> None:
        assert self.base is not None
        base = self.base
        counts = self._counts(self.country_filter, None)
        people: list[Entity] = list(
            base.people_of(self.country_filter) if self.country_filter else base.people.values()
        )
        organizations = [o for o in base.organizations.values() if not self.country_filter or counts[o.id]]
        rows: list[Row] = [(EntityTarget(p.id), render.entity_row(p, counts[p.id])) for p in people]
        if organizations:
            rows.append((Heading("organizations"), Content.styled("── Organizations", "bold $text-muted")))
            rows += [(EntityTarget(o.id), render.entity_row(o, counts[o.id])) for o in organizations]
        title = f"People {_count(len(people), len(base.people))} · organizations "
        title += _count(len(organizations), len(base.organizations))
        self.query_one("#people", NavList).set_rows(rows, title)

    def _fill_statements(self) -> list[Statement]:
        assert self.base is not None
        base = self.base
        statements = self._statements(self.country_filter, self.person_filter)
        shown = statements[:MAX_LIST_ROWS]  # a list of 100k rows is for searching, not scrolling
        pinned = self.pinned_statement
        if (
            pinned is not None
            and pinned in base.statements
            and len(statements) > MAX_LIST_ROWS
            and base.statements[pinned] not in shown
        ):
            shown = [base.statements[pinned], *shown[:-1]]  # a jump target past the cap stays reachable
        title = f"Statements {_count(len(statements), len(base.statements))}"
        if len(statements) > len(shown):
            title += f", first {len(shown)} listed: search or filter to narrow"
        rows: list[Row] = [(StatementTarget(s.id), render.statement_row(base, s)) for s in shown]
        self.query_one("#statements", NavList).set_rows(rows, title)
        return statements

    def _drop_stale(self, statements: list[Statement]) -> None:
        """A statement the filters now hide is not left in Detail and Source."""
        if self.place is None or self.place.kind != "statement":
            return
        if any(s.id == self.place.id for s in statements):
            return
        target = self.query_one("#statements", NavList).target
        if isinstance(target, StatementTarget):
            self.show_place(Place("statement", target.id))
        else:
            self.place = None
            self.query_one("#detail", DetailView).show(Content("Nothing selected."), [])
            self.query_one("#source", SourceView).show(None)

    def _filter_text(self) -> str:
        parts = []
        if self.country_filter:
            parts.append(f"country {self._label_of(self.country_filter)}")
        if self.person_filter:
            parts.append(self._label_of(self.person_filter))
        if self.sources_filter != "all":
            parts.append(
                "reported by several articles" if self.sources_filter == "corroborated" else "reported by one article"
            )
        return " · ".join(parts)

    def _label_of(self, entity_id: str) -> str:
        return one_line(self.base.label(entity_id)) if self.base else entity_id

    def set_filters(self, country: str | None, person: str | None, sources: str) -> None:
        """Set all three filters, refreshing the lists once (not once per filter)."""
        if (country, person, sources) == (self.country_filter, self.person_filter, self.sources_filter):
            return
        self.country_filter, self.person_filter, self.sources_filter = country, person, sources
        self._refresh_lists()

    # -- showing a record ---------------------------------------------------------------

    def show_place(self, place: Place) -> None:
        """Show a statement or entity in the detail and source views."""
        if self.base is None:
            return
        if place.kind == "statement":
            statement = self.base.statements.get(place.id)
            if statement is not None:
                self.place = place
                self._show_statement(statement, place.evidence)
            return
        entity = self.base.entity(place.id)
        if entity is not None:
            self.place = place
            self._show_entity(entity, place)

    def _show_statement(self, statement: Statement, evidence: int) -> None:
        assert self.base is not None
        base = self.base
        links: list[Row] = [
            (EntityTarget(eid), Content(f"{one_line(base.label(eid))}  ({eid})"))
            for eid in statement.mentioned
            if base.entity(eid)
        ]
        related: list[Row] = list(related_links(base, statement))
        title = "Mentioned and related statements (enter jumps)" if related else "Mentioned (enter jumps)"
        self.query_one("#detail", DetailView).show(render.statement_detail(base, statement), links + related, title)
        self._show_evidence(statement.evidence, evidence)

    def _show_entity(self, entity: Entity, place: Place) -> None:
        assert self.base is not None
        detail = self.query_one("#detail", DetailView)
        detail.show(render.entity_detail(self.base, entity), [], "Mentions in the articles: finding…")
        if place.mention is None:
            self._show_evidence(entity.evidence, place.evidence)
        if entity.id in self.mentions:
            self._show_mentions(entity.id, self.mentions[entity.id])
        elif entity.id != self._finding:
            self._finding = entity.id
            self.find_mentions(entity.id)

    # A failure here is a bug in the splitter: let it end the app with its traceback.
    @work(thread=True, exclusive=True, group="mentions", exit_on_error=True)
    def find_mentions(self, entity_id: str) -> None:
        """Sentence splitting is slow on a large base: never on the UI thread."""
        from factbrowser.core.mentions import find_mentions

        if self.base is None:
            return
        mentions = find_mentions(self.base, entity_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_mentions, entity_id, mentions)

    def _show_mentions(self, entity_id: str, mentions: list[Mention]) -> None:
        self.mentions[entity_id] = mentions
        if self._finding == entity_id:
            self._finding = None
        if self.base is None or self.place is None or self.place.id != entity_id:
            return  # the user has moved on
        base = self.base
        rows: list[Row] = [
            (MentionTarget(entity_id, number, m), render.mention_row(base, m)) for number, m in enumerate(mentions)
        ]
        detail = self.query_one("#detail", DetailView)
        detail.set_links(rows, f"Mentions in the articles {len(mentions)} (enter shows, n/N steps)")
        if self.place.mention is not None and mentions:
            self._show_mention(mentions, self.place.mention)

    def _show_mention(self, mentions: list[Mention], number: int) -> None:
        assert self.base is not None
        number %= len(mentions)
        mention = mentions[number]
        source = self.base.sources[mention.source]
        evidence = Evidence(mention.source, mention.start, mention.end, mention.sentence)
        self.query_one("#source", SourceView).show(Highlight(source, evidence, (number + 1, len(mentions)), "mention"))
        links = self.query_one("#detail", DetailView).links
        if self.place is not None:
            links.select(MentionTarget(self.place.id, number, mention))

    def _show_evidence(self, evidence: tuple[Evidence, ...], number: int) -> None:
        assert self.base is not None
        view = self.query_one("#source", SourceView)
        if not evidence:
            view.show(None)
            return
        number %= len(evidence)
        chosen = evidence[number]
        source = self.base.sources.get(chosen.source)
        view.show(Highlight(source, chosen, (number + 1, len(evidence))) if source else None)

    # -- what the widgets say -----------------------------------------------------------

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        # The detail follows the list the user moves in; focus moving alone changes nothing.
        target = message.target
        if message.list_id not in ("countries", "people", "statements"):
            return
        if isinstance(target, StatementTarget):
            place = Place("statement", target.id)
        elif isinstance(target, EntityTarget):
            place = Place("entity", target.id)
        else:
            return
        if self.place is None or (self.place.kind, self.place.id) != (place.kind, place.id):
            self.show_place(place)

    @on(Open)
    def _open(self, message: Open) -> None:
        target = message.target
        if isinstance(target, ResultTarget):
            self.open_result(target.result)
        elif isinstance(target, MentionTarget):
            self.visit(Place("entity", target.entity, mention=target.number))
        elif isinstance(target, StatementTarget) and message.list_id == "statements":
            self.visit(Place("statement", target.id, target.evidence))
            self._read_source()
        elif isinstance(target, EntityTarget) and message.list_id == "countries":
            self._remember()
            self.opened = Place("entity", target.id)
            self.set_filters(target.id, None, self.sources_filter)
            self.query_one("#people", NavList).focus()
        elif isinstance(target, EntityTarget) and message.list_id == "people":
            self._remember()
            self.opened = Place("entity", target.id)
            self.set_filters(self.country_filter, target.id, self.sources_filter)
            self.query_one("#statements", NavList).focus()
        elif isinstance(target, EntityTarget):  # a link in Detail
            self.jump_to(Place("entity", target.id))
        elif isinstance(target, StatementTarget):  # a related statement in Detail
            self.jump_to(Place("statement", target.id))

    # -- history --------------------------------------------------------------------------

    def here(self) -> Stop:
        """Where the user is now: what going back to this step restores."""
        place = self.place
        if self.opened is not None and (place is None or (place.kind, place.id) != (self.opened.kind, self.opened.id)):
            place = self.opened  # moving the cursor in a list is not going somewhere
        focused = self.focused
        return Stop(
            place, self.country_filter, self.person_filter, self.sources_filter, focused.id if focused else None
        )

    def _remember(self, leaving: Stop | None = None) -> None:
        """The one way into the history."""
        if self.base is not None and (self.place is not None or leaving is not None):
            self.history.visit(leaving or self.here())

    def visit(self, place: Place, leaving: Stop | None = None) -> None:
        """Open a place in the panes, remembering where the user was."""
        self._remember(leaving)
        self.opened = place
        self.show_place(place)

    def jump_to(self, place: Place, leaving: Stop | None = None, focus_list: bool = True) -> None:
        """Open a place and put the cursor on it in its list, clearing filters that hide it."""
        if self.base is None:
            return
        self.visit(place, leaving)
        listed = self._select_in_list(place, clear_filters=True)
        if focus_list:
            listed.focus()
        self.show_place(place)

    def _select_in_list(self, place: Place, clear_filters: bool = False) -> NavList:
        assert self.base is not None
        if place.kind == "statement":
            target = self.query_one("#statements", NavList)
            self.pinned_statement = place.id
            wanted: StatementTarget | EntityTarget = StatementTarget(place.id)
        else:
            list_id = "#countries" if place.id in self.base.countries else "#people"
            target = self.query_one(list_id, NavList)
            wanted = EntityTarget(place.id)
        if not target.select(wanted) and clear_filters:
            self.set_filters(None, None, "all")
            target.select(wanted)
        return target

    def action_go_back(self) -> None:
        stop = self.history.back(self.here())
        if stop is None:
            self.notify("Nothing to go back to.", timeout=2)
            return
        self.restore(stop)

    def action_go_forward(self) -> None:
        stop = self.history.forward(self.here())
        if stop is None:
            self.notify("Nothing to go forward to.", timeout=2)
            return
        self.restore(stop)

    def restore(self, stop: Stop) -> None:
        """Put everything back as it was at `stop`: filters, selection, panes, focus, overlay."""
        if self.maximized is not None:
            self.minimize()
        self.set_filters(stop.country, stop.person, stop.sources)
        self.opened = stop.place
        fallback: Widget = self.query_one("#statements", NavList)
        if stop.place is not None and self.base is not None:
            fallback = self._select_in_list(stop.place)
            self.show_place(stop.place)
        pane = self._pane(stop.pane)
        if isinstance(pane, SourceView):
            self._read_source()
        else:
            (pane or fallback).focus()
        if stop.overlay is not None:
            self.open_overlay(stop.overlay)

    def _pane(self, pane_id: str | None) -> Widget | None:
        if pane_id is None or pane_id in ("search", "results"):
            return None
        widget = self.query_one(f"#{pane_id}")
        return widget if widget.display and widget.focusable else None

    # -- search ---------------------------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _search_changed(self, event: SearchBox.Changed) -> None:
        if not event.value.strip():
            self._close_results()
            return
        self.run_search(event.value)

    # A failing search is a bug: end with its traceback rather than answer nothing.
    @work(thread=True, exclusive=True, group="search", exit_on_error=True)
    def run_search(self, query: str) -> None:
        if self.index is None:
            return
        results = self.index.search(query, limit=SEARCH_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_results, query, results)

    def _show_results(self, query: str, results: list[Result]) -> None:
        if query != self.query_one("#search", SearchBox).value:
            return  # a newer query is on its way: drop stale results
        self.search_results, self.results_query = results, query
        view = self.query_one("#results", ResultsList)
        rows: list[Row] = [(ResultTarget(r), render.search_row(r)) for r in results]
        if not rows:
            rows = [(Heading("none"), Content(f"No match for {query!r}"))]
        approximate = sum(1 for r in results if render.is_approximate(r))
        note = f" ({approximate} approximate, marked ≈)" if approximate else ""
        view.set_rows(rows, f"Results {len(results)}{note} · ↓ to choose, enter to open")
        view.display = True
        view.highlighted = 0 if results else None

    def _close_results(self) -> None:
        self.query_one("#results", ResultsList).display = False
        self.search_results = []

    @on(SearchBox.EnterResults)
    def _enter_results(self) -> None:
        view = self.query_one("#results", ResultsList)
        if not view.display:
            return
        # A burst of ↓ reaches the box before the focus moves: each after the first steps on.
        if self.focused is view:
            view.action_cursor_down()
        else:
            self.set_focus(view)

    @on(ResultsList.BackToQuery)
    def _back_to_query(self, message: ResultsList.BackToQuery) -> None:
        search = self.query_one("#search", SearchBox)
        if message.key is None:
            search.focus()
        else:
            search.type_key(message.key)

    @on(SearchBox.Submitted, "#search")
    def _submit_search(self) -> None:
        query = self.query_one("#search", SearchBox).value
        if query != self.results_query and self.index is not None and query.strip():
            # Enter came before the worker answered this query: answer it now.
            self.search_results, self.results_query = self.index.search(query, limit=SEARCH_LIMIT), query
        if not self.search_results:
            return
        view = self.query_one("#results", ResultsList)
        chosen = view.highlighted if view.display and view.highlighted is not None else 0
        # A burst (↓ ↓ enter) may end here, in the box: open the row the ↓ keys chose.
        self.open_result(self.search_results[min(chosen, len(self.search_results) - 1)])

    @on(SearchBox.Cleared)
    def _search_cleared(self) -> None:
        self._close_results()
        self.query_one("#statements", NavList).focus()

    def open_result(self, result: Result) -> None:
        if result.type != "statement":
            self._close_results()
            self.jump_to(Place("entity", result.id))
            return
        evidence = 0
        statement = self.base.statements.get(result.id) if self.base else None
        if statement and result.source:
            source = result.source
            evidence = next(
                (i for i, e in enumerate(statement.evidence) if e.source == source.id and e.start == source.start), 0
            )
        # The article takes the focus before the results list hides: hiding a focused
        # widget would pass the focus on to a list, over ours.
        self._read_source()
        self._close_results()
        self.jump_to(Place("statement", result.id, evidence), focus_list=False)

    @on(events.DescendantFocus)
    def _one_pane_when_short(self, event: events.DescendantFocus) -> None:
        """On a short terminal the stacked panes leave each no line: the focused pane
        fills the screen instead (tab moves to the next, escape or z shows them all)."""
        widget = event.widget
        if self.size.height >= SHORT_HEIGHT or self.maximized is widget:
            return
        if isinstance(widget, (NavList, DetailView, SourceView)) and widget.id != "results":
            self.maximize(widget)

    def _read_source(self) -> None:
        """Focus the article at the evidence; on a short terminal, full screen (escape or z
        restores), since stacked panes leave it no line there."""
        source = self.query_one("#source", SourceView)
        if self.maximized is not None and self.maximized is not source:
            self.minimize()  # a pane hidden behind a maximized one cannot take the focus
        self.set_focus(source)
        if self.size.height < SHORT_HEIGHT:
            self.maximize(source)

    # -- actions --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        # At once, not after the queue (`focus()`): letters typed right after `/` in one
        # burst must land in the box, not fire the focused list's keys (t, m, c, ...).
        if self.maximized is not None:  # the box is not in a maximized view
            self.minimize()
        self.set_focus(self.query_one("#search", SearchBox))

    def action_clear(self) -> None:
        search = self.query_one("#search", SearchBox)
        if search.value or self.query_one("#results", ResultsList).display:
            search.action_clear()
            return
        if self.country_filter or self.person_filter or self.sources_filter != "all":
            self._remember()
            self.set_filters(None, None, "all")

    def action_step(self, step: int) -> None:
        """n/N: the next evidence sentence of a statement, the next mention of an entity."""
        place, base = self.place, self.base
        if place is None or base is None:
            return
        if place.kind == "statement":
            count = len(base.statements[place.id].evidence)
            if count < 2:
                self.notify("Only one article reports this statement.", timeout=2)
                return
            self.show_place(replace(place, evidence=(place.evidence + step) % count))
            return
        mentions = self.mentions.get(place.id)
        if mentions is None:
            self.notify("Still finding the sentences that name it…", timeout=2)
            return
        if not mentions:
            self.notify("No sentence in the articles names it.", timeout=2)
            return
        number = 0 if place.mention is None and step > 0 else (place.mention or 0) + step
        number %= len(mentions)
        self.place = replace(place, mention=number)
        self._show_mention(mentions, number)

    def action_copy_citation(self) -> None:
        if self.base is None or self.place is None or self.place.kind != "statement":
            self.notify("Select a statement first, then press y to copy its citation.", timeout=3)
            return
        from factbrowser.present import build_citation, citation_text
        from factbrowser.tui.citation import CitationScreen

        statement = self.base.statements[self.place.id]
        text = citation_text(build_citation(self.base, statement, self.place.evidence % len(statement.evidence)))
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal gives no answer, so claim no success
        self.notify("Citation sent to the terminal clipboard.", timeout=3)
        self.app.push_screen(CitationScreen(text, f"Citation of {statement.id}"))

    def action_cycle_sources(self) -> None:
        following = SOURCES_ORDER[(SOURCES_ORDER.index(self.sources_filter) + 1) % len(SOURCES_ORDER)]
        self.set_filters(self.country_filter, self.person_filter, following)

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None and not self.maximize(self.focused):
            self.notify("This pane cannot be maximized.", timeout=2)

    def action_matrix(self) -> None:
        self.open_overlay(OverlayState("matrix"))

    def action_timeline(self) -> None:
        self.open_overlay(OverlayState("timeline", country=self.country_filter))

    def open_overlay(self, state: OverlayState) -> None:
        from factbrowser.tui.screens.matrix import MatrixScreen
        from factbrowser.tui.screens.timeline import TimelineScreen

        if self.base is None:
            return
        screen = MatrixScreen(self.base, state) if state.screen == "matrix" else TimelineScreen(self.base, state)
        self.app.push_screen(screen, self._chosen_in_overlay)

    def _chosen_in_overlay(self, choice: Choice | None) -> None:
        if choice is not None:
            self.jump_to(Place("statement", choice.statement_id), leaving=replace(self.here(), overlay=choice.state))


def _count(shown: int, total: int) -> str:
    return str(total) if shown == total else f"{shown}/{total}"
