"""The command line as a user meets it: exit codes, output, no Textual import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO

from factbrowser.cli.main import main

Write = Callable[[str], Path]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "FACTBROWSER_NO_CACHE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "factbrowser", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or REPO,
        timeout=60,
    )


def test_validate_shipped_base_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-cache"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_validate_invalid_exit_1_lists_problems(write_facts: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_facts(MINIMAL.replace('kind: "claim"', 'kind: "clam"'))
    assert main(["validate", "--data", str(path), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "statements[0].kind: unknown value 'clam'" in err
    assert "Traceback" not in err


def test_unreadable_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    assert run("frobnicate").returncode == 2
    assert run("search", "").returncode == 2
    assert run("search", "x", "--limit", "0").returncode == 2
    result = run("show", "no-such-id")
    assert result.returncode == 2 and "no record with id 'no-such-id'" in result.stderr


def test_stats_counts(shipped_base, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["stats", "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records"]["statements"] == len(shipped_base.statements)
    assert sum(data["per_kind"].values()) == len(shipped_base.statements)
    assert set(data["per_source"]) == {"a000", "a001", "a002", "a003", "a004"}
    assert data["per_country"]["DE"] >= 5


def test_show_highlights_sentence_in_context(shipped_base) -> None:  # type: ignore[no-untyped-def]
    result = run("show", "merz")
    assert result.returncode == 0
    assert "Friedrich Merz" in result.stdout and "Evidence 1/" in result.stdout


def test_export_json_and_csv(shipped_base, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("export").stdout)
    assert len(data["statements"]) == len(shipped_base.statements)
    out = tmp_path / "facts.csv"
    assert run("export", "--format", "csv", "-o", str(out)).returncode == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("statement_id,kind,speaker")
    assert len(rows) > len(shipped_base.statements)


def test_search_json_shape() -> None:
    result = run("search", "Selensky", "--json", "--limit", "3")
    assert result.returncode == 0
    hits = json.loads(result.stdout)
    assert hits[0]["type"] == "person" and hits[0]["id"] == "selenskyj"
    assert set(hits[0]) >= {"type", "id", "label", "score", "matched_field", "highlights", "source"}
    statement = json.loads(run("search", "Kapitulation", "--json", "--type", "statement").stdout)[0]
    source = statement["source"]
    seed = (REPO / "seeds" / source["file"]).read_bytes().decode("utf-8")
    assert seed[source["start"] : source["end"]] == source["sentence"]


def test_search_no_results_is_not_an_error() -> None:
    result = run("search", "qqqqzzzz", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_printing_commands_do_not_import_textual() -> None:
    code = (
        "import sys; from factbrowser.cli.main import main; "
        "[main(a) for a in (['validate','-q'], ['stats'], ['search','Merz'], ['show','merz'])]; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**os.environ, "FACTBROWSER_NO_CACHE": "1"},
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_piped_output_has_no_escape_codes() -> None:
    result = run("search", "Merz", env={"TERM": "dumb"})
    assert "\x1b" not in result.stdout
    assert "\x1b" not in run("stats").stdout


def test_python_dash_m_and_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("factbrowser ")


def test_cache_is_used_and_rebuilt(tmp_path: Path, write_facts: Write) -> None:
    path = write_facts(MINIMAL)
    env = {"FACTBROWSER_NO_CACHE": "", "FACTBROWSER_CACHE_DIR": str(tmp_path / "cache")}
    assert run("validate", "--data", str(path), env=env).returncode == 0
    entries = list((tmp_path / "cache").glob("*.sqlite"))
    assert len(entries) == 1
    # A changed fact file gets its own entry; a broken one is never served from cache.
    path.write_text(MINIMAL.replace('kind: "claim"', 'kind: "clam"'), encoding="utf-8")
    assert run("validate", "--data", str(path), env=env).returncode == 1
    # A damaged cache entry is ignored, not trusted.
    path.write_text(MINIMAL, encoding="utf-8")
    entries[0].write_text("{not json", encoding="utf-8")
    assert run("validate", "--data", str(path), env=env).returncode == 0


def test_search_marks_synonyms_and_what_a_result_lacks(capsys: pytest.CaptureFixture[str]) -> None:
    from factbrowser.cli.main import main

    assert main(["search", "Poland refuses soldiers", "--limit", "1"]) == 0
    assert "≈ rejected" in capsys.readouterr().out
    assert main(["search", "Poland xyzabc soldiers", "--limit", "1"]) == 0
    assert "without: xyzabc" in capsys.readouterr().out
    assert main(["search", "Poland refuses soldiers", "--limit", "1", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert (first["match"], first["synonyms"], first["missing"]) == ("approximate", ["rejected"], [])
