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

import base64
import bisect
import gc
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, combinations, pairwise
from typing import overload

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from factbrowser.core.model import Entity, FactBase, Statement
from factbrowser.core.normalize import (
    WordFolds,
    fold,
    fold_pair,
    fold_twin,
    fold_with_map,
    has_twin,
    original_span,
    phonetic,
    split_words,
)

MAX_QUERY_CHARS = 200
MAX_TERMS = 8

# Tiers, best first. The sort key is (group, -tier, -score).
EXACT, PREFIX, SUBSTRING, FUZZY = 3, 2, 1, 0

# Per field of an entity: (highest tier it can give, points taken off its score).
# A role describes, a name identifies; a metonym names something else as well.
_FIELD_RULES: dict[str, tuple[int, float]] = {
    "name": (EXACT, 0.0),
    "name_en": (EXACT, 0.0),
    "alias": (EXACT, 0.0),
    "id": (EXACT, 0.0),
    "metonym": (EXACT, 1.5),
    "role": (SUBSTRING, 6.0),
    "role_en": (SUBSTRING, 6.0),
    "epithet": (SUBSTRING, 6.0),
}
_MIN_ENTITY_SCORE = 75.0
_STRONG_SCORE = 80.0  # a fuzzy entity match this good (one typo in five letters) still comes first
_PHONETIC_SCORE = 80.0  # plus a tenth of the spelling similarity
_PHONETIC_FLOOR = 60.0
_STATEMENTS_REFINED = 200  # the best candidates get the phrase/proximity pass
_NEAR_MISS_GROUP = 2  # records missing a word rank after any holding every word
# Abbreviations readers type for the words of figures.
_ABBREVIATIONS = {
    "mrd": "milliarden",
    "mio": "millionen",
    "tsd": "tausend",
    "bn": "billion",
    "bln": "billion",
    "mn": "million",
}
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_GROUPED_NUMBER = re.compile(r"\b\d{1,3}(?: \d{3})+\b")
_DIGIT = re.compile(r"\d")
_THREE_DIGITS = re.compile(r"\d{3}")


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
    missing: tuple[str, ...] = ()  # query words (folded) this near miss does not hold

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type,
            "id": self.id,
            "label": self.label,
            "score": round(self.score, 1),
            "matched_field": self.matched_field,
            "matched_text": self.matched_text,
            "highlights": [list(span) for span in self.highlights],
            "missing": list(self.missing),
            "source": None
            if self.source is None
            else {
                "id": self.source.id,
                "file": self.source.file,
                "sentence": self.source.sentence,
                "start": self.source.start,
                "end": self.source.end,
            },
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


def _key(field_name: str, text: str, memo: dict[str, tuple[str, str | None]] | None = None) -> _Key:
    folded = memo.get(text) if memo is not None else None
    if folded is None:
        folded = fold_pair(text)
        if memo is not None:
            memo[text] = folded
    return _Key(field_name, text, *folded)


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

    @classmethod
    def of(cls, raw: str, terms: tuple[Term, ...]) -> Query:
        return cls(raw, " ".join(t.text for t in terms if not t.negate), terms)

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
            terms.append(Term(folded, exact, negate, twin if twin != folded else None, _ABBREVIATIONS.get(folded)))
    terms = list(dict.fromkeys(terms))[:MAX_TERMS]  # "e e e" asks no more than "e"
    return Query.of(raw, tuple(terms))


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
    """Sorted folded words, each with its postings, and the look-ups of one query word.

    Postings are one flat array of record numbers, `offsets[n]:offsets[n + 1]` for word n,
    so that they can be written to and read from the load cache as a whole.
    """

    def __init__(
        self,
        words: list[str],
        offsets: Sequence[int] | None = None,
        flat: Sequence[int] | None = None,
        codes: list[str] | None = None,
    ) -> None:
        self.words = words  # sorted
        self.number = dict(zip(words, range(len(words)), strict=True))
        self._offsets: Sequence[int] = offsets if offsets is not None else array("I", bytes(4 * (len(words) + 1)))
        self._flat: Sequence[int] = flat if flat is not None else array("I")
        self._blob = "\n".join(words)
        self._starts = list(accumulate((len(word) + 1 for word in words), initial=0))
        self.codes = codes if codes is not None else [phonetic(word) for word in words]
        self._sounds: dict[str, list[str]] = {}
        for word, code in zip(words, self.codes, strict=True):
            if len(code) >= 3:
                self._sounds.setdefault(code, []).append(word)
        self._truncated: dict[int, list[str]] = {}
        self._cache: dict[tuple[str, bool], dict[str, Match]] = {}

    @classmethod
    def of(cls, postings: dict[str, list[int]]) -> _Vocabulary:
        words = sorted(postings)
        offsets = array("I", accumulate((len(postings[word]) for word in words), initial=0))
        flat = array("I")
        for word in words:
            flat.fromlist(postings[word])  # a third of the time of one array from a chain of them
        return cls(words, offsets, flat)

    def docs(self, word: str) -> Sequence[int]:
        """The records holding `word`, ascending."""
        number = self.number.get(word)
        if number is None:
            return ()
        return self._flat[self._offsets[number] : self._offsets[number + 1]]

    def count(self, word: str) -> int:
        number = self.number.get(word)
        return 0 if number is None else self._offsets[number + 1] - self._offsets[number]

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
        if len(term) >= 4 and term.endswith("s") and term[:-1] in self.number:
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
        for word, distance, _ in process.extract(
            term, self.words, scorer=OSA.distance, score_cutoff=budget, limit=None
        ):
            if distance:
                add(word, FUZZY, 100.0 * (1.0 - distance / max(len(term), len(word))))
        # A typo in what has been typed so far: "Kapitual" for Kapitulation.
        if 5 <= len(term) <= 30:
            truncated = self._truncated.get(len(term))
            if truncated is None:
                truncated = self._truncated[len(term)] = [w[: len(term)] for w in self.words]
            prefix_budget = 1 if len(term) < 8 else 2
            for _, distance, number in process.extract(
                term, truncated, scorer=OSA.distance, score_cutoff=prefix_budget, limit=None
            ):
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


def highlight_spans(
    text: str,
    query: Query,
    matched: list[dict[str, Match]] | None = None,
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
            whole = tuple(
                word
                for word, (tier, _) in words.items()
                if tier in (FUZZY, EXACT) and not any(v in word for v in variants)
            )
            terms.append((variants, whole))
        return cls(tuple(terms))

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        if not text or not self.terms:
            return ()
        spans: list[tuple[int, int]] = []
        for twin in (False, True):
            if twin and not _has_twin(text):  # the same folding twice: the same spans
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


@lru_cache(maxsize=4096)
def _has_twin(text: str) -> bool:
    """Whether spelling umlauts out (ä -> ae) folds `text` differently at all."""
    return has_twin(text)


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


@lru_cache(maxsize=16384)
def _tokens(folded: str) -> tuple[str, ...]:
    """`_words`, remembered: the keys of the records being shown are read again and again."""
    return tuple(_words(folded))


@lru_cache(maxsize=16384)
def _positions(folded: str) -> dict[str, tuple[int, ...]]:
    """Each word of a folded text, with where it stands (0, 1, ...)."""
    where: dict[str, list[int]] = {}
    for number, token in enumerate(_tokens(folded)):
        where.setdefault(token, []).append(number)
    return {token: tuple(numbers) for token, numbers in where.items()}


def _compact(text: str) -> str:
    return text.replace(" ", "")


CACHE_FORMAT = 2  # of `SearchIndex.to_cache`; a different one is rebuilt, never read


def _statement_texts(base: FactBase, statement: Statement) -> list[tuple[str, str]]:
    """(field, text) of every searchable string of a statement, in a fixed order.
    `_statement_strings` holds the same texts."""
    texts = [("text", statement.text), ("text_en", statement.text_en)]
    speaker = base.entity(statement.speaker) if statement.speaker else None
    if speaker is not None:
        texts += [("speaker", speaker.name), ("speaker", speaker.name_en)]
        texts += [("speaker", alias) for alias in speaker.aliases]
    seen_sentences: set[str] = set()
    for evidence in statement.evidence:
        if evidence.sentence not in seen_sentences:
            seen_sentences.add(evidence.sentence)
            texts.append(("sentence", evidence.sentence))
    return texts


def _statement_strings(base: FactBase, statements: Iterable[Statement]) -> Iterator[str]:
    """Per statement, the texts of `_statement_texts` in one string, for the set of its words."""
    speakers: dict[str, str] = {}
    for statement in statements:
        speaker = ""
        if statement.speaker:
            speaker = speakers.get(statement.speaker, "")
            if statement.speaker not in speakers:
                entity = base.entity(statement.speaker)
                if entity is not None:
                    speaker = " ".join([entity.name, entity.name_en, *entity.aliases])
                speakers[statement.speaker] = speaker
        evidence = statement.evidence
        if len(evidence) == 1:
            yield f"{statement.text} {statement.text_en} {evidence[0].sentence} {speaker}"
        else:
            yield " ".join([statement.text, statement.text_en, *(e.sentence for e in evidence), speaker])


def _raw_postings(strings: Iterable[str]) -> dict[str, list[int]]:
    """Per unfolded word ("Gespräche", "sagte"), the records holding it, ascending.

    This loop meets every word of every record; it is kept to a set and a list append per
    word, and folding is left to the far fewer distinct words (`_fold_postings`).
    """
    postings: dict[str, list[int]] = {}
    for number, text in enumerate(strings):
        for word in set(split_words(text)):
            try:  # costs nothing unless raised (Python 3.11): quicker than a get and a test
                postings[word].append(number)
            except KeyError:  # the word's first record
                postings[word] = [number]
    return postings


def _fold_postings(raw: dict[str, list[int]], folds: WordFolds) -> dict[str, list[int]]:
    """Per folded word (and twin spelling: "gesprache", "gespraeche"), the records holding
    an unfolded word that folds to it, ascending."""
    sources: dict[str, list[str]] = {}
    for word in raw:
        plain, twin = folds[word], folds.twins.get(word)
        for folded in plain.split() if twin is None else dict.fromkeys(plain.split() + twin.split()):
            found = sources.get(folded)
            if found is None:
                sources[folded] = [word]
            else:
                found.append(word)
    return {
        folded: raw[words[0]] if len(words) == 1 else sorted(set(chain.from_iterable(map(raw.__getitem__, words))))
        for folded, words in sources.items()
    }


def _crc(*arrays: array[int]) -> int:
    crc = 0
    for numbers in arrays:
        crc = zlib.crc32(numbers.tobytes(), crc)
    return crc


def _pack(numbers: array[int]) -> str:
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _unpack(text: object) -> array[int]:
    if not isinstance(text, str):
        raise ValueError("not a packed array")
    numbers = array("I")
    if numbers.itemsize != 4:
        raise ValueError("unsupported array item size")
    numbers.frombytes(base64.b64decode(text))
    return numbers


class _StatementDocs(Sequence[_StatementDoc]):
    """`index.statements`: each statement's keys, made on first access."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index._statements)

    @overload
    def __getitem__(self, number: int) -> _StatementDoc: ...
    @overload
    def __getitem__(self, number: slice) -> list[_StatementDoc]: ...
    def __getitem__(self, number: int | slice) -> _StatementDoc | list[_StatementDoc]:
        if isinstance(number, slice):
            return [self._index._statement_doc(n) for n in range(len(self))[number]]
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(number)
        return self._index._statement_doc(number)


@dataclass(slots=True)
class SearchIndex:
    """Built once from a FactBase; `search` is pure and safe to call from any thread.

    Statements are indexed by their words only (the vocabulary's postings, which is what
    the load cache stores: `to_cache`/`from_cache`); a statement's `_Key`s are folded and
    made only when it is ranked, a word at a time from `_word_folds`.
    """

    base: FactBase
    entities: list[_EntityDoc] = field(default_factory=list)
    _statements: list[Statement] = field(default_factory=list)
    names: _Vocabulary = field(default_factory=lambda: _Vocabulary([]))
    vocabulary: _Vocabulary = field(default_factory=lambda: _Vocabulary([]))
    _name_postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _whole_keys: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _compact_keys: list[str] = field(default_factory=list)
    _compact_owner: list[tuple[int, int]] = field(default_factory=list)
    _docs: dict[int, _StatementDoc] = field(default_factory=dict)
    _entity_folds: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    _word_folds: WordFolds = field(default_factory=WordFolds)

    @property
    def statements(self) -> _StatementDocs:
        return _StatementDocs(self)

    @classmethod
    def build(cls, base: FactBase) -> SearchIndex:
        enabled = gc.isenabled()
        gc.disable()  # millions of small objects, none of them cyclic
        try:
            index = cls(base)
            index._build_entities()
            index._build_statements()
            return index
        finally:
            if enabled:
                gc.enable()

    def _build_entities(self, name_codes: list[str] | None = None) -> None:
        name_postings: dict[str, set[tuple[int, int]]] = {}
        whole: dict[str, set[tuple[int, int]]] = {}
        compact: dict[str, tuple[int, int]] = {}
        memo = self._entity_folds
        for number, entity in enumerate(self.base.entities()):
            keys = [_key("name", entity.name, memo), _key("name_en", entity.name_en, memo)]
            keys += [_key("alias", alias, memo) for alias in entity.aliases]
            keys += [_key("metonym", m, memo) for m in getattr(entity, "metonyms", ())]
            keys += [_key("epithet", m, memo) for m in getattr(entity, "epithets", ())]
            role = getattr(entity, "role", None)
            if role:
                keys += [_key("role", role, memo), _key("role_en", getattr(entity, "role_en", ""), memo)]
            keys += [_key("id", entity.id, memo)]
            keys = [k for k in keys if k.plain]
            self.entities.append(_EntityDoc(entity, tuple(keys), " | ".join(_blob(keys))))
            for key_number, key in enumerate(keys):
                for variant in key.variants():
                    whole.setdefault(variant, set()).add((number, key_number))
                    if key.field == "id":
                        continue  # ids are for exact look-ups ("DE", "merz"), never fuzzy
                    compact.setdefault(_compact(variant), (number, key_number))
                    for word in _words(variant):
                        name_postings.setdefault(word, set()).add((number, key_number))
        self._name_postings = {w: sorted(p) for w, p in name_postings.items()}
        words = sorted(name_postings)
        self.names = _Vocabulary(words, codes=name_codes if name_codes and len(name_codes) == len(words) else None)
        self._whole_keys = {w: sorted(p) for w, p in whole.items()}
        self._compact_keys = sorted(compact)
        self._compact_owner = [compact[key] for key in self._compact_keys]

    def _build_statements(self) -> None:
        self._statements = list(self.base.statements.values())
        raw = _raw_postings(_statement_strings(self.base, self._statements))
        postings = _fold_postings(raw, self._word_folds)
        self._add_grouped_numbers(postings)
        self.vocabulary = _Vocabulary.of(postings)

    def _add_grouped_numbers(self, postings: dict[str, list[int]]) -> None:
        """Add the numbers written in groups ("33 000", "33.000") as words ("33000"), as
        `_words` does. Such a number takes a word of three digits, which few records hold."""
        candidates: set[int] = set()
        for word, docs in postings.items():
            if len(word) == 3 and _THREE_DIGITS.fullmatch(word):
                candidates.update(docs)
        found: dict[str, set[int]] = {}
        for number in candidates:
            for _field, text in _statement_texts(self.base, self._statements[number]):
                for folded in self._fold_text(text):
                    if folded and _DIGIT.search(folded):
                        for match in _GROUPED_NUMBER.finditer(folded):
                            found.setdefault(match.group().replace(" ", ""), set()).add(number)
        for word, numbers in found.items():
            postings[word] = sorted(numbers.union(postings.get(word, ())))

    def _fold_text(self, text: str) -> tuple[str, str | None]:
        """`fold_pair(text)` of a statement's text; speakers' names were folded with the entities."""
        folded = self._entity_folds.get(text)
        if folded is None:
            if len(self._word_folds) > 1_000_000:
                self._word_folds.clear()  # memory stays bounded in a long session
            folded = self._word_folds.pair(text)
        return folded

    # -- the load cache ------------------------------------------------------------------

    def to_cache(self) -> dict[str, object]:
        """The folded statements and their vocabulary, as JSON-able data (no pickle)."""
        vocabulary = self.vocabulary
        return {
            "format": CACHE_FORMAT,
            "byteorder": sys.byteorder,
            "statements": len(self._statements),
            "first": self._statements[0].id if self._statements else None,
            "last": self._statements[-1].id if self._statements else None,
            "entity_folds": [[text, *folded] for text, folded in self._entity_folds.items()],
            "name_codes": self.names.codes,
            "words": "\n".join(vocabulary.words),
            "codes": "\n".join(vocabulary.codes),
            "offsets": _pack(array("I", vocabulary._offsets)),
            "postings": _pack(array("I", vocabulary._flat)),
            "crc": _crc(array("I", vocabulary._offsets), array("I", vocabulary._flat)),
        }

    @classmethod
    def from_cache(cls, base: FactBase, data: dict[str, object]) -> SearchIndex:
        """The index `to_cache` wrote for this very base. Raises ValueError (or KeyError,
        TypeError) on anything that does not fit, so that the caller builds afresh."""
        statements = list(base.statements.values())
        if (
            data.get("format") != CACHE_FORMAT
            or data.get("byteorder") != sys.byteorder
            or data.get("statements") != len(statements)
            or data.get("first") != (statements[0].id if statements else None)
            or data.get("last") != (statements[-1].id if statements else None)
        ):
            raise ValueError("the index was written for another base")
        words, codes = data["words"], data["codes"]
        if not (isinstance(words, str) and isinstance(codes, str)):
            raise ValueError("malformed index")
        word_list = words.split("\n") if words else []
        code_list = codes.split("\n") if words else []
        offsets, flat = _unpack(data["offsets"]), _unpack(data["postings"])
        # A damaged file fails the checksum; the rest is checked for shape. (Bounds of
        # every number are not: 5M comparisons in Python. Each word's records are
        # ascending, so its last one is its largest.)
        if (
            data.get("crc") != _crc(offsets, flat)
            or len(code_list) != len(word_list)
            or len(offsets) != len(word_list) + 1
            or offsets[0] != 0
            or offsets[-1] != len(flat)
            or any(a >= b for a, b in pairwise(offsets))
            or any(flat[end - 1] >= len(statements) for end in offsets[1:])
            or word_list != sorted(word_list)
        ):
            raise ValueError("malformed index")
        folds: dict[str, tuple[str, str | None]] = {}
        for text, plain, twin in data["entity_folds"]:  # type: ignore[attr-defined]
            if not (isinstance(text, str) and isinstance(plain, str) and (twin is None or isinstance(twin, str))):
                raise ValueError("malformed index")
            folds[text] = (plain, twin)
        enabled = gc.isenabled()
        gc.disable()
        try:
            index = cls(base)
            index._entity_folds = folds
            name_codes = data["name_codes"]
            if not (isinstance(name_codes, list) and all(isinstance(code, str) for code in name_codes)):
                raise ValueError("malformed index")
            index._build_entities(name_codes)
            index._statements = statements
            index.vocabulary = _Vocabulary(word_list, offsets, flat, code_list)
            return index
        finally:
            if enabled:
                gc.enable()

    def _statement_doc(self, number: int) -> _StatementDoc:
        """A statement's keys, made when it is first ranked (and kept)."""
        doc = self._docs.get(number)
        if doc is not None:
            return doc
        statement = self._statements[number]
        texts = _statement_texts(self.base, statement)
        keys = [_Key(field_name, text, *self._fold_text(text)) for field_name, text in texts]
        keys = [k for k in keys if k.plain]
        doc = _StatementDoc(statement, tuple(keys), " | ".join(_blob(keys)))
        if len(self._docs) > 50_000:
            self._docs.clear()
        self._docs[number] = doc
        return doc

    def _statement_words(self, number: int) -> set[str]:
        """Every word of a statement's keys: the words whose postings hold it."""
        words: set[str] = set()
        for key in self._statement_doc(number).keys:
            for variant in key.variants():
                words.update(_tokens(variant))
        return words

    # -- searching -----------------------------------------------------------------------

    def search(self, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
        query = parse_query(raw_query)
        if not query.phrase or limit <= 0:
            return []
        wanted = set(types) if types else {"country", "person", "organization", "statement"}
        ranked = self._ranked(query, wanted, limit)
        if not ranked and len(query.positive) > 1:  # no dead end: what holds all words but one or two
            ranked = self._near_misses(query, wanted, limit)
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [pending.result() for _, _, pending in ranked[:limit]]

    def _ranked(self, query: Query, wanted: set[str], limit: int) -> list[tuple[tuple[int, int, float], int, _Pending]]:
        ranked: list[tuple[tuple[int, int, float], int, _Pending]] = []
        if wanted & {"country", "person", "organization"}:
            ranked += self._search_entities(query, wanted)
        if "statement" in wanted:
            ranked += self._search_statements(query, limit)
        return ranked

    def _near_misses(
        self,
        query: Query,
        wanted: set[str],
        limit: int,
    ) -> list[tuple[tuple[int, int, float], int, _Pending]]:
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
            best: dict[int, tuple[tuple[int, int, float], int, _Pending]] = {}
            for dropped in combinations(droppable, count):
                fewer = Query.of(query.raw, tuple(t for t in query.terms if t not in dropped))
                for (_, neg_tier, neg_score), number, pending in self._ranked(fewer, wanted, limit):
                    pending.missing = tuple(t.text for t in dropped)
                    candidate = ((_NEAR_MISS_GROUP, neg_tier, neg_score), number, pending)
                    if number not in best or candidate[0] < best[number][0]:
                        best[number] = candidate
            if best:
                return list(best.values())
        return []

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
            coverage, covering = self._coverage(self.entities[entity_number], positive, matched, typos)
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
    def _coverage(
        doc: _EntityDoc, positive: tuple[Term, ...], matched: list[dict[str, Match]], typos: list[set[str]]
    ) -> tuple[float, int | None]:
        """How much of its best key the query covers (0.5 if no one key holds every word).
        `typos`: per term, the words it matched only with a typo."""
        typed = sum(len(term.text) for term in positive) + len(positive) - 1
        best: tuple[float, int | None] = (0.5, None)
        for key_number, key in enumerate(doc.keys):
            if key.field == "id":
                continue
            for variant in key.variants():
                tokens = _positions(variant).keys()
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

    def _names_whole(self, doc: _EntityDoc, query: Query) -> bool:
        """Whether a long query is one of the entity's names, give or take a typo."""
        compact = _compact(query.phrase)
        return any(
            fuzz.ratio(compact, _compact(variant)) >= _STRONG_SCORE
            for key in doc.keys
            if key.field in ("name", "name_en", "alias")
            for variant in key.variants()
        )

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
        for _, score, number in process.extract(
            compact, self._compact_keys, scorer=fuzz.ratio, score_cutoff=88.0, limit=10
        ):
            entity_number, key_number = self._compact_owner[number]
            if entity_number not in scored:
                offer(entity_number, key_number, FUZZY, score)

    # -- statements ----------------------------------------------------------------------

    def _term_groups(self, words: dict[str, Match], within: set[int] | None) -> list[tuple[Match, set[int]]]:
        """The records holding one of `words` (and in `within`, if given), grouped by their
        best match, best first; every record in one group only."""
        vocabulary = self.vocabulary
        if within is not None and len(within) * 256 < sum(vocabulary.count(word) for word in words):
            # Few candidates, many postings (a letter or two): look at the candidates' words.
            by_match: dict[Match, set[int]] = {}
            for doc in within:
                best = max((words[w] for w in self._statement_words(doc) if w in words), default=None)
                if best is not None:
                    by_match.setdefault(best, set()).add(doc)
            return sorted(by_match.items(), reverse=True)
        seen: set[int] = set()
        groups: list[tuple[Match, set[int]]] = []
        for match, group in _groups(words):  # best first: the first match of a record is its best
            found = set(chain.from_iterable(vocabulary.docs(word) for word in group))
            if within is not None:
                found.intersection_update(within)  # walks the smaller set
            if seen:
                found = found.difference(seen)  # walks `found` unless it is much the larger
            if found:
                seen.update(found)
                groups.append((match, found))
        return groups

    def _best_of_one_term(self, words: dict[str, Match], query: Query, wanted: int) -> list[tuple[int, float, int]]:
        """The `wanted` best records for a one-word query, as (tier, score, record), without
        scoring every record that holds a word starting with a letter."""
        vocabulary = self.vocabulary
        groups = _groups(words)
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
                    if not _excluded(self._statement_doc(doc).blob, query):
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

    def _best_of_terms(self, matched: list[dict[str, Match]], query: Query) -> list[tuple[int, float, int]]:
        """The `_STATEMENTS_REFINED` best records holding every term, as (tier, score,
        record): tier the worst of the terms' (at most PREFIX), score their mean (summed in
        term order). Records are handled as sets per combination of the terms' matches,
        never one by one; the commonest term ("u" in "Waffen u") is walked best match
        first, and only until no record it has not reached yet could still rank higher."""
        vocabulary = self.vocabulary
        terms = len(matched)
        order = sorted(range(terms), key=lambda n: sum(vocabulary.count(w) for w in matched[n]))
        groups: list[list[tuple[Match, set[int]]]] = [[] for _ in matched]
        candidates: set[int] | None = None
        for number in order[:-1]:  # the rarer terms in full, each within the records of the last
            groups[number] = self._term_groups(matched[number], candidates)
            candidates = set().union(*(docs for _, docs in groups[number]))
            if not candidates:
                return []
        assert candidates is not None
        if query.excludes:
            candidates = {doc for doc in candidates if not _excluded(self._statement_doc(doc).blob, query)}
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
        last_groups = self._term_groups(matched[last], candidates)
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

    def _search_statements(self, query: Query, limit: int) -> list[tuple[tuple[int, int, float], int, _Pending]]:
        positive = query.positive
        matched = [_term_matches(self.vocabulary, term) for term in positive]
        if len(matched) == 1:
            first = self._best_of_one_term(matched[0], query, max(limit, 20))
        else:
            first = self._best_of_terms(matched, query)
            if not first:
                return []
        refined: list[tuple[int, float, int]] = []
        keys: dict[int, _Key] = {}
        for tier, score, doc in first[:_STATEMENTS_REFINED]:
            if len(matched) > 1:  # proximity is a matter of several words
                keys[doc], closeness = _best_key(self._statement_doc(doc).keys, matched)
                score = score * 0.9 + 10.0 * closeness
            elif not _in_own_fields(self._statement_doc(doc).keys, matched[0]):
                score -= 0.5  # "Österreich": Austria's own refusal before nine others' shared sentence
            refined.append((tier, score, doc))
        refined.sort(key=lambda item: (-item[0], -item[1], item[2]))
        out = []
        highlighter = _Highlighter.of(query, matched)
        for tier, score, doc in refined[: max(limit, 20)]:
            pending = _Pending(self, matched, highlighter, self._statement_doc(doc), keys.get(doc), tier, score)
            out.append(((1, -tier, -score), 10_000_000 + doc, pending))
        return out


def _left_out(term: Term, words: set[str]) -> int:
    """Letters of a name's word that a typo left out of the term ("Rute" for "Rutte":
    one), never more than the typos forgiven in a word of its length."""
    missing = max(len(word) - len(term.text) for word in words)
    return max(0, min(missing, _typo_budget(len(term.text))))


def _groups(words: dict[str, Match]) -> list[tuple[Match, list[str]]]:
    """The matched words grouped by how well they match, best first."""
    groups: dict[Match, list[str]] = {}
    for word, match in words.items():
        groups.setdefault(match, []).append(word)
    return sorted(groups.items(), reverse=True)


# Fields that are the statement itself (what was said, and by whom), as opposed to the
# evidence sentence, which often reports several facts at once (ten countries' refusals).
_OWN_FIELDS = frozenset({"text", "text_en", "speaker"})


def _in_own_fields(keys: tuple[_Key, ...], words: dict[str, Match]) -> bool:
    """Whether a query word occurs in the statement itself, not only in its evidence."""
    for key in keys:
        if key.field in _OWN_FIELDS:
            for variant in key.variants():
                if _positions(variant).keys() & words.keys():
                    return True
    return False


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
            where = _positions(variant)
            positions: list[list[int]] = []
            quality = 0.0
            for number, words in enumerate(matched):
                common = where.keys() & words.keys()  # walks the smaller of the two
                if common:
                    positions.append(sorted(chain.from_iterable(where[token] for token in common)))
                    quality += max(words[token][1] for token in common)
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
            quality = max((words[token][1] for token in _positions(variant).keys() & words.keys()), default=-1.0)
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
    missing: tuple[str, ...] = ()

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
            spans = self.highlighter.spans(label)
            return Result(
                entity.type,
                entity.id,
                label,
                self.score,
                self.tier,
                key.field,
                key.text,
                spans,
                spans if key.text == label else self.highlighter.spans(key.text),
                missing=self.missing,
            )
        statement = self.doc.statement
        evidence = statement.evidence[0]
        if key.field == "sentence":
            evidence = next(e for e in statement.evidence if e.sentence == key.text)
        label = key.text if key.field in ("text", "text_en") else statement.text
        source = self.index.base.sources.get(evidence.source)
        ref = SourceRef(evidence.source, source.file if source else "", evidence.sentence, evidence.start, evidence.end)
        spans = self.highlighter.spans(label)
        return Result(
            "statement",
            statement.id,
            label,
            self.score,
            self.tier,
            key.field,
            key.text,
            spans,
            spans if key.text == label else self.highlighter.spans(key.text),
            ref,
            self.missing,
        )


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
