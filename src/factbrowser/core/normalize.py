"""One folding for the search index and the query alike.

`fold("Großbritannien")` -> "grossbritannien"; `fold("Jean-Noël")` -> "jean noel";
`fold_twin("Österreich")` -> "oesterreich" (umlauts spelt out), so that Österreich,
Osterreich and Oesterreich all meet. Steps: casefold (ß -> ss), a small table for the
letters NFKD keeps (ł ø đ æ œ þ ı), NFKD (and casefold and the table once more, for
what NFKD brings out: 𝖠 -> a) with combining marks dropped, every non-alphanumeric
character (hyphens, typographic quotes, punctuation) to one space.

`fold` is the fast path for a single text; `WordFolds` folds a whole corpus, each distinct
word once. `fold_with_map` computes the same string
one character at a time together with, for each folded character, the index of the
original character it came from, so that highlights land on the right letters even
where ß became ss. A test holds the two to the same output.

`phonetic` is the Kölner Phonetik of a folded word, the German sound code that makes
Selensky/Zelenskyj, Witkov/Witkoff, Kuschner/Kushner and Wadefuhl/Wadephul meet; the
search engine uses it as one more way for a misspelt name to find its word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = {"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ŀ": "l", "ħ": "h"}
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "\u0308": "e"}

_PLAIN = str.maketrans(_LETTERS)
_TWIN = str.maketrans({**_LETTERS, **_UMLAUTS})
_NON_WORD = re.compile(r"[\W_]+")
# Where the twin spelling can differ from the plain one: an umlaut, or a diaeresis.
_UMLAUT = re.compile("[äöü\u0308]")


@lru_cache(maxsize=1)
def _combining() -> re.Pattern[str]:
    """Combining marks of the Basic Multilingual Plane (the rest are rare), as one
    character class of ranges. Built on first need (~10 ms), not at import."""
    ranges: list[str] = []
    start = previous = -2
    for code in range(0x10000):
        if not unicodedata.combining(chr(code)):
            continue
        if code != previous + 1:
            if start >= 0:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
        previous = code
    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
    return re.compile("[" + "".join(ranges) + "]+")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    if len(text) < 64:  # a name, a character of a highlight: no need for the table
        return "".join(c for c in text if c > "\uffff" or not unicodedata.combining(c))
    return _combining().sub("", text)


def _letters(text: str, table: dict[int, str]) -> str:
    """Casefolded, tabled, decomposed, accents dropped; punctuation still in place."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(table))
    # NFKD can bring out capitals and umlauts of its own (𝖠 -> A, ǟ -> a + ¨ + ¯).
    return _strip_marks(text.casefold().translate(table))


def _fold(text: str, table: dict[int, str]) -> str:
    return " ".join(_NON_WORD.sub(" ", _letters(text, table)).split())


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


def has_twin(text: str) -> bool:
    """Whether `fold_twin(text)` differs from `fold(text)`: only where the text holds an
    umlaut or a diaeresis, before or after decomposition (spelt out, it adds an e)."""
    if text.isascii():
        return False
    folded = text.casefold()
    if _UMLAUT.search(folded):
        return True
    return _UMLAUT.search(unicodedata.normalize("NFKD", folded.translate(_PLAIN)).casefold()) is not None


def fold_pair(text: str) -> tuple[str, str | None]:
    """(`fold(text)`, `fold_twin(text)` or None where it equals the first), folding once
    where the text has no umlaut or diaeresis (the twin spelling cannot differ then)."""
    if text.isascii():
        return fold(text), None
    folded = text.casefold()
    if not _UMLAUT.search(folded):
        decomposed = unicodedata.normalize("NFKD", folded.translate(_PLAIN)).casefold()
        if not _UMLAUT.search(decomposed):
            plain = " ".join(_NON_WORD.sub(" ", _strip_marks(decomposed.translate(_PLAIN))).split())
            return plain, None
    plain = _fold(text, _PLAIN)
    twin = _fold(text, _TWIN)
    return plain, None if twin == plain else twin


def split_words(text: str) -> list[str]:
    """`text` cut where its fold certainly has a space: at whitespace, commas, full stops."""
    return text.replace(",", " ").replace(".", " ").split()


class WordFolds(dict[str, str]):
    """`fold` of single words, each computed on first need and then looked up; `twins`
    holds `fold_twin` of the words where that differs.

    Every step of folding works character by character (NFKD reorders accents only among
    accents, never across a space), and whitespace, commas and full stops fold to spaces,
    so a text folds to the folds of its `split_words` joined by spaces. A corpus of a
    hundred thousand texts has some ten thousand distinct words: `pair` folds a text with
    a look-up per word. A test holds `pair` to `fold_pair`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.twins: dict[str, str] = {}

    def __missing__(self, word: str) -> str:
        if word.isascii() and word.isalnum():  # most words: lowercasing is their whole fold
            plain = word.lower()
        else:
            plain, twin = fold_pair(word)
            if twin is not None:
                self.twins[word] = twin
        self[word] = plain
        return plain

    def clear(self) -> None:
        super().clear()
        self.twins.clear()

    def pair(self, text: str) -> tuple[str, str | None]:
        """`fold_pair(text)`."""
        words = split_words(text)
        plains = list(map(self.__getitem__, words))  # fills `twins` too
        plain = " ".join(filter(None, plains))
        if self.twins.keys().isdisjoint(words):
            return plain, None
        twin = " ".join(filter(None, map(self.twins.get, words, plains)))
        return plain, None if twin == plain else twin


@lru_cache(maxsize=4096)
def _fold_char(char: str, twin: bool) -> str:
    """One character's share of the folded text: "" (dropped), " " (a separator) or letters."""
    text = _letters(char, _TWIN if twin else _PLAIN)
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


_VOWELS = frozenset("aeijouy")


def phonetic(word: str) -> str:
    """Kölner Phonetik (Postel 1969) of a folded word; "" unless it is letters a-z only.

    "selenskyj", "zelensky" and "selenski" -> "85684"; "witkov" and "witkoff" -> "3243".
    """
    if not word.isascii() or not word.isalpha():
        return ""
    word = word.lower()
    codes: list[str] = []
    last = len(word) - 1
    for index, char in enumerate(word):
        before = word[index - 1] if index else ""
        after = word[index + 1] if index < last else ""
        if char in _VOWELS:
            code = "0"
        elif char == "h":
            continue
        elif char == "b":
            code = "1"
        elif char == "p":
            code = "3" if after == "h" else "1"
        elif char in "dt":
            code = "8" if after and after in "csz" else "2"
        elif char in "fvw":
            code = "3"
        elif char in "gkq":
            code = "4"
        elif char == "c":
            if index == 0:
                code = "4" if after and after in "ahkloqrux" else "8"
            elif before and before in "sz":
                code = "8"
            else:
                code = "4" if after and after in "ahkoqux" else "8"
        elif char == "x":
            code = "8" if before and before in "ckq" else "48"
        elif char == "l":
            code = "5"
        elif char in "mn":
            code = "6"
        elif char == "r":
            code = "7"
        else:  # s, z
            code = "8"
        codes.append(code)
    collapsed: list[str] = []
    for digit in "".join(codes):
        if not collapsed or collapsed[-1] != digit:
            collapsed.append(digit)
    return collapsed[0] + "".join(d for d in collapsed[1:] if d != "0") if collapsed else ""
