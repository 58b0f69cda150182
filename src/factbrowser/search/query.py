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
