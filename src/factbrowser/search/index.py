"""The search index: built once from a FactBase, or read back from the load cache."""

from __future__ import annotations

import base64
import gc
import json
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import cast

from factbrowser.core.model import Entity, FactBase, Statement
from factbrowser.core.normalize import WordFolds, split_words
from factbrowser.search import rank
from factbrowser.search.aids import load_aids
from factbrowser.search.lookups import KEYS_PER_ENTITY, LazyEntityDocs, PackedPairs
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

CACHE_FORMAT = 8  # of `SearchIndex.to_cache`; a different one is rebuilt, never read
_FACT_SHIFT, _FACT_MASK = 16, 0xFFFF  # a key's field number and its length, in one number


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


def _folds(stored: object) -> dict[str, tuple[str, str | None]]:
    """The entity folds `to_cache` wrote, JSON in bytes (another layout has another
    CACHE_FORMAT and is never read)."""
    rows = json.loads(stored) if isinstance(stored, bytes) else None
    if not isinstance(rows, list):
        raise ValueError("malformed index")
    folds: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3):
            raise ValueError("malformed index")
        text, plain, twin = row
        if not (isinstance(text, str) and isinstance(plain, str) and (twin is None or isinstance(twin, str))):
            raise ValueError("malformed index")
        folds[text] = (plain, twin)
    return folds


def _is_numbers(value: object) -> bool:
    """A sequence of numbers handed over as it is (`core.lazy.StoredArray`)."""
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, list, tuple))


def _crc(*arrays: array[int]) -> int:
    crc = 0
    for numbers in arrays:
        crc = zlib.crc32(numbers.tobytes(), crc)
    return crc


def _pack(numbers: array[int]) -> str:
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _unpack(packed: object) -> array[int]:
    """An array of `_pack` (base64 text) or of `tobytes` (bytes)."""
    if not isinstance(packed, (str, bytes)):
        raise ValueError("not a packed array")
    numbers = array("I")
    if numbers.itemsize != 4:
        raise ValueError("unsupported array item size")
    numbers.frombytes(base64.b64decode(packed) if isinstance(packed, str) else packed)
    return numbers


@dataclass(slots=True)
class SearchIndex:
    """Built once from a FactBase; `search` is pure and safe to call from any thread.

    Statements are indexed by their words only (the vocabulary's postings, which is what
    the load cache stores: `to_cache`/`from_cache`); a statement's `Key`s are folded and
    made only when it is ranked, a word at a time from `_word_folds`.
    """

    base: FactBase
    entities: Sequence[EntityDoc] = field(default_factory=list)
    _statements: Sequence[Statement] = field(default_factory=list)
    names: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    _name_postings: Mapping[str, list[tuple[int, int]]] = field(default_factory=dict)
    # Per entity key (from `_key_starts[entity]`): its field's number in `_key_fields` and
    # the length of its shortest variant, packed: what ranking asks of the thousands of
    # keys a letter meets, without making their entities' keys.
    _key_facts: Sequence[int] = field(default_factory=list)
    _key_starts: Sequence[int] = field(default_factory=list)
    _key_fields: list[str] = field(default_factory=list)
    _whole_keys: Mapping[str, list[tuple[int, int]]] = field(default_factory=dict)
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

    def _entity_doc(self, entity: Entity) -> EntityDoc:
        """An entity's keys: its names, the gazetteer's, its role and its id, folded."""
        memo = self._entity_folds
        keys = [make_key("name", entity.name, memo), make_key("name_en", entity.name_en, memo)]
        keys += [make_key("alias", alias, memo) for alias in entity.aliases]
        keys += [make_key("metonym", m, memo) for m in getattr(entity, "metonyms", ())]
        keys += [make_key("epithet", m, memo) for m in getattr(entity, "epithets", ())]
        keys += [make_key(field_name, text, memo) for field_name, text in load_aids().gazetteer.get(entity.id, ())]
        role = getattr(entity, "role", None)
        if role:
            keys += [make_key("role", role, memo), make_key("role_en", getattr(entity, "role_en", ""), memo)]
        keys += [make_key("id", entity.id, memo)]
        keys = [k for k in keys if k.plain]
        return EntityDoc(entity, tuple(keys), " | ".join(blob(keys)))

    def _build_entities(self, name_codes: list[str] | None = None) -> None:
        name_postings: dict[str, set[tuple[int, int]]] = {}
        whole: dict[str, set[tuple[int, int]]] = {}
        compact: dict[str, tuple[int, int]] = {}
        docs: list[EntityDoc] = []
        for number, entity in enumerate(self.base.entities()):
            doc = self._entity_doc(entity)
            docs.append(doc)
            for key_number, key in enumerate(doc.keys):
                for variant in key.variants():
                    whole.setdefault(variant, set()).add((number, key_number))
                    if key.field == "id":
                        continue  # ids are for exact look-ups ("DE", "merz"), never fuzzy
                    compact.setdefault(without_spaces(variant), (number, key_number))
                    for word in words_of(variant):
                        name_postings.setdefault(word, set()).add((number, key_number))
        self.entities = docs
        self._set_key_facts(docs)
        self._name_postings = {w: sorted(p) for w, p in name_postings.items()}
        words = sorted(name_postings)
        self.names = Vocabulary(words, codes=name_codes if name_codes and len(name_codes) == len(words) else None)
        self._whole_keys = {w: sorted(p) for w, p in whole.items()}
        self._compact_keys = sorted(compact)
        self._compact_owner = [compact[key] for key in self._compact_keys]

    def _set_key_facts(self, docs: Sequence[EntityDoc]) -> None:
        fields: dict[str, int] = {}
        facts, starts = array("I"), array("I", [0])
        for doc in docs:
            for key in doc.keys:
                number = fields.setdefault(key.field, len(fields))
                facts.append(number << _FACT_SHIFT | min(key.shortest, _FACT_MASK))
            starts.append(len(facts))
        self._key_facts, self._key_starts, self._key_fields = facts, starts, list(fields)

    def key_fact(self, entity: int, key: int) -> tuple[str, int]:
        """The field of an entity's key and the length of its shortest variant."""
        packed = self._key_facts[self._key_starts[entity] + key]
        return self._key_fields[packed >> _FACT_SHIFT], packed & _FACT_MASK

    def _entity_index(self) -> dict[str, object] | None:
        """The look-ups of `_build_entities` as packed pairs (entity << 12 | key), for the
        load cache; None if an entity has too many keys to pack."""
        if any(len(doc.keys) >= KEYS_PER_ENTITY for doc in self.entities):
            return None

        def packed(postings: Mapping[str, list[tuple[int, int]]], words: list[str]) -> tuple[str, str]:
            offsets = array("I", [0])
            flat = array("I")
            for word in words:
                flat.extend(e * KEYS_PER_ENTITY + k for e, k in postings[word])
                offsets.append(len(flat))
            return _pack(offsets), _pack(flat)

        whole_words = sorted(self._whole_keys)
        name_offsets, name_flat = packed(self._name_postings, self.names.words)
        whole_offsets, whole_flat = packed(self._whole_keys, whole_words)
        owners = array("I", (e * KEYS_PER_ENTITY + k for e, k in self._compact_owner))
        return {
            "entities": len(self.entities),
            "name_offsets": name_offsets,
            "name_flat": name_flat,
            "whole": whole_words,
            "whole_offsets": whole_offsets,
            "whole_flat": whole_flat,
            "compact": self._compact_keys,
            "compact_owner": _pack(owners),
            "key_facts": _pack(array("I", self._key_facts)),
            "key_starts": _pack(array("I", self._key_starts)),
            "key_fields": self._key_fields,
        }

    def _read_entity_index(self, data: object, words: list[str], codes: list[str]) -> bool:
        """Take the look-ups `_entity_index` wrote, with the entities' keys made only for
        those a search meets (`LazyEntityDocs`); False if `data` does not fit."""
        entities = list(self.base.entities())
        if not isinstance(data, dict) or data.get("entities") != len(entities) or len(codes) != len(words):
            return False
        if not all(isinstance(word, str) for word in words) or any(a >= b for a, b in pairwise(words)):
            return False
        whole, compact = data["whole"], data["compact"]
        if not (isinstance(whole, list) and isinstance(compact, list)):
            return False
        owners = _unpack(data["compact_owner"])
        if len(owners) != len(compact) or not all(isinstance(w, str) for w in whole + compact):
            return False
        limit = len(entities) * KEYS_PER_ENTITY
        names = PackedPairs(words, _unpack(data["name_offsets"]), _unpack(data["name_flat"]), limit)
        whole_keys = PackedPairs(whole, _unpack(data["whole_offsets"]), _unpack(data["whole_flat"]), limit)
        if len(owners) and max(owners) >= limit:
            return False
        facts, starts, key_fields = _unpack(data["key_facts"]), _unpack(data["key_starts"]), data["key_fields"]
        if not (isinstance(key_fields, list) and all(isinstance(f, str) for f in key_fields)):
            return False
        if len(starts) != len(entities) + 1 or starts[0] != 0 or starts[-1] != len(facts):
            return False
        if any(a > b for a, b in pairwise(starts)) or (len(facts) and max(facts) >> _FACT_SHIFT >= len(key_fields)):
            return False
        self._key_facts, self._key_starts, self._key_fields = facts, starts, key_fields
        self.entities = LazyEntityDocs(entities, self._entity_doc)
        self._name_postings = names
        self.names = Vocabulary(words, codes=codes)
        self._whole_keys = whole_keys
        self._compact_keys = compact
        self._compact_owner = [divmod(owner, KEYS_PER_ENTITY) for owner in owners]
        return True

    def _build_statements(self) -> None:
        self._statements = list(self.base.statements.values())
        raw = _raw_postings(_statement_strings(self.base, self._statements))
        postings = _fold_postings(raw, self._word_folds)
        self._add_grouped_numbers(postings)
        self.vocabulary = Vocabulary.of(postings)
        self.vocabulary.stemmed = True

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
            # JSON in bytes of its own: read only when the entities' keys are all made at once
            "entity_folds": json.dumps(
                [[text, *folded] for text, folded in self._entity_folds.items()], ensure_ascii=False
            ).encode("utf-8", "surrogatepass"),
            "name_codes": self.names.codes,
            "name_words": self.names.words,
            "entity_index": self._entity_index(),
            "words": "\n".join(vocabulary.words),
            "codes": "\n".join(vocabulary.codes),
            "stems": "\n".join(vocabulary.stem_lines()),
            "offsets": array("I", vocabulary._offsets).tobytes(),
            "postings": array("I", vocabulary._flat).tobytes(),
            "crc": _crc(array("I", vocabulary._offsets), array("I", vocabulary._flat)),
        }

    @classmethod
    def from_cache(cls, base: FactBase, data: dict[str, object]) -> SearchIndex:
        """The index `to_cache` wrote for this very base. Raises ValueError (or KeyError,
        TypeError) on anything that does not fit, so that the caller builds afresh."""
        statements = base.statements_in_order()
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
        offsets = _unpack(data["offsets"])
        postings = data["postings"]
        # Postings read from the store as they are sliced (authenticated there) are not
        # read through for the checksum: that is what reading them whole would cost.
        flat = cast(Sequence[int], postings) if _is_numbers(postings) else _unpack(postings)
        # A damaged file fails the checksum; the rest is checked for shape. (Bounds of
        # every number are not: 5M comparisons in Python. Each word's records are
        # ascending, so its last one is its largest.)
        if (
            (isinstance(flat, array) and data.get("crc") != _crc(offsets, flat))
            or len(code_list) != len(word_list)
            or len(offsets) != len(word_list) + 1
            or offsets[0] != 0
            or offsets[-1] != len(flat)
            or any(a >= b for a, b in pairwise(offsets))
            or (isinstance(flat, array) and any(flat[end - 1] >= len(statements) for end in offsets[1:]))
            or word_list != sorted(word_list)
        ):
            raise ValueError("malformed index")
        enabled = gc.isenabled()
        gc.disable()
        try:
            index = cls(base)
            name_codes = data["name_codes"]
            if not (isinstance(name_codes, list) and all(isinstance(code, str) for code in name_codes)):
                raise ValueError("malformed index")
            name_words = data.get("name_words")
            if not (
                isinstance(name_words, list)
                and index._read_entity_index(data.get("entity_index"), name_words, name_codes)
            ):
                # The folds of the entities' texts save folding them again (a memo, and
                # what the keys are made from); entities made as searches meet them fold anew.
                index._entity_folds = _folds(data["entity_folds"])
                index._build_entities(name_codes)
            index._statements = statements
            index.vocabulary = Vocabulary(word_list, offsets, flat, code_list)
            index.vocabulary.stemmed = True
            stems = data.get("stems")
            if isinstance(stems, str):
                index.vocabulary.read_stem_lines(stems.split("\n") if word_list else [])
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

    def warm(self) -> None:
        """Make every entity's keys now: an index read back from the store makes them as
        searches first meet them (a one-shot search meets few), and a long-lived app
        would have a keystroke pay for thousands ("S" at 10,000 people: 0.15 s)."""
        for number in range(len(self.entities)):
            self.entities[number]
        self.vocabulary.stem_groups()

    def search(self, raw_query: str, limit: int = 50, types: Iterable[str] | None = None) -> list[Result]:
        """Results for a query, best first (see `rank`)."""
        return rank.search(self, raw_query, limit, types)
