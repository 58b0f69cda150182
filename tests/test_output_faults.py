"""Every output fault ends with one line and its own exit code, never a traceback.

Exit codes: 1 only for an invalid fact base, 2 usage, 3 a write error (full disk, closed
standard output), 141 a reader that left the pipe early.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, SEED_000

COMMANDS = (
    ("stats",),
    ("stats", "--json"),
    ("show", "macron"),
    ("search", "Macron"),
    ("search", "Macron", "--json"),
    ("export",),
    ("export", "--format", "csv"),
    ("audit",),
    ("audit", "--json"),
    ("matrix",),
    ("timeline",),
    ("mentions", "macron"),
    ("validate",),
)


def _run(
    args: tuple[str, ...], *, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "FACTBROWSER_NO_CACHE": "1", **(env or {})}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "factbrowser", *args],
        stderr=subprocess.PIPE,
        env=full_env,
        timeout=60,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


@pytest.fixture
def facts(write_facts) -> Path:  # type: ignore[no-untyped-def]
    return write_facts(MINIMAL)  # type: ignore[no-any-return]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_a_write_error(facts: Path) -> None:
    with open("/dev/full", "wb") as full:
        for args in COMMANDS:
            result = _run((*args, "--data", str(facts)), stdout=full)
            err = result.stderr.decode()
            assert result.returncode == 3, (args, err)
            assert err == "factbrowser: error: cannot write to standard output: No space left on device\n", args


def test_a_closed_standard_output_is_a_write_error(facts: Path) -> None:
    for args in COMMANDS:
        # close_fds with pass_fds empty cannot close fd 1: close it in the child instead.
        result = _run((*args, "--data", str(facts)), stdout=None, preexec_fn=lambda: os.close(1))
        err = result.stderr.decode()
        assert result.returncode == 3, (args, err)
        assert err == "factbrowser: error: cannot write to standard output: it is closed\n", args


def test_a_reader_leaving_the_pipe_ends_quietly_with_141(facts: Path) -> None:
    for args in COMMANDS:
        read, write = os.pipe()
        os.close(read)  # the reader has left before the first byte
        try:
            result = _run((*args, "--data", str(facts)), stdout=write)
        finally:
            os.close(write)
        assert result.returncode == 141, (args, result.stderr)
        assert result.stderr == b"", args


LOCALES = (
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
)


@pytest.mark.parametrize("locale", LOCALES, ids=["ascii", "latin-1", "C"])
def test_non_utf8_locales_replace_what_they_cannot_show(fact_dir: Path, locale: dict[str, str]) -> None:
    # Non-Latin text in the base, and a seed whose file name is not ASCII.
    text = MINIMAL.replace('name: "Frankreich"', 'name: "Frankreich 法国 Ωμέγα"')
    (fact_dir / "seeds" / SEED_000.name).rename(fact_dir / "seeds" / "Ärtikel.txt")
    facts = fact_dir / "data" / "facts.yaml"
    facts.write_text(text.replace(SEED_000.name, "Ärtikel.txt"), encoding="utf-8")
    for args in COMMANDS:
        result = _run((*args, "--data", str(facts)), env=locale, stdout=subprocess.PIPE)
        assert result.returncode == 0, (args, result.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in result.stderr
        if "--json" in args or args == ("export",):
            import json

            json.loads(result.stdout.decode("ascii" if "ascii" in locale.values() else "latin-1"))
