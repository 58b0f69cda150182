"""Related statements in the Detail pane's links: one selectable row per link."""

from __future__ import annotations

from textual.content import Content

from factbrowser.core.model import FactBase, Statement
from factbrowser.core.text import one_line
from factbrowser.present import related_label
from factbrowser.tui.messages import StatementTarget


def related_links(base: FactBase, statement: Statement) -> list[tuple[StatementTarget, Content]]:
    return [
        (StatementTarget(other.id), Content(one_line(related_label(link.relation, other))))
        for link, other in base.related_statements(statement)
    ]
