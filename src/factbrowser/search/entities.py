"""Entity ranking: names, aliases, metonyms, roles; coverage of one name; whole names."""

from __future__ import annotations

import bisect
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
    index: SearchIndex, query: Query, wanted: set[str]
) -> list[tuple[tuple[int, int, float], int, Pending]]:
    positive = query.positive
    matched = [term_matches(index.names, term) for term in positive]
    # Per entity: per term, the best (tier, score, key) over the words it matched.
    best: dict[int, list[tuple[int, float, int] | None]] = {}
    for number, words in enumerate(matched):
        for word, (tier, score) in words.items():
            for entity_number, key_number in index._name_postings.get(word, ()):
                key = index.entities[entity_number].keys[key_number]
                top_tier, penalty = _FIELD_RULES.get(key.field, (EXACT, 0.0))
                candidate = (min(tier, top_tier), score - penalty, key_number)
                slots = best.get(entity_number)
                if slots is None:
                    if number:
                        continue  # missed an earlier term: AND fails
                    slots = best[entity_number] = [None] * len(positive)
                current = slots[number]
                if current is None or candidate[:2] > current[:2]:
                    slots[number] = candidate
    scored: dict[int, tuple[int, float, int]] = {}
    described: set[int] = set()  # entities one of whose keys holds every word
    typos = [{word for word, (tier, _) in words.items() if tier == FUZZY} for words in matched]
    for entity_number, slots in best.items():
        if any(slot is None for slot in slots):
            continue
        full = [slot for slot in slots if slot is not None]
        if any(t.exact and slot[0] == FUZZY for t, slot in zip(positive, full, strict=True)):
            continue
        tier = min(min(slot[0] for slot in full), PREFIX)  # EXACT is for whole names
        score = sum(slot[1] for slot in full) / len(full)
        # Words that make up most of one name beat the same words inside a longer one.
        coverage, covering = _coverage(index.entities[entity_number], positive, matched, typos)
        key_number = full[0][2] if covering is None else covering
        if covering is not None:
            described.add(entity_number)
        scored[entity_number] = (tier, score - 10.0 * (1.0 - coverage), key_number)
    _whole_name_matches(index, query, scored)
    out = []
    highlighter = Highlighter.of(query, matched)
    for entity_number, (tier, score, key_number) in scored.items():
        doc = index.entities[entity_number]
        if doc.entity.type not in wanted or score < _MIN_ENTITY_SCORE:
            continue
        if query.excludes and excluded(doc.blob, query):
            continue
        strong = tier >= SUBSTRING or score >= _STRONG_SCORE
        # A long query that one name or role holds whole wants the entity: "Russian foreign
        # ministry spokeswoman" is Sacharowa before her statements.
        whole = query.short or entity_number in described or _names_whole(doc, query)
        group = 0 if strong and whole else 1
        pending = Pending(index, matched, highlighter, doc, doc.keys[key_number], tier, score)
        out.append(((group, -tier, -score), entity_number, pending))
    return out


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
        key = index.entities[entity_number].keys[key_number]
        top_tier, penalty = _FIELD_RULES.get(key.field, (EXACT, 0.0))
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
