"""The command line's finding, checking and ordering, as issue 13 (points 13-17) asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO

from factbrowser.core.analysis import chronological_key, collation_key

Write = Callable[[str], Path]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "FACTBROWSER_DATA"}
    return subprocess.run(
        [sys.executable, "-m", "factbrowser", *args],
        capture_output=True,
        text=True,
        env={**clean, "FACTBROWSER_NO_CACHE": "1", "COLUMNS": "80", **(env or {})},
        cwd=cwd,
        timeout=60,
    )


def test_validate_in_a_project_checks_its_data_file_and_names_it(write_facts: Write, fact_dir: Path) -> None:
    path = write_facts(MINIMAL)
    (fact_dir / "deeper").mkdir()
    ok = run("validate", cwd=fact_dir / "deeper")
    assert ok.returncode == 0, ok.stderr
    assert str(path) in ok.stdout and "statements" in ok.stdout
    write_facts(MINIMAL.replace('kind: "claim"', 'kind: "qoute"'))
    broken = run("validate", cwd=fact_dir / "deeper")
    assert broken.returncode == 1
    assert "unknown value 'qoute'" in broken.stderr


def test_factbrowser_data_names_the_file_and_data_wins_over_it(write_facts: Write, tmp_path: Path) -> None:
    path = write_facts(MINIMAL.replace('kind: "claim"', 'kind: "qoute"'))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    via_env = run("validate", cwd=elsewhere, env={"FACTBROWSER_DATA": str(path)})
    assert via_env.returncode == 1 and f"reading {path} (FACTBROWSER_DATA)" in via_env.stderr
    shipped = REPO / "data" / "facts.yaml"
    explicit = run("validate", "--data", str(shipped), cwd=elsewhere, env={"FACTBROWSER_DATA": str(path)})
    assert explicit.returncode == 0 and "reading" not in explicit.stderr


def test_outside_any_project_the_shipped_base_is_read(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("OK: ")
    assert "reading" not in result.stderr


@pytest.mark.parametrize("period", ["foo", "2025-13", "2025-9", "25-09", "2025-09-05"])
@pytest.mark.parametrize("command", ["export", "matrix"])
def test_a_period_that_is_no_year_or_month_is_a_usage_error(command: str, period: str, tmp_path: Path) -> None:
    result = run(command, "--period", period, cwd=tmp_path)
    assert result.returncode == 2
    assert "write a year (2025) or a month (2025-09)" in result.stderr


def test_a_year_is_a_period(tmp_path: Path) -> None:
    data = json.loads(run("export", "--period", "2025", cwd=tmp_path).stdout)
    assert data["statements"] and all(s["date"].startswith("2025") for s in data["statements"])


def test_show_json_names_types_as_search_does(tmp_path: Path) -> None:
    shown = {json.loads(run("show", rid, "--json", cwd=tmp_path).stdout)["type"] for rid in ("macron", "FR", "a001")}
    assert shown == {"person", "country", "source"}
    searched = json.loads(run("search", "Macron", "--json", "--limit", "1", cwd=tmp_path).stdout)[0]["type"]
    assert searched == "person"


def test_labels_collate_as_a_german_reader_expects() -> None:
    labels = ["Österreich", "Deutschland", "Polen", "Dänemark", "Niederlande", "Belgien"]
    assert sorted(labels, key=collation_key) == [
        "Belgien",
        "Dänemark",
        "Deutschland",
        "Niederlande",
        "Österreich",
        "Polen",
    ]


def test_the_cli_matrix_rows_come_in_that_order_and_headers_are_whole_at_80_columns(tmp_path: Path) -> None:
    out = run("matrix", cwd=tmp_path).stdout
    rows = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    assert rows.index("Dänemark") < rows.index("Deutschland") < rows.index("Österreich") < rows.index("Polen")
    header = next(line for line in out.splitlines() if "TRP" in line)
    assert "…" not in header.split("┃", 2)[2]  # the contribution headers, after the label's
    assert all(len(line) <= 80 for line in out.splitlines() if line[:1] in "┏┃┡│└")


def test_month_only_dates_follow_the_days_of_their_month() -> None:
    dates = ["2025-09", "2025-09-05", None, "2025-08-30", "2025", "2025-09-04"]
    assert sorted(dates, key=chronological_key) == ["2025-08-30", "2025-09-04", "2025-09-05", "2025-09", "2025", None]


def test_mentions_of_an_article_id_points_to_show(tmp_path: Path) -> None:
    result = run("mentions", "a001", cwd=tmp_path)
    assert result.returncode == 2
    assert "'a001' is an article" in result.stderr and "factbrowser show a001" in result.stderr


def test_a_missing_data_file_has_no_line_number_and_says_what_to_do(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path / "nope.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}: no such file (check the path")
    assert "Fix them" not in result.stderr
