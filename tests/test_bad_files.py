"""Hostile fact files: each one in tests/bad/ must fail with exactly the error it expects.

Every case is `tests/bad/CASE.yaml` beside `tests/bad/CASE.expected`, whose first line
is `exit N` and whose other lines are the exact stderr of
`python -m factbrowser validate --data CASE.yaml --no-cache`, with the fact file's path
written as FILE and the resolved seeds folder as SEEDS. Each run happens on a copy in a
temporary folder (with a copy of tests/bad/seeds), so that cases needing a FIFO, a
symlink or a folder can create them there at test time and nothing in the checkout is
ever touched. Cases too big to commit (the 50 MB file) are generated into the temporary
folder; their expected output is still a file in tests/bad/.

A hang fails the test through the subprocess time-out; no test asserts a duration (these
machines are noisy): the measured times are in docs/security.md and in the junit
`seconds` property.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent / "bad"
HANG_KILL = 60.0  # the subprocess is killed after this, so that a hang fails instead of blocking CI
MARKER = "factbrowser-pwned"  # what the Python-tag cases would create if their code ever ran

Setup = Callable[[Path], Path | None]  # gets the case folder; may return another --data path


def _symlink_outside(folder: Path) -> None:
    outside = folder.parent / "outside.txt"
    outside.write_text("secret outside the seeds folder\n", encoding="utf-8")
    (folder / "seeds" / "link-to-outside.txt").symlink_to(outside)


def _fifo_seed(folder: Path) -> None:
    os.mkfifo(folder / "seeds" / "fifo.txt")


def _folder_seed(folder: Path) -> None:
    (folder / "seeds" / "a-folder").mkdir()


def _big_50mb(folder: Path) -> Path:
    """50 MiB: the valid base, one 25 MiB value, 25 MiB of comments, and one error at the end."""
    valid = (BAD / "valid.yaml").read_text(encoding="utf-8")
    half = 25 * 2**20
    text = valid.replace(
        '    date: "2026-01-07"\n    contributions',
        '    date: "2026-01-07"\n    note: "' + "Wort " * (half // 5) + '"\n    contributions',
    )
    comment = "# " + "x" * 97 + "\n"
    text += comment * (half // len(comment)) + "surprise: 1\n"
    path = folder / "big_50mb.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 50 * 2**20
    return path


def _data_fifo(folder: Path) -> Path:
    path = folder / "data_fifo.yaml"
    os.mkfifo(path)
    return path


def _data_directory(folder: Path) -> Path:
    path = folder / "data_directory.yaml"
    path.mkdir()
    return path


def _data_missing(folder: Path) -> Path:
    return folder / "data_missing.yaml"


def _data_symlink_loop(folder: Path) -> Path:
    path = folder / "data_symlink_loop.yaml"
    path.symlink_to(folder / "data_symlink_loop_2.yaml")
    (folder / "data_symlink_loop_2.yaml").symlink_to(path)
    return path


SETUP: dict[str, Setup] = {
    "seed_symlink_outside": _symlink_outside,
    "seed_fifo": _fifo_seed,
    "seed_directory": _folder_seed,
    "big_50mb": _big_50mb,
    "data_fifo": _data_fifo,
    "data_directory": _data_directory,
    "data_missing": _data_missing,
    "data_symlink_loop": _data_symlink_loop,
}

CASES = sorted(path.stem for path in BAD.glob("*.expected"))


def validate(data: Path, cwd: Path) -> tuple[subprocess.CompletedProcess[bytes], float]:
    env = {**os.environ, "FACTBROWSER_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "factbrowser", "validate", "--data", str(data), "--no-cache"],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=HANG_KILL,
        stdin=subprocess.DEVNULL,
    )
    return result, time.perf_counter() - started


def expected(case: str) -> tuple[int, list[str]]:
    first, *lines = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert first.startswith("exit "), f"{case}.expected must start with `exit N`"
    return int(first.removeprefix("exit ")), lines


def prepare(case: str, tmp_path: Path) -> tuple[Path, Path]:
    """Copy the case and the seeds into tmp_path/case; return (fact file, folder)."""
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copytree(BAD / "seeds", folder / "seeds")
    data = folder / f"{case}.yaml"
    if (BAD / f"{case}.yaml").exists():
        shutil.copy(BAD / f"{case}.yaml", data)
    setup = SETUP.get(case)
    if setup is not None:
        data = setup(folder) or data
    return data, folder


def test_every_case_file_has_an_expectation() -> None:
    yaml_cases = {path.stem for path in BAD.glob("*.yaml")}
    assert yaml_cases <= set(CASES), f"cases without .expected: {sorted(yaml_cases - set(CASES))}"
    generated = set(SETUP) - yaml_cases
    assert generated <= set(CASES)
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES)
def test_bad_file(case: str, tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    data, folder = prepare(case, tmp_path)
    result, seconds = validate(data, cwd=folder)
    record_property("seconds", round(seconds, 3))
    print(f"{case}: exit {result.returncode} in {seconds:.2f} s")
    stderr = result.stderr.decode("utf-8")
    stdout = result.stdout.decode("utf-8")
    assert "Traceback" not in stderr + stdout
    for byte in ("\x1b", "\x07", "\x9b", "\x9d"):  # nothing from the file reaches the terminal raw
        assert byte not in stderr and byte not in stdout
    code, lines = expected(case)
    seeds = str((folder / "seeds").resolve())
    shown = stderr.replace(str(data), "FILE").replace(seeds, "SEEDS").replace(str(folder), "FOLDER")
    assert (result.returncode, shown.splitlines()) == (code, lines)
    if code == 0:
        assert stdout.startswith("OK: ")
    else:
        assert stdout == ""
    assert not (folder / MARKER).exists(), "a YAML tag ran code"


def test_python_tag_would_have_run_with_an_unsafe_loader(tmp_path: Path) -> None:
    """The Python-tag cases are live: PyYAML's unsafe loader really runs them (so the
    marker's absence in test_bad_file proves something)."""
    import yaml

    text = (BAD / "python_tag_top.yaml").read_text(encoding="utf-8").replace(MARKER, str(tmp_path / MARKER))
    yaml.load(text, Loader=yaml.UnsafeLoader)  # deliberately unsafe, on our own input
    assert (tmp_path / MARKER).exists()
