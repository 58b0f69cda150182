"""The strict YAML reader's line table: every value's line, found again from the values."""

from __future__ import annotations

import pytest

from factbrowser.core.yamldoc import Ambiguous, YamlError, _Scalars, parse

NESTED = """\
top: 1
records:
  - id: "a"
    note: |
      two lines
      of text
    tags: [x, "y", {k: v}]
    evidence:
      - {source: s1, start: 1}
      - source: s2
        start: 2
  - id: "b"
    empty: []
    nested: {a: {b: [1, 2]}}
last:
  - - deep
"""


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("source", [NESTED, NESTED.encode("utf-8")], ids=["str", "bytes"])
def test_every_path_has_the_line_it_is_written_on(source: str | bytes) -> None:
    doc = parse(source)
    expected = {
        (): 1,
        ("top",): 1,
        ("records",): 2,
        ("records", 0): 3,
        ("records", 0, "id"): 3,
        ("records", 0, "note"): 4,
        ("records", 0, "tags"): 7,
        ("records", 0, "tags", 2): 7,
        ("records", 0, "tags", 2, "k"): 7,
        ("records", 0, "evidence", 0): 9,
        ("records", 0, "evidence", 0, "start"): 9,
        ("records", 0, "evidence", 1): 10,
        ("records", 0, "evidence", 1, "start"): 11,
        ("records", 1): line_of(NESTED, 'id: "b"'),
        ("records", 1, "empty"): line_of(NESTED, "empty"),
        ("records", 1, "nested", "a", "b", 1): line_of(NESTED, "nested"),
        ("last", 0, 0): line_of(NESTED, "deep"),
    }
    assert {path: doc.line(path) for path in expected} == expected


def test_a_missing_path_has_its_nearest_ancestors_line() -> None:
    doc = parse(NESTED)
    assert doc.line(("records", 1, "missing")) == line_of(NESTED, 'id: "b"')
    assert doc.line(("records", 7, "id")) == 2  # no such item: the list's key
    assert doc.line(("records", "id")) == 2  # a name where an index belongs
    assert doc.line(("records", 0, "id", "deeper")) == 3  # a scalar has no parts
    assert doc.line(("nothing",)) == 1


def test_lines_of_many_items_in_any_order() -> None:
    text = "items:\n" + "".join(f"  - name: n{i}\n    tags: [a, b]\n" for i in range(3000))
    doc = parse(text)
    for index in (2999, 0, 1500, 1501, 7):
        assert doc.line(("items", index, "tags", 1)) == 2 + 2 * index + 1
        assert doc.line(("items", index)) == 2 + 2 * index


def test_duplicate_key_names_the_line_of_the_first_after_nested_values() -> None:
    text = "a:\n  x: [1, 2, {y: 3}]\n  z:\n    - 1\n    - 2\n  w: 4\n  z: 5\n"
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert (caught.value.line, caught.value.message) == (7, "duplicate key 'z' (first on line 3)")


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", 'a: "ü\x1bx"\n', 'a: "ü\n', "a: &x 1\n", "a: !!str 1\n"])
def test_bytes_and_text_give_the_same_error(text: str) -> None:
    errors = []
    for source in (text, text.encode("utf-8")):
        with pytest.raises(YamlError) as caught:
            parse(source)
        errors.append((caught.value.line, caught.value.column, caught.value.message, caught.value.hint))
    assert errors[0] == errors[1]


def test_repeated_short_scalars_are_shared_and_values_unchanged() -> None:
    doc = parse('- {id: "a", kind: claim, date: 2025-01-01, n: 1}\n- {id: "a", kind: claim, date: 2025-01-01, n: 1}\n')
    first, second = doc.value
    assert first == second == {"id": "a", "kind": "claim", "date": Ambiguous("2025-01-01", "date"), "n": 1}
    assert all(a is b for a, b in zip(first, second, strict=True))  # the keys
    assert first["kind"] is second["kind"] and first["id"] is second["id"]


def test_quoted_and_plain_scalars_are_remembered_apart() -> None:
    assert parse('- NO\n- "NO"\n- NO\n').value == [Ambiguous("NO", "boolean"), "NO", Ambiguous("NO", "boolean")]


def test_the_scalar_memo_stays_bounded() -> None:
    scalars = _Scalars()
    for number in range(_Scalars.MAX_ENTRIES * 3):
        scalars.plain_value(f"w{number}")
        scalars.quoted_value(f"w{number}")
    assert len(scalars.plain) <= _Scalars.MAX_ENTRIES and len(scalars.quoted) <= _Scalars.MAX_ENTRIES
    long = "x" * (_Scalars.MAX_CHARS + 1)
    scalars.quoted_value(long)
    assert long not in scalars.quoted


@pytest.mark.parametrize("depth", [65, 1_000, 10_000])
@pytest.mark.parametrize("closed", [True, False])
def test_deep_flow_nesting_has_the_projects_message_whatever_pyyaml_limits(depth: int, closed: bool) -> None:
    # PyYAML 6.0.4 refuses deep flow nesting in its scanner with a message of its own;
    # 6.0.2 and 6.0.3 let the builder count the depth: the message is the same on each.
    text = "statements: " + "[" * depth + ("]" * depth if closed else "") + "\n"
    with pytest.raises(YamlError) as raised:
        parse(text)
    assert raised.value.message == "nesting deeper than 64 levels"
    assert raised.value.line == 1


def test_brackets_in_quotes_comments_and_plain_text_are_not_nesting() -> None:
    deep = "[" * 70
    text = f"a: \"{deep}\"\nb: '{deep}'\n# {deep}\nc: Ministry [/foo] [USD]\n"
    assert parse(text).value == {"a": deep, "b": deep, "c": "Ministry [/foo] [USD]"}


def test_a_broken_file_with_shallow_brackets_keeps_the_parsers_own_message() -> None:
    with pytest.raises(YamlError) as raised:
        parse('a: [1, 2\nb: "x\n')
    assert "nesting" not in raised.value.message


# -- lines counted as YAML counts them ---------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_a_forbidden_character_or_bad_byte_is_on_its_line_whatever_the_line_ends(newline: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from factbrowser.core.load import read_fact_bytes
    from factbrowser.core.problems import FactBaseUnreadable

    lines = [f"k{i}: v" for i in range(12)]
    with_esc = newline.join([*lines[:7], 'k7: "a\x1bb"', *lines[8:]]).encode()
    with pytest.raises(YamlError) as raised:
        parse(with_esc)
    assert (raised.value.line, raised.value.column) == (8, 7)
    path = tmp_path / "facts.yaml"
    path.write_bytes(newline.join(lines[:7]).encode() + newline.encode() + b"k7: \xff" + newline.encode())
    with pytest.raises(FactBaseUnreadable) as unreadable:
        read_fact_bytes(path)
    assert unreadable.value.problems[0].line == 8
    deep = newline.join([*lines[:7], "k7: " + "[" * 100]).encode()
    with pytest.raises(YamlError) as too_deep:
        parse(deep)
    assert too_deep.value.line == 8
