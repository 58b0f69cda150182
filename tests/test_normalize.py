"""Folding: one key for the index and the query, and a map back to the original letters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbrowser.core.normalize import fold, fold_twin, fold_with_map, original_span, phonetic

BOUNDED = settings(max_examples=200, deadline=None)

# Text a fact base or a query may hold: letters with and without accents, decomposed
# accents, ß, ligatures, digits, punctuation, typographic quotes, control characters.
texty = st.text(
    alphabet=st.sampled_from(
        list(
            "aAzZäÄöÖüÜßẞéÉèêëçñłŁøØæœıİðþǅﬁﬃ½²³ 0123456789-_.,;:!?'\"„“”‚‘’«»"
            "()[]{}*+\\|^$#@/\t\n\r\x00\x07\u0301\u0308\u0327\u200b\u00a0\u2009"
            "АБВгдеЖЗИΑΒΓαβγ中文한국어"
        )
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Großbritannien", "grossbritannien"),
        ("Jean-Noël Barrot", "jean noel barrot"),
        ("Radosław Sikorski", "radoslaw sikorski"),
        ("António Costa", "antonio costa"),
        ("„Koalition der Willigen“", "koalition der willigen"),
        ("Österreich", "osterreich"),
        ("  NATO-Nachbarländer, ", "nato nachbarlander"),
        ("33.000", "33 000"),
        ("Jean-Noe\u0308l", "jean noel"),  # decomposed accent
        ("𝖠𝖡 ℌ ﬁ Ⅻ", "ab h fi xii"),  # compatibility forms come out lowercase
        ("İstanbul", "istanbul"),
        ("", ""),
        ("?!…", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Österreich", "oesterreich"),
        ("Dänemark", "daenemark"),
        ("Südkorea", "suedkorea"),
        ("Großbritannien", "grossbritannien"),
        ("Mu\u0308ller", "mueller"),  # decomposed umlaut
        ("Oesterreich", "oesterreich"),
    ],
)
def test_fold_twin(text: str, expected: str) -> None:
    assert fold_twin(text) == expected


def test_map_points_at_the_original_letters() -> None:
    text = "Großbritannien"
    folded, index_map = fold_with_map(text)
    assert folded == "grossbritannien"
    assert index_map[3] == index_map[4] == 3  # both s come from ß
    assert original_span(index_map, text, 0, len(folded)) == (0, len(text))
    text = "Jean-Noe\u0308l"
    folded, index_map = fold_with_map(text)
    start = folded.index("noel")
    assert original_span(index_map, text, start, start + 4) == (5, len(text))  # keeps the accent


def test_original_span_of_nothing() -> None:
    _, index_map = fold_with_map("abc")
    assert original_span(index_map, "abc", 2, 2) is None
    assert original_span(index_map, "abc", 5, 9) is None


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("selenskyj", "zelensky", "selenski", "selenskij"), True),
        (("witkov", "witkoff"), True),
        (("kuschner", "kushner"), True),
        (("wadefuhl", "wadephul"), True),
        (("sacharowa", "zakharova"), True),
        (("ukraine", "ukriane"), True),
        (("merz", "macron"), False),
        (("putin", "budanow"), False),
    ],
)
def test_phonetic(words: tuple[str, ...], same: bool) -> None:
    codes = {phonetic(word) for word in words}
    assert (len(codes) == 1) is same
    assert all(codes)


@pytest.mark.parametrize("word", ["", "33", "putin2", "müller", "jean noel", "中文"])
def test_phonetic_only_for_plain_letters(word: str) -> None:
    assert phonetic(word) == ""


@BOUNDED
@given(st.one_of(st.text(max_size=80), texty))
def test_fold_and_map_agree(text: str) -> None:
    folded, index_map = fold_with_map(text)
    assert fold(text) == folded
    twin, twin_map = fold_with_map(text, twin=True)
    assert fold_twin(text) == twin
    for out, mapping in ((folded, index_map), (twin, twin_map)):
        assert len(mapping) == len(out)
        assert all(0 <= i < len(text) for i in mapping)
        assert mapping == sorted(mapping)  # folding never reorders


@BOUNDED
@given(st.one_of(st.text(max_size=80), texty), st.integers(0, 100), st.integers(0, 100))
def test_original_span_stays_inside(text: str, start: int, end: int) -> None:
    _, index_map = fold_with_map(text)
    span = original_span(index_map, text, start, end)
    if span is not None:
        assert 0 <= span[0] < span[1] <= len(text)


@BOUNDED
@given(st.one_of(st.text(max_size=80), texty))
def test_fold_is_idempotent_and_tidy(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert fold_twin(fold_twin(text)) == fold_twin(text)
    assert folded == folded.strip() and "  " not in folded
    assert folded == folded.lower() or not folded.isascii()


@BOUNDED
@given(st.text(max_size=40))
def test_phonetic_never_raises(text: str) -> None:
    code = phonetic(text)
    assert code == "" or code.isdigit()
