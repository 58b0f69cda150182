"""Highlights: the spans of a shown text (original characters) that match the query."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factbrowser.core.normalize import fold_with_map, has_twin, original_span
from factbrowser.search.query import Query
from factbrowser.search.vocabulary import EXACT, FUZZY, Match

_MIN_STOP_WORD = 4  # "der", "an" everywhere would hide what matched


@dataclass(frozen=True, slots=True)
class Highlighter:
    """Per positive term: its spellings, and the whole words it matched without containing them."""

    terms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @classmethod
    def of(cls, query: Query, matched: list[dict[str, Match]] | None) -> Highlighter:
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

    @classmethod
    def of_phrase(cls, query: Query, content: Query, matched: list[dict[str, Match]]) -> Highlighter:
        """For the content terms of `query` (`matched` per term) and its longer stop words
        ("darf", "nicht"), the latter only where they stand as whole words."""
        highlighter = cls.of(content, matched)
        kept = {term.text for term in content.positive}
        stop = tuple(
            ((), term.variants())
            for term in query.positive
            if term.text not in kept and len(term.text) >= _MIN_STOP_WORD
        )
        return cls(highlighter.terms + stop)

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
    digits = variants[0] if variants else ""
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
