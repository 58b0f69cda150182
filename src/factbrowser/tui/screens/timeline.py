"""Positions over time (key t): statements by date, grouped by month and led by the
meetings, changes of position first; enter opens the statement."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from factbrowser.core.analysis import position_changes, timeline
from factbrowser.core.model import FactBase
from factbrowser.core.text import one_line
from factbrowser.tui.messages import Heading, Open, Preview, StatementTarget
from factbrowser.tui.screens.common import Choice, Overlay, OverlayState, statement_line
from factbrowser.tui.widgets.nav_list import NavList, Row


def timeline_rows(base: FactBase, country: str | None) -> list[Row]:
    rows: list[Row] = []
    for number, change in enumerate(position_changes(base, country)):
        heading = Content.assemble(("Change of position: ", "bold $warning"), (base.label(change.country), "bold"))
        rows.append((Heading(f"change {number}"), heading))
        for side, statements in (("before", change.before), ("after", change.after)):
            for statement in statements:
                # The evidence number keeps a statement listed twice two distinct rows.
                target = StatementTarget(statement.id, evidence=len(rows))
                rows.append((target, Content.assemble((f"  {side:<6} ", "bold"), statement_line(base, statement))))
    for period in timeline(base, country):
        places = sorted({e.place for e in period.events if e.place})
        heading = Content.assemble((f"── {period.key} ", "bold"), (" · ".join(places), "dim"))
        rows.append((Heading(period.key), heading))
        for statement in period.events + period.statements:
            target = StatementTarget(statement.id, evidence=len(rows))
            rows.append((target, Content.assemble("  ", statement_line(base, statement))))
    return rows


class TimelineScreen(Overlay):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t,backspace,alt+left", "close", "Close", id="timeline.close", tooltip="Back to the browser"),
    ]

    def __init__(self, base: FactBase, state: OverlayState | None = None) -> None:
        super().__init__()
        self.base = base
        self.state = state or OverlayState("timeline")

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-body"):
            yield Static(id="timeline-note")
            yield NavList("Timeline (enter opens)", id="timeline")
            yield Static(id="timeline-row", classes="row-note")
        yield Footer()

    def on_mount(self) -> None:
        base, country = self.base, self.state.country
        view = self.query_one("#timeline", NavList)
        view.set_rows(timeline_rows(base, country))
        if view.option_count:
            row = min(self.state.row, view.option_count - 1)
            if not view.get_option_at_index(row).disabled:
                view.highlighted = row
        scope = f" for {one_line(base.label(country))}" if country else ""
        # Content, not str: a str title is parsed as markup, and the name is data.
        self.query_one("#timeline-body").border_title = Content.assemble("Positions over time", scope)
        self.query_one("#timeline-note", Static).update(
            Content(
                "A change is shown only where dated positions exist on both sides; each line names its articles "
                "and whether a date is inferred. The highlighted line in full is at the bottom."
            )
        )
        self._show_row(view.target)
        view.focus()

    def _show_row(self, target: object) -> None:
        """The highlighted row in full, wrapped: the list cuts rows at the screen's edge."""
        statement = self.base.statements.get(target.id) if isinstance(target, StatementTarget) else None
        line = statement_line(self.base, statement) if statement else Content("")
        self.query_one("#timeline-row", Static).update(line)

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()
        self._show_row(message.target)

    @on(Open)
    def _open(self, message: Open) -> None:
        message.stop()
        if isinstance(message.target, StatementTarget):
            row = self.query_one("#timeline", NavList).highlighted or 0
            self.dismiss(Choice(message.target.id, replace(self.state, row=row)))
