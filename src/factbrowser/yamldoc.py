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

import re
from array import array
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

    Lines are kept beside each container, as an `array` of item lines for a list and of
    key lines, in key order, for a mapping (not a dict of key lines: a mapping's dict
    again, ~0.3 GB at 100k statements), not in one dict keyed by path tuples: a file of
    millions of tiny items would otherwise cost gigabytes of tuples.
    """

    __slots__ = ("_tables", "root_line", "value")

    def __init__(self, value: Any = None, root_line: int = 1) -> None:
        self.value = value
        self.root_line = root_line
        self._tables: dict[int, Any] = {}  # id(container) -> its lines table

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        node, line = self.value, self.root_line
        for part in path:
            table = self._tables.get(id(node))
            if table is None:
                break
            if isinstance(node, list):
                if not (isinstance(part, int) and 0 <= part < len(table)):
                    break
                line = table[part]
            else:
                if part not in node:
                    break
                line = table[_key_number(node, part)]
            node = node[part]
        return line


def _key_number(mapping: dict[Any, Any], key: Any) -> int:
    """Where `key` (one of `mapping`'s) stands among its keys: its line's index."""
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


class _Builder:
    """Turns events into nested dicts and lists without recursion."""

    def __init__(self) -> None:
        self.doc = Document(None)
        self.stack: list[tuple[Any, Any, Any]] = []  # (container, its lines table, pending key)
        self.done = False

    def _place(self, value: Any, line: int, mark: Any) -> bool:
        """Put `value` where the stack says; False when it was a mapping key."""
        if not self.stack:
            self.doc.value = value
            self.doc.root_line = line
            return True
        container, table, key = self.stack[-1]
        if isinstance(container, list):
            container.append(value)
            table.append(line)
        elif key is _NO_KEY:
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise YamlError(line, mark.column + 1, "mapping keys must be plain words",
                                "write keys as simple names such as `id:`")
            if value in container:
                raise YamlError(line, mark.column + 1,
                                f"duplicate key {shorten(repr(value))} "
                                f"(first on line {table[_key_number(container, value)]})",
                                "remove one of the two; YAML would silently keep only the last")
            self.stack[-1] = (container, table, value)
            table.append(line)
            return False
        else:
            container[key] = value
            self.stack[-1] = (container, table, _NO_KEY)
        return True

    def feed(self, event: yaml.Event) -> None:
        mark: Any = event.start_mark
        line = mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(line, mark.column + 1, "anchors and aliases (&name, *name) are not allowed",
                            "write the value out in full")
        if isinstance(event, yaml.NodeEvent) and _explicit_tag(event):
            raise YamlError(line, mark.column + 1, f"YAML tag {getattr(event, 'tag', '')!r} is not allowed",
                            "remove the tag; values are plain strings, numbers, lists and mappings")
        if isinstance(event, yaml.ScalarEvent):
            value = event.value if event.style else _plain_scalar(event.value)  # C parser: "" for plain
            self._place(value, line, mark)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlError(line, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels",
                                "a fact file is at most a few levels deep; check the indentation")
            container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            if not self._place(container, line, mark):  # a collection used as a mapping key
                raise YamlError(line, mark.column + 1, "mapping keys must be plain words",
                                "write keys as simple names such as `id:`")
            table = array("I")
            self.doc._tables[id(container)] = table
            self.stack.append((container, table, _NO_KEY))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.stack.pop()
        elif isinstance(event, yaml.DocumentStartEvent) and self.done:
            raise YamlError(line, mark.column + 1, "more than one YAML document",
                            "a fact file holds one document; remove the extra `---`")
        elif isinstance(event, yaml.DocumentEndEvent):
            self.done = True


_NO_KEY = object()


def _explicit_tag(event: yaml.NodeEvent) -> bool:
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        return False
    implicit = getattr(event, "implicit", (False, False))
    if isinstance(event, yaml.ScalarEvent):
        return not (implicit[0] or implicit[1])
    return not implicit


def parse(text: str) -> Document:
    """Parse one YAML document strictly; raise YamlError with a line on any problem."""
    loader = _Loader(text)
    builder = _Builder()
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                builder.feed(event)
    except yaml.MarkedYAMLError as error:
        problem = error.problem or "invalid YAML"
        mark = error.problem_mark or error.context_mark
        if "end of stream" in problem and error.context_mark:  # point at the opening, not EOF
            mark = error.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else None
        if mark and _char_at(text, mark.index) == "\t":
            raise YamlError(line, column, "YAML syntax error: a tab character",
                            "indent with spaces, not tabs") from None
        if error.context:
            problem = f"{problem} ({error.context})"
        raise YamlError(line, column, f"YAML syntax error: {problem}", _syntax_hint(problem)) from None
    except yaml.reader.ReaderError as error:  # a character YAML forbids, such as a raw ESC
        before = text.encode("utf-8", "surrogatepass")[:error.position]  # libyaml counts bytes
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise YamlError(line, column,
                        f"YAML syntax error: the character U+{error.character:04X} is not allowed in YAML text",
                        'remove it, or inside double quotes write it as an escape such as "\\x1b"') from None
    except yaml.YAMLError as error:
        raise YamlError(1, None, f"YAML error: {shorten(str(error))}", "check the file is YAML text") from None
    finally:
        loader.dispose()
    if not builder.done and builder.doc.value is None:
        raise YamlError(1, None, "the file is empty", "start from the example in docs/schema.md")
    return builder.doc


def shorten(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message, marked where it was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "quoted scalar" in problem or "quote" in problem:
        return "close the quotation mark, or escape a \" inside double quotes as \\\""
    if "expected key" in problem:
        return "check the indentation here, and look for an unclosed quotation mark on the line above"
    if "indent" in problem or "mapping values" in problem:
        return "check the indentation of this line against its neighbours"
    return "fix the YAML syntax at this position"
