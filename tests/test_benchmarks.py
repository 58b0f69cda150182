"""Every benchmark script runs, for one iteration, on the shipped base (or a tiny generated
one), so that none of them rots when the code they call changes. No timing is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factbrowser.core.load import load
from factbrowser.core.resources import shipped_facts

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"


def _run(tmp_path: Path, script: str, *args: str) -> str:
    env = {
        **os.environ,
        "FACTBROWSER_CACHE_DIR": str(tmp_path / "cache"),
        "FACTBROWSER_NO_CACHE": "",
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _last_json(stdout: str) -> dict[str, object]:
    value = json.loads(stdout[stdout.index("{") :])
    assert isinstance(value, dict)
    return value


def test_every_benchmark_script_is_tested() -> None:
    scripts = {p.name for p in BENCHMARKS.glob("*.py")}
    assert scripts == {"cli_bench.py", "first_frame.py", "generate.py", "profile_bench.py", "search_bench.py"}


def test_search_bench(tmp_path: Path) -> None:
    out = _last_json(_run(tmp_path, "search_bench.py", "--data", str(shipped_facts()), "--json"))
    assert out["statements"] and out["keystrokes"] and "warm_start_s" in out


def test_cli_bench(tmp_path: Path) -> None:
    out = _last_json(_run(tmp_path, "cli_bench.py", "--runs", "1", "--query", "Selensky"))
    for key in ("search[shipped]", "search_json[shipped]", "equivalent_script[shipped]"):
        entry = out[key]
        assert isinstance(entry, dict) and "rc" not in entry, entry
        assert entry["peak_rss_mb"]


def test_profile_bench(tmp_path: Path) -> None:
    out = _run(
        tmp_path, "profile_bench.py", "--data", str(shipped_facts()), "--phases", "cold,warm,index,build,queries"
    )
    assert "===== session" in out and "===== query 'Macron'" in out


def test_first_frame(tmp_path: Path) -> None:
    out = _last_json(_run(tmp_path, "first_frame.py", "--runs", "1", "--json"))
    assert out["factbrowser_data_shown_median_s"]


@pytest.mark.parametrize("dense", [False, True], ids=["sparse", "dense"])
def test_generate(tmp_path: Path, dense: bool) -> None:
    args = ["--statements", "300", "--out", str(tmp_path / "base")] + (["--dense"] if dense else [])
    summary = _last_json(_run(tmp_path, "generate.py", *args))
    base = load(tmp_path / "base" / "data" / "facts.yaml")  # validates like the curated base
    assert len(base.statements) == 300 and summary["dense"] is dense
    roles = {p.role.split()[0] for p in base.people.values()}
    if dense:  # one role word for everyone, names made of few shared words
        assert roles == {"Politiker"}
        words = {w for p in base.people.values() for w in p.name.split()}
        assert len(words) <= 68 and all(len(p.name.split()) == 3 for p in base.people.values())
    else:
        assert len(roles) > 1
