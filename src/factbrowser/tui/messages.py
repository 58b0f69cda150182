"""What widgets and screens tell the browser, as typed messages instead of raw list events.

A row of a list carries a `Target`: the thing it stands for. Lists post `Open` when the
user presses enter on a row and `Preview` when the user moves onto one; the browser
screen decides what that means. No row id is ever parsed back into its parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from factbrowser.core.mentions import Mention
    from factbrowser.search import Result


@dataclass(frozen=True)
class EntityTarget:
    """A country, person or organization."""

    id: str


@dataclass(frozen=True)
class StatementTarget:
    id: str
    evidence: int = 0


@dataclass(frozen=True)
class MentionTarget:
    """One sentence naming an entity: `number` is its place in the entity's mentions."""

    entity: str
    number: int
    mention: Mention


@dataclass(frozen=True)
class ResultTarget:
    result: Result


@dataclass(frozen=True)
class Heading:
    """A row that only labels the rows after it."""

    label: str


Target = EntityTarget | StatementTarget | MentionTarget | ResultTarget | Heading


class Open(Message):
    """The user pressed enter on a row (or a palette hit)."""

    def __init__(self, target: Target, list_id: str | None = None) -> None:
        super().__init__()
        self.target = target
        self.list_id = list_id


class Preview(Message):
    """The user moved the cursor onto a row."""

    def __init__(self, target: Target, list_id: str | None = None) -> None:
        super().__init__()
        self.target = target
        self.list_id = list_id
