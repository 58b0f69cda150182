"""Lint and type checks run with the tests, so CI keeps them clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def _tool(name: str) -> list[str]:
    if (
        shutil.which(name) is None
        and subprocess.run([sys.executable, "-m", name, "--version"], capture_output=True).returncode != 0
    ):
        pytest.fail(f'{name} is not installed: run `python3 -m pip install -e ".[test]"`')
    return [sys.executable, "-m", name]


def test_ruff_clean() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests", "benchmarks", "scripts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = subprocess.run([*_tool("mypy")], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_clean() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "format", "--check", "src", "tests", "benchmarks", "scripts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, "run `ruff format src tests benchmarks scripts`:\n" + result.stdout + result.stderr


def test_import_contracts_kept() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_fail_when_core_imports_a_layer_above(tmp_path: Path) -> None:
    # The contracts are only worth something if breaking one fails: copy the package,
    # make core import the CLI, and lint the copy.
    shutil.copytree(REPO / "src" / "factbrowser", tmp_path / "factbrowser")
    model = tmp_path / "factbrowser" / "core" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport factbrowser.cli.console\n", encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "factbrowser.core.model -> factbrowser.cli.console" in result.stdout
