"""Load a fact base the way the app does, build the search index, replay typed queries.

    python benchmarks/search_bench.py --data PATH [--no-cache | --both] [--json]
                                      [--cache-dir DIR] [--limit 50] [--slowest 10]

Loading goes through `factbrowser.core.cache.open_fact_base` (the app's code path: strict
YAML parse + validation, or the JSON cache when it is fresh), then
`SearchIndex.build(base)`. Every query in QUERIES is then "typed" one character at a
time, and `index.search(prefix, limit=...)` is timed for every keystroke, as the app's
search box would call it. The index's own term cache is left as it is, as in a session.

Modes:
- default: `open_fact_base(path)` with the cache (a miss parses YAML and writes the cache;
  `cache_hit` says which happened);
- --no-cache: always parse and validate the YAML (cold);
- --both: cold load, then one cached load to make sure the entry exists
  (`load_cold_write_s`), then a warm load from the cache; reports `load_cold_s` and
  `load_warm_s`, and `load_s` is the warm figure.

With the cache, a whole session (`factbrowser.session.open_session`: the base and the
index stored with it, the app's and `factbrowser search`'s path) is timed too:
`session_first_s` (the index written if missing) and `warm_start_s` (both read back);
the queries then run on a fresh `SearchIndex.build` (`index_build_s`), or with
--skip-build on the session's index (the app's memory).

Prints one JSON object (indented; on one line with --json, for scripts):
{"statements", "load_s", "index_build_s", "query_ms_p50", "query_ms_p95", "query_ms_max",
 "peak_rss_mb", ...} plus keystroke counts, figures for 1-2 and >=3 character prefixes,
the slowest keystrokes and the RSS after each phase. `peak_rss_mb` is
`resource.getrusage(RUSAGE_SELF).ru_maxrss`, the high-water mark of the whole process.
Run PYTHONPATH=src or with factbrowser installed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

# 3-15 characters each: names with typos, umlaut-free spellings, English names, statement
# phrases, words of the synthetic vocabulary (benchmarks/generate.py) and of the real base.
QUERIES: tuple[str, ...] = (
    # real base: people, typos, transliterations
    "Macron",
    "Selenskyj",
    "Selensky",
    "Zelensky",
    "Stramer",
    "Putn",
    "Merz",
    "Witkof",
    "Sacharowa",
    "von der Leyen",
    "Rutte",
    "Budanow",
    # real base: countries, umlaut-free and ß-free
    "Großbritannien",
    "Grossbritannien",
    "Oesterreich",
    "Rumaenien",
    "Kiew",
    "ukrainisch",
    # real base: statement phrases
    "Bodentruppen",
    "Waffenstillst",
    "Sicherheitsgar",
    "Koalition der W",
    "Truppen Ukraine",
    "strategischen",
    "Nato-Gebiet",
    "ceasefire",
    "security guar",
    # synthetic: people (umlauts, ß, diacritics), with and without them, typos
    "Müller",
    "Mueller",
    "Muller",
    "Schroeder",
    "Weiss",
    "Strauß",
    "Dvorak",
    "Sondergaard",
    "Kowalsky",
    "Jürgen Krüger",
    "Jurgen Kruger",
    "Lewandowsky",
    "Söder",
    # synthetic: vocabulary (compounds, adjectives, phrases)
    "Raketenabkommen",
    "Drohnenliefer",
    "Grenzschutz",
    "Stromnetzpaket",
    "Luftunterstuetz",
    "Friedensgipfel",
    "verbindliche",
    "Waffen und Geld",
    "Bundesamt für",
    "Getreidefonds",
    "Minenräumung",
    "glaubwürdig",
    "Kampfjets",
    "Regierungskreis",
)

assert all(3 <= len(q) <= 15 for q in QUERIES), [q for q in QUERIES if not 3 <= len(q) <= 15]


def rss_mb() -> float:
    """High-water mark of this process's resident set (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def _cache_entry_exists(path: Path) -> bool | None:
    """Whether a cache entry for `path` exists before loading; None without a cache."""
    from factbrowser.core import cache as store

    entry = store.entry_for(path)
    return None if entry is None else entry.exists()


def _timed_load(path: Path, use_cache: bool):  # type: ignore[no-untyped-def]
    from factbrowser.core.cache import open_fact_base

    began = time.perf_counter()
    base = open_fact_base(path, use_cache=use_cache)
    return base, time.perf_counter() - began


def replay(index, queries: tuple[str, ...], limit: int):  # type: ignore[no-untyped-def]
    """Type every query one character at a time; (prefix, ms, results) per keystroke."""
    timings: list[tuple[str, float, int]] = []
    for query in queries:
        for end in range(1, len(query) + 1):
            prefix = query[:end]
            began = time.perf_counter()
            results = index.search(prefix, limit=limit)
            timings.append((prefix, (time.perf_counter() - began) * 1000, len(results)))
    return timings


def run(data: Path, mode: str, limit: int, slowest: int, skip_build: bool = False) -> dict[str, object]:
    from factbrowser.search import SearchIndex
    from factbrowser.session import open_session

    out: dict[str, object] = {"data": str(data), "mode": mode}
    began = time.perf_counter()
    import factbrowser.core.cache  # noqa: F401  (import cost reported separately)

    out["import_s"] = round(time.perf_counter() - began, 3)
    if mode == "both":
        base, cold = _timed_load(data, use_cache=False)
        out["load_cold_s"] = round(cold, 3)
        out["rss_after_cold_load_mb"] = rss_mb()
        del base
        gc.collect()
        base, write = _timed_load(data, use_cache=True)
        out["load_cold_write_s"] = round(write, 3)  # a hit if the entry already existed
        del base
        gc.collect()
        base, warm = _timed_load(data, use_cache=True)
        out["load_warm_s"] = round(warm, 3)
        out["load_s"] = out["load_warm_s"]
    else:
        use_cache = mode != "no-cache"
        if use_cache:
            out["cache_hit"] = _cache_entry_exists(data)
        base, seconds = _timed_load(data, use_cache=use_cache)
        out["load_s"] = round(seconds, 3)
    out["rss_after_load_mb"] = rss_mb()
    out["statements"] = len(base.statements)
    out["entities"] = len(base.countries) + len(base.people) + len(base.organizations)
    out["sources"] = len(base.sources)

    index = None
    if mode != "no-cache":
        # The app's path: a session, the base with the index stored beside it. The first
        # writes the index if it is missing (`session_first_s`); the second reads both.
        began = time.perf_counter()
        index = open_session(data).index
        out["session_first_s"] = round(time.perf_counter() - began, 3)
        del index
        gc.collect()
        began = time.perf_counter()
        index = open_session(data).index
        out["warm_start_s"] = round(time.perf_counter() - began, 3)
    if not skip_build or index is None:
        # A fresh build (cold start, or no cache), timed in any case unless --skip-build.
        del index
        gc.collect()
        began = time.perf_counter()
        index = SearchIndex.build(base)
        out["index_build_s"] = round(time.perf_counter() - began, 3)
    vocabulary = getattr(index, "vocabulary", None)
    words = getattr(vocabulary, "words", vocabulary)  # the index's internals change; best effort
    out["vocabulary_words"] = len(words) if isinstance(words, list | dict) else None
    out["rss_after_index_mb"] = rss_mb()
    warm = getattr(index, "warm", None)
    if warm is not None:  # what the app does once its lists are filled, before most keystrokes
        began = time.perf_counter()
        warm()
        out["warm_s"] = round(time.perf_counter() - began, 3)

    timings = replay(index, QUERIES, limit)
    ms = [t for _, t, _ in timings]
    short = [t for prefix, t, _ in timings if len(prefix) <= 2]
    longer = [t for prefix, t, _ in timings if len(prefix) >= 3]
    out.update(
        queries=len(QUERIES),
        keystrokes=len(ms),
        limit=limit,
        query_ms_p50=round(percentile(ms, 0.50), 2),
        query_ms_p95=round(percentile(ms, 0.95), 2),
        query_ms_max=round(max(ms), 2),
        query_ms_mean=round(statistics.fmean(ms), 2),
        prefix_1_2_ms_p95=round(percentile(short, 0.95), 2),
        prefix_3plus_ms_p50=round(percentile(longer, 0.50), 2),
        prefix_3plus_ms_p95=round(percentile(longer, 0.95), 2),
        keystrokes_over_30ms=sum(1 for t in ms if t > 30),
        slowest=[
            {"query": p, "ms": round(t, 1), "results": n} for p, t, n in sorted(timings, key=lambda x: -x[1])[:slowest]
        ],
    )
    out["peak_rss_mb"] = rss_mb()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="factbrowser search benchmark")
    parser.add_argument("--data", type=Path, required=True, help="fact file (facts.yaml)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-cache", action="store_true", help="cold load only: parse and validate the YAML")
    group.add_argument("--both", action="store_true", help="report cold (no cache) and warm (cache) load")
    parser.add_argument("--cache-dir", type=Path, help="sets FACTBROWSER_CACHE_DIR for this run")
    parser.add_argument("--limit", type=int, default=50, help="results per search (50, the index default)")
    parser.add_argument("--slowest", type=int, default=10, help="how many slowest keystrokes to list")
    parser.add_argument("--json", action="store_true", help="one-line JSON (default: indented)")
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="with the cache: search with the cached index only, no fresh build (the app's memory)",
    )
    args = parser.parse_args(argv)
    if args.cache_dir:
        os.environ["FACTBROWSER_CACHE_DIR"] = str(args.cache_dir)
        os.environ.pop("FACTBROWSER_NO_CACHE", None)
    mode = "both" if args.both else "no-cache" if args.no_cache else "cache"
    result = run(args.data, mode, args.limit, args.slowest, args.skip_build)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
