"""What a query's words stand for in the statements: stop words left out, compounds split
into the base's own words, and the thesaurus's alternatives (ranked below the word)."""

from __future__ import annotations

from dataclasses import dataclass

from factbrowser.search.aids import Aids, load_aids
from factbrowser.search.query import Query, Term, query_numbers
from factbrowser.search.vocabulary import EXACT, FUZZY, PREFIX, Match, Vocabulary, term_matches

_SYNONYM_SCORE = 85.0  # a synonym ranks with a good typo: below every literal match
_LINKS = ("", "s", "n", "en", "es")  # Fugen-s and friends: Sicherheits|garantien
_MIN_HEAD, _MIN_TAIL = 3, 4


@dataclass(frozen=True, slots=True)
class Expanded:
    """The statement side of a query: its content terms, per term the vocabulary words it
    matches, and which of them it matches only through the thesaurus."""

    query: Query  # the content terms (and the excluded ones), for highlights and filters
    typed: Query  # the query as typed, stop words and all
    matched: list[dict[str, Match]]
    synonyms: tuple[frozenset[str], ...]
    numbers: frozenset[float] = frozenset()  # what the query names as numbers (`query_numbers`)


def content_query(query: Query, aids: Aids | None = None) -> Query:
    """The query without its stop words ("does", "der"), unless it is nothing else.
    An exact 'word is always kept."""
    stop_words = (aids or load_aids()).stop_words
    kept = tuple(t for t in query.terms if t.negate or t.exact or t.text not in stop_words)
    if not any(not t.negate for t in kept):
        return query
    return Query(query.raw, query.phrase, kept)


def expand(vocabulary: Vocabulary, query: Query) -> Expanded:
    """`content_query`, with compounds the vocabulary does not hold split into two words
    it does (Luftunterstützung -> luft unterstutzung), and each term's matches."""
    aids = load_aids()
    terms: list[Term] = []
    for term in content_query(query, aids).terms:
        parts = None if term.negate or _known_whole(vocabulary, term, aids) else split_compound(vocabulary, term)
        terms += parts if parts is not None else (term,)
    terms = list(dict.fromkeys(terms))
    content = Query(query.raw, query.phrase, tuple(terms))
    matched: list[dict[str, Match]] = []
    synonyms: list[frozenset[str]] = []
    for term in content.positive:
        found, only_synonyms = _with_synonyms(vocabulary, term, aids)
        matched.append(found)
        synonyms.append(only_synonyms)
    return Expanded(content, query, matched, tuple(synonyms), query_numbers(query))


def split_compound(vocabulary: Vocabulary, term: Term) -> tuple[Term, Term] | None:
    """Two words of the vocabulary that make up `term`, where the vocabulary holds neither
    `term` nor a word it begins; the longest first part wins (Bundeswehr|einsatz)."""
    text = term.text
    if term.exact or len(text) < _MIN_HEAD + _MIN_TAIL or not text.isalpha():
        return None
    if vocabulary.has_prefix(text):
        return None
    for cut in range(len(text) - _MIN_TAIL, _MIN_HEAD - 1, -1):
        head, tail = text[:cut], text[cut:]
        if not vocabulary.has_prefix(tail):
            continue
        for link in _LINKS:
            if not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)]
            if len(stem) >= _MIN_HEAD and stem in vocabulary.number:
                return Term(stem), Term(tail)
    return None


def _known_whole(vocabulary: Vocabulary, term: Term, aids: Aids) -> bool:
    """Whether the thesaurus knows `term` as a whole and one of its group's words finds a
    word of the vocabulary the term itself does not: then it stays one word (Frontlinie
    -> Waffenstillstandslinie, not Front|linie; Vorrang -> Priorität, not vor|rang)."""
    if term.exact or not (aids.synonyms_of(term.text) or (term.twin and aids.synonyms_of(term.twin))):
        return False
    return bool(_with_synonyms(vocabulary, term, aids)[1])


def _with_synonyms(vocabulary: Vocabulary, term: Term, aids: Aids) -> tuple[dict[str, Match], frozenset[str]]:
    found = term_matches(vocabulary, term)
    if term.exact:
        return found, frozenset()
    alternatives = set(aids.synonyms_of(term.text))
    if term.twin:
        alternatives |= aids.synonyms_of(term.twin)
    only: set[str] = set()
    for alternative in alternatives:
        for word, (tier, score) in vocabulary.matches(alternative, exact=True).items():
            if tier == EXACT or (tier == PREFIX and len(alternative) >= 4):
                match = (FUZZY, _SYNONYM_SCORE * score / 100.0)
                if word not in found:
                    only.add(word)
                if match > found.get(word, (-1, 0.0)):
                    found[word] = match
    return found, frozenset(only)
