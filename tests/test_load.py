"""Every validation rule, each proven by a small fact file: its message and its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MACRON_END, MACRON_SENTENCE, MACRON_START, MINIMAL

from factbrowser.core.load import load
from factbrowser.core.problems import FactBaseError, FactBaseInvalid, FactBaseUnreadable

Write = Callable[[str], Path]


def problems(write: Write, text: str) -> list[str]:
    path = write(text)
    with pytest.raises(FactBaseError) as caught:
        load(path)
    found = [str(p).replace(str(path), "FILE") for p in caught.value.problems]
    print(found)
    return found


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def test_minimal_file_loads(write_facts: Write) -> None:
    base = load(write_facts(MINIMAL))
    assert list(base.statements) == ["s1"]
    assert base.people["macron"].evidence[0].sentence == MACRON_SENTENCE
    assert base.sources["a000"].text.startswith("Mit Tausenden Soldaten")


def test_unquoted_norway_is_a_boolean_problem(write_facts: Write) -> None:
    text = MINIMAL.replace('id: "FR"', "id: NO")
    assert problems(write_facts, text)[:1] == [
        f'FILE:{line_of(text, "id: NO")}: countries[0].id: expected a string, got boolean `NO` (quote it: id: "...")'
    ]


def test_octal_looking_number_and_unquoted_date(write_facts: Write) -> None:
    text = MINIMAL.replace("outlet: null", "outlet: 0123").replace('date: "2026-01-07"', "date: 2026-01-07")
    found = problems(write_facts, text)
    assert any(
        f":{line_of(text, 'outlet: 0123')}: sources[0].outlet: expected a string or null, "
        "got octal or hex number `0123`" in p
        for p in found
    )
    assert any(
        f":{line_of(text, 'date: 2026-01-07')}: statements[0].date: expected a string or null, "
        "got date `2026-01-07`" in p
        for p in found
    )


def test_duplicate_key_is_an_error_not_an_overwrite(write_facts: Write) -> None:
    text = MINIMAL.replace('    name_en: "France"\n', '    name_en: "France"\n    name_en: "Gaul"\n')
    (problem,) = problems(write_facts, text)
    assert problem.startswith(f"FILE:{line_of(text, 'Gaul')}: YAML syntax error") is False
    assert f"FILE:{line_of(text, 'Gaul')}: duplicate key 'name_en' (first on line {line_of(text, 'France')})" in problem


def test_yaml_syntax_error_has_line(write_facts: Write) -> None:
    text = MINIMAL.replace('name: "Frankreich"', 'name: "Frankreich')
    (problem,) = problems(write_facts, text)
    # The quoted string may legally continue on the next line: YAML notices one line later.
    assert problem.startswith(f"FILE:{line_of(text, 'Frankreich') + 1}: YAML syntax error")
    assert "unclosed quotation mark on the line above" in problem


def test_missing_and_unknown_fields(write_facts: Write) -> None:
    text = MINIMAL.replace('    text_en: "Macron therefore plans"\n', '    txet_en: "x"\n')
    found = problems(write_facts, text)
    assert (
        f"FILE:{line_of(text, 'txet_en')}: statements[0].txet_en: unknown field `txet_en` "
        "(did you mean `text_en`?)" in found
    )
    assert any("statements[0]: missing required field `text_en`" in p for p in found)


def test_unknown_kind_and_contribution(write_facts: Write) -> None:
    text = MINIMAL.replace('kind: "claim"', 'kind: "qoute"').replace(
        '    date: "2026-01-07"\n', '    date: "2026-01-07"\n    contributions: ["air", "spaceships"]\n'
    )
    found = problems(write_facts, text)
    assert f"FILE:{line_of(text, 'qoute')}: statements[0].kind: unknown value 'qoute' (did you mean `quote`?)" in found
    assert any(
        f"FILE:{line_of(text, 'spaceships')}: statements[0].contributions[1]: unknown contribution 'spaceships'" in p
        for p in found
    )


def test_duplicate_ids(write_facts: Write) -> None:
    text = MINIMAL.replace("\norganizations: []", '\norganizations:\n  - id: "macron"\n    name: "M"\n    name_en: "M"')
    (problem,) = problems(write_facts, text)
    needle = 'id: "macron"'
    assert problem.startswith(
        f"FILE:{line_of(text, needle, 2)}: organizations[0].id: "
        f"duplicate entity id 'macron' (first on line {line_of(text, needle)})"
    )


def test_dangling_references(write_facts: Write) -> None:
    text = (
        MINIMAL.replace('speaker: "macron"', 'speaker: "macorn"')
        .replace('countries: ["FR"]', 'countries: ["XX"]')
        .replace('country: "FR"', 'country: "DE"')
    )
    found = problems(write_facts, text)
    assert (
        f"FILE:{line_of(text, 'macorn')}: statements[0].speaker: unknown speaker 'macorn' "
        "(did you mean `macron`?)" in found
    )
    assert any(f"FILE:{line_of(text, 'XX')}: statements[0].countries[0]: unknown country 'XX'" in p for p in found)
    needle = 'country: "DE"'
    assert any(f"FILE:{line_of(text, needle)}: people[0].country: unknown country 'DE'" in p for p in found)


def test_unknown_evidence_source(write_facts: Write) -> None:
    text = MINIMAL.replace('      - source: "a000"\n        start', '      - source: "a999"\n        start', 1)
    (problem,) = problems(write_facts, text)
    assert problem.startswith(f"FILE:{line_of(text, 'a999')}: people[0].evidence[0].source: unknown source 'a999'")


def test_sentence_not_at_offsets_says_where_it_is(write_facts: Write) -> None:
    text = MINIMAL.replace(
        f"start: {MACRON_START}\n        end: {MACRON_END}",
        f"start: {MACRON_START + 1}\n        end: {MACRON_END + 1}",
        1,
    )
    (problem,) = problems(write_facts, text)
    assert (
        f"people[0].evidence[0].sentence: the sentence is not at {MACRON_START + 1}-{MACRON_END + 1} in a000; "
        f"it is at {MACRON_START}-{MACRON_END}" in problem
    )
    assert problem.startswith(f"FILE:{line_of(text, 'sentence:')}:")


def test_paraphrased_sentence_names_the_closest_text(write_facts: Write) -> None:
    text = MINIMAL.replace(MACRON_SENTENCE, MACRON_SENTENCE.replace("plant daher", "plant deshalb"), 1)
    (problem,) = problems(write_facts, text)
    assert "closest text is at" in problem and "% similar" in problem


def test_offsets_out_of_range_and_reversed(write_facts: Write) -> None:
    text = MINIMAL.replace(f"start: {MACRON_START}\n        end: {MACRON_END}", "start: -5\n        end: 999999", 1)
    (problem,) = problems(write_facts, text)
    assert "offsets -5-999999 lie outside the seed" in problem
    text = MINIMAL.replace(
        f"start: {MACRON_START}\n        end: {MACRON_END}", f"start: {MACRON_END}\n        end: {MACRON_START}", 1
    )
    (problem,) = problems(write_facts, text)
    assert "lie outside the seed" in problem


def test_offsets_must_be_integers(write_facts: Write) -> None:
    text = MINIMAL.replace(f"start: {MACRON_START}", 'start: "12"', 1)
    (problem,) = problems(write_facts, text)
    needle = 'start: "12"'
    assert (
        f"FILE:{line_of(text, needle)}: people[0].evidence[0].start: expected a whole number, got a string" in problem
    )


def test_quote_must_be_in_its_sentence(write_facts: Write) -> None:
    text = MINIMAL.replace('kind: "claim"', 'kind: "quote"').replace(
        'text: "Macron plant daher"', 'text: "Macron plant nichts"'
    )
    (problem,) = problems(write_facts, text)
    assert f"FILE:{line_of(text, 'plant nichts')}: statements[0].text: a quote's text must appear verbatim" in problem


def test_inferred_date_needs_note(write_facts: Write) -> None:
    text = MINIMAL.replace('    published_note: "test fixture"\n', "")
    (problem,) = problems(write_facts, text)
    assert "sources[0].published_note: an inferred date needs a note" in problem


def test_bad_date_format(write_facts: Write) -> None:
    text = MINIMAL.replace('date: "2026-01-07"', 'date: "07.01.2026"')
    (problem,) = problems(write_facts, text)
    assert "statements[0].date: '07.01.2026' is not valid (write an ISO date" in problem


def test_sha_mismatch(write_facts: Write) -> None:
    text = MINIMAL.replace(MINIMAL.split('sha256: "')[1][:64], "0" * 64)
    (problem,) = problems(write_facts, text)
    assert f"FILE:{line_of(text, 'sha256')}: sources[0].sha256: the seed's sha256 is" in problem


def test_seed_outside_seeds_dir(write_facts: Write) -> None:
    for bad in ("../../etc/passwd", "/etc/passwd", "../data/facts.yaml"):
        text = MINIMAL.replace("000_2c3659b6820fa0c8.txt", bad)
        found = problems(write_facts, text)
        assert any(
            "sources[0].file:" in p and ("outside seeds_dir" in p or "not a file name inside" in p) for p in found
        ), found


def test_symlink_pointing_outside_is_refused(write_facts: Write, fact_dir: Path) -> None:
    (fact_dir / "seeds" / "link.txt").symlink_to("/etc/hostname")
    text = MINIMAL.replace("000_2c3659b6820fa0c8.txt", "link.txt")
    assert any("resolves outside seeds_dir" in p for p in problems(write_facts, text))


def test_missing_seed_and_directory_seed(write_facts: Write, fact_dir: Path) -> None:
    (fact_dir / "seeds" / "folder").mkdir()
    assert any("not found" in p for p in problems(write_facts, MINIMAL.replace("000_2c3659b6820fa0c8.txt", "nope.txt")))
    assert any(
        "not a regular file" in p for p in problems(write_facts, MINIMAL.replace("000_2c3659b6820fa0c8.txt", "folder"))
    )


def test_top_level_list_and_empty_file(write_facts: Write) -> None:
    assert problems(write_facts, "- 1\n- 2\n") == [
        "FILE:1: the file holds a list, not a mapping of sections (start from the example in docs/schema.md: "
        "`schema_version: 1`, `sources:`, ...)"
    ]
    assert problems(write_facts, "") == ["FILE:1: the file is empty (start from the example in docs/schema.md)"]


def test_python_tag_is_refused_and_not_run(write_facts: Write, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    (problem,) = problems(write_facts, text)
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in problem
    assert not marker.exists()


def test_alias_bomb_is_refused(write_facts: Write) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    (problem,) = problems(write_facts, bomb)
    assert "FILE:1: anchors and aliases (&name, *name) are not allowed" in problem


def test_unreadable_input_exits_2(tmp_path: Path, fact_dir: Path) -> None:
    with pytest.raises(FactBaseUnreadable):
        load(tmp_path / "missing.yaml")
    bad = fact_dir / "data" / "latin1.yaml"
    bad.write_bytes("schema_version: 1\nname: Fran\xe7ois\n".encode("latin-1"))
    with pytest.raises(FactBaseUnreadable) as caught:
        load(bad)
    assert str(caught.value.problems[0]).endswith("not UTF-8: byte 0xe7 at offset 28 (save the file as UTF-8)")
    assert caught.value.problems[0].line == 2


def test_all_problems_reported_at_once(write_facts: Write) -> None:
    text = (
        MINIMAL.replace('kind: "claim"', 'kind: "x"')
        .replace('id: "FR"', "id: NO")
        .replace('speaker: "macron"', 'speaker: "nobody"')
    )
    assert len(problems(write_facts, text)) >= 3


def test_control_characters_are_made_visible(write_facts: Write) -> None:
    text = MINIMAL.replace('name_en: "France"', 'name_en: "Fr\\e]0;pwned\\aance [bold]"')
    base = load(write_facts(text))
    name = base.countries["FR"].name_en
    assert "\x1b" not in name and "\x07" not in name
    assert name == "Fr\u241b]0;pwned\u2407ance [bold]"


def test_invalid_is_exit_1(write_facts: Write) -> None:
    with pytest.raises(FactBaseInvalid) as caught:
        load(write_facts("schema_version: 2\n"))
    assert caught.value.exit_code == 1


def test_non_finite_and_sexagesimal_numbers_are_problems(write_facts: Write) -> None:
    for raw in (".inf", ".nan", "1:30.5"):
        text = MINIMAL.replace('    date: "2026-01-07"\n', f'    date: "2026-01-07"\n    value: {raw}\n')
        (problem,) = problems(write_facts, text)
        assert f"statements[0].value: expected a finite number, got `{raw}`" in problem


def test_empty_sentence_and_trailing_newline_in_id_are_problems(write_facts: Write) -> None:
    text = MINIMAL.replace(f'sentence: "{MACRON_SENTENCE}"', 'sentence: ""', 1)
    assert any("people[0].evidence[0].sentence: is empty" in p for p in problems(write_facts, text))
    text = MINIMAL.replace('id: "s1"', 'id: "s1\\n"')
    assert any("statements[0].id:" in p and "is not valid" in p for p in problems(write_facts, text))
