"""Seed text -> sentence spans with exact offsets, as docs/curation.md defines a sentence.

The splitter inside is pySBD (German rules), chosen over syntok and a plain regex after
a comparison on the five seeds and on typical German news abbreviations; the figures and
the failures of each are in docs/audit.md. Around it, rules that hold for these seeds and
that no general splitter knows:

- every line break ends a sentence: a heading without final punctuation is a sentence;
- the " date YYYY-MM-DD " marker at the top of a seed belongs to no sentence;
- a trailing agency signature such as "/evs/DP/nas" belongs to no sentence;
- a closing straight quote after the final punctuation (`... sichern."`) stays with its
  sentence (pySBD would start the next sentence with it).

Offsets are Python `str` indices into the raw seed; no span starts or ends with
whitespace and spans never overlap. Where pySBD's output cannot be found verbatim in the
text (it rewrites some characters internally), that paragraph falls back to a small
regex splitter so that the offsets stay exact. The regex splitter also takes over for
very long paragraphs and beyond a budget per text (`PYSBD_BUDGET`): pySBD's time grows
faster than the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd  # type: ignore[import-untyped]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A sentence at `start:end` (end exclusive) of the text it was split from."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


_PARAGRAPH = re.compile(r"[^\n]+")
_DATE_MARKER = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2}(?=\s)")
# Only after final punctuation, so that a path or URL at a line's end is left alone.
_SIGNATURE = re.compile(r"(?<=[.!?\"“”»])(?:/[A-Za-z]{1,8}){2,4}\s*\Z")
_CLOSING_QUOTES = "\"“”»«'’"
# The fallback: end at . ! ? … (and closing quotes) before whitespace and a capital.
_REGEX_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"“”»«']*(?=\s+[\"„“»«(]?[A-ZÄÖÜ0-9])|\Z)", re.DOTALL)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # Built once: pySBD compiles its German rule set on construction.
    return pysbd.Segmenter(language="de", clean=False)


def split_sentences(text: str) -> list[Span]:
    """Every sentence of `text`, in order, as exact offsets."""
    return list(_split_cached(text))


# pySBD's time grows faster than the length of a paragraph (10 s for one line of 50 KB
# of abbreviations, 107 s at 200 KB) and is ~10 µs a character even on plain prose, so
# its work is bounded: a paragraph longer than this, and every paragraph once a text has
# given pySBD this many characters, is split by the regex splitter, which is linear.
# Real news paragraphs are far shorter; a whole real article far below the budget.
MAX_PYSBD_PARAGRAPH = 2_000
PYSBD_BUDGET = 50_000


@lru_cache(maxsize=64)
def _split_cached(text: str) -> tuple[Span, ...]:
    # The same few seeds are split again and again (audit, mentions, the app).
    spans: list[Span] = []
    budget = PYSBD_BUDGET
    for start, end in _paragraphs(text):
        use_pysbd = end - start <= min(MAX_PYSBD_PARAGRAPH, budget)
        if use_pysbd:
            budget -= end - start
        spans += _split_paragraph(text, start, end, use_pysbd)
    return tuple(spans)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The line spans that may hold sentences, without date marker and signature."""
    marker = _DATE_MARKER.match(text)
    body_start = marker.end() if marker else 0
    out = []
    for match in _PARAGRAPH.finditer(text, body_start):
        start, end = match.span()
        signature = _SIGNATURE.search(text, start, end)
        if signature:
            end = signature.start()
        start, end = _trim(text, start, end)
        if start < end:
            out.append((start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_paragraph(text: str, start: int, end: int, use_pysbd: bool = True) -> list[Span]:
    cuts = (_pysbd_spans(text[start:end]) if use_pysbd else None) or _regex_spans(text[start:end])
    spans = _reattach_closing_quotes(text[start:end], cuts)
    return [Span(start + s, start + e) for s, e in spans]


def _pysbd_spans(paragraph: str) -> list[tuple[int, int]] | None:
    """pySBD's sentences located in `paragraph`, or None if one is not there verbatim."""
    out: list[tuple[int, int]] = []
    position = 0
    for sentence in _segmenter().segment(paragraph):
        sentence = sentence.strip()
        if not sentence:
            continue
        found = paragraph.find(sentence, position)
        # A gap with anything but whitespace means pySBD changed or dropped text.
        if found < 0 or paragraph[position:found].strip():
            return None
        out.append((found, found + len(sentence)))
        position = found + len(sentence)
    return out if not paragraph[position:].strip() else None


def _regex_spans(paragraph: str) -> list[tuple[int, int]]:
    out = []
    for match in _REGEX_SENTENCE.finditer(paragraph):
        start, end = _trim(paragraph, *match.span())
        if start < end:
            out.append((start, end))
    return out


def _reattach_closing_quotes(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move a closing quote that opens a span (`" Auch ...`) to the sentence before."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        quote_end = start
        while quote_end < end and paragraph[quote_end] in _CLOSING_QUOTES:
            quote_end += 1
        # Closing, not opening: the quote run is followed by whitespace or ends the span.
        closing = quote_end > start and (quote_end == end or paragraph[quote_end].isspace())
        if out and closing:
            out[-1] = (out[-1][0], quote_end)
            start, end = _trim(paragraph, quote_end, end)
        if start < end:
            out.append((start, end))
    return out
