"""The search index: built once from a FactBase, or read back from the load cache."""

from __future__ import annotations

import base64
import gc
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, pairwise

from factbrowser.core.model import FactBase, Statement
from factbrowser.core.normalize import WordFolds, split_words
from factbrowser.search import rank
from factbrowser.search.aids import load_aids
from factbrowser.search.records import (
    DIGIT,
    GROUPED_NUMBER,
    THREE_DIGITS,
    EntityDoc,
    Key,
    StatementDoc,
    blob,
    make_key,
    statement_texts,
    tokens,
    without_spaces,
    words_of,
)
from factbrowser.search.result import Result
from factbrowser.search.vocabulary import Vocabulary

CACHE_FORMAT = 3  # of `SearchIndex.to_cache`; a different one is rebuilt, never read


def _statement_strings(base: FactBase, statements: Iterable[Statement]) -> Iterator[str]:
    """Per statement, the texts of `statement_texts` in one string, for the set of its words."""
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


@dataclass(slots=True)
class SearchIndex:
    """Built once from a FactBase; `search` is pure and safe to call from any thread.

    Statements are indexed by their words only (the vocabulary's postings, which is what
    the load cache stores: `to_cache`/`from_cache`); a statement's `Key`s are folded and
    made only when it is ranked, a word at a time from `_word_folds`.
    """

    base: FactBase
    entities: list[EntityDoc] = field(default_factory=list)
    _statements: list[Statement] = field(default_factory=list)
    names: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    _name_postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _whole_keys: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _compact_keys: list[str] = field(default_factory=list)
    _compact_owner: list[tuple[int, int]] = field(default_factory=list)
    _docs: dict[int, StatementDoc] = field(default_factory=dict)
    _entity_folds: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    _word_folds: WordFolds = field(default_factory=WordFolds)

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
        aids = load_aids()
        for number, entity in enumerate(self.base.entities()):
            keys = [make_key("name", entity.name, memo), make_key("name_en", entity.name_en, memo)]
            keys += [make_key("alias", alias, memo) for alias in entity.aliases]
            keys += [make_key("metonym", m, memo) for m in getattr(entity, "metonyms", ())]
            keys += [make_key("epithet", m, memo) for m in getattr(entity, "epithets", ())]
            keys += [make_key(field_name, text, memo) for field_name, text in aids.gazetteer.get(entity.id, ())]
            role = getattr(entity, "role", None)
            if role:
                keys += [make_key("role", role, memo), make_key("role_en", getattr(entity, "role_en", ""), memo)]
            keys += [make_key("id", entity.id, memo)]
            keys = [k for k in keys if k.plain]
            self.entities.append(EntityDoc(entity, tuple(keys), " | ".join(blob(keys))))
            for key_number, key in enumerate(keys):
                for variant in key.variants():
                    whole.setdefault(variant, set()).add((number, key_number))
                    if key.field == "id":
                        continue  # ids are for exact look-ups ("DE", "merz"), never fuzzy
                    compact.setdefault(without_spaces(variant), (number, key_number))
                    for word in words_of(variant):
                        name_postings.setdefault(word, set()).add((number, key_number))
        self._name_postings = {w: sorted(p) for w, p in name_postings.items()}
        words = sorted(name_postings)
        self.names = Vocabulary(words, codes=name_codes if name_codes and len(name_codes) == len(words) else None)
        self._whole_keys = {w: sorted(p) for w, p in whole.items()}
        self._compact_keys = sorted(compact)
        self._compact_owner = [compact[key] for key in self._compact_keys]

    def _build_statements(self) -> None:
        self._statements = list(self.base.statements.values())
        raw = _raw_postings(_statement_strings(self.base, self._statements))
        postings = _fold_postings(raw, self._word_folds)
        self._add_grouped_numbers(postings)
        self.vocabulary = Vocabulary.of(postings)

    def _add_grouped_numbers(self, postings: dict[str, list[int]]) -> None:
        """Add the numbers written in groups ("33 000", "33.000") as words ("33000"), as
        `_words` does. Such a number takes a word of three digits, which few records hold."""
        candidates: set[int] = set()
        for word, docs in postings.items():
            if len(word) == 3 and THREE_DIGITS.fullmatch(word):
                candidates.update(docs)
        found: dict[str, set[int]] = {}
        for number in candidates:
            for _field, text in statement_texts(self.base, self._statements[number]):
                for folded in self._fold_text(text):
                    if folded and DIGIT.search(folded):
                        for match in GROUPED_NUMBER.finditer(folded):
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
            index.vocabulary = Vocabulary(word_list, offsets, flat, code_list)
            return index
        finally:
            if enabled:
                gc.enable()

    def statement_doc(self, number: int) -> StatementDoc:
        """A statement's keys, made when it is first ranked (and kept)."""
        doc = self._docs.get(number)
        if doc is not None:
            return doc
        statement = self._statements[number]
        texts = statement_texts(self.base, statement)
        keys = [Key(field_name, text, *self._fold_text(text)) for field_name, text in texts]
        keys = [k for k in keys if k.plain]
        doc = StatementDoc(statement, tuple(keys), " | ".join(blob(keys)))
        if len(self._docs) > 50_000:
            self._docs.clear()
        self._docs[number] = doc
        return doc

    def statement_words(self, number: int) -> set[str]:
        """Every word of a statement's keys: the words whose postings hold it."""
        words: set[str] = set()
        for key in self.statement_doc(number).keys:
            for variant in key.variants():
                words.update(tokens(variant))
        return words

    def search(self, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
        """Results for a query, best first (see `rank`)."""
        return rank.search(self, raw_query, limit, types)
