"""Strict YAML reading: plain values plus the line of every value, and nothing clever.

Built from PyYAML's event stream rather than `yaml.load`, for reasons each measured:
- no constructor runs, so `!!python/object/apply` and any other tag can never run code;
- no node graph is built, so an alias bomb ("billion laughs") is refused at the first
  alias instead of being expanded, and deep nesting is refused at a fixed depth
  without recursion;
- duplicate keys in a mapping are an error (PyYAML silently keeps the last one);
- a plain scalar that YAML would turn into a bool, a date, a float or an octal number
  (`NO`, `2025-09-05`, `0123`) is kept as `Ambiguous`, so the validator can say "quote
  it" instead of the data silently becoming `False` or `83`.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C parser is ~5x faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_DIGITS = 30  # longer whole numbers are kept as written (Python refuses int() past 4300 digits)

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A plain scalar YAML would not read as a string, kept as written."""

    raw: str
    yaml_type: str  # "boolean", "date", "float", "octal or hex number", ...

    def __str__(self) -> str:
        return self.raw


class YamlError(Exception):
    """The text is not a YAML document this program accepts."""

    def __init__(self, line: int, column: int | None, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint


class Document:
    """The parsed value, plus the line of every value in it.

    The lines are one `array` in event order: an entry for every scalar (mapping keys
    included) and for the start of every list and mapping, 4 bytes a value. Tables
    beside each container cost ~0.1 GB at 100k statements and are only ever read for a
    problem; a value's place in event order is found again from the values themselves,
    by counting the nodes before it (`_child`).
    """

    __slots__ = ("_key_numbers", "_lines", "_offsets", "_uncounted", "value")

    def __init__(self, value: Any, lines: array[int]) -> None:
        self.value = value
        self._lines = lines  # _lines[0] is the root's line
        # id(container) -> event index of each child (a mapping's: of each key) counted so
        # far, and the children not yet counted, so that a file with many problems is
        # counted through once, not once per problem (which is quadratic: 20k unknown
        # keys in one mapping took 105 s).
        self._offsets: dict[int, array[int]] = {}
        self._uncounted: dict[int, Iterator[Any]] = {}
        # id(mapping) -> key -> its position, built on the first question about a mapping.
        self._key_numbers: dict[int, dict[Any, int]] = {}

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        node, index = self.value, 0
        line = self._lines[0]
        for part in path:
            if isinstance(node, list):
                if not (isinstance(part, int) and 0 <= part < len(node)):
                    break
                index = self._child(node, index, part)
                line = self._lines[index]
            elif isinstance(node, dict):
                if part not in node:
                    break
                index = self._child(node, index, self._key_number(node, part))
                line = self._lines[index]  # a mapping value's line is its key's
                index += 1  # the value's own entry follows its key's
            else:
                break
            node = node[part]
        return line

    def _key_number(self, mapping: dict[Any, Any], key: Any) -> int:
        numbers = self._key_numbers.get(id(mapping))
        if numbers is None:
            numbers = self._key_numbers[id(mapping)] = {k: n for n, k in enumerate(mapping)}
        return numbers[key]

    def _child(self, container: list[Any] | dict[Any, Any], index: int, number: int) -> int:
        """The event index of child `number` of the container whose own index is `index`."""
        offsets = self._offsets.get(id(container))
        if offsets is None:
            offsets = self._offsets[id(container)] = array("I", [index + 1])
            values = container if isinstance(container, list) else container.values()
            self._uncounted[id(container)] = iter(values)
        if number >= len(offsets):
            _count_on(self._uncounted[id(container)], isinstance(container, dict), offsets, number)
        return offsets[number]


def _count_on(children: Iterator[Any], keyed: bool, offsets: array[int], number: int) -> None:
    """Extend `offsets` (event indexes of a container's children) up to child `number`,
    counting the next children from `children` (those not counted yet)."""
    index, key_nodes = offsets[-1], int(keyed)
    for child in itertools.islice(children, number - len(offsets) + 1):
        index += key_nodes + _node_count(child)
        offsets.append(index)


def _node_count(value: Any) -> int:
    """How many entries `value` has in event order: itself, and every key and value inside."""
    count, pending = 0, [value]
    while pending:
        node = pending.pop()
        count += 1
        if type(node) is dict:
            count += len(node)  # the keys
            pending.extend(node.values())
        elif type(node) is list:
            pending.extend(node)
    return count


def _key_number(mapping: dict[Any, Any], key: Any) -> int:
    """Where `key` (one of `mapping`'s) stands among its keys (asked once, for an error)."""
    for number, other in enumerate(mapping):
        if other == key:
            return number
    raise KeyError(key)


def _plain_scalar(raw: str) -> Any:
    if _NULL.match(raw):
        return None
    if _DECIMAL.match(raw):
        if len(raw) > MAX_DIGITS:
            return Ambiguous(raw, f"number with {len(raw.lstrip('+-'))} digits")
        return int(raw)
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
    kind = tag.rsplit(":", 1)[-1]
    if kind == "str":
        return raw
    names = {"bool": "boolean", "timestamp": "date", "int": "octal or hex number"}
    return Ambiguous(raw, names.get(kind, kind))


class _Scalars:
    """Scalar text -> value, each short text read once and its value shared.

    Keys (`id`, `kind`, ... 1.7 M of them at 100k statements) and short values (dates,
    references, kinds) repeat all through a fact file: one shared string each instead
    of a copy per occurrence saves ~0.14 GB at 100k statements, in the parse and in the
    loaded base, and resolving a plain key once spares the resolver's regular
    expressions for every other occurrence. Values are immutable, so sharing is safe;
    the memo is emptied when full, so that a hostile file cannot make it grow unbounded.
    """

    MAX_CHARS = 32
    MAX_ENTRIES = 1 << 16

    def __init__(self) -> None:
        self.plain: dict[str, Any] = {}
        self.quoted: dict[str, str] = {}

    def plain_value(self, raw: str) -> Any:
        value = self.plain.get(raw, _NO_KEY)
        if value is _NO_KEY:
            value = _plain_scalar(raw)
            if len(raw) <= self.MAX_CHARS:
                self._remember(self.plain, raw, value)
        return value

    def quoted_value(self, raw: str) -> str:
        value = self.quoted.get(raw)
        if value is None:
            value = raw
            if len(raw) <= self.MAX_CHARS:
                self._remember(self.quoted, raw, raw)
        return value

    def _remember(self, memo: dict[str, Any], raw: str, value: Any) -> None:
        if len(memo) >= self.MAX_ENTRIES:
            memo.clear()
        memo[raw] = value


_NO_KEY = object()
_OPENS = {yaml.SequenceStartEvent: list, yaml.MappingStartEvent: dict}


class _Builder:
    """Turns events into nested dicts and lists without recursion."""

    def __init__(self) -> None:
        self.lines = array("I")
        self.root: Any = None
        self.done = False
        self.scalars = _Scalars()
        # The open collections, innermost last, each with the key waiting for its value
        # (_NO_KEY when none) and its own index in `lines`. The bottom one stands for
        # "no collection": the place of the root.
        self.open: list[list[Any]] = [[None, _NO_KEY, 0]]

    def build(self, events: Iterator[Any]) -> Document:
        """Read every event. A scalar, most of them, is placed here without a call: at 100k
        statements calls per scalar cost seconds."""
        lines, open_ = self.lines, self.open
        quoted, plain = self.scalars.quoted.get, self.scalars.plain.get
        scalar, end = yaml.ScalarEvent, (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        for event in events:
            kind = type(event)
            if kind is not scalar:
                if kind in _OPENS:
                    self._open(event, _OPENS[kind]())
                elif kind in end:
                    open_.pop()
                else:
                    self._other(event)
                continue
            if event.anchor or event.tag is not None:  # never in a plain fact file
                _check_node(event)
            raw = event.value
            if event.style:  # quoted or block: a string as written (C parser: "" for plain)
                value = quoted(raw) or self.scalars.quoted_value(raw)
            else:
                value = plain(raw, _NO_KEY)
                if value is _NO_KEY:
                    value = self.scalars.plain_value(raw)
            frame = open_[-1]
            container = frame[0]
            if type(container) is list:
                container.append(value)
            elif frame[1] is not _NO_KEY:
                container[frame[1]] = value
                frame[1] = _NO_KEY
            elif type(value) is str and type(container) is dict and value not in container:
                frame[1] = value  # a new key
            else:  # the root, or a key that is not a word or is there already
                self._place(value, event.start_mark, frame)
                continue
            lines.append(event.start_mark.line + 1)
        if not self.done and self.root is None:
            raise YamlError(1, None, "the file is empty", "start from the example in docs/schema.md")
        return Document(self.root, lines if lines else array("I", [1]))

    def _place(self, value: Any, mark: Any, frame: list[Any]) -> None:
        """Put `value` into the innermost open collection (or at the root) and note its line."""
        container, key = frame[0], frame[1]
        if type(container) is list:
            container.append(value)
        elif key is not _NO_KEY:
            container[key] = value
            frame[1] = _NO_KEY
        elif container is not None:
            self._check_key(value, mark, frame)
            frame[1] = value
        else:
            self.root = value  # the first value: its line is the first
        self.lines.append(mark.line + 1)

    def _check_key(self, value: Any, mark: Any, frame: list[Any]) -> None:
        container = frame[0]
        line, column = mark.line + 1, mark.column + 1
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise YamlError(
                line, column, "mapping keys must be plain words", "write keys as simple names such as `id:`"
            )
        if value in container:
            offsets = array("I", [frame[2] + 1])
            _count_on(iter(container.values()), True, offsets, _key_number(container, value))
            raise YamlError(
                line,
                column,
                f"duplicate key {shorten(repr(value))} (first on line {self.lines[offsets[-1]]})",
                "remove one of the two; YAML would silently keep only the last",
            )

    def _open(self, event: yaml.Event, container: list[Any] | dict[Any, Any]) -> None:
        if event.anchor or event.tag is not None:  # type: ignore[attr-defined]
            _check_node(event)
        mark: Any = event.start_mark
        if len(self.open) > MAX_DEPTH:  # the bottom frame is not a collection
            raise _too_deep(mark.line + 1, mark.column + 1)
        index = len(self.lines)
        self._place(container, mark, self.open[-1])
        self.open.append([container, _NO_KEY, index])

    def _other(self, event: yaml.Event) -> None:
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            _check_node(event)
        elif isinstance(event, yaml.DocumentStartEvent) and self.done:
            raise YamlError(
                mark.line + 1,
                mark.column + 1,
                "more than one YAML document",
                "a fact file holds one document; remove the extra `---`",
            )
        elif isinstance(event, yaml.DocumentEndEvent):
            self.done = True


def _too_deep(line: int, column: int | None) -> YamlError:
    return YamlError(
        line,
        column,
        f"nesting deeper than {MAX_DEPTH} levels",
        "a fact file is at most a few levels deep; check the indentation",
    )


# Flow brackets, newlines, and what hides brackets from YAML: quoted strings and comments.
_FLOW_TOKENS = re.compile(
    rb"""\"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|(?:^|(?<=[ \t\r\n]))#[^\r\n]*|\r\n?|[\[\]{}\n]"""
)


def _too_deep_flow_line(source: str | bytes) -> int | None:
    """The line where `[`/`{` nesting first exceeds MAX_DEPTH, or None.

    Only asked once the parser has failed, so a rough reading is enough: brackets
    inside a plain scalar count too, which can only make a broken file's message say
    "too deep" where it is also too deep by its brackets.
    """
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    depth, line = 0, 1
    for match in _FLOW_TOKENS.finditer(raw):
        token = match.group()
        if token in (b"\n", b"\r", b"\r\n"):
            line += 1
        elif token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif token in (b"]", b"}"):
            depth = max(0, depth - 1)
        else:
            line += len(_LINE_BREAK.findall(token))
    return None


def _check_node(event: yaml.Event) -> None:
    """Refuse anchors, aliases and explicit tags."""
    mark: Any = event.start_mark
    line, column = mark.line + 1, mark.column + 1
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise YamlError(
            line, column, "anchors and aliases (&name, *name) are not allowed", "write the value out in full"
        )
    if isinstance(event, yaml.NodeEvent) and _explicit_tag(event):
        raise YamlError(
            line,
            column,
            f"YAML tag {getattr(event, 'tag', '')!r} is not allowed",
            "remove the tag; values are plain strings, numbers, lists and mappings",
        )


def _explicit_tag(event: yaml.NodeEvent) -> bool:
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        return False
    implicit = getattr(event, "implicit", (False, False))
    if isinstance(event, yaml.ScalarEvent):
        return not (implicit[0] or implicit[1])
    return not implicit


def parse(source: str | bytes) -> Document:
    """Parse one YAML document strictly; raise YamlError with a line on any problem.

    `source` may be the UTF-8 bytes of the text: the C parser reads bytes anyway (it
    encodes a `str` first), so passing them spares a decoded copy, 0.14 GB at 100k
    statements, for as long as the parse runs.
    """
    loader = _Loader(source)
    try:
        return _Builder().build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as error:
        # PyYAML 6.0.4 added a flow-nesting limit of its own that its scanner hits before
        # the builder sees a single event: the depth rule is ours, so its message is too,
        # whatever the parser's version says.
        deep = _too_deep_flow_line(source)
        if deep is not None:
            raise _too_deep(deep, None) from None
        raise _syntax_error(error, source) from None
    except yaml.reader.ReaderError as error:  # a character YAML forbids, such as a raw ESC
        raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
        line, column = line_and_column(raw, error.position)  # libyaml counts bytes
        raise YamlError(
            line,
            column,
            f"YAML syntax error: the character U+{error.character:04X} is not allowed in YAML text",
            'remove it, or inside double quotes write it as an escape such as "\\x1b"',
        ) from None
    except yaml.YAMLError as error:
        raise YamlError(1, None, f"YAML error: {shorten(str(error))}", "check the file is YAML text") from None
    finally:
        loader.dispose()


# What YAML counts as a line break (YAML 1.1, as libyaml and PyYAML read): CRLF as one,
# a lone CR (old Mac files), LF, and NEL, LS and PS in their UTF-8 bytes.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80[\xa8\xa9]")


def line_and_column(raw: bytes, position: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte `position`, lines counted as
    the YAML parser counts them, so that a problem found outside the parser (a bad
    byte, a forbidden character) names the line the parser's own problems would."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(raw, 0, position):
        line, start = line + 1, match.end()
    return line, len(raw[start:position].decode("utf-8", "replace")) + 1


def _syntax_error(error: yaml.MarkedYAMLError, source: str | bytes) -> YamlError:
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if "end of stream" in problem and error.context_mark:  # point at the opening, not EOF
        mark = error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else None
    text = source.decode("utf-8", "surrogatepass") if isinstance(source, bytes) else source  # marks count characters
    if mark and _char_at(text, mark.index) == "\t":
        return YamlError(line, column, "YAML syntax error: a tab character", "indent with spaces, not tabs")
    if error.context:
        problem = f"{problem} ({error.context})"
    return YamlError(line, column, f"YAML syntax error: {problem}", _syntax_hint(problem))


def shorten(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message, marked where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "quoted scalar" in problem or "quote" in problem:
        return 'close the quotation mark, or escape a " inside double quotes as \\"'
    if "expected key" in problem:
        return "check the indentation here, and look for an unclosed quotation mark on the line above"
    if "indent" in problem or "mapping values" in problem:
        return "check the indentation of this line against its neighbours"
    return "fix the YAML syntax at this position"
