"""Statement ranking: the best candidates by their words' matches, then proximity."""

from __future__ import annotations

import heapq
from itertools import chain
from typing import TYPE_CHECKING

from factbrowser.core.model import Statement
from factbrowser.search.expand import Expanded
from factbrowser.search.highlight import Highlighter
from factbrowser.search.partial import Partial, best_partial, match_groups
from factbrowser.search.proximity import best_key, in_own_fields
from factbrowser.search.query import Query
from factbrowser.search.records import Key, excluded
from factbrowser.search.result import Pending
from factbrowser.search.vocabulary import EXACT, PREFIX, Match

if TYPE_CHECKING:
    from factbrowser.search.index import SearchIndex

_STATEMENTS_REFINED = 200  # the best candidates get the phrase/proximity pass
_MIN_PARTIAL = 3  # letters a word needs to count when a record holds only some words
_MAX_BONUS = 15.0  # what proximity (10) and the whole phrase (5) can add to a score
_FIGURE_BONUS = 5.0  # a figure whose value the query names


def _term_groups(index: SearchIndex, words: dict[str, Match], within: set[int] | None) -> list[tuple[Match, set[int]]]:
    """The records holding one of `words` (and in `within`, if given), grouped by their
    best match, best first; every record in one group only."""
    vocabulary = index.vocabulary
    if within is not None and len(within) * 256 < sum(vocabulary.count(word) for word in words):
        # Few candidates, many postings (a letter or two): look at the candidates' words.
        by_match: dict[Match, set[int]] = {}
        for doc in within:
            best = max((words[w] for w in index.statement_words(doc) if w in words), default=None)
            if best is not None:
                by_match.setdefault(best, set()).add(doc)
        return sorted(by_match.items(), reverse=True)
    seen: set[int] = set()
    groups: list[tuple[Match, set[int]]] = []
    for match, group in match_groups(words):  # best first: the first match of a record is its best
        found = set(chain.from_iterable(vocabulary.docs(word) for word in group))
        if within is not None:
            found.intersection_update(within)  # walks the smaller set
        if seen:
            found = found.difference(seen)  # walks `found` unless it is much the larger
        if found:
            seen.update(found)
            groups.append((match, found))
    return groups


def _best_of_one_term(
    index: SearchIndex, words: dict[str, Match], query: Query, wanted: int
) -> list[tuple[int, float, int]]:
    """The `wanted` best records for a one-word query, as (tier, score, record), without
    scoring every record that holds a word starting with a letter."""
    vocabulary = index.vocabulary
    groups = match_groups(words)
    # The best rank a later group can still give: (tier capped at PREFIX, score).
    ranks = [(min(match[0], PREFIX), match[1]) for match, _ in groups]
    bounds = [(-1, 0.0)] * (len(groups) + 1)
    for number in range(len(groups) - 1, -1, -1):
        bounds[number] = max(ranks[number], bounds[number + 1])
    seen: set[int] = set()
    chunks: list[tuple[tuple[int, float], list[int]]] = []
    for number, (_match, group) in enumerate(groups):
        found = set(chain.from_iterable(vocabulary.docs(word) for word in group))
        if seen:
            found = found.difference(seen)
        seen.update(found)
        in_order = sorted(found)
        if query.excludes:  # look at records in order, only until enough are kept
            kept: list[int] = []
            for doc in in_order:
                if not excluded(index.statement_doc(doc).blob, query):
                    kept.append(doc)
                    if len(kept) >= wanted:
                        break
            in_order = kept
        if in_order:
            chunks.append((ranks[number], in_order[:wanted]))
        bound = bounds[number + 1]
        if sum(len(docs) for rank, docs in chunks if rank > bound) >= wanted:
            break
    chunks.sort(key=lambda chunk: chunk[0], reverse=True)  # stable: equal ranks keep record order below
    ordered = [(rank, doc) for rank, docs in chunks for doc in docs]
    ordered.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return [(rank[0], rank[1], doc) for rank, doc in ordered[:wanted]]


def _best_of_terms(index: SearchIndex, matched: list[dict[str, Match]], query: Query) -> list[tuple[int, float, int]]:
    """The `_STATEMENTS_REFINED` best records holding every term, as (tier, score,
    record): tier the worst of the terms' (at most PREFIX), score their mean (summed in
    term order). Records are handled as sets per combination of the terms' matches,
    never one by one; the commonest term ("u" in "Waffen u") is walked best match
    first, and only until no record it has not reached yet could still rank higher."""
    vocabulary = index.vocabulary
    terms = len(matched)
    order = sorted(range(terms), key=lambda n: sum(vocabulary.count(w) for w in matched[n]))
    groups: list[list[tuple[Match, set[int]]]] = [[] for _ in matched]
    candidates: set[int] | None = None
    for number in order[:-1]:  # the rarer terms in full, each within the records of the last
        groups[number] = _term_groups(index, matched[number], candidates)
        candidates = set().union(*(docs for _, docs in groups[number]))
        if not candidates:
            return []
    assert candidates is not None
    if query.excludes:
        candidates = {doc for doc in candidates if not excluded(index.statement_doc(doc).blob, query)}
    # Per combination of the rarer terms' matches (by term number): its records.
    combos: dict[tuple[Match | None, ...], set[int]] = {(None,) * terms: candidates}
    for number in order[:-1]:
        following: dict[tuple[Match | None, ...], set[int]] = {}
        for key, docs in combos.items():
            for match, term_docs in groups[number]:
                both = docs & term_docs  # walks the smaller set
                if both:
                    following[(*key[:number], match, *key[number + 1 :])] = both
        combos = following
    last = order[-1]
    last_groups = _term_groups(index, matched[last], candidates)
    # For the bound: the best the rarer terms give any record, and what the groups of
    # the last term not yet walked can still give.
    best_sum = max((sum(m[1] for m in key if m is not None) for key in combos), default=0.0) + 1e-9
    rest = [(-1, -1.0)] * (len(last_groups) + 1)
    for number in range(len(last_groups) - 1, -1, -1):
        (tier, score), _ = last_groups[number]
        rest[number] = (max(min(tier, PREFIX), rest[number + 1][0]), max(score, rest[number + 1][1]))
    ranked: dict[tuple[int, float], set[int]] = {}
    for number, (match, term_docs) in enumerate(last_groups):  # best first
        for key, docs in combos.items():
            both = docs & term_docs
            if not both:
                continue
            docs.difference_update(both)  # reached with its best match of the last term
            full = (*key[:last], match, *key[last + 1 :])
            tier = min(min(m[0] for m in full if m is not None), PREFIX)
            score = sum(m[1] for m in full if m is not None) / terms
            ranked.setdefault((tier, score), set()).update(both)
        tier_left, score_left = rest[number + 1]
        if tier_left < 0:
            break
        bound = (min(tier_left, PREFIX), (best_sum + score_left) / terms)
        if sum(len(docs) for rank, docs in ranked.items() if rank > bound) >= _STATEMENTS_REFINED:
            break
    first: list[tuple[int, float, int]] = []
    for (tier, score), docs in sorted(ranked.items(), key=lambda item: (-item[0][0], -item[0][1])):
        first += [(tier, score, doc) for doc in sorted(docs)[: _STATEMENTS_REFINED - len(first)]]
        if len(first) >= _STATEMENTS_REFINED:
            break
    return first


def search_statements(
    index: SearchIndex, expanded: Expanded, limit: int
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    """Statements holding every content term of the query (a synonym counts, below the word)."""
    query, matched = expanded.query, expanded.matched
    if not matched:
        return []
    if len(matched) == 1:
        first = _best_of_one_term(index, matched[0], query, max(limit, 20))
    else:
        first = _best_of_terms(index, matched, query)
        if not first:
            return []
    refined: list[tuple[int, float, int]] = []
    keys: dict[int, Key] = {}
    several = len(matched) > 1
    best = _Best(max(limit, 20))
    numbers = expanded.numbers
    figure_cap = _FIGURE_BONUS if numbers else 0.0
    for tier, score, doc in first[:_STATEMENTS_REFINED]:  # best first
        if best.beyond((tier, (score * 0.9 + _MAX_BONUS if several else score) + figure_cap)):
            break  # neither proximity nor the phrase could lift it (or any after it) into view
        statement_doc = index.statement_doc(doc)
        statement_keys = statement_doc.keys
        if several:  # proximity is a matter of several words
            keys[doc], closeness = best_key(statement_keys, matched)
            score = score * 0.9 + 10.0 * closeness + _phrase_bonus(statement_keys, query)
        elif not in_own_fields(statement_keys, matched[0]):
            score -= 0.5  # "Österreich": Austria's own refusal before nine others' shared sentence
        score += _figure_bonus(statement_doc.statement, numbers)
        refined.append((tier, score, doc))
        best.add((tier, score))
    refined.sort(key=lambda item: (-item[0], -item[1], item[2]))
    out = []
    highlighter = Highlighter.of_phrase(expanded.typed, query, matched)
    for tier, score, doc in refined[: max(limit, 20)]:
        pending = Pending(
            index, matched, highlighter, index.statement_doc(doc), keys.get(doc), tier, score, (), expanded.synonyms
        )
        out.append(((1, -tier, -score), 10_000_000 + doc, pending))
    return out


def partial_statements(
    index: SearchIndex, expanded: Expanded, weights: list[float], limit: int, group: int
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    """Statements holding some of the content terms, rarest words first (`partial`); each
    says which terms it lacks. An exact 'word is never lacking."""
    query, matched = expanded.query, expanded.matched
    positive = query.positive
    required = sum(1 << n for n, term in enumerate(positive) if term.exact)
    # A letter or two still being typed ("Jürgen K") begins too many words to stand alone.
    matched = [
        words if len(term.text) >= _MIN_PARTIAL or EXACT in {tier for tier, _ in words.values()} else {}
        for term, words in zip(positive, matched, strict=True)
    ]
    found = [n for n, words in enumerate(matched) if words]
    if len(found) == 1:  # one word found at all: rank its records as for that word alone
        (only,) = found
        first = _best_of_one_term(index, matched[only], query, max(limit, 20))
        candidates = [Partial(score, doc, 1 << only, tier) for tier, score, doc in first]
    else:
        candidates = best_partial(index.vocabulary, matched, weights, required)
    refined: list[tuple[float, Partial, Key]] = []
    best = _Best(max(limit, 20))
    numbers = expanded.numbers
    figure_cap = _FIGURE_BONUS if numbers else 0.0
    for partial in candidates:  # best first
        if best.beyond((0, partial.score * 0.9 + _MAX_BONUS + figure_cap)):
            break
        doc = index.statement_doc(partial.doc)
        if query.excludes and excluded(doc.blob, query):
            continue
        key, closeness = best_key(doc.keys, matched)
        score = partial.score * 0.9 + 10.0 * closeness + _phrase_bonus(doc.keys, query)
        score += _figure_bonus(doc.statement, numbers)
        refined.append((score, partial, key))
        best.add((0, score))
    refined.sort(key=lambda item: (-item[0], item[1].doc))
    highlighter = Highlighter.of_phrase(expanded.typed, query, matched)
    out = []
    for score, partial, key in refined[: max(limit, 20)]:
        missing = tuple(term.text for n, term in enumerate(positive) if not partial.present & 1 << n)
        doc = index.statement_doc(partial.doc)
        pending = Pending(index, matched, highlighter, doc, key, partial.tier, score, missing, expanded.synonyms)
        out.append(((group, 0, -score), 10_000_000 + partial.doc, pending))
    return out


class _Best:
    """The `size` best (tier, score) ranks seen so far, to stop refining candidates that
    could no longer reach them."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._heap: list[tuple[int, float]] = []

    def add(self, rank: tuple[int, float]) -> None:
        if len(self._heap) < self._size:
            heapq.heappush(self._heap, rank)
        elif rank > self._heap[0]:
            heapq.heapreplace(self._heap, rank)

    def beyond(self, bound: tuple[int, float]) -> bool:
        """Whether a candidate that can rank at best `bound` would not make the best."""
        return len(self._heap) >= self._size and bound < self._heap[0]


def _figure_bonus(statement: Statement, numbers: frozenset[float]) -> float:
    """A figure whose value the query names is the record of that number: "35 Staats-
    und Regierungschefs" is the figure before the event whose sentence holds it too."""
    if statement.kind != "figure" or statement.value is None:
        return 0.0
    return _FIGURE_BONUS if statement.value in numbers else 0.0


def _phrase_bonus(keys: tuple[Key, ...], query: Query) -> float:
    """A little for holding the query's words in the query's order, stop words and all."""
    phrase = query.phrase
    if " " not in phrase:
        return 0.0
    padded = f" {phrase} "
    return 5.0 if any(padded in f" {variant} " for key in keys for variant in key.variants()) else 0.0
