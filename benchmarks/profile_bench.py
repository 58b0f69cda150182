"""Where the time goes: cProfile of cold load, warm load, index build and slow queries.

    python benchmarks/profile_bench.py --data PATH [--cache-dir DIR] [--top 15]
                                       [--phases cold,warm,index,build,queries] [--queries Q ...]

Phases: cold load, warm load, `index` (a whole session with the index stored beside the
cache entry, `session.open_session`), fresh index build, queries. Each phase runs once under cProfile;
the top functions by own time (tottime) and by cumulative time are printed per phase.
Queries default to the keystrokes that were slowest in search_bench.py at 100k
statements (one-letter prefixes, a common word, a multi-word phrase, a typo). The query
phase empties the index's term cache, if it has one, so that each query starts cold, as
the first keystroke of a session does.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

DEFAULT_QUERIES = (
    "S",
    "M",
    "W",
    "Si",
    "Siche",
    "Sicherheitsgar",
    "Waffen und Geld",
    "von der Leyen",
    "Kowalsky",
    "Macron",
    "Jurgen Kruger",
    "Luftunterstuetz",
)


def profiled(label: str, top: int, func):  # type: ignore[no-untyped-def]
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    value = func()
    profile.disable()
    seconds = time.perf_counter() - began
    print(f"\n===== {label}: {seconds:.3f} s (under cProfile) =====")
    for order in ("tottime", "cumulative"):
        stream = io.StringIO()
        stats = pstats.Stats(profile, stream=stream)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        lines = stream.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
        print(f"--- by {order}")
        print("\n".join(lines[start : start + top + 1]))
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="profile factbrowser load, index build and queries")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--phases", default="cold,warm,build,queries")
    parser.add_argument("--queries", nargs="*", default=list(DEFAULT_QUERIES))
    args = parser.parse_args(argv)
    if args.cache_dir:
        os.environ["FACTBROWSER_CACHE_DIR"] = str(args.cache_dir)
    from factbrowser.core.cache import open_fact_base
    from factbrowser.search import SearchIndex

    phases = set(args.phases.split(","))
    base = None
    if "cold" in phases:
        base = profiled(
            "cold load (open_fact_base, use_cache=False)", args.top, lambda: open_fact_base(args.data, use_cache=False)
        )
    if "warm" in phases:
        open_fact_base(args.data)  # make sure the cache entry exists
        base = profiled("warm load (open_fact_base from the JSON cache)", args.top, lambda: open_fact_base(args.data))
    if base is None:
        base = open_fact_base(args.data)
    index = None
    if "index" in phases:  # the index stored with the cache entry, through a session
        from factbrowser.session import open_session

        open_session(args.data)  # make sure it is stored
        session = profiled("session (open_session, index from the cache)", args.top, lambda: open_session(args.data))
        base, index = session.base, session.index
    if "build" in phases:
        index = profiled("index build (SearchIndex.build)", args.top, lambda: SearchIndex.build(base))
    if "queries" in phases:
        index = SearchIndex.build(base) if index is None else index
        cache = getattr(index, "_term_cache", None)
        if isinstance(cache, dict):
            cache.clear()
        for query in args.queries:
            profiled(f"query {query!r}", args.top, lambda q=query: index.search(q, limit=50))
    return 0


if __name__ == "__main__":
    sys.exit(main())
