"""A problem is one safe line naming file, line and field."""

from __future__ import annotations

from factbrowser.core.problems import Problem, format_path


def test_format_path_reads_like_the_yaml() -> None:
    assert format_path(("statements", 3, "evidence", 0, "start")) == "statements[3].evidence[0].start"
    assert format_path(()) == ""
    assert format_path(("x" * 100,)) == "x" * 59 + "…"


def test_a_problem_names_file_line_field_and_hint() -> None:
    problem = Problem("facts.yaml", 12, ("people", 0, "name"), "missing", "add a name")
    assert str(problem) == "facts.yaml:12: people[0].name: missing (add a name)"


def test_a_problem_of_the_whole_file_has_no_line() -> None:
    assert str(Problem("facts.yaml", 0, (), "no such file")) == "facts.yaml: no such file"


def test_a_problem_quoting_hostile_text_stays_one_safe_line() -> None:
    text = str(Problem("f.yaml", 1, ("a\x1b]0;x\x07",), "bad\nvalue\tx"))
    assert "\x1b" not in text and "\x07" not in text and "\n" not in text and "\t" not in text
