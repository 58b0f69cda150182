"""The search engine: bilingual, typo-, umlaut- and ß-tolerant, pure Python + RapidFuzz.

One `SearchIndex` serves the app's search box, the command palette and
`factbrowser search`. Everything normalised is computed once, when the index is built;
a query costs a scan of the entity names (small) plus, for statements, a look-up of each
query word in a vocabulary of folded words, which narrows the statements to score
before RapidFuzz touches a sentence.

Query language (fzf habits): words separated by spaces must all match (AND);
`'word` must occur exactly (after folding); `!word` excludes records containing it.

Ranking, best first: an exact name or alias match; a prefix or word-start match; a
substring match; a fuzzy match. For a short query (up to three words), entities come
before statements.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from factbrowser.model import Entity, FactBase, Statement
from factbrowser.normalize import fold, fold_twin, fold_with_map, original_span

MAX_QUERY_CHARS = 200
MAX_TERMS = 8

# Tiers, best first. The sort key is (group, -tier, -score).
EXACT, PREFIX, SUBSTRING, FUZZY = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    file: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Result:
    type: str  # country | person | organization | statement
    id: str
    label: str
    score: float
    tier: int
    matched_field: str
    matched_text: str
    highlights: tuple[tuple[int, int], ...]  # spans in `label`
    matched_highlights: tuple[tuple[int, int], ...]  # spans in `matched_text`
    source: SourceRef | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type, "id": self.id, "label": self.label, "score": round(self.score, 1),
            "matched_field": self.matched_field, "matched_text": self.matched_text,
            "highlights": [list(span) for span in self.highlights],
            "source": None if self.source is None else {
                "id": self.source.id, "file": self.source.file, "sentence": self.source.sentence,
                "start": self.source.start, "end": self.source.end},
        }


@dataclass(frozen=True, slots=True)
class _Key:
    """One searchable string of a record, folded once."""

    field: str
    text: str
    plain: str
    twin: str | None  # only where it differs from `plain`


def _key(field_name: str, text: str) -> _Key:
    plain = fold(text)
    twin = fold_twin(text)
    return _Key(field_name, text, plain, twin if twin != plain else None)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # folded
    exact: bool = False
    negate: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    raw: str
    phrase: str  # the folded query without operators, for whole-phrase matching
    terms: tuple[Term, ...]

    @property
    def short(self) -> bool:
        return len([t for t in self.terms if not t.negate]) <= 3


def parse_query(raw: str) -> Query:
    """Split a query into folded terms. Never raises; an unusable query has no terms."""
    raw = unicodedata.normalize("NFC", raw[:MAX_QUERY_CHARS])
    terms: list[Term] = []
    words: list[str] = []
    for word in raw.split():
        negate = word.startswith("!")
        word = word.lstrip("!")
        exact = word.startswith("'")
        word = word.lstrip("'")
        for folded in fold(word).split():
            terms.append(Term(folded, exact, negate))
            if not negate:
                words.append(folded)
    return Query(raw, " ".join(words), tuple(terms[:MAX_TERMS]))


# -- scoring one string -----------------------------------------------------------------


def _is_word_start(key: str, index: int) -> bool:
    return index == 0 or key[index - 1] == " "


def _score_name(term: str, key: str) -> tuple[int, float]:
    """(tier, score) of a query term or phrase against a short name."""
    if term == key:
        return EXACT, 100.0
    index = key.find(term)
    while index != -1:
        if _is_word_start(key, index):
            return PREFIX, 100.0 * len(term) / len(key) * 0.1 + 90.0
        index = key.find(term, index + 1)
    if term in key:
        return SUBSTRING, 80.0 + 10.0 * len(term) / len(key)
    if len(term) >= 4 and term.endswith("s") and term[:-1] == key:  # German genitive: Frankreichs
        return EXACT, 99.0
    if len(term) < 3 or len(key) < 3 or len(key) * 2 < len(term):
        return FUZZY, 0.0  # too short to tell a typo from a different word
    score = fuzz.WRatio(term, key, score_cutoff=70)
    words = key.split()
    if len(words) > 1 and " " not in term:
        # WRatio forgives a short query almost anything inside a long name; comparing
        # word by word keeps "Stramer" close to "Starmer" and far from other names.
        best_word = max(fuzz.ratio(term, word) for word in words)
        score = max(min(score, best_word + 5), best_word)
    return FUZZY, score


def _best_name(term: str, keys: Iterable[_Key], twin_term: str | None) -> tuple[int, float, _Key | None]:
    best: tuple[int, float, _Key | None] = (FUZZY, 0.0, None)
    for key in keys:
        if key.field == "id":  # ids are for exact look-ups ("DE", "merz"), never fuzzy
            if term == key.plain and best[0] < EXACT:
                best = (EXACT, 100.0, key)
            continue
        candidates = [(term, key.plain)]
        if key.twin:
            candidates.append((term, key.twin))
            if twin_term:
                candidates.append((twin_term, key.twin))
        for query_text, key_text in candidates:
            tier, score = _score_name(query_text, key_text)
            if (tier, score) > best[:2]:
                best = (tier, score, key)
    return best


# -- highlighting ---------------------------------------------------------------------


def highlight_spans(text: str, query: Query, fuzzy: bool = True) -> tuple[tuple[int, int], ...]:
    """Spans of `text` (original characters) that match the query's words."""
    if not text or not query.terms:
        return ()
    spans: list[tuple[int, int]] = []
    for twin in (False, True):
        folded, index_map = _fold_map(text, twin)
        for term in query.terms:
            if term.negate or not term.text:
                continue
            found = _exact_spans(folded, term.text)
            if not found and fuzzy and not term.exact and len(term.text) >= 3:
                alignment = fuzz.partial_ratio_alignment(term.text, folded, score_cutoff=75)
                if alignment is not None and alignment.dest_end > alignment.dest_start:
                    found = [(alignment.dest_start, alignment.dest_end)]
            for start, end in found:
                span = original_span(index_map, text, start, end)
                if span:
                    spans.append(span)
        if spans:
            break
    return _merge(spans)


@lru_cache(maxsize=2048)
def _fold_map(text: str, twin: bool) -> tuple[str, list[int]]:
    return fold_with_map(text, twin)


def _exact_spans(folded: str, term: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = folded.find(term)
    while index != -1 and len(spans) < 50:
        spans.append((index, index + len(term)))
        index = folded.find(term, index + len(term))
    return spans


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


# -- the index ------------------------------------------------------------------------


@dataclass(slots=True)
class _EntityDoc:
    entity: Entity
    keys: tuple[_Key, ...]
    blob: str  # every key folded, for exact and negated terms


@dataclass(slots=True)
class _StatementDoc:
    statement: Statement
    keys: tuple[_Key, ...]
    blob: str


@dataclass(slots=True)
class SearchIndex:
    """Built once from a FactBase; `search` is pure and safe to call from any thread."""

    base: FactBase
    entities: list[_EntityDoc] = field(default_factory=list)
    statements: list[_StatementDoc] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)  # sorted folded words
    postings: dict[str, list[int]] = field(default_factory=dict)  # word -> statement doc indices
    _term_cache: dict[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, base: FactBase) -> SearchIndex:
        index = cls(base)
        for entity in base.entities():
            keys = [_key("name", entity.name), _key("name_en", entity.name_en)]
            keys += [_key("alias", alias) for alias in entity.aliases]
            keys += [_key("metonym", m) for m in getattr(entity, "metonyms", ())]
            keys += [_key("epithet", m) for m in getattr(entity, "epithets", ())]
            role = getattr(entity, "role", None)
            if role:
                keys += [_key("role", role), _key("role_en", getattr(entity, "role_en", ""))]
            keys += [_key("id", entity.id)]
            index.entities.append(_EntityDoc(entity, tuple(keys), " | ".join(_blob(keys))))
        postings: dict[str, set[int]] = {}
        for number, statement in enumerate(base.statements.values()):
            keys = [_key("text", statement.text), _key("text_en", statement.text_en)]
            speaker = base.entity(statement.speaker) if statement.speaker else None
            if speaker is not None:
                keys += [_key("speaker", speaker.name), _key("speaker", speaker.name_en)]
                keys += [_key("speaker", alias) for alias in speaker.aliases]
            seen_sentences: set[str] = set()
            for evidence in statement.evidence:
                if evidence.sentence not in seen_sentences:
                    seen_sentences.add(evidence.sentence)
                    keys.append(_key("sentence", evidence.sentence))
            blob = " | ".join(_blob(keys))
            index.statements.append(_StatementDoc(statement, tuple(keys), blob))
            for word in set(blob.split()):
                postings.setdefault(word, set()).add(number)
        index.postings = {word: sorted(docs) for word, docs in postings.items() if word != "|"}
        index.vocabulary = sorted(index.postings)
        return index

    # -- statements: narrowing by vocabulary ---------------------------------------------

    def _words_for(self, term: str, exact: bool) -> list[str]:
        """Vocabulary words a query term may stand for: prefix matches, then typos."""
        start = bisect.bisect_left(self.vocabulary, term)
        words = []
        for word in self.vocabulary[start:]:
            if not word.startswith(term):
                break
            words.append(word)
        if exact or len(term) < 4:
            return words
        # A typo in a whole word ("Selensky", "Stramer"): at most 1 edit, 2 for long words.
        limit = 1 if len(term) < 6 else 2
        for word, _, _ in process.extract(term, self.vocabulary, scorer=Levenshtein.distance,
                                          score_cutoff=limit, limit=None):
            words.append(word)
        # A word inside a longer word, with a typo ("ukrain" in "ukrainischen").
        if len(term) >= 5:
            for word, _, _ in process.extract(term, self.vocabulary, scorer=fuzz.partial_ratio,
                                              score_cutoff=85, limit=None):
                if len(word) > len(term):
                    words.append(word)
        if term.endswith("s") and len(term) > 4:  # German genitive: "Selenskyjs"
            words += self._words_for(term[:-1], exact=True)
        return words

    def _docs_for(self, term: Term) -> frozenset[int]:
        cache_key = f"{term.exact}:{term.text}"
        cached = self._term_cache.get(cache_key)
        if cached is not None:
            return cached
        if term.exact:
            docs = frozenset(n for n, doc in enumerate(self.statements) if term.text in doc.blob)
        else:
            docs_set: set[int] = set()
            for word in self._words_for(term.text, exact=False):
                docs_set.update(self.postings.get(word, ()))
            docs = frozenset(docs_set)
        if len(self._term_cache) > 512:
            self._term_cache.clear()
        self._term_cache[cache_key] = docs
        return docs

    def _statement_candidates(self, query: Query) -> Iterable[int]:
        positive = [t for t in query.terms if not t.negate]
        if not positive:
            return ()
        ordered = sorted(positive, key=lambda t: len(t.text), reverse=True)
        docs = self._docs_for(ordered[0])
        for term in ordered[1:]:
            if not docs:
                break
            docs = docs & self._docs_for(term)
        return sorted(docs)

    # -- searching -----------------------------------------------------------------------

    def search(self, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
        query = parse_query(raw_query)
        if not query.phrase:
            return []
        wanted = set(types) if types else {"country", "person", "organization", "statement"}
        results: list[tuple[tuple[int, int, float], Result]] = []
        if wanted & {"country", "person", "organization"}:
            results += self._search_entities(query, wanted)
        if "statement" in wanted:
            results += self._search_statements(query, limit)
        results.sort(key=lambda pair: pair[0])
        return [result for _, result in results[:limit]]

    def _search_entities(self, query: Query, wanted: set[str]) -> list[tuple[tuple[int, int, float], Result]]:
        out = []
        twin_phrase = fold_twin(query.raw) if not query.raw.isascii() else None
        for doc in self.entities:
            entity = doc.entity
            if entity.type not in wanted or _excluded(doc.blob, query):
                continue
            tier, score, key = _best_name(query.phrase, doc.keys, twin_phrase)
            if len(query.terms) > 1:
                and_tier, and_score, and_key = self._all_terms(query, doc.keys)
                if (and_tier, and_score) > (tier, score):
                    tier, score, key = and_tier, and_score, and_key
            if key is None or score < 75:
                continue
            if key.field in ("role", "role_en", "epithet"):
                tier = min(tier, SUBSTRING)  # a role describes, a name identifies
            # Short queries are usually names: entities first, unless the match is weak.
            group = 0 if query.short and (tier >= SUBSTRING or score >= 85) else 1
            label = entity.name
            result = Result(entity.type, entity.id, label, score, tier, key.field, key.text,
                            highlight_spans(label, query), highlight_spans(key.text, query))
            out.append(((group, -tier, -score), result))
        return out

    def _all_terms(self, query: Query, keys: tuple[_Key, ...]) -> tuple[int, float, _Key | None]:
        """Every word must match some key (AND); the weakest word sets the tier."""
        worst_tier, total, first_key = EXACT, 0.0, None
        positive = [t for t in query.terms if not t.negate]
        for term in positive:
            tier, score, key = _best_name(term.text, keys, None)
            if key is None or score < 72 or (term.exact and tier == FUZZY):
                return FUZZY, 0.0, None
            worst_tier = min(worst_tier, tier if tier != EXACT else PREFIX)
            total += score
            first_key = first_key or key
        return worst_tier, total / max(len(positive), 1), first_key

    def _search_statements(self, query: Query, limit: int) -> list[tuple[tuple[int, int, float], Result]]:
        scored = []
        for number in self._statement_candidates(query):
            doc = self.statements[number]
            if _excluded(doc.blob, query):
                continue
            tier, score, key = self._score_statement(query, doc)
            if key is not None:
                scored.append((tier, score, number, key))
        scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
        out = []
        group = 1
        for tier, score, number, key in scored[: max(limit, 20)]:
            statement = self.statements[number].statement
            out.append(((group, -tier, -score), self._statement_result(query, statement, key, tier, score)))
        return out

    def _score_statement(self, query: Query, doc: _StatementDoc) -> tuple[int, float, _Key | None]:
        best: tuple[int, float, _Key | None] = (FUZZY, 0.0, None)
        for key in doc.keys:
            if query.phrase in key.plain or (key.twin and query.phrase in key.twin):
                tier = PREFIX if _word_start_in(key.plain, query.phrase) else SUBSTRING
                candidate = (tier, 100.0, key)
            else:
                score = fuzz.partial_ratio(query.phrase, key.plain, score_cutoff=60)
                candidate = (FUZZY, score, key)
            if candidate[:2] > best[:2]:
                best = candidate
        if best[2] is None:
            # Every word matched somewhere (that is how it became a candidate), but
            # not as one phrase: rank it by how the words fare on their own.
            best = (FUZZY, 55.0, doc.keys[0])
        return best

    def _statement_result(self, query: Query, statement: Statement, key: _Key, tier: int,
                          score: float) -> Result:
        evidence = statement.evidence[0]
        if key.field == "sentence":
            evidence = next(e for e in statement.evidence if e.sentence == key.text)
        label = key.text if key.field in ("text", "text_en") else statement.text
        source = self.base.sources.get(evidence.source)
        ref = SourceRef(evidence.source, source.file if source else "", evidence.sentence,
                        evidence.start, evidence.end)
        return Result("statement", statement.id, label, score, tier, key.field, key.text,
                      highlight_spans(label, query), highlight_spans(key.text, query), ref)


def _blob(keys: Iterable[_Key]) -> Iterable[str]:
    for key in keys:
        yield key.plain
        if key.twin:
            yield key.twin


def _word_start_in(text: str, phrase: str) -> bool:
    index = text.find(phrase)
    while index != -1:
        if _is_word_start(text, index):
            return True
        index = text.find(phrase, index + 1)
    return False


def _excluded(blob: str, query: Query) -> bool:
    for term in query.terms:
        if term.negate and term.text in blob:
            return True
        if term.exact and not term.negate and term.text not in blob:
            return True
    return False


__all__ = ["Query", "Result", "SearchIndex", "SourceRef", "parse_query"]
