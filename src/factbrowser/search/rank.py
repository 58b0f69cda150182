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
from factbrowser.search.expand import Expanded, content_query, expand
from factbrowser.search.partial import term_weights
from factbrowser.search.query import Query, parse_query
from factbrowser.search.records import EntityDoc
from factbrowser.search.result import Pending, Result
from factbrowser.search.statements import partial_statements, search_statements

if TYPE_CHECKING:
    from factbrowser.search.index import SearchIndex

_NEAR_MISS_GROUP = 2  # records missing a word rank after any holding every word
_MIN_ALONE = 3  # letters a word needs to be all that an entity near miss matches
_LONG = 3  # content words from which a query is a question rather than a name
_FEW = 10  # full matches of a long query under which partial ones follow them
_ENTITY_TYPES = frozenset({"country", "person", "organization"})
Ranked = list[tuple[tuple[int, int, float], int, Pending]]


def search(index: SearchIndex, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
    query = parse_query(raw_query)
    if not query.phrase or limit <= 0:
        return []
    wanted = set(types) if types else {"country", "person", "organization", "statement"}
    expanded = expand(index.vocabulary, query)
    ranked = _ranked(index, query, expanded, wanted, limit)
    if not ranked and len(expanded.query.positive) + len(query.positive) > 2:
        ranked = _partial(index, query, expanded, wanted, limit)  # no dead end
    elif "statement" in wanted and len(expanded.query.positive) >= _LONG:
        ranked += _more_statements(index, expanded, ranked, limit)
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [pending.result() for _, _, pending in ranked[:limit]]


def _ranked(index: SearchIndex, query: Query, expanded: Expanded, wanted: set[str], limit: int) -> Ranked:
    """Entities matching every word of the query (names hold stop words: "von der Leyen"),
    and statements holding every content word."""
    ranked: Ranked = []
    if wanted & _ENTITY_TYPES:
        ranked += search_entities(index, query, wanted, limit)
    if "statement" in wanted:
        ranked += search_statements(index, expanded, limit)
    return ranked


def _more_statements(index: SearchIndex, expanded: Expanded, ranked: Ranked, limit: int) -> Ranked:
    """After the few statements that hold every word of a long query, those holding most
    of them: a question's words are seldom all in one statement."""
    shown = {number for _, number, pending in ranked if not isinstance(pending.doc, EntityDoc)}
    if len(shown) >= _FEW:
        return []
    weights = term_weights(index.vocabulary, expanded.matched, expanded.synonyms, len(index.base.statements))
    partial = partial_statements(index, expanded, weights, limit, _NEAR_MISS_GROUP)
    return [item for item in partial if item[1] not in shown]


def _partial(index: SearchIndex, query: Query, expanded: Expanded, wanted: set[str], limit: int) -> Ranked:
    """For a query that no record matches whole: records holding some of its content
    words, the rarer words weighing more (`partial`), each saying which words it lacks.

    Only then: next to full matches, records missing a word are noise ("von der Leyen"
    is not helped by statements holding "der").
    """
    weights = term_weights(index.vocabulary, expanded.matched, expanded.synonyms, len(index.base.statements))
    ranked: Ranked = []
    if "statement" in wanted:
        ranked += partial_statements(index, expanded, weights, limit, _NEAR_MISS_GROUP)
    if wanted & _ENTITY_TYPES:
        weight_of = {term.text: weight for term, weight in zip(expanded.query.positive, weights, strict=True)}
        ranked += _entity_near_misses(index, content_query(query), weight_of, wanted)
    return ranked


def _entity_near_misses(index: SearchIndex, query: Query, weight_of: dict[str, float], wanted: set[str]) -> Ranked:
    """Entities matching every word but one (never an exact 'word); for four to six
    words, every word but two. Their score shrinks with the weight of what they lack."""
    positive = query.positive
    droppable = [t for t in positive if not t.exact]  # 'word is asked for explicitly
    total = sum(weight_of.get(t.text, 0.0) for t in positive) or 1.0
    best: dict[int, tuple[tuple[int, int, float], int, Pending]] = {}
    for count in (1, 2):
        if count == 2 and not 4 <= len(positive) <= 6:
            break
        for dropped in combinations(droppable, count):
            fewer = Query.of(query.raw, tuple(t for t in query.terms if t not in dropped))
            if all(len(t.text) < _MIN_ALONE and not t.exact for t in fewer.positive):
                continue  # "K" of "Jürgen K" begins too many names to stand alone
            share = 1.0 - sum(weight_of.get(t.text, 0.0) for t in dropped) / total
            for _, number, pending in search_entities(index, fewer, wanted):
                pending.missing = tuple(t.text for t in dropped)
                pending.score *= share
                candidate = ((_NEAR_MISS_GROUP, 0, -pending.score), number, pending)
                if number not in best or candidate[0] < best[number][0]:
                    best[number] = candidate
        if best:
            break
    return list(best.values())
