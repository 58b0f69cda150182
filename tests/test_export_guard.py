"""`export -o` never overwrites what a fact base is made of, and never leaves half a file.

Every test here works on copies in tmp_path: a guard that fails can only clobber a copy.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, SEED_000

from factbrowser.cli.main import main

SEED_NAME = SEED_000.name


def _digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for top in paths:
        for path in sorted([top, *top.rglob("*")] if top.is_dir() else [top]):
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTBROWSER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTBROWSER_NO_CACHE", raising=False)


def _decoy_base(fact_dir: Path) -> Path:
    """A valid base whose double-quoted outlet runs onto a line that reads, at column 0,
    `seeds_dir: /nonexistent #"`; the real `seeds_dir` is the file's last line."""
    text = MINIMAL.replace('seeds_dir: "../seeds"\n', "").replace(
        "    outlet: null\n", '    outlet: "Testblatt\nseeds_dir: /nonexistent #"\n'
    )
    path = fact_dir / "data" / "facts.yaml"
    path.write_text(text + 'seeds_dir: "../seeds"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("runs", [1, 2], ids=["parsed", "from-cache"])
def test_a_decoy_seeds_dir_line_cannot_steer_the_guard(
    fact_dir: Path, runs: int, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = _decoy_base(fact_dir)
    assert main(["validate", "--data", str(facts)]) == 0
    seed = fact_dir / "seeds" / SEED_NAME
    before = _digest(fact_dir / "seeds", facts)
    for _ in range(runs):
        assert main(["export", "--data", str(facts), "-o", str(seed)]) == 2
        assert "refusing to write into the seeds folder" in capsys.readouterr().err
    assert _digest(fact_dir / "seeds", facts) == before


def test_a_hard_link_to_a_seed_in_a_subfolder_is_refused(fact_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (fact_dir / "seeds" / "sub").mkdir()
    shutil.move(fact_dir / "seeds" / SEED_NAME, fact_dir / "seeds" / "sub" / "article.txt")
    facts = fact_dir / "data" / "facts.yaml"
    facts.write_text(MINIMAL.replace(f'file: "{SEED_NAME}"', 'file: "sub/article.txt"'), encoding="utf-8")
    os.link(fact_dir / "seeds" / "sub" / "article.txt", fact_dir / "link.txt")
    os.link(facts, fact_dir / "facts-link.yaml")
    before = _digest(fact_dir / "seeds", facts)
    assert main(["export", "--data", str(facts), "-o", str(fact_dir / "link.txt")]) == 2
    assert "refusing to write into the seeds folder" in capsys.readouterr().err
    assert main(["export", "--data", str(facts), "-o", str(fact_dir / "facts-link.yaml")]) == 2
    assert "refusing to overwrite the fact file" in capsys.readouterr().err
    assert _digest(fact_dir / "seeds", facts) == before


def _run(*args: str, cwd: Path, limit_bytes: int | None = None) -> subprocess.CompletedProcess[bytes]:
    def limit() -> None:  # a "full disk" for this process only: writes past the limit fail
        if limit_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "factbrowser", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "FACTBROWSER_NO_CACHE": "1"},
        timeout=60,
        preexec_fn=limit,
        stdin=subprocess.DEVNULL,
    )


def test_a_failed_write_leaves_the_old_file_whole(write_facts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = write_facts(MINIMAL)
    target = tmp_path / "export.json"
    target.write_bytes(b"the previous export\n")
    result = _run("export", "--data", str(facts), "-o", str(target), cwd=tmp_path, limit_bytes=1024)
    assert result.returncode == 3, result.stderr
    assert result.stderr.decode().startswith(f"factbrowser: error: cannot write {target}")
    assert b"Traceback" not in result.stderr
    assert target.read_bytes() == b"the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_good_write_is_whole_and_keeps_the_mode(write_facts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = write_facts(MINIMAL)
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert main(["export", "--format", "csv", "--data", str(facts), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("statement_id,")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_fifo_or_device_as_output_is_refused_at_once(write_facts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = write_facts(MINIMAL)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null"), tmp_path):
        result = _run("export", "--data", str(facts), "-o", str(target), cwd=tmp_path)  # old code: blocks
        assert result.returncode == 2, result.stderr
        assert b"not a regular file" in result.stderr


def test_dash_means_standard_output(write_facts, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    facts = write_facts(MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data", str(facts), "-o", "-"]) == 0
    assert '"statements"' in capsys.readouterr().out
    assert not (tmp_path / "-").exists()


def test_the_repository_and_shipped_fact_files_are_refused(  # type: ignore[no-untyped-def]
    fact_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Reading one base, `-o` onto another known one: the shipped base (here a copy, by
    patching where it is), or the `data/facts.yaml` of the folder the user stands in."""
    repo = fact_dir  # stands for a checkout: data/facts.yaml and seeds/
    (repo / "data" / "facts.yaml").write_text(MINIMAL, encoding="utf-8")
    shipped, other = tmp_path / "shipped", tmp_path / "other"
    for copy in (shipped, other):
        for part in ("data", "seeds"):
            shutil.copytree(repo / part, copy / part)
    monkeypatch.setattr("factbrowser.core.resources.shipped_facts", lambda: shipped / "data" / "facts.yaml")
    (tmp_path / "to-shipped.yaml").symlink_to(shipped / "data" / "facts.yaml")
    monkeypatch.chdir(repo / "data")
    protected = (repo / "data", repo / "seeds", shipped)
    before = _digest(*protected)
    data = str(other / "data" / "facts.yaml")
    for target, message in (
        ("facts.yaml", "refusing to overwrite the fact file"),
        ("../data/../data/facts.yaml", "refusing to overwrite the fact file"),
        ("../seeds/x.json", "refusing to write into the seeds folder"),
        (str(tmp_path / "to-shipped.yaml"), "refusing to overwrite the fact file"),
        (str(shipped / "seeds" / SEED_NAME), "refusing to write into the seeds folder"),
    ):
        assert main(["export", "--data", data, "-o", target]) == 2, target
        assert message in capsys.readouterr().err
    assert main(["export", "-o", str(shipped / "data" / "facts.yaml")]) == 2  # the shipped base, opened
    assert _digest(*protected) == before
