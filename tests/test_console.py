"""How a command ends: JSON as written, problems on stderr with what to do next."""

from __future__ import annotations

import json

import pytest

from factbrowser.cli.console import print_json, print_problems
from factbrowser.core.problems import Problem


def test_json_keeps_non_ascii_and_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"name": "Österreich", "n": [1, 2]})
    out = capsys.readouterr().out
    assert "Österreich" in out and json.loads(out) == {"name": "Österreich", "n": [1, 2]}


def test_problems_are_counted_with_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    print_problems([Problem("f.yaml", 3, ("id",), "missing"), Problem("f.yaml", 9, ("kind",), "unknown [bold]x")])
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "f.yaml:3: id: missing",
        "f.yaml:9: kind: unknown [bold]x",
        "2 problems. Fix them and run `factbrowser validate` again.",
    ]


def test_an_unreadable_file_is_not_told_to_run_validate_again(capsys: pytest.CaptureFixture[str]) -> None:
    print_problems([Problem("f.yaml", 0, (), "no such file", "check the path")])
    assert capsys.readouterr().err.splitlines() == ["f.yaml: no such file (check the path)"]
