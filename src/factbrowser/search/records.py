"""The searchable strings of a record (its keys), folded once, and their words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from factbrowser.core.model import Entity, FactBase, Statement
from factbrowser.core.normalize import fold_pair
from factbrowser.search.query import Query

GROUPED_NUMBER = re.compile(r"\b\d{1,3}(?: \d{3})+\b")
DIGIT = re.compile(r"\d")
THREE_DIGITS = re.compile(r"\d{3}")


@dataclass(frozen=True, slots=True)
class Key:
    """One searchable string of a record, folded once."""

    field: str
    text: str
    plain: str
    twin: str | None  # only where it differs from `plain`

    def variants(self) -> tuple[str, ...]:
        return (self.plain,) if self.twin is None else (self.plain, self.twin)

    @property
    def shortest(self) -> int:
        """The length of its shortest variant."""
        return len(self.plain) if self.twin is None else min(len(self.plain), len(self.twin))


def make_key(field_name: str, text: str, memo: dict[str, tuple[str, str | None]] | None = None) -> Key:
    folded = memo.get(text) if memo is not None else None
    if folded is None:
        folded = fold_pair(text)
        if memo is not None:
            memo[text] = folded
    return Key(field_name, text, *folded)


@dataclass(slots=True)
class EntityDoc:
    entity: Entity
    keys: tuple[Key, ...]
    blob: str  # every key folded, for exact and negated terms


@dataclass(slots=True)
class StatementDoc:
    statement: Statement
    keys: tuple[Key, ...]
    blob: str


def words_of(folded: str) -> list[str]:
    """The words of a folded text, plus grouped numbers joined ("33 000" -> "33000")."""
    words = folded.split()
    if DIGIT.search(folded):
        words += [m.group().replace(" ", "") for m in GROUPED_NUMBER.finditer(folded)]
    return words


@lru_cache(maxsize=16384)
def tokens(folded: str) -> tuple[str, ...]:
    """`_words`, remembered: the keys of the records being shown are read again and again."""
    return tuple(words_of(folded))


@lru_cache(maxsize=16384)
def word_positions(folded: str) -> dict[str, tuple[int, ...]]:
    """Each word of a folded text, with where it stands (0, 1, ...)."""
    where: dict[str, list[int]] = {}
    for number, token in enumerate(tokens(folded)):
        where.setdefault(token, []).append(number)
    return {token: tuple(numbers) for token, numbers in where.items()}


def without_spaces(text: str) -> str:
    return text.replace(" ", "")


def statement_texts(base: FactBase, statement: Statement) -> list[tuple[str, str]]:
    """(field, text) of every searchable string of a statement, in a fixed order.
    `_statement_strings` holds the same texts."""
    texts = [("text", statement.text), ("text_en", statement.text_en)]
    speaker = base.entity(statement.speaker) if statement.speaker else None
    if speaker is not None:
        texts += [("speaker", speaker.name), ("speaker", speaker.name_en)]
        texts += [("speaker", alias) for alias in speaker.aliases]
    seen_sentences: set[str] = set()
    for evidence in statement.evidence:
        if evidence.sentence not in seen_sentences:
            seen_sentences.add(evidence.sentence)
            texts.append(("sentence", evidence.sentence))
    return texts


def blob(keys: Iterable[Key]) -> Iterable[str]:
    for key in keys:
        yield key.plain
        if key.twin:
            yield key.twin


def excluded(blob: str, query: Query) -> bool:
    for term in query.terms:
        present = any(variant in blob for variant in term.variants())
        if term.negate and present:
            return True
        if term.exact and not term.negate and not present:
            return True
    return False
