"""Word stems, German and English (Snowball): "Überwachung" and "überwachen" share
"uberwach", "guarantee" and "guarantees" share "guarante".

Snowball's stemmers are the reference implementations of Porter's algorithms for both
languages (the library Sphinx and NLTK use), pure Python: a hand-written suffix list
would miss the rules about which endings may go (R1/R2 regions, "-ung" but not
"Jung"). A stem is only a key for finding other forms of a word; it is never shown.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_MIN_STEM = 4  # shorter stems join words that only look alike ("ein", "eine", "einer")


@cache
def _stemmers() -> tuple[Any, Any]:
    # Imported when a word is first stemmed: the package imports all its 30 languages
    # (15-35 ms), which a search of a short word never needs.
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("german"), snowballstemmer.stemmer("english")


def stem_keys(word: str) -> tuple[str, ...]:
    """The German and the English stem of a folded word, each marked with its language
    (a German and an English stem that happen to agree are different words); () for a
    word too short to stem."""
    if len(word) < _MIN_STEM + 1 or not word.isalpha():
        return ()
    german, english = _stemmers()
    stems = (("de", german.stemWord(word)), ("en", english.stemWord(word)))
    return tuple(f"{language}:{stem}" for language, stem in stems if len(stem) >= _MIN_STEM)
