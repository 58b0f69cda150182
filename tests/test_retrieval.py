"""FTS5 retrieval with a limit (`core.retrieval`): exactly the statements that hold the
query's words, in tiers, in fact-file order, never more than k, and no FTS5 syntax from
the query. Checked against a brute-force scan of the same folds."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from factbrowser.core import retrieval
from factbrowser.core.model import FactBase
from factbrowser.core.normalize import fold, fold_twin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from search_bench import QUERIES

EXTRA = ("Grossbritannien", "Großbritannien", "Muller", "ä", "33.000", "S", "Na", "Macron Paris", "xyzzy")
HOSTILE = ("NEAR(a b)", '"', "plain:macron", "*", "-", "^a", "a OR b", "'", "(", "macron NOT", "\x00", "")


@pytest.fixture(scope="module")
def indexed(shipped_base: FactBase) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    retrieval.index_statements(connection, shipped_base)
    return connection


def _tokens(text: str) -> set[str]:
    return set("".join(c if c.isalnum() else " " for c in text).split())


def _brute(base: FactBase, query: str) -> tuple[list[int], list[int]]:
    """(positions holding every word whole, positions holding them with the last as a prefix)."""
    words = retrieval._query_words(query)
    whole: list[int] = []
    prefix: list[int] = []
    for position, statement in enumerate(base.statements.values()):
        text = retrieval._searchable(base, statement)
        tokens = _tokens(fold(text)) | _tokens(fold_twin(text))
        if all(w in tokens for w in words):
            whole.append(position)
        if all(w in tokens for w in words[:-1]) and any(t.startswith(words[-1]) for t in tokens):
            prefix.append(position)
    return whole, prefix


@pytest.mark.parametrize("query", [*QUERIES, *EXTRA])
def test_candidates_are_exactly_the_matches_in_tiers(
    indexed: sqlite3.Connection, shipped_base: FactBase, query: str
) -> None:
    whole, prefix = _brute(shipped_base, query)
    expected = [retrieval.Candidate(p, 0) for p in whole]
    expected += [retrieval.Candidate(p, 1) for p in prefix if p not in set(whole)]
    assert retrieval.top_k(indexed, query, 10_000) == expected
    assert retrieval.top_k(indexed, query, 5) == expected[:5]
    assert retrieval.count(indexed, query) == len(prefix)


def test_umlaut_free_spellings_find_the_same(indexed: sqlite3.Connection) -> None:
    assert retrieval.top_k(indexed, "Grossbritannien", 50) == retrieval.top_k(indexed, "Großbritannien", 50) != []


@pytest.mark.parametrize("query", HOSTILE)
def test_no_fts5_syntax_comes_from_the_query(indexed: sqlite3.Connection, query: str) -> None:
    found = retrieval.top_k(indexed, query, 50)  # never an sqlite3.OperationalError
    assert len(found) <= 50
