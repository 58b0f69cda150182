"""Entity ranking: names, aliases, metonyms, roles; coverage of one name; whole names."""

from __future__ import annotations

import bisect
import heapq
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from factbrowser.search.highlight import Highlighter
from factbrowser.search.query import Query, Term
from factbrowser.search.records import EntityDoc, excluded, without_spaces, word_positions
from factbrowser.search.result import Pending
from factbrowser.search.vocabulary import EXACT, FUZZY, PREFIX, SUBSTRING, Match, term_matches, typo_budget

if TYPE_CHECKING:
    from factbrowser.search.index import SearchIndex

# Per field of an entity: (highest tier it can give, points taken off its score).
# A role describes, a name identifies; a metonym names something else as well.
_FIELD_RULES: dict[str, tuple[int, float]] = {
    "name": (EXACT, 0.0),
    "name_en": (EXACT, 0.0),
    "alias": (EXACT, 0.0),
    "id": (EXACT, 0.0),
    "metonym": (EXACT, 1.5),
    # From the gazetteer (search aids, not the base): other spellings and abbreviations,
    # demonyms and adjectives, capitals and cities; a little below the base's own names.
    "gazetteer": (EXACT, 1.0),
    "demonym": (EXACT, 1.5),
    "place": (EXACT, 2.0),
    "role": (SUBSTRING, 6.0),
    "role_en": (SUBSTRING, 6.0),
    "epithet": (SUBSTRING, 6.0),
}
_MIN_ENTITY_SCORE = 75.0
_STRONG_SCORE = 80.0  # a fuzzy entity match this good (one typo in five letters) still comes first


def search_entities(
    index: SearchIndex, query: Query, wanted: set[str], limit: int | None = None
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    """Entities matching every word of `query`, as rank keys; with `limit`, at least
    the `limit` best of them (and their order) are exact, the rest may be left out."""
    positive, short = query.positive, query.short
    matched = [term_matches(index.names, term) for term in positive]
    # Per entity: per term, the best (tier, score, key) over the words it matched.
    best: dict[int, list[tuple[int, float, int] | None]] = {}
    shortest: dict[int, int] = {}  # per entity, its shortest key holding a matched word
    for number, words in enumerate(matched):
        for word, (tier, score) in words.items():
            for entity_number, key_number in index._name_postings.get(word, ()):
                field, length = index.key_fact(entity_number, key_number)
                top_tier, penalty = _FIELD_RULES.get(field, (EXACT, 0.0))
                candidate = (min(tier, top_tier), score - penalty, key_number)
                slots = best.get(entity_number)
                if slots is None:
                    if number:
                        continue  # missed an earlier term: AND fails
                    slots = best[entity_number] = [None] * len(positive)
                    shortest[entity_number] = length
                elif length < shortest[entity_number]:
                    shortest[entity_number] = length
                current = slots[number]
                if current is None or candidate[:2] > current[:2]:
                    slots[number] = candidate
    typos = [{word for word, (tier, _) in words.items() if tier == FUZZY} for words in matched]
    # Per entity: (tier, score before coverage, the best score coverage can leave it).
    complete: list[tuple[int, float, float, int]] = []
    reach = sum(len(term.text) + typo_budget(len(term.text)) for term in positive) + len(positive) - 1
    for entity_number, slots in best.items():
        if any(slot is None for slot in slots):
            continue
        full = [slot for slot in slots if slot is not None]
        if any(t.exact and slot[0] == FUZZY for t, slot in zip(positive, full, strict=True)):
            continue
        tier = min(min(slot[0] for slot in full), PREFIX)  # EXACT is for whole names
        score = sum(slot[1] for slot in full) / len(full)
        # `_coverage` divides by the length of a key holding a word of every term
        at_most = max(0.5, min(1.0, reach / max(shortest[entity_number], 1)))
        complete.append((tier, score, score - 10.0 * (1.0 - at_most), entity_number))
    # Entities are scored best bound first, and only until `limit` of them rank above
    # what any entity after them could reach: "S" meets 10,000 people of a dense base
    # and shows a few. (Several words can still be lifted by a whole-name prefix, below:
    # they are all scored.)
    complete.sort(key=lambda item: (-item[0], -item[2], item[3]))
    size = limit if limit is not None and len(positive) == 1 else 0
    kept: list[tuple[int, int, float, int]] = []  # max-heap of the best shown, negated
    scored: dict[int, tuple[int, float, int]] = {}
    described: set[int] = set()  # entities one of whose keys holds every word
    for tier, score, bound, entity_number in complete:
        if size and len(kept) >= size and _worst(kept) < (0, -tier, -bound, entity_number):
            break
        first = best[entity_number][0]
        assert first is not None  # complete: every slot is filled
        coverage, covering = _coverage(index.entities[entity_number], positive, matched, typos)
        key_number = first[2] if covering is None else covering
        if covering is not None:
            described.add(entity_number)
        final = scored[entity_number] = (tier, score - 10.0 * (1.0 - coverage), key_number)
        if size:
            shown = _shown_key(index, query, short, wanted, entity_number, final, entity_number in described)
            if shown is not None:
                _keep(kept, shown, size)
    _whole_name_matches(index, query, scored)
    out = []
    highlighter = Highlighter.of(query, matched)
    for entity_number, (tier, score, key_number) in scored.items():
        shown = _shown_key(
            index, query, short, wanted, entity_number, (tier, score, key_number), entity_number in described
        )
        if shown is None:
            continue
        doc = index.entities[entity_number]
        pending = Pending(index, matched, highlighter, doc, doc.keys[key_number], tier, score)
        out.append(((shown[0], -tier, -score), entity_number, pending))
    return out


def _shown_key(
    index: SearchIndex,
    query: Query,
    short: bool,
    wanted: set[str],
    entity_number: int,
    ranked: tuple[int, float, int],
    described: bool,
) -> tuple[int, int, float, int] | None:
    """The sort key (group, -tier, -score, entity) of an entity that is shown; None for
    one that is not (another type, too weak, excluded)."""
    tier, score, _key_number = ranked
    doc = index.entities[entity_number]
    if doc.entity.type not in wanted or score < _MIN_ENTITY_SCORE:
        return None
    if query.excludes and excluded(doc.blob, query):
        return None
    strong = tier >= SUBSTRING or score >= _STRONG_SCORE
    # A long query that one name or role holds whole wants the entity: "Russian foreign
    # ministry spokeswoman" is Sacharowa before her statements.
    whole = short or described or _names_whole(doc, query)
    return (0 if strong and whole else 1, -tier, -score, entity_number)


def _keep(kept: list[tuple[int, int, float, int]], key: tuple[int, int, float, int], size: int) -> None:
    """Keep the `size` best (smallest) keys in `kept`, a heap of negated keys."""
    negated = (-key[0], -key[1], -key[2], -key[3])
    if len(kept) < size:
        heapq.heappush(kept, negated)
    elif negated > kept[0]:
        heapq.heapreplace(kept, negated)


def _worst(kept: list[tuple[int, int, float, int]]) -> tuple[int, int, float, int]:
    """The worst (largest) key kept."""
    group, tier, score, number = kept[0]
    return (-group, -tier, -score, -number)


def _coverage(
    doc: EntityDoc, positive: tuple[Term, ...], matched: list[dict[str, Match]], typos: list[set[str]]
) -> tuple[float, int | None]:
    """How much of its best key the query covers (0.5 if no one key holds every word).
    `typos`: per term, the words it matched only with a typo."""
    typed = sum(len(term.text) for term in positive) + len(positive) - 1
    best: tuple[float, int | None] = (0.5, None)
    for key_number, key in enumerate(doc.keys):
        if key.field == "id":
            continue
        for variant in key.variants():
            tokens = word_positions(variant).keys()
            if all(not tokens.isdisjoint(words.keys()) for words in matched):
                left_out = sum(
                    _left_out(term, tokens & fuzzy)
                    for term, fuzzy in zip(positive, typos, strict=True)
                    if fuzzy and not tokens.isdisjoint(fuzzy)
                )
                coverage = min(1.0, (typed + left_out) / len(variant))
                if coverage > best[0]:
                    best = (coverage, key_number)
    return best


def _names_whole(doc: EntityDoc, query: Query) -> bool:
    """Whether a long query is one of the entity's names, give or take a typo."""
    compact = without_spaces(query.phrase)
    return any(
        fuzz.ratio(compact, without_spaces(variant)) >= _STRONG_SCORE
        for key in doc.keys
        if key.field in ("name", "name_en", "alias")
        for variant in key.variants()
    )


def _whole_name_matches(index: SearchIndex, query: Query, scored: dict[int, tuple[int, float, int]]) -> None:
    """Upgrade (or add) entities whose whole name is the query, or starts with it."""
    phrases = {query.phrase}
    twin_phrase = " ".join(t.twin or t.text for t in query.positive)
    phrases.add(twin_phrase)

    def offer(entity_number: int, key_number: int, tier: int, score: float) -> None:
        field, _length = index.key_fact(entity_number, key_number)
        top_tier, penalty = _FIELD_RULES.get(field, (EXACT, 0.0))
        if tier == EXACT and top_tier < EXACT:  # the whole role: "President of Ukraine"
            top_tier, penalty = PREFIX, 2.0
        candidate = (min(tier, top_tier), score - penalty, key_number)
        current = scored.get(entity_number)
        if current is None or candidate[:2] > current[:2]:
            scored[entity_number] = candidate

    for phrase in phrases:
        for entity_number, key_number in index._whole_keys.get(phrase, ()):
            offer(entity_number, key_number, EXACT, 100.0)
        if len(phrase) >= 4 and phrase.endswith("s"):  # genitive: Großbritanniens
            for entity_number, key_number in index._whole_keys.get(phrase[:-1], ()):
                offer(entity_number, key_number, EXACT, 98.0)
    for entity_number, (_tier, _score, key_number) in list(scored.items()):
        key = index.entities[entity_number].keys[key_number]
        for phrase in phrases:
            if len(query.positive) > 1 and any(v.startswith(phrase) for v in key.variants()):
                offer(entity_number, key_number, PREFIX, 90.0 + 9.0 * len(phrase) / len(key.plain))
    # Spaces typed differently: "Vonder Leyen", "Jeannoel", "Grossbri tannien".
    compact = without_spaces(query.phrase)
    if len(compact) < 4 or any(t.exact for t in query.positive):
        return
    number = bisect.bisect_left(index._compact_keys, compact)
    while number < len(index._compact_keys) and index._compact_keys[number].startswith(compact):
        entity_number, key_number = index._compact_owner[number]
        offer(entity_number, key_number, PREFIX, 88.0)
        number += 1
    for _, score, number in process.extract(
        compact, index._compact_keys, scorer=fuzz.ratio, score_cutoff=88.0, limit=10
    ):
        entity_number, key_number = index._compact_owner[number]
        if entity_number not in scored:
            offer(entity_number, key_number, FUZZY, score)


def _left_out(term: Term, words: set[str]) -> int:
    """Letters of a name's word that a typo left out of the term ("Rute" for "Rutte":
    one), never more than the typos forgiven in a word of its length."""
    missing = max(len(word) - len(term.text) for word in words)
    return max(0, min(missing, typo_budget(len(term.text))))
