"""The matrix (key m) and timeline (key t) screens. Both dismiss with a place to open."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, OptionList, Static

from factbrowser.core.analysis import COLUMN_LABELS, commitments_matrix, evidence_label, position_changes, timeline
from factbrowser.core.model import FactBase, Statement
from factbrowser.core.normalize import fold
from factbrowser.core.text import one_line
from factbrowser.tui import render
from factbrowser.tui.widgets import NavList

MARK_STYLE = {"✓": "bold green", "✗": "bold red", "?": "bold yellow"}


def statement_line(base: FactBase, statement: Statement) -> Content:
    basis = " (inferred)" if statement.date_basis == "inferred" else ""
    return Content.assemble(
        (f"{statement.date or 'undated'}{basis} ", "dim"),
        render.statement_row(base, statement),
        (f"  [{evidence_label(base, statement)}]", "dim"),
    )


class MatrixScreen(ModalScreen[str | None]):
    """Countries x contributions; a cell lists the statements behind it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,m", "close", "Close", id="matrix.close", tooltip="Back to the browser"),
        Binding("s", "toggle_sort", "Sort", id="matrix.sort", tooltip="Sort by country or by number of contributions"),
        Binding(
            "p",
            "cycle_period",
            "Period",
            id="matrix.period",
            tooltip="All dates, or one month in which positions are dated",
        ),
    ]

    def __init__(self, base: FactBase) -> None:
        super().__init__()
        self.base = base
        self.sort = "country"
        self.period_index = 0
        # All dates, then each month in which the base dates a position (in the shipped base:
        # September 2025 and January 2026).
        months = {
            s.date[:7]
            for s in base.statements.values()
            if s.kind in ("commitment", "refusal") and s.date and len(s.date) >= 7
        }
        self.periods: tuple[str | None, ...] = (None, *sorted(months))

    def compose(self) -> ComposeResult:
        with Vertical(id="matrix-body"):
            yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True)
            yield NavList("Statements behind the cell (enter opens)", id="cell-statements")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#matrix", DataTable).focus()

    def _fill(self) -> None:
        period = self.periods[self.period_index]
        matrix = commitments_matrix(self.base, period=period, sort=self.sort)
        if self.sort == "country":
            matrix.rows = dict(sorted(matrix.rows.items(), key=lambda item: fold(self.base.label(item[0]))))
        self.matrix = matrix
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column(Text("country"), key="country")
        for column in matrix.columns:
            table.add_column(Text(COLUMN_LABELS.get(column, column)), key=column)
        for country, row in matrix.rows.items():
            # Rich Text, not str: DataTable would parse a str as markup.
            cells: list[Text] = [Text(one_line(self.base.label(country)))]
            for column in matrix.columns:
                cell = row[column]
                if not cell.statements:
                    cells.append(Text(""))
                else:
                    cells.append(
                        Text.assemble((cell.mark, MARK_STYLE.get(cell.mark, "")), f" {(cell.latest or '')[:7]}")
                    )
            table.add_row(*cells, key=country)
        label = period or "all dates"
        self.query_one(
            "#matrix-body"
        ).border_title = f"Who sends what · {label} · sorted by {self.sort} · ✓ commits ✗ refuses ? undecided"
        self._show_cell()

    def _show_cell(self) -> None:
        table = self.query_one("#matrix", DataTable)
        statements_view = self.query_one("#cell-statements", NavList)
        if not table.row_count:
            statements_view.set_rows([])
            return
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        country, column = str(row_key.value), str(column_key.value)
        cell = self.matrix.rows.get(country, {}).get(column)
        statements = cell.statements if cell else []
        statements_view.set_rows([(s.id, statement_line(self.base, s)) for s in statements])

    def on_data_table_cell_highlighted(self) -> None:
        self._show_cell()

    def on_data_table_cell_selected(self) -> None:
        self.query_one("#cell-statements", NavList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_sort(self) -> None:
        self.sort = "contributions" if self.sort == "country" else "country"
        self._fill()

    def action_cycle_period(self) -> None:
        self.period_index = (self.period_index + 1) % len(self.periods)
        self._fill()


class TimelineScreen(ModalScreen[str | None]):
    """Statements by date, grouped by month and led by the meetings; changes of position first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "close", "Close", id="timeline.close", tooltip="Back to the browser"),
    ]

    def __init__(self, base: FactBase, country: str | None = None) -> None:
        super().__init__()
        self.base = base
        self.country = country

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-body"):
            yield Static(id="timeline-note")
            yield NavList("Timeline (enter opens)", id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        base = self.base
        rows: list[tuple[str, Content]] = []
        changes = position_changes(base, self.country)
        for number, change in enumerate(changes):
            rows.append(
                (
                    f"§change-{number}",
                    Content.assemble(("Change of position: ", "bold $warning"), (base.label(change.country), "bold")),
                )
            )
            for side, statements in (("before", change.before), ("after", change.after)):
                for statement in statements:
                    rows.append(
                        (
                            f"{statement.id}#{side}{number}",
                            Content.assemble((f"  {side:<6} ", "bold"), statement_line(base, statement)),
                        )
                    )
        for period in timeline(base, self.country):
            places = sorted({e.place for e in period.events if e.place})
            rows.append(
                (f"§{period.key}", Content.assemble((f"── {period.key} ", "bold"), (" · ".join(places), "dim")))
            )
            for statement in period.events + period.statements:
                rows.append((statement.id, Content.assemble("  ", statement_line(base, statement))))
        timeline_view = self.query_one("#timeline", NavList)
        timeline_view.set_rows(rows)
        scope = f" for {one_line(base.label(self.country))}" if self.country else ""
        # Content, not str: a str title is parsed as markup, and the name is data.
        self.query_one("#timeline-body").border_title = Content.assemble("Positions over time", scope)
        self.query_one("#timeline-note", Static).update(
            Content(
                "A change is shown only where dated positions exist on both sides; each line names its articles "
                "and whether a date is inferred."
            )
        )
        timeline_view.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("§"):  # a heading; ids of records never start with §
            return
        self.dismiss(option_id.split("#", 1)[0])

    def action_close(self) -> None:
        self.dismiss(None)
