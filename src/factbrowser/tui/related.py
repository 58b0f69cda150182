"""Related statements in the Detail pane's links: one selectable row per link.

A row's option id is `related:<statement id>`; entity rows keep their plain ids, which
can never hold a colon (ids are slugs or ISO codes), so the two cannot be confused.
"""

from __future__ import annotations

from textual.content import Content

from factbrowser.core.model import FactBase, Statement
from factbrowser.core.text import one_line
from factbrowser.present import related_label

PREFIX = "related:"


def related_links(base: FactBase, statement: Statement) -> list[tuple[str, Content]]:
    return [
        (f"{PREFIX}{other.id}", Content(one_line(related_label(link.relation, other))))
        for link, other in base.related_statements(statement)
    ]


def related_target(option_id: str) -> str | None:
    """The statement id a links row points to, or None for an entity row."""
    return option_id.removeprefix(PREFIX) if option_id.startswith(PREFIX) else None
