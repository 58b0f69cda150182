"""Lint and type checks run with the tests, so CI keeps them clean."""

from __future__ import annotations

import shutil
import subprocess
import sys

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
