"""The search engine: bilingual, typo-, umlaut- and ß-tolerant, pure Python + RapidFuzz.

One `SearchIndex` serves the app's search box, the command palette and
`factbrowser search`. Everything normalised is computed once, when the index is built:
two vocabularies of folded words (one of entity names, one of statement text), each
word with its postings. A query word is looked up in a vocabulary once -- as the same
word, a prefix of one, a genitive (Frankreichs, Putins), a piece of a compound, a typo
(edit distance with transpositions, on the whole word or on what has been typed so far)
or a word that sounds the same (Kölner Phonetik: Zelensky/Selenskyj, Witkov/Witkoff) --
and every record is then scored from the postings of the words it found, so the cost
of a query grows with the vocabulary, not with the number of records times names.

Query language (fzf habits): words separated by spaces must all match (AND);
`'word` must occur exactly (after folding); `!word` excludes records containing it.

Ranking, best first: an exact name or alias match; a prefix or word-start match; a
substring match; a fuzzy match. Within a tier, words that cover more of one name rank
higher; metonyms (Moskau for Russland) rank just below names, and roles or epithets
(Bundeskanzler for Merz) below that. Names typed with spaces elsewhere ("Vonder Leyen")
are compared without spaces. For a short query (up to three words), or a longer one that
is a whole name, entities with a strong match come before statements. For several
words, statements whose words stand closer together, and in the statement's own text or
speaker rather than only its evidence sentence, rank higher.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from factbrowser.model import Entity, FactBase, Statement
from factbrowser.normalize import fold, fold_twin, fold_with_map, original_span, phonetic

MAX_QUERY_CHARS = 200
MAX_TERMS = 8

# Tiers, best first. The sort key is (group, -tier, -score).
EXACT, PREFIX, SUBSTRING, FUZZY = 3, 2, 1, 0

# Per field of an entity: (highest tier it can give, points taken off its score).
# A role describes, a name identifies; a metonym names something else as well.
_FIELD_RULES: dict[str, tuple[int, float]] = {
    "name": (EXACT, 0.0), "name_en": (EXACT, 0.0), "alias": (EXACT, 0.0), "id": (EXACT, 0.0),
    "metonym": (EXACT, 1.5),
    "role": (SUBSTRING, 6.0), "role_en": (SUBSTRING, 6.0), "epithet": (SUBSTRING, 6.0),
}
_MIN_ENTITY_SCORE = 75.0
_STRONG_SCORE = 80.0  # a fuzzy entity match this good (one typo in five letters) still comes first
_PHONETIC_SCORE = 80.0  # plus a tenth of the spelling similarity
_PHONETIC_FLOOR = 60.0
_STATEMENTS_REFINED = 200  # the best candidates get the phrase/proximity pass
# Abbreviations readers type for the words of figures.
_ABBREVIATIONS = {"mrd": "milliarden", "mio": "millionen", "tsd": "tausend", "bn": "billion",
                  "bln": "billion", "mn": "million"}
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_GROUPED_NUMBER = re.compile(r"\b\d{1,3}(?: \d{3})+\b")
_DIGIT = re.compile(r"\d")


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

    def variants(self) -> tuple[str, ...]:
        return (self.plain,) if self.twin is None else (self.plain, self.twin)


def _key(field_name: str, text: str) -> _Key:
    plain = fold(text)
    twin = fold_twin(text)
    return _Key(field_name, text, plain, twin if twin != plain else None)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # folded
    exact: bool = False
    negate: bool = False
    twin: str | None = None  # the word with ä/ö/ü spelt ae/oe/ue, where that differs
    expansion: str | None = None  # the word an abbreviation stands for: mrd -> milliarden

    def variants(self) -> tuple[str, ...]:
        return tuple(v for v in (self.text, self.twin, self.expansion) if v is not None)


@dataclass(frozen=True, slots=True)
class Query:
    raw: str
    phrase: str  # the folded query without operators, for whole-phrase matching
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negate)

    @property
    def excludes(self) -> bool:
        """Whether any term filters records: an exact 'word or a negated !word."""
        return any(t.exact or t.negate for t in self.terms)

    @property
    def short(self) -> bool:
        return len(self.positive) <= 3


def parse_query(raw: str) -> Query:
    """Split a query into folded terms. Never raises; an unusable query has no terms."""
    raw = unicodedata.normalize("NFC", raw[:MAX_QUERY_CHARS])
    terms: list[Term] = []
    for word in raw.split():
        negate = word.startswith("!")
        word = word.lstrip("!")
        exact = word.startswith("'")
        word = _POSSESSIVE.sub("", word.lstrip("'"))  # Putin's -> Putin
        plain_words = fold(word).split()
        twin_words = fold_twin(word).split()
        if len(twin_words) != len(plain_words):
            twin_words = plain_words
        for folded, twin in zip(plain_words, twin_words, strict=True):
            terms.append(Term(folded, exact, negate, twin if twin != folded else None,
                              _ABBREVIATIONS.get(folded)))
    terms = list(dict.fromkeys(terms))[:MAX_TERMS]  # "e e e" asks no more than "e"
    return Query(raw, " ".join(t.text for t in terms if not t.negate), tuple(terms))


# -- a vocabulary of folded words -------------------------------------------------------

# How well a query word matches a vocabulary word: (tier, score).
Match = tuple[int, float]


def _typo_budget(length: int) -> int:
    """Edits forgiven in a word of this length: none below 4 letters."""
    if length < 4:
        return 0
    if length < 6:
        return 1
    return 2 if length < 10 else 3


class _Vocabulary:
    """Sorted folded words, each with its postings, and the look-ups of one query word."""

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self.postings = postings
        self.words = sorted(postings)
        self._blob = "\n".join(self.words)
        self._starts: list[int] = []
        offset = 0
        for word in self.words:
            self._starts.append(offset)
            offset += len(word) + 1
        self._sounds: dict[str, list[str]] = {}
        for word in self.words:
            code = phonetic(word)
            if len(code) >= 3:
                self._sounds.setdefault(code, []).append(word)
        self._truncated: dict[int, list[str]] = {}
        self._cache: dict[tuple[str, bool], dict[str, Match]] = {}

    def matches(self, term: str, exact: bool = False) -> dict[str, Match]:
        """Vocabulary words `term` may stand for, with how well it matches each."""
        cache_key = (term, exact)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        found: dict[str, Match] = {}

        def add(word: str, tier: int, score: float) -> None:
            if (tier, score) > found.get(word, (-1, 0.0)):
                found[word] = (tier, score)

        # The same word, or a word it begins (what has been typed so far).
        start = bisect.bisect_left(self.words, term)
        for word in self.words[start:]:
            if not word.startswith(term):
                break
            if word == term:
                add(word, EXACT, 100.0)
            else:
                add(word, PREFIX, 90.0 + 9.0 * len(term) / len(word))
        # A German genitive or plural s: Frankreichs, Putins, Selenskyjs.
        if len(term) >= 4 and term.endswith("s") and term[:-1] in self.postings:
            add(term[:-1], EXACT, 98.0)
        # A piece of a compound: "waffen" in "langstreckenwaffen".
        if len(term) >= 3:
            index = self._blob.find(term)
            while index != -1:
                number = bisect.bisect_right(self._starts, index) - 1
                word = self.words[number]
                if index > self._starts[number]:
                    add(word, SUBSTRING, 80.0 + 9.0 * len(term) / len(word))
                index = self._blob.find(term, self._starts[number] + len(word) + 1)
        if not exact:
            self._fuzzy(term, add)
        if len(self._cache) > 2048:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    def _fuzzy(self, term: str, add: Callable[[str, int, float], None]) -> None:
        budget = _typo_budget(len(term))
        if budget == 0:
            return
        # A typo in the whole word: Stramer, Mertz, Kapitualtion.
        for word, distance, _ in process.extract(term, self.words, scorer=OSA.distance,
                                                 score_cutoff=budget, limit=None):
            if distance:
                add(word, FUZZY, 100.0 * (1.0 - distance / max(len(term), len(word))))
        # A typo in what has been typed so far: "Kapitual" for Kapitulation.
        if 5 <= len(term) <= 30:
            truncated = self._truncated.get(len(term))
            if truncated is None:
                truncated = self._truncated[len(term)] = [w[: len(term)] for w in self.words]
            prefix_budget = 1 if len(term) < 8 else 2
            for _, distance, number in process.extract(term, truncated, scorer=OSA.distance,
                                                       score_cutoff=prefix_budget, limit=None):
                word = self.words[number]
                if distance and len(word) > len(term):
                    add(word, FUZZY, 92.0 * (1.0 - distance / len(term)))
        # The same sound: Zelenskyj/Selenskyj, Witkov/Witkoff, Kuschner/Kushner.
        code = phonetic(term)
        if len(code) >= 3:
            for word in self._sounds.get(code, ()):
                if word != term:
                    similarity = 100.0 * OSA.normalized_similarity(term, word)
                    if similarity >= _PHONETIC_FLOOR:  # sounds alike *and* looks alike
                        add(word, FUZZY, _PHONETIC_SCORE + similarity / 10.0)


def _term_matches(vocabulary: _Vocabulary, term: Term) -> dict[str, Match]:
    """Matches of every spelling of the term (plain and with umlauts spelt out)."""
    found = dict(vocabulary.matches(term.text, term.exact))
    for variant in term.variants()[1:]:
        for word, match in vocabulary.matches(variant, term.exact).items():
            if match > found.get(word, (-1, 0.0)):
                found[word] = match
    return found


# -- highlighting ---------------------------------------------------------------------


def highlight_spans(text: str, query: Query, matched: list[dict[str, Match]] | None = None,
                    ) -> tuple[tuple[int, int], ...]:
    """Spans of `text` (original characters) that match the query's words.

    `matched` holds, per positive term, the vocabulary words it matched; such a word of
    `text` that does not contain the term (a typo, a genitive) is highlighted whole.
    """
    return _Highlighter.of(query, matched).spans(text)


@dataclass(frozen=True, slots=True)
class _Highlighter:
    """Per positive term: its spellings, and the whole words it matched without containing them."""

    terms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @classmethod
    def of(cls, query: Query, matched: list[dict[str, Match]] | None) -> _Highlighter:
        terms = []
        for number, term in enumerate(query.positive):
            variants = term.variants()
            words = matched[number] if matched is not None and number < len(matched) else {}
            whole = tuple(word for word, (tier, _) in words.items()
                          if tier in (FUZZY, EXACT) and not any(v in word for v in variants))
            terms.append((variants, whole))
        return cls(tuple(terms))

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        if not text or not self.terms:
            return ()
        spans: list[tuple[int, int]] = []
        for twin in (False, True):
            if twin and text.isascii():
                break
            folded, index_map = _fold_map(text, twin)
            for variants, whole in self.terms:
                for start, end in _term_spans(folded, variants, whole):
                    span = original_span(index_map, text, start, end)
                    if span:
                        spans.append(span)
        return _merge(spans)


def _term_spans(folded: str, variants: tuple[str, ...], whole: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where a spelling of the term occurs (at a word start, or anywhere from 3 letters on),
    and where one of its whole words stands."""
    spans: list[tuple[int, int]] = []
    for variant in variants:
        if len(variant) >= 3:
            index = folded.find(variant)
            while index != -1 and len(spans) < 50:
                spans.append((index, index + len(variant)))
                index = folded.find(variant, index + len(variant))
        else:  # a letter or two: only where a word starts
            if folded.startswith(variant):
                spans.append((0, len(variant)))
            index = folded.find(" " + variant)
            while index != -1 and len(spans) < 50:
                spans.append((index + 1, index + 1 + len(variant)))
                index = folded.find(" " + variant, index + 1)
    for word in whole:
        index = folded.find(word)
        while index != -1 and len(spans) < 100:
            end = index + len(word)
            if (index == 0 or folded[index - 1] == " ") and (end == len(folded) or folded[end] == " "):
                spans.append((index, end))
            index = folded.find(word, end)
    digits = variants[0]
    if not spans and digits.isdigit() and len(digits) > 3:  # 33000 in "33.000"
        spans += [(m.start(), m.end()) for m in re.finditer(" ?".join(digits), folded)]
    return spans


@lru_cache(maxsize=2048)
def _fold_map(text: str, twin: bool) -> tuple[str, list[int]]:
    return fold_with_map(text, twin)


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


def _words(folded: str) -> list[str]:
    """The words of a folded text, plus grouped numbers joined ("33 000" -> "33000")."""
    words = folded.split()
    if _DIGIT.search(folded):
        words += [m.group().replace(" ", "") for m in _GROUPED_NUMBER.finditer(folded)]
    return words


def _compact(text: str) -> str:
    return text.replace(" ", "")


@dataclass(slots=True)
class SearchIndex:
    """Built once from a FactBase; `search` is pure and safe to call from any thread."""

    base: FactBase
    entities: list[_EntityDoc] = field(default_factory=list)
    statements: list[_StatementDoc] = field(default_factory=list)
    names: _Vocabulary = field(default_factory=lambda: _Vocabulary({}))
    vocabulary: _Vocabulary = field(default_factory=lambda: _Vocabulary({}))
    _name_postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _whole_keys: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _compact_keys: list[str] = field(default_factory=list)
    _compact_owner: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def build(cls, base: FactBase) -> SearchIndex:
        index = cls(base)
        name_postings: dict[str, set[tuple[int, int]]] = {}
        whole: dict[str, set[tuple[int, int]]] = {}
        compact: dict[str, tuple[int, int]] = {}
        for number, entity in enumerate(base.entities()):
            keys = [_key("name", entity.name), _key("name_en", entity.name_en)]
            keys += [_key("alias", alias) for alias in entity.aliases]
            keys += [_key("metonym", m) for m in getattr(entity, "metonyms", ())]
            keys += [_key("epithet", m) for m in getattr(entity, "epithets", ())]
            role = getattr(entity, "role", None)
            if role:
                keys += [_key("role", role), _key("role_en", getattr(entity, "role_en", ""))]
            keys += [_key("id", entity.id)]
            keys = [k for k in keys if k.plain]
            index.entities.append(_EntityDoc(entity, tuple(keys), " | ".join(_blob(keys))))
            for key_number, key in enumerate(keys):
                for variant in key.variants():
                    whole.setdefault(variant, set()).add((number, key_number))
                    if key.field == "id":
                        continue  # ids are for exact look-ups ("DE", "merz"), never fuzzy
                    compact.setdefault(_compact(variant), (number, key_number))
                    for word in _words(variant):
                        name_postings.setdefault(word, set()).add((number, key_number))
        index._name_postings = {w: sorted(p) for w, p in name_postings.items()}
        index.names = _Vocabulary({w: [] for w in name_postings})
        index._whole_keys = {w: sorted(p) for w, p in whole.items()}
        index._compact_keys = sorted(compact)
        index._compact_owner = [compact[key] for key in index._compact_keys]

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
            keys = [k for k in keys if k.plain]
            index.statements.append(_StatementDoc(statement, tuple(keys), " | ".join(_blob(keys))))
            for key in keys:
                for variant in key.variants():
                    for word in _words(variant):
                        postings.setdefault(word, set()).add(number)
        index.vocabulary = _Vocabulary({word: sorted(docs) for word, docs in postings.items()})
        return index

    # -- searching -----------------------------------------------------------------------

    def search(self, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
        query = parse_query(raw_query)
        if not query.phrase or limit <= 0:
            return []
        wanted = set(types) if types else {"country", "person", "organization", "statement"}
        ranked: list[tuple[tuple[int, int, float], int, _Pending]] = []
        if wanted & {"country", "person", "organization"}:
            ranked += self._search_entities(query, wanted)
        if "statement" in wanted:
            ranked += self._search_statements(query, limit)
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [pending.result() for _, _, pending in ranked[:limit]]

    # -- entities ------------------------------------------------------------------------

    def _search_entities(self, query: Query, wanted: set[str]) -> list[tuple[tuple[int, int, float], int, _Pending]]:
        positive = query.positive
        matched = [_term_matches(self.names, term) for term in positive]
        # Per entity: per term, the best (tier, score, key) over the words it matched.
        best: dict[int, list[tuple[int, float, int] | None]] = {}
        for number, words in enumerate(matched):
            for word, (tier, score) in words.items():
                for entity_number, key_number in self._name_postings.get(word, ()):
                    key = self.entities[entity_number].keys[key_number]
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
        for entity_number, slots in best.items():
            if any(slot is None for slot in slots):
                continue
            full = [slot for slot in slots if slot is not None]
            if any(t.exact and slot[0] == FUZZY for t, slot in zip(positive, full, strict=True)):
                continue
            tier = min(min(slot[0] for slot in full), PREFIX)  # EXACT is for whole names
            score = sum(slot[1] for slot in full) / len(full)
            # Words that make up most of one name beat the same words inside a longer one.
            coverage, covering = self._coverage(self.entities[entity_number], positive, matched)
            key_number = full[0][2] if covering is None else covering
            scored[entity_number] = (tier, score - 10.0 * (1.0 - coverage), key_number)
        self._whole_name_matches(query, scored)
        out = []
        highlighter = _Highlighter.of(query, matched)
        for entity_number, (tier, score, key_number) in scored.items():
            doc = self.entities[entity_number]
            if doc.entity.type not in wanted or score < _MIN_ENTITY_SCORE:
                continue
            if query.excludes and _excluded(doc.blob, query):
                continue
            strong = tier >= SUBSTRING or score >= _STRONG_SCORE
            group = 0 if strong and (query.short or self._names_whole(doc, query)) else 1
            pending = _Pending(self, matched, highlighter, doc, doc.keys[key_number], tier, score)
            out.append(((group, -tier, -score), entity_number, pending))
        return out

    @staticmethod
    def _coverage(doc: _EntityDoc, positive: tuple[Term, ...], matched: list[dict[str, Match]],
                  ) -> tuple[float, int | None]:
        """How much of its best key the query covers (0.5 if no one key holds every word)."""
        typed = sum(len(term.text) for term in positive) + len(positive) - 1
        best: tuple[float, int | None] = (0.5, None)
        for key_number, key in enumerate(doc.keys):
            if key.field == "id":
                continue
            for variant in key.variants():
                tokens = _words(variant)
                if all(any(token in words for token in tokens) for words in matched):
                    coverage = min(1.0, typed / len(variant))
                    if coverage > best[0]:
                        best = (coverage, key_number)
        return best

    def _names_whole(self, doc: _EntityDoc, query: Query) -> bool:
        """Whether a long query is one of the entity's names, give or take a typo."""
        compact = _compact(query.phrase)
        return any(fuzz.ratio(compact, _compact(variant)) >= _STRONG_SCORE
                   for key in doc.keys if key.field in ("name", "name_en", "alias")
                   for variant in key.variants())

    def _whole_name_matches(self, query: Query, scored: dict[int, tuple[int, float, int]]) -> None:
        """Upgrade (or add) entities whose whole name is the query, or starts with it."""
        phrases = {query.phrase}
        twin_phrase = " ".join(t.twin or t.text for t in query.positive)
        phrases.add(twin_phrase)

        def offer(entity_number: int, key_number: int, tier: int, score: float) -> None:
            key = self.entities[entity_number].keys[key_number]
            top_tier, penalty = _FIELD_RULES.get(key.field, (EXACT, 0.0))
            if tier == EXACT and top_tier < EXACT:  # the whole role: "President of Ukraine"
                top_tier, penalty = PREFIX, 2.0
            candidate = (min(tier, top_tier), score - penalty, key_number)
            current = scored.get(entity_number)
            if current is None or candidate[:2] > current[:2]:
                scored[entity_number] = candidate

        for phrase in phrases:
            for entity_number, key_number in self._whole_keys.get(phrase, ()):
                offer(entity_number, key_number, EXACT, 100.0)
            if len(phrase) >= 4 and phrase.endswith("s"):  # genitive: Großbritanniens
                for entity_number, key_number in self._whole_keys.get(phrase[:-1], ()):
                    offer(entity_number, key_number, EXACT, 98.0)
        for entity_number, (_tier, _score, key_number) in list(scored.items()):
            key = self.entities[entity_number].keys[key_number]
            for phrase in phrases:
                if len(query.positive) > 1 and any(v.startswith(phrase) for v in key.variants()):
                    offer(entity_number, key_number, PREFIX, 90.0 + 9.0 * len(phrase) / len(key.plain))
        # Spaces typed differently: "Vonder Leyen", "Jeannoel", "Grossbri tannien".
        compact = _compact(query.phrase)
        if len(compact) < 4 or any(t.exact for t in query.positive):
            return
        number = bisect.bisect_left(self._compact_keys, compact)
        while number < len(self._compact_keys) and self._compact_keys[number].startswith(compact):
            entity_number, key_number = self._compact_owner[number]
            offer(entity_number, key_number, PREFIX, 88.0)
            number += 1
        for _, score, number in process.extract(compact, self._compact_keys, scorer=fuzz.ratio,
                                                score_cutoff=88.0, limit=10):
            entity_number, key_number = self._compact_owner[number]
            if entity_number not in scored:
                offer(entity_number, key_number, FUZZY, score)

    # -- statements ----------------------------------------------------------------------

    def _search_statements(self, query: Query, limit: int) -> list[tuple[tuple[int, int, float], int, _Pending]]:
        positive = query.positive
        matched = [_term_matches(self.vocabulary, term) for term in positive]
        per_term: list[dict[int, Match]] = []
        candidates: set[int] | None = None
        for words in sorted(matched, key=len):
            docs: dict[int, Match] = {}
            for word, match in words.items():
                for doc in self.vocabulary.postings.get(word, ()):
                    if candidates is not None and doc not in candidates:
                        continue
                    if match > docs.get(doc, (-1, 0.0)):
                        docs[doc] = match
            per_term.append(docs)
            candidates = set(docs) if candidates is None else candidates & docs.keys()
            if not candidates:
                return []
        assert candidates is not None
        first: list[tuple[int, float, int]] = []
        excludes = query.excludes
        for doc in candidates:
            if excludes and _excluded(self.statements[doc].blob, query):
                continue
            matches = [docs[doc] for docs in per_term]
            tier = min(min(m[0] for m in matches), PREFIX)
            score = sum(m[1] for m in matches) / len(matches)
            first.append((tier, score, doc))
        first.sort(key=lambda item: (-item[0], -item[1], item[2]))
        refined: list[tuple[int, float, int]] = []
        keys: dict[int, _Key] = {}
        for tier, score, doc in first[:_STATEMENTS_REFINED]:
            statement_doc = self.statements[doc]
            if len(matched) > 1:  # proximity is a matter of several words
                keys[doc], closeness = _best_key(statement_doc.keys, matched)
                score = score * 0.9 + 10.0 * closeness
            refined.append((tier, score, doc))
        refined.sort(key=lambda item: (-item[0], -item[1], item[2]))
        out = []
        highlighter = _Highlighter.of(query, matched)
        for tier, score, doc in refined[: max(limit, 20)]:
            pending = _Pending(self, matched, highlighter, self.statements[doc], keys.get(doc), tier, score)
            out.append(((1, -tier, -score), 10_000_000 + doc, pending))
        return out


# Fields that are the statement itself (what was said, and by whom), as opposed to the
# evidence sentence, which often reports several facts at once (ten countries' refusals).
_OWN_FIELDS = frozenset({"text", "text_en", "speaker"})


def _best_key(keys: tuple[_Key, ...], matched: list[dict[str, Match]]) -> tuple[_Key, float]:
    """The key holding the most query words, closest together; and a closeness in 0..1.

    The closeness is half how near the words stand in the best key, half how many of
    them the statement's own fields hold (text, translation, speaker).
    """
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    best_key = keys[0]
    own: set[int] = set()
    for key in keys:
        for variant in key.variants():
            tokens = _words(variant)
            positions: list[list[int]] = []
            quality = 0.0
            for number, words in enumerate(matched):
                found = [i for i, token in enumerate(tokens) if token in words]
                if found:
                    positions.append(found)
                    quality += max(words[tokens[i]][1] for i in found)
                    if key.field in _OWN_FIELDS:
                        own.add(number)
            present = len(positions)
            if not present:
                continue
            candidate = (present, present / len(matched) * _closeness(positions), quality)
            if candidate > best:
                best, best_key = candidate, key
    return best_key, 0.5 * best[1] + 0.5 * len(own) / len(matched)


def _first_key(keys: tuple[_Key, ...], words: dict[str, Match], target: float) -> _Key:
    """For one query word: the first key where it matches as well as it does anywhere."""
    best: tuple[float, _Key] = (-1.0, keys[0])
    for key in keys:
        for variant in key.variants():
            quality = max((words[token][1] for token in _words(variant) if token in words), default=-1.0)
            if quality >= target:
                return key
            if quality > best[0]:
                best = (quality, key)
    return best[1]


def _closeness(positions: list[list[int]]) -> float:
    """1.0 when the words stand next to each other in query order, less the further apart."""
    if len(positions) < 2:
        return 1.0
    in_order = 0.0
    previous = min(positions[0])
    for found in positions[1:]:
        after = [p for p in found if p > previous]
        if not after:
            break
        previous = min(after)
        in_order += 1.0
    # The smallest window holding one position of every word.
    events = sorted((p, n) for n, found in enumerate(positions) for p in found[:20])
    need = len(positions)
    counts: dict[int, int] = {}
    window = 10**9
    left = 0
    for position, number in events:
        counts[number] = counts.get(number, 0) + 1
        while len(counts) == need:
            left_position, left_number = events[left]
            window = min(window, position - left_position + 1)
            counts[left_number] -= 1
            if not counts[left_number]:
                del counts[left_number]
            left += 1
    compactness = need / window if window < 10**9 else 0.0
    return 0.7 * compactness + 0.3 * in_order / (need - 1)


@dataclass(slots=True)
class _Pending:
    """A ranked hit; turned into a Result (labels, highlights) only if it is shown."""

    index: SearchIndex
    matched: list[dict[str, Match]]
    highlighter: _Highlighter
    doc: _EntityDoc | _StatementDoc
    key: _Key | None  # None: the statement's best key, found when it is shown
    tier: int
    score: float

    def result(self) -> Result:
        key = self.key
        if key is None:
            if len(self.matched) == 1:
                key = _first_key(self.doc.keys, self.matched[0], self.score)
            else:
                key = _best_key(self.doc.keys, self.matched)[0]
        if isinstance(self.doc, _EntityDoc):
            entity = self.doc.entity
            label = entity.name
            return Result(entity.type, entity.id, label, self.score, self.tier, key.field, key.text,
                          self.highlighter.spans(label), self.highlighter.spans(key.text))
        statement = self.doc.statement
        evidence = statement.evidence[0]
        if key.field == "sentence":
            evidence = next(e for e in statement.evidence if e.sentence == key.text)
        label = key.text if key.field in ("text", "text_en") else statement.text
        source = self.index.base.sources.get(evidence.source)
        ref = SourceRef(evidence.source, source.file if source else "", evidence.sentence,
                        evidence.start, evidence.end)
        return Result("statement", statement.id, label, self.score, self.tier, key.field, key.text,
                      self.highlighter.spans(label), self.highlighter.spans(key.text), ref)


def _blob(keys: Iterable[_Key]) -> Iterable[str]:
    for key in keys:
        yield key.plain
        if key.twin:
            yield key.twin


def _excluded(blob: str, query: Query) -> bool:
    for term in query.terms:
        present = any(variant in blob for variant in term.variants())
        if term.negate and present:
            return True
        if term.exact and not term.negate and not present:
            return True
    return False


__all__ = ["Query", "Result", "SearchIndex", "SourceRef", "parse_query"]
