"""Retrieval with a limit: the first k statements that hold a query's words, found by
SQLite FTS5 without touching (let alone scoring) every match.

This is the candidate layer under a ranking, not a ranking: it answers "which k records
of the first tier that has any?" in fixed record order (fact-file order, the rowid),
tier by tier: every word whole, then every word whole but the last, which may be a
prefix (what a search box holds while someone types). FTS5's prefix indexes for 1-3
characters keep a one-letter prefix as cheap as a word. Text is indexed folded as the
search engine folds it (`normalize.fold`: case, diacritics, ß) and, in a second column,
in its umlaut-free twin (`fold_twin`: ü -> ue), so `Müller`, `Muller` and `Mueller`
all find Müller. Names of the speaker and of every entity mentioned are indexed with
the statement, so a person's name finds what they said.

Untrusted input: the query is split into words by `normalize.split_words` and each is
passed to FTS5 as a quoted string, so no FTS5 query syntax (NEAR, column filters, `*`,
quotes) can come from the user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from factbrowser.core.model import FactBase, Statement
from factbrowser.core.normalize import fold, fold_twin, split_words

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS statement_words USING fts5(
    plain, twin, content='', columnsize=0, detail='none',
    prefix='1 2 3', tokenize='unicode61 remove_diacritics 0'
);
"""


def _searchable(base: FactBase, statement: Statement) -> str:
    names = [base.label(entity_id) for entity_id in statement.mentioned]
    return " ".join([statement.text, statement.text_en, *names])


def index_statements(connection: sqlite3.Connection, base: FactBase) -> None:
    """Fill the word index of `base`'s statements; rowid = position + 1 in fact-file order."""
    connection.executescript(SCHEMA)
    connection.executemany("INSERT INTO statement_words (rowid, plain, twin) VALUES (?, ?, ?)", _rows(base))


def _rows(base: FactBase) -> Iterator[tuple[int, str, str]]:
    for position, statement in enumerate(base.statements.values(), start=1):
        text = _searchable(base, statement)
        plain = fold(text)
        twin = fold_twin(text)
        yield position, plain, twin if twin != plain else ""


@dataclass(frozen=True, slots=True)
class Candidate:
    position: int  # 0-based, in fact-file order
    tier: int  # 0: every word whole; 1: the last word as a prefix


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _match(words: list[str], last_is_prefix: bool) -> str:
    parts = [_phrase(w) for w in words]
    if last_is_prefix:
        parts[-1] += " *"
    return " AND ".join(parts)


def _query_words(query: str) -> list[str]:
    # FTS5's tokenizer splits on what is not a letter or a digit: fold first, then split
    # the same way, so a query word is never a token FTS5 could not hold.
    words: list[str] = []
    for word in split_words(fold(query)):
        words.extend(part for part in "".join(c if c.isalnum() else " " for c in word).split() if part)
    return words


def top_k(connection: sqlite3.Connection, query: str, k: int) -> list[Candidate]:
    """The first `k` statements of the best tier(s) holding every word of `query`, as
    plain or twin folds; [] for a query without words."""
    words = _query_words(query)
    if not words or k <= 0:
        return []
    found: list[Candidate] = []
    seen: set[int] = set()
    for tier, prefix in enumerate((False, True)):
        match = _match(words, prefix)
        rows = connection.execute(
            "SELECT rowid FROM statement_words WHERE statement_words MATCH ? ORDER BY rowid LIMIT ?",
            (match, k + len(seen)),
        )
        for (rowid,) in rows:
            if rowid not in seen and len(found) < k:
                seen.add(rowid)
                found.append(Candidate(rowid - 1, tier))
        if len(found) >= k:
            break
    return found


def count(connection: sqlite3.Connection, query: str) -> int:
    """How many statements hold every word of `query` (the last as a prefix): what a
    results header says, counted by SQL without fetching the records."""
    words = _query_words(query)
    if not words:
        return 0
    (total,) = connection.execute(
        "SELECT count(*) FROM statement_words WHERE statement_words MATCH ?", (_match(words, True),)
    ).fetchone()
    return int(total)
