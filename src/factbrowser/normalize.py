"""One folding for the search index and the query alike.

`fold("Großbritannien")` -> "grossbritannien"; `fold("Jean-Noël")` -> "jean noel";
`fold_twin("Österreich")` -> "oesterreich" (umlauts spelt out), so that Österreich,
Osterreich and Oesterreich all meet. Steps: casefold (ß -> ss), a small table for the
letters NFKD keeps (ł ø đ æ œ þ ı), NFKD with combining marks dropped, every
non-alphanumeric character (hyphens, typographic quotes, punctuation) to one space.

`fold` is the fast path used for whole corpora. `fold_with_map` computes the same string
one character at a time together with, for each folded character, the index of the
original character it came from, so that highlights land on the right letters even
where ß became ss. A test holds the two to the same output.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = {"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ŀ": "l", "ħ": "h"}
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "\u0308": "e"}

_PLAIN = str.maketrans(_LETTERS)
_TWIN = str.maketrans({**_LETTERS, **_UMLAUTS})
# Combining marks of the Basic Multilingual Plane (~15 ms to build; the rest are rare).
_COMBINING = dict.fromkeys(c for c in range(0x10000) if unicodedata.combining(chr(c)))
_NON_WORD = re.compile(r"[\W_]+")


def _fold(text: str, table: dict[int, str]) -> str:
    text = text.casefold().translate(table)
    text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    return " ".join(_NON_WORD.sub(" ", text).split())


def fold(text: str) -> str:
    """The search key of `text`: lowercase, no accents, ß -> ss, punctuation -> space."""
    if text.isascii():  # fast path; identical result
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    return _fold(text, _PLAIN)


def fold_twin(text: str) -> str:
    """Like `fold`, but ä/ö/ü spelt ae/oe/ue (German convention)."""
    if text.isascii():
        return fold(text)
    return _fold(text, _TWIN)


@lru_cache(maxsize=4096)
def _fold_char(char: str, twin: bool) -> str:
    """One character's share of the folded text: "" (dropped), " " (a separator) or letters."""
    text = char.casefold().translate(_TWIN if twin else _PLAIN)
    text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    if not text:
        return ""
    return _NON_WORD.sub(" ", text)


def fold_with_map(text: str, twin: bool = False) -> tuple[str, list[int]]:
    """(folded text, original index of each folded character)."""
    out: list[str] = []
    index_map: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        piece = _fold_char(char, twin)
        if not piece:
            continue
        for part in piece:
            if part == " ":
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                index_map.append(index)
                pending_space = False
            out.append(part)
            index_map.append(index)
    return "".join(out), index_map


def original_span(index_map: list[int], text: str, start: int, end: int) -> tuple[int, int] | None:
    """Map folded [start, end) back to original [start, end), covering whole characters."""
    if start >= end or start >= len(index_map):
        return None
    end = min(end, len(index_map))
    first = index_map[start]
    last = index_map[end - 1] + 1
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1  # keep a decomposed accent with its letter
    return first, last
