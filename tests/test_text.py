"""`sanitize`: every unsafe character replaced one-for-one, decided by its category,
grapheme clusters kept whole, nothing else touched."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factbrowser.core.text import _BLANK, _TABLE, sanitize

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))
NEVER_SHOWN = ("Cc", "Cf", "Cs", "Zl", "Zp")  # categories that never reach the output as themselves
FAMILY = "👨\u200d👩\u200d👧"
HEART = "❤\ufe0f"


def _unsafe_left(safe: str) -> list[str]:
    """Characters of `safe` that should not be there (a ZWJ only inside an emoji sequence)."""
    out = []
    for at, char in enumerate(safe):
        if char in "\n\t":
            continue
        if char == "\u200d" and 0 < at < len(safe) - 1:
            continue  # kept only between pictographs: checked by the tests that build such text
        if unicodedata.category(char) in NEVER_SHOWN or char in _BLANK:
            out.append(char)
    return out


def test_every_code_point_keeps_the_length_and_loses_every_invisible_one() -> None:
    safe = sanitize(EVERY_CHARACTER)
    assert len(safe) == len(EVERY_CHARACTER)
    assert _unsafe_left(safe) == []
    for code in (0x1B, 0x07, 0x0D, 0x9B, 0x202E, 0x2028, 0xD800, 0xE0041):
        assert chr(code) not in safe
    assert "\n" in safe and "\t" in safe
    assert safe[0x1B] == "␛"  # controls as their control pictures


@given(st.text(alphabet=st.characters(codec=None)))
def test_sanitize_keeps_the_length_is_idempotent_and_leaves_nothing_invisible(text: str) -> None:
    safe = sanitize(text)
    assert len(safe) == len(text)
    assert sanitize(safe) == safe
    for at, char in enumerate(safe):
        if char == "\u200d":
            assert unicodedata.category(safe[at + 1])[0] == "S"
        elif char not in "\n\t":
            assert unicodedata.category(char) not in NEVER_SHOWN and char not in _BLANK, hex(ord(char))


def test_control_characters_are_the_table_as_before() -> None:
    controls = "".join(chr(code) for code in range(0x100) if code in _TABLE)
    assert sanitize(controls) == controls.translate(_TABLE)


# The characters the attack found in every output, each in a word.
INVISIBLE = [
    0x00AD,
    0x034F,
    0x0600,
    0x06DD,
    0x115F,
    0x1160,
    0x180B,
    0x2800,
    0x3164,
    0xFFA0,
    0xFE0F,
    0xE0100,
    0x1BCA0,
    0x1D173,
]


@pytest.mark.parametrize("code", INVISIBLE, ids=[f"U+{c:04X}" for c in INVISIBLE])
def test_invisible_characters_are_made_visible(code: int) -> None:
    for text in (f" {chr(code)}x", f"{chr(code)}x", f"\n{chr(code)}x"):  # marks: on no base
        safe = sanitize(text)
        assert len(safe) == len(text)
        assert chr(code) not in safe, text
    assert sanitize("Bundes\u00adkanzler") == "Bundes\u2010kanzler"  # a soft hyphen shows as a hyphen


@pytest.mark.parametrize(
    "cluster",
    [FAMILY, HEART, "e\u0301", "1\ufe0f\u20e3", "👩🏽\u200d💻", "葛\U000e0100", "❤\ufe0f\u200d🔥", "각", "🇩🇪"],
)
def test_grapheme_clusters_stay_whole(cluster: str) -> None:
    text = f"vor {cluster} nach"
    assert sanitize(text) == text


def test_a_zero_width_joiner_outside_an_emoji_sequence_is_replaced() -> None:
    assert sanitize("A\u200dB") == "A\ufffdB"
    assert sanitize("👨\u200d") == "👨\ufffd"


def test_a_flood_of_marks_on_a_letter_is_decided_once_and_kept() -> None:
    text = "e" + "\u0301" * 100_000 + " " + "\u0301" * 3
    safe = sanitize(text)
    assert safe[:100_001] == text[:100_001] and safe[-3:] == "\ufffd" * 3


def test_a_seed_with_only_line_breaks_is_returned_as_it_is() -> None:
    text = "Erster Satz.\nZweiter Satz.\tEnde\n" * 1000
    assert sanitize(text) is text
    german = "Grüße aus Köln, „Zitat“ – Ende.\n" * 1000
    assert sanitize(german) is german
