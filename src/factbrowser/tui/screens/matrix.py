"""The commitments matrix (key m): countries x contributions; enter opens what a cell holds."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Static

from factbrowser.core.analysis import COLUMN_LABELS, commitments_matrix
from factbrowser.core.model import FactBase, Statement
from factbrowser.present import MARK_STYLE, POSITION_KINDS, one_line
from factbrowser.tui.messages import Open, Preview, StatementTarget
from factbrowser.tui.screens.common import Choice, Overlay, OverlayState, statement_line
from factbrowser.tui.widgets.nav_list import NavList


class MatrixTable(DataTable[Text]):
    """The matrix grid; its cursor never rests on the label column."""

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        if new.column == 0 and len(self.columns) > 1:
            self.cursor_coordinate = Coordinate(new.row, 1)
            return
        super().watch_cursor_coordinate(old, new)


class MatrixScreen(Overlay):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,m,backspace,alt+left", "close", "Close", id="matrix.close", tooltip="Back to the browser"),
        Binding("s", "toggle_sort", "Sort", id="matrix.sort", tooltip="Sort by country or by number of contributions"),
        Binding(
            "p",
            "cycle_period",
            "Period",
            id="matrix.period",
            tooltip="All dates, or one month in which positions are dated",
        ),
    ]

    def __init__(self, base: FactBase, state: OverlayState | None = None) -> None:
        super().__init__()
        self.base = base
        self.state = state or OverlayState("matrix")
        # All dates, then each month in which the base dates a position.
        months = {
            s.date[:7] for s in base.statements.values() if s.kind in POSITION_KINDS and s.date and len(s.date) >= 7
        }
        self.periods: tuple[str | None, ...] = (None, *sorted(months))
        self._cell: list[Statement] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="matrix-body"):
            yield MatrixTable(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
            yield NavList("Statements behind the cell (enter opens)", id="cell-statements")
            yield Static(id="matrix-note", classes="row-note")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        table = self.query_one("#matrix", MatrixTable)
        row, column = self.state.cursor
        if table.row_count:
            table.cursor_coordinate = Coordinate(min(row, table.row_count - 1), max(1, column))
        self._show_cell()
        cell_list = self.query_one("#cell-statements", NavList)
        if self.state.in_list and cell_list.option_count:
            cell_list.highlighted = min(self.state.row, cell_list.option_count - 1)
            cell_list.focus()
        else:
            table.focus()

    def _fill(self) -> None:
        period = self.periods[self.state.period % len(self.periods)]
        # Rows in the order `factbrowser matrix` prints (analysis.collation_key): no re-sort here.
        matrix = commitments_matrix(self.base, period=period, sort=self.state.sort)
        self.matrix = matrix
        table = self.query_one("#matrix", MatrixTable)
        table.clear(columns=True)
        table.add_column(Text("country"), key="country")
        for column in matrix.columns:
            table.add_column(Text(COLUMN_LABELS.get(column, column)), key=column)
        for country, row in matrix.rows.items():
            # Rich Text, not str: DataTable would parse a str as markup.
            cells: list[Text] = [Text(one_line(self.base.label(country)))]
            for column in matrix.columns:
                cell = row[column]
                mark = Text.assemble((cell.mark, MARK_STYLE.get(cell.mark, "")), f" {(cell.latest or '')[:7]}")
                cells.append(mark if cell.statements else Text(""))
            table.add_row(*cells, key=country)
        label = period or "all dates"
        self.query_one(
            "#matrix-body"
        ).border_title = f"Who sends what · {label} · sorted by {self.state.sort} · ✓ commits ✗ refuses ? undecided"

    def _show_cell(self) -> None:
        table = self.query_one("#matrix", MatrixTable)
        statements_view = self.query_one("#cell-statements", NavList)
        self._cell = []
        if table.row_count:
            row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
            cell = self.matrix.rows.get(str(row_key.value), {}).get(str(column_key.value))
            self._cell = list(cell.statements) if cell else []
        statements_view.set_rows(
            [(StatementTarget(s.id), statement_line(self.base, s)) for s in self._cell],
            f"Statements behind the cell {len(self._cell)} (enter opens)",
        )
        self._note(self._cell[0] if self._cell else None)

    def _note(self, statement: Statement | None) -> None:
        """The highlighted statement in full, wrapped: a list row is cut at the screen's edge."""
        text = statement_line(self.base, statement) if statement else Content("")
        self.query_one("#matrix-note", Static).update(text)

    def on_data_table_cell_highlighted(self) -> None:
        self._show_cell()

    def on_data_table_cell_selected(self) -> None:
        if len(self._cell) == 1:
            self._choose(self._cell[0].id, in_list=False)
        elif self._cell:
            self.query_one("#cell-statements", NavList).focus()

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()
        if isinstance(message.target, StatementTarget):
            self._note(self.base.statements.get(message.target.id))

    @on(Open)
    def _open(self, message: Open) -> None:
        message.stop()
        if isinstance(message.target, StatementTarget):
            self._choose(message.target.id, in_list=True)

    def _choose(self, statement_id: str, in_list: bool) -> None:
        self.dismiss(Choice(statement_id, self.here(in_list)))

    def here(self, in_list: bool = False) -> OverlayState:
        table = self.query_one("#matrix", MatrixTable)
        cell_list = self.query_one("#cell-statements", NavList)
        cursor = table.cursor_coordinate
        return replace(self.state, cursor=(cursor.row, cursor.column), row=cell_list.highlighted or 0, in_list=in_list)

    def action_toggle_sort(self) -> None:
        self.state = replace(self.state, sort="contributions" if self.state.sort == "country" else "country")
        self._fill()
        self._show_cell()

    def action_cycle_period(self) -> None:
        self.state = replace(self.state, period=(self.state.period + 1) % len(self.periods))
        self._fill()
        self._show_cell()
