"""Ranking: a query's entities and statements in one list, best first.

Ranking, best first: an exact name or alias match; a prefix or word-start match; a
substring match; a fuzzy match (see `entities` and `statements`). When nothing holds
every word, records holding all but one or two (`near_misses`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

from factbrowser.search.entities import search_entities
from factbrowser.search.query import Query, parse_query
from factbrowser.search.result import Pending, Result
from factbrowser.search.statements import search_statements

if TYPE_CHECKING:
    from factbrowser.search.index import SearchIndex

_NEAR_MISS_GROUP = 2  # records missing a word rank after any holding every word
Ranked = list[tuple[tuple[int, int, float], int, Pending]]


def search(index: SearchIndex, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
    query = parse_query(raw_query)
    if not query.phrase or limit <= 0:
        return []
    wanted = set(types) if types else {"country", "person", "organization", "statement"}
    ranked = _ranked(index, query, wanted, limit)
    if not ranked and len(query.positive) > 1:  # no dead end: what holds all words but one or two
        ranked = _near_misses(index, query, wanted, limit)
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [pending.result() for _, _, pending in ranked[:limit]]


def _ranked(
    index: SearchIndex, query: Query, wanted: set[str], limit: int
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    ranked: list[tuple[tuple[int, int, float], int, Pending]] = []
    if wanted & {"country", "person", "organization"}:
        ranked += search_entities(index, query, wanted)
    if "statement" in wanted:
        ranked += search_statements(index, query, limit)
    return ranked


def _near_misses(
    index: SearchIndex,
    query: Query,
    wanted: set[str],
    limit: int,
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    """Records holding every word but one (never an exact 'word), for a query that
    no record matches whole; failing that, for four to six words, every word but two.

    Several words must all match, but a reader who types one word the articles do not
    use ("Poland refuses soldiers": the text says "rejected") should still see Poland's
    refusal rather than nothing. Only then: next to full matches, records missing a
    word are noise ("von der Leyen" is not helped by statements holding "der").
    """
    droppable = [t for t in query.positive if not t.exact]  # 'word is asked for explicitly
    for count in (1, 2):
        if count == 2 and not 4 <= len(query.positive) <= 6:
            break
        best: dict[int, tuple[tuple[int, int, float], int, Pending]] = {}
        for dropped in combinations(droppable, count):
            fewer = Query.of(query.raw, tuple(t for t in query.terms if t not in dropped))
            for (_, neg_tier, neg_score), number, pending in _ranked(index, fewer, wanted, limit):
                pending.missing = tuple(t.text for t in dropped)
                candidate = ((_NEAR_MISS_GROUP, neg_tier, neg_score), number, pending)
                if number not in best or candidate[0] < best[number][0]:
                    best[number] = candidate
        if best:
            return list(best.values())
    return []
