"""Making untrusted text safe to show, without changing its length.

Every string from a fact file or a seed passes through `sanitize` when it is loaded.
Control characters and escape sequences would otherwise reach the real terminal (Rich
and Textual pass ESC through), and bidi overrides or zero-width characters would make
text look different from what it is. Each such character is replaced by exactly one
visible stand-in character, never removed, so that character offsets into a seed stay
valid after sanitising.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_REPLACEMENT = "\ufffd"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if chr(code) not in "\n\t":
            table[code] = chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls, including the 8-bit CSI and OSC
        table[code] = _REPLACEMENT
    # Bidi embeddings, overrides and isolates, and the invisible formatting characters.
    for code in [
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x2060,
        0x061C,
        0xFEFF,
    ]:
        table[code] = _REPLACEMENT
    # Also invisible, or breaking lines where a terminal does not expect it: the line and
    # paragraph separators, the Mongolian vowel separator, invisible operators, deprecated
    # format controls, interlinear annotations, the "tag" characters that can smuggle
    # hidden ASCII, and lone surrogates (which cannot even be encoded for output).
    for code in [
        0x2028,
        0x2029,
        0x180E,
        *range(0x2061, 0x2065),
        *range(0x206A, 0x2070),
        *range(0xFFF9, 0xFFFC),
        *range(0xE0000, 0xE0080),
        *range(0xD800, 0xE000),
    ]:
        table[code] = _REPLACEMENT
    return table


def _character_class(codes: list[int]) -> str:
    """A regular expression matching exactly the characters `codes`, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


_TABLE = _build_table()
# `str.translate` with a dict costs ~60 ns a character even where nothing changes: a
# seed (with its line breaks) is first searched for anything to replace at all.
_UNSAFE = re.compile(_character_class(list(_TABLE)))


# Characters whose category alone would keep them, though they draw nothing: the Default
# Ignorable ones among the marks and letters (combining grapheme joiner, Mongolian free
# variation selectors, Khmer inherent vowels, the Hangul fillers, shorthand format
# controls, musical formatting) and the blank Braille pattern, a favourite of "invisible"
# names. Everything else is decided by its category (`_decide`).
_BLANK = frozenset(
    map(
        chr,
        [
            0x034F,
            0x115F,
            0x1160,
            0x17B4,
            0x17B5,
            *range(0x180B, 0x1810),
            0x2800,
            0x3164,
            0xFFA0,
            *range(0x1BCA0, 0x1BCA4),
            *range(0x1D173, 0x1D17B),
        ],
    )
)
_ZWJ, _SOFT_HYPHEN = "\u200d", "\u00ad"
_EMOJI_CATEGORIES = ("So", "Sk")  # pictographs, and the skin-tone modifiers (Sk)


@functools.lru_cache(maxsize=4096)
def _suspect(char: str) -> bool:
    """Whether `char` needs a decision: a control, format character, mark or blank."""
    if char in "\n\t":
        return False
    return ord(char) in _TABLE or char in _BLANK or unicodedata.category(char) in ("Cf", "Mn", "Me", "Cs", "Zl", "Zp")


@functools.lru_cache(maxsize=256)
def _is_variation_selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def sanitize(text: str) -> str:
    """Return `text` with every unsafe character replaced one-for-one by a visible one.

    Decided per Unicode category, keeping grapheme clusters whole: controls become their
    control pictures (␛); format characters (Cf), invisible letters and marks (`_BLANK`),
    separators and lone surrogates become U+FFFD; a soft hyphen becomes a visible hyphen.
    Kept: a combining mark on a letter or digit (or on marks on one), a variation selector
    after a visible character (emoji and ideographic variants), and a zero-width joiner
    between two pictographs (👨‍👩‍👧). A mark with no such base is replaced, as it would draw
    over the neighbouring cell. Every replacement is one character: offsets stay valid.
    """
    if text.isascii():  # the fast paths: almost every string in a real fact base
        if text.isprintable() or _UNSAFE.search(text) is None:
            return text
        return text.translate(_TABLE)
    suspects = [char for char in set(text) if _suspect(char)]  # a seed has a few hundred distinct characters
    if not suspects:
        return text
    pieces: list[str] = []
    done = 0
    previous_mark, mark_ok = -2, False  # the run of marks the last decision belongs to
    for match in re.finditer(_character_class([ord(c) for c in suspects]), text):
        at = match.start()
        char = text[at]
        if unicodedata.category(char) in ("Mn", "Me") and char not in _BLANK:
            if previous_mark != at - 1:
                mark_ok = at > 0 and _is_base(text[at - 1], char)
            previous_mark = at
            keep = mark_ok
            replacement = char if keep else _REPLACEMENT
        else:
            replacement = _decide(text, at, char)
        if replacement != char:
            pieces += (text[done:at], replacement)
            done = at + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _is_base(before: str, mark: str) -> bool:
    """Whether a mark right after `before` (not itself a mark) has something to sit on."""
    category = unicodedata.category(before)
    if _is_variation_selector(mark):  # emoji and text variants of symbols, too
        return category[0] in "LNSP"
    return category[0] in "LN"


def _decide(text: str, at: int, char: str) -> str:
    """The stand-in for a control, format character or blank at `text[at]` (or itself)."""
    if char == _ZWJ and _joins_pictographs(text, at):
        return char
    if char == _SOFT_HYPHEN:
        return "\u2010"
    if ord(char) in _TABLE:
        return _TABLE[ord(char)]
    return _REPLACEMENT


def _joins_pictographs(text: str, at: int) -> bool:
    before = at - 1
    if before >= 0 and _is_variation_selector(text[before]):
        before -= 1
    if before < 0 or at + 1 >= len(text):
        return False
    return (
        unicodedata.category(text[before]) in _EMOJI_CATEGORIES
        and unicodedata.category(text[at + 1]) in _EMOJI_CATEGORIES
    )


def one_line(text: str) -> str:
    """Collapse line breaks and tabs so a value fits on one line of a list."""
    return " ".join(text.split())
