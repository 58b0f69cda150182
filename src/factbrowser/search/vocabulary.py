"""A vocabulary of folded words with their postings, and the look-ups of one query word:
the same word, a prefix, a genitive, a piece of a compound, a typo (edit distance with
transpositions, on the whole word or on what has been typed so far) or a word that
sounds the same (Kölner Phonetik: Zelensky/Selenskyj, Witkov/Witkoff)."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate

from rapidfuzz import process
from rapidfuzz.distance import OSA

from factbrowser.core.normalize import phonetic
from factbrowser.search.aids import load_aids
from factbrowser.search.query import Term
from factbrowser.search.stems import stem_keys

# Tiers, best first. The sort key is (group, -tier, -score).
EXACT, PREFIX, SUBSTRING, FUZZY = 3, 2, 1, 0
_FUZZY_FLOOR = 75.0  # under this a look-alike is no match ("schon" for Scholz: 67)
_NEGATIONS = ("un", "nicht", "non")
_PHONETIC_SCORE = 80.0  # plus a tenth of the spelling similarity
_PHONETIC_FLOOR = 60.0
_STEM_SCORE = 86.0  # another form of the word: with the pieces of compounds, above typos
_MIN_STEMMED = 5  # letters a query word needs before its other forms count

# How well a query word matches a vocabulary word: (tier, score).
Match = tuple[int, float]


def typo_budget(length: int) -> int:
    """Edits forgiven in a word of this length: none below 4 letters."""
    if length < 4:
        return 0
    if length < 6:
        return 1
    return 2 if length < 10 else 3


class Vocabulary:
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
        self.stemmed = False  # whether other forms of a word match too (statements, not names)
        self._stems: dict[str, list[str]] | None = None  # stem key -> words, made when first needed

    def stem_groups(self) -> dict[str, list[str]]:
        """Per stem key (`stems.stem_keys`), the words that have it: 0.06 s per 1,000
        words, so made on the first query that needs it (or `SearchIndex.warm`) unless
        `stem_lines` were stored."""
        if self._stems is None:
            self.read_stem_lines([" ".join(stem_keys(word)) for word in self.words])
        assert self._stems is not None
        return self._stems

    def stem_lines(self) -> list[str]:
        """Per word, its stem keys joined by spaces: what the load cache keeps."""
        groups = self.stem_groups()
        keys: dict[str, list[str]] = {}
        for key, words in groups.items():
            for word in words:
                keys.setdefault(word, []).append(key)
        return [" ".join(keys.get(word, ())) for word in self.words]

    def read_stem_lines(self, lines: list[str]) -> None:
        """Take `stem_lines` (one per word); ValueError if they are not one per word."""
        if len(lines) != len(self.words):
            raise ValueError("stems do not fit the vocabulary")
        groups: dict[str, list[str]] = {}
        for word, line in zip(self.words, lines, strict=True):
            for key in line.split():
                groups.setdefault(key, []).append(word)
        self._stems = groups

    @classmethod
    def of(cls, postings: dict[str, list[int]]) -> Vocabulary:
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

    def holds(self, word: str, doc: int) -> bool:
        """Whether record `doc` holds `word` (a binary search in its postings)."""
        number = self.number.get(word)
        if number is None:
            return False
        start, end = self._offsets[number], self._offsets[number + 1]
        found = bisect.bisect_left(self._flat, doc, start, end)
        return found < end and self._flat[found] == doc

    def has_prefix(self, text: str) -> bool:
        """Whether some word is `text` or begins with it."""
        number = bisect.bisect_left(self.words, text)
        return number < len(self.words) and self.words[number].startswith(text)

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
                if index > self._starts[number] and not _negated(word, index - self._starts[number]):
                    add(word, SUBSTRING, 80.0 + 9.0 * len(term) / len(word))
                index = self._blob.find(term, self._starts[number] + len(word) + 1)
        if not exact:
            self._same_stem(term, add)
            self._fuzzy(term, add)
        if len(self._cache) > 2048:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    def _same_stem(self, term: str, add: Callable[[str, int, float], None]) -> None:
        """Another form of the word: Überwachung/überwachen, guarantee/guarantees."""
        if not self.stemmed or len(term) < _MIN_STEMMED or term in load_aids().stop_words:
            return
        groups = self.stem_groups()
        for key in stem_keys(term):
            for word in groups.get(key, ()):
                if word != term and may_confuse(term, word):
                    add(word, SUBSTRING, _STEM_SCORE)

    def _fuzzy(self, term: str, add_any: Callable[[str, int, float], None]) -> None:
        budget = typo_budget(len(term))
        if budget == 0 or term in load_aids().stop_words:
            return

        def add(word: str, tier: int, score: float) -> None:
            if score >= _FUZZY_FLOOR and may_confuse(term, word):
                add_any(word, tier, score)

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
        if len(code) >= 3 and len(term) >= 6:  # Biden and Boden sound alike, and are not alike
            for word in self._sounds.get(code, ()):
                if word != term:
                    similarity = 100.0 * OSA.normalized_similarity(term, word)
                    if similarity >= _PHONETIC_FLOOR:  # sounds alike *and* looks alike
                        add(word, FUZZY, _PHONETIC_SCORE + similarity / 10.0)


def _negated(word: str, start: int) -> bool:
    """Whether the piece of `word` from `start` is negated by what precedes it:
    "geklärt" in "ungeklärt" is its opposite, not a piece of a compound."""
    return word[:start] in _NEGATIONS


def may_confuse(term: str, word: str) -> bool:
    """Whether a typo may take `term` for `word`: never a function word ("schon" for
    Scholz, "beiden" for Biden), never across a negation ("ungeklärt" is not "geklärt"),
    and in a word of fewer than six letters never one letter for another (Biden/Boden),
    only a letter left out, added or swapped."""
    if word in load_aids().stop_words:
        return False
    if any(term.startswith(n) != word.startswith(n) for n in _NEGATIONS):
        return False
    substituted = len(word) == len(term) and sorted(term) != sorted(word)
    return len(term) >= 6 or not substituted


def term_matches(vocabulary: Vocabulary, term: Term) -> dict[str, Match]:
    """Matches of every spelling of the term (plain and with umlauts spelt out)."""
    found = dict(vocabulary.matches(term.text, term.exact))
    for variant in term.variants()[1:]:
        for word, match in vocabulary.matches(variant, term.exact).items():
            if match > found.get(word, (-1, 0.0)):
                found[word] = match
    return found
