"""Making untrusted text safe to show, without changing its length.

Every string from a fact file or a seed passes through `sanitize` when it is loaded.
Control characters and escape sequences would otherwise reach the real terminal (Rich
and Textual pass ESC through), and bidi overrides or zero-width characters would make
text look different from what it is. Each such character is replaced by exactly one
visible stand-in character, never removed, so that character offsets into a seed stay
valid after sanitising.
"""

from __future__ import annotations

import re

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


def sanitize(text: str) -> str:
    """Return `text` with every unsafe character replaced one-for-one by a visible one."""
    if text.isprintable():  # the fast path: almost every string in a real fact base
        return text
    if _UNSAFE.search(text) is None:  # line breaks and tabs only, as in every seed
        return text
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """Collapse line breaks and tabs so a value fits on one line of a list."""
    return " ".join(text.split())
