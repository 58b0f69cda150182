"""Time `factbrowser search QUERY` as a whole process against bare interpreter start-ups.

    python benchmarks/cli_bench.py [--data PATH ...] [--query Macron] [--runs 15]
                                   [--cache-dir DIR] [--installed]

For the shipped base and every --data given, runs `python -m factbrowser search QUERY`
(with PYTHONPATH=src, the checkout's code; or the venv's `factbrowser` script with
--installed) and reports the median wall time of --runs runs after one untimed warm-up
run (which also fills the load cache, so the timed runs are warm-cache runs, as a user's
second and later searches are). The references are `python -c "import rapidfuzz, yaml"`
(the target: search <= 1.5x this) and `python -c "pass"` (interpreter start-up), and
two floors: `floor_json` imports what `search --json` cannot do without on this stack
(dataclasses for the model, RapidFuzz, argparse, json), `floor_table` adds Rich's console
and table; no work is done in either.

Because the search command may be unavailable while it is being written, the same work is
also timed as an in-process equivalent (`python -c` that opens the session as the
command does -- `open_session(path, lazy=True)`: the stored base read record by record
and its stored index -- searches and prints JSON), labelled `equivalent_script`. Every timed command also
reports its peak resident memory (`peak_rss_mb`, the largest ru_maxrss of its runs), and
when `fzf` is installed, `fzf --filter QUERY` over one line per statement (id, speaker,
text, English text) is timed on the same base as the reference (`fzf_filter`). `search_json` is the command
with `--json` (no Rich). PYTHONDONTWRITEBYTECODE is dropped from the runs' environment,
so that they use byte-code caches as an installed package does. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

EQUIVALENT = """
import json, sys
from factbrowser.core.resources import shipped_facts
from factbrowser.session import open_session
data = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else shipped_facts()
index = open_session(data, lazy=True).index  # as `factbrowser search` opens it
print(json.dumps([r.to_json() for r in index.search(sys.argv[1], limit=10)], ensure_ascii=False))
"""


FLOORS = {
    "floor_json": "dataclasses, rapidfuzz, argparse, json",
    "floor_table": "dataclasses, rapidfuzz, argparse, json, rich.console, rich.table",
}


def run_once(argv: list[str], env: dict[str, str], stdin: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of `argv`, its output discarded."""
    with open(stdin or os.devnull, "rb") as source:
        began = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
    child.returncode = 0  # reaped by wait4: keep Popen from waiting for it again
    return seconds, round(usage.ru_maxrss / 1024, 1)


def time_command(argv: list[str], env: dict[str, str], runs: int, stdin: Path | None = None) -> dict[str, object]:
    with open(stdin or os.devnull, "rb") as source:  # warm-up, fills caches
        first = subprocess.run(argv, env=env, stdin=source, capture_output=True, text=True)
    out: dict[str, object] = {"argv": " ".join(argv if len(" ".join(argv)) < 300 else [*argv[:2], "..."])}
    if first.returncode != 0:
        out.update(rc=first.returncode, error=(first.stderr.strip().splitlines() or [""])[-1][:300])
    samples = [run_once(argv, env, stdin) for _ in range(runs)]
    times = [seconds for seconds, _ in samples]
    out.update(
        median_s=round(statistics.median(times), 4),
        min_s=round(min(times), 4),
        max_s=round(max(times), 4),
        peak_rss_mb=max(rss for _, rss in samples),
        runs=runs,
    )
    return out


def fzf_lines(data: Path | None, out: Path) -> None:
    """One line per statement (id, speaker, text, English text): what fzf filters."""
    from factbrowser.core.cache import open_fact_base
    from factbrowser.core.resources import shipped_facts

    base = open_fact_base(data or shipped_facts())
    with open(out, "w", encoding="utf-8") as handle:
        for statement in base.statements.values():
            fields = (statement.id, base.label(statement.speaker), statement.text, statement.text_en or "")
            handle.write(" | ".join(f.replace("\n", " ") for f in fields) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="factbrowser whole-process search benchmark")
    parser.add_argument("--data", type=Path, action="append", default=[], help="extra fact file(s) to search")
    parser.add_argument("--query", default="Macron", help="search query (Macron)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (15)")
    parser.add_argument("--cache-dir", type=Path, help="FACTBROWSER_CACHE_DIR for the runs")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="run the `factbrowser` script next to this Python instead of -m with PYTHONPATH=src",
    )
    args = parser.parse_args(argv)

    python = sys.executable
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if args.cache_dir:
        env["FACTBROWSER_CACHE_DIR"] = str(args.cache_dir)
    env.pop("FACTBROWSER_NO_CACHE", None)
    # Byte-code caches as an installed package has them: without them every run
    # compiles factbrowser's modules again (~25 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.installed:
        env.pop("PYTHONPATH")
        command = [str(Path(python).parent / "factbrowser")]
    else:
        command = [python, "-m", "factbrowser"]

    result: dict[str, object] = {"python": python, "runs": args.runs, "query": args.query}
    result["python_pass"] = time_command([python, "-c", "pass"], env, args.runs)
    baseline = time_command([python, "-c", "import rapidfuzz, yaml"], env, args.runs)
    result["import_rapidfuzz_yaml"] = baseline
    result["import_factbrowser_cli"] = time_command([python, "-c", "import factbrowser.cli.main"], env, args.runs)
    # What any program built on this stack imports before doing any work: the floors
    # under `search --json` (model dataclasses, RapidFuzz, argparse, the JSON cache) and
    # under `search` (the same plus Rich's console and table).
    for name, modules in FLOORS.items():
        floor = time_command([python, "-c", f"import {modules}"], env, args.runs)
        floor["ratio_to_import_rapidfuzz_yaml"] = round(float(floor["median_s"]) / float(baseline["median_s"]), 2)  # type: ignore[arg-type]
        result[name] = floor
    targets: list[tuple[str, Path | None]] = [("shipped", None), *((str(p), p) for p in args.data)]
    for label, data in targets:
        extra = ["--data", str(data)] if data else []
        search = time_command([*command, *extra, "search", args.query], env, args.runs)
        search_json = time_command([*command, *extra, "search", args.query, "--json"], env, args.runs)
        equivalent = time_command([python, "-c", EQUIVALENT, args.query, str(data or "")], env, args.runs)
        for entry in (search, search_json, equivalent):
            entry["ratio_to_import_rapidfuzz_yaml"] = round(float(entry["median_s"]) / float(baseline["median_s"]), 2)  # type: ignore[arg-type]
        result[f"search[{label}]"] = search
        result[f"search_json[{label}]"] = search_json
        result[f"equivalent_script[{label}]"] = equivalent
        fzf = shutil.which("fzf")
        if fzf:
            with tempfile.TemporaryDirectory() as scratch:
                lines = Path(scratch) / "lines.txt"
                fzf_lines(data, lines)
                result[f"fzf_filter[{label}]"] = time_command([fzf, "--filter", args.query], env, args.runs, lines)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
