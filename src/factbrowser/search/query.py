"""Queries: the words typed, folded, with the operators of the query language.

Words separated by spaces must all match (AND); `'word` must occur exactly (after
folding); `!word` excludes records containing it (fzf habits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factbrowser.core.normalize import fold, fold_twin
from factbrowser.search.aids import load_aids

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
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
    return Query.of(raw, _bounded(list(dict.fromkeys(terms))))  # "e e e" asks no more than "e"


def _bounded(terms: list[Term]) -> tuple[Term, ...]:
    """At most MAX_TERMS words that count, and as many stop words between them (they cost
    little: statements need not hold them)."""
    stop_words = load_aids().stop_words
    kept: list[Term] = []
    counted = 0
    for term in terms:
        counts = term.text not in stop_words
        if counted + counts > MAX_TERMS or len(kept) >= 2 * MAX_TERMS:
            break
        kept.append(term)
        counted += counts
    return tuple(kept)


_SCALES = {
    **dict.fromkeys(("tsd", "tausend", "thousand"), (1e3,)),
    **dict.fromkeys(("mio", "millionen", "million"), (1e6,)),
    **dict.fromkeys(("mrd", "milliarden", "milliarde"), (1e9,)),
    "billion": (1e9, 1e12),  # English 10^9, German 10^12
    "billionen": (1e12,),
}

# Numbers written as words, folded as the query is ("ein" and "one" are left out: they are
# more often an article or a pronoun than a number).
_GERMAN_2_TO_12 = ("zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwolf")
_ENGLISH_2_TO_12 = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_NUMBER_WORDS: dict[str, float] = {
    **dict(zip(_GERMAN_2_TO_12, range(2, 13), strict=True)),
    **dict(zip(_ENGLISH_2_TO_12, range(2, 13), strict=True)),
    **{"zwanzig": 20, "dreissig": 30, "vierzig": 40, "funfzig": 50, "hundert": 100, "tausend": 1000},
    **{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000},
    **{"anderthalb": 1.5, "eineinhalb": 1.5, "dutzend": 12, "dozen": 12},
}
_SCALE = re.compile(r"\s*(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:[ .,\u00a0]\d{3})+")
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ .,\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])")


def query_numbers(query: Query) -> frozenset[float]:
    """The numbers a query names, as it was typed: "35", "33.000", "33 000", "33,000"
    (a separator before three digits groups thousands), "1,5" and "1.5" (decimals)."""
    found: set[float] = set()
    for match in _NUMBER.finditer(query.raw):
        number = match.group()
        if _GROUPED.fullmatch(number):
            value = float(re.sub(r"[ .,\u00a0]", "", number))
        else:
            value = float(number.replace(",", "."))
        found.add(value)
        scale = _SCALE.match(query.raw, match.end())  # "40 Milliarden": 40000000000 too
        if scale:
            found.update(value * factor for factor in _SCALES[scale.group(1).lower()])
    words = query.phrase.split()  # folded: "vier", "zwolf", "anderthalb"
    for position, word in enumerate(words):
        named = _NUMBER_WORDS.get(word)
        if named is None:
            continue
        found.add(named)
        following = words[position + 1] if position + 1 < len(words) else ""
        found.update(named * factor for factor in _SCALES.get(following, ()))
    return frozenset(found)
