"""`sanitize`: every unsafe character replaced one-for-one, nothing else touched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factbrowser.core.text import _TABLE, sanitize

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def test_every_code_point_is_replaced_exactly_when_the_table_says_so() -> None:
    # One string of all 1,114,112 code points: the fast search for unsafe characters
    # must agree with the table on every one of them.
    safe = sanitize(EVERY_CHARACTER)
    assert safe == EVERY_CHARACTER.translate(_TABLE)
    assert len(safe) == len(EVERY_CHARACTER)
    for code in (0x1B, 0x07, 0x0D, 0x9B, 0x202E, 0x2028, 0xD800, 0xE0041):
        assert chr(code) not in safe
    assert "\n" in safe and "\t" in safe


@given(st.text(alphabet=st.characters(codec=None)))
def test_sanitize_is_the_table_and_keeps_the_length(text: str) -> None:
    safe = sanitize(text)
    assert safe == text.translate(_TABLE)
    assert len(safe) == len(text)


def test_a_seed_with_only_line_breaks_is_returned_as_it_is() -> None:
    text = "Erster Satz.\nZweiter Satz.\tEnde\n" * 1000
    assert sanitize(text) is text
