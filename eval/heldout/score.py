#!/usr/bin/env python3
"""Score factbrowser search against the held-out query set.

Usage:
    python score.py COMMAND [--queries queries.yaml] [--json [PATH]] [--jobs N]
                            [--cwd DIR] [--facts facts.yaml]

COMMAND is how to start factbrowser, e.g.
    python score.py /tmp/vnew/bin/factbrowser
    python score.py "env PYTHONPATH=/work/main/src /tmp/vnew/bin/python -m factbrowser"
It is split with shlex and run as COMMAND search QUERY --json --limit 10.

Output of `factbrowser search --json` is a JSON list of results, each with
"type", "id", "score", "matched_field", ... and "missing": the query words the
result does not hold ([] means the result matches every word, a full match).

A case is a hit at k when any expected id is among the first k results.
Class "absent" (expect: []) is a hit at k when none of the first k results is a
full match (empty "missing").

--json without PATH prints the figures as JSON to stdout instead of the table;
--json PATH prints the table and writes the figures to PATH.

Standard library and PyYAML only.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CLASS_ORDER = ["entity", "german_phrasing", "english", "paraphrase",
               "entity_topic", "figure", "absent"]
DEFAULT_K = {"entity": 1, "german_phrasing": 3, "english": 3, "paraphrase": 5,
             "entity_topic": 3, "figure": 1, "absent": 10}
LIMIT = 10


def results_of(parsed):
    """The list of results, whatever the envelope."""
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict):
        for key in ("results", "hits", "items"):
            if isinstance(parsed.get(key), list):
                return parsed[key]
    raise ValueError(f"unexpected JSON shape: {type(parsed).__name__}")


def is_full(result) -> bool:
    missing = result.get("missing")
    if missing is None:  # no marker at all: treat as full match
        return not result.get("near_miss", False)
    return len(missing) == 0


def run_query(cmd, query, cwd, timeout):
    argv = cmd + ["search", query, "--json", "--limit", str(LIMIT)]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True,
                              cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if proc.returncode != 0:
        return None, f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"
    try:
        return results_of(json.loads(proc.stdout or "[]")), None
    except (ValueError, json.JSONDecodeError) as exc:
        return None, f"bad JSON: {exc}"


def judge(case, results):
    cls = case["class"]
    k = int(case.get("k", DEFAULT_K.get(cls, 3)))
    expect = list(case.get("expect") or [])
    ids = [r.get("id") for r in results]
    out = {"query": case["query"], "class": cls, "k": k, "expect": expect,
           "top": [
               {"id": r.get("id"), "type": r.get("type"),
                "score": r.get("score"), "missing": r.get("missing")}
               for r in results[:max(k, 3)]]}
    if cls == "absent" or not expect:
        full = [i for i, r in enumerate(results) if is_full(r)]
        out["hit1"] = not (full and full[0] < 1)
        out["hitk"] = not (full and full[0] < k)
        out["rank"] = None
        out["first_full"] = (full[0] + 1) if full else None
    else:
        ranks = [i + 1 for i, x in enumerate(ids) if x in expect]
        rank = ranks[0] if ranks else None
        out["rank"] = rank
        out["hit1"] = rank == 1
        out["hitk"] = rank is not None and rank <= k
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", help="how to start factbrowser (split with shlex)")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.yaml"))
    ap.add_argument("--json", nargs="?", const="-", default=None, metavar="PATH",
                    help="write figures as JSON (to PATH, or stdout if no PATH)")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--cwd", default="/tmp",
                    help="directory to run factbrowser in (default /tmp)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--facts", default=None,
                    help="optional facts.yaml: warn about expected ids it lacks, follow former_ids")
    args = ap.parse_args(argv)

    cmd = shlex.split(args.command)
    with open(args.queries, encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)

    if args.facts:
        with open(args.facts, encoding="utf-8") as fh:
            facts = yaml.safe_load(fh)
        known = {r["id"] for sec in ("countries", "people", "organizations",
                                     "statements") for r in facts.get(sec) or []}
        # Ids are stable: a record folded into another names it in former_ids, and an
        # expected old id is then answered by the record it became.
        became = {old: r["id"] for r in facts.get("statements") or []
                  for old in r.get("former_ids") or []}
        for c in cases:
            if c.get("expect"):
                c["expect"] = [became.get(e, e) for e in c["expect"]]
        for c in cases:
            for e in c.get("expect") or []:
                if e not in known:
                    print(f"warning: {c['query']!r} expects unknown id {e!r}",
                          file=sys.stderr)

    def work(case):
        results, err = run_query(cmd, case["query"], args.cwd, args.timeout)
        if err is not None:
            r = judge(case, [])
            r.update(error=err, hit1=False, hitk=False)
            return r
        return judge(case, results)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        judged = list(pool.map(work, cases))

    classes = [c for c in CLASS_ORDER if any(j["class"] == c for j in judged)]
    classes += sorted({j["class"] for j in judged} - set(classes))
    table = {}
    for cls in classes + ["ALL"]:
        rows = judged if cls == "ALL" else [j for j in judged if j["class"] == cls]
        n = len(rows)
        h1 = sum(j["hit1"] for j in rows)
        hk = sum(j["hitk"] for j in rows)
        ks = sorted({j["k"] for j in rows})
        table[cls] = {"count": n, "hit1": h1, "hitk": hk,
                      "hit1_rate": round(h1 / n, 3) if n else 0.0,
                      "hitk_rate": round(hk / n, 3) if n else 0.0,
                      "k": ks[0] if len(ks) == 1 else ks}
    misses = [j for j in judged if not j["hitk"]]
    errors = [j for j in judged if "error" in j]
    report = {"command": args.command, "queries": args.queries,
              "table": table,
              "misses": [{k: j[k] for k in ("query", "class", "k", "expect",
                                            "rank", "top")
                          if k in j} | ({"error": j["error"]} if "error" in j else {})
                         | ({"first_full": j["first_full"]} if "first_full" in j else {})
                         for j in misses],
              "errors": len(errors)}

    if args.json == "-":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0

    print(f"command: {args.command}")
    print(f"queries: {args.queries} ({len(judged)} cases)\n")
    print(f"{'class':<16}{'k':>4}{'count':>7}{'hit@1':>13}{'hit@k':>13}")
    for cls in classes + ["ALL"]:
        t = table[cls]
        kk = t["k"] if isinstance(t["k"], int) else "-"
        if cls == "ALL":
            print("-" * 53)
        print(f"{cls:<16}{kk!s:>4}{t['count']:>7}"
              f"{t['hit1']:>5} ({t['hit1_rate']*100:5.1f}%)"
              f"{t['hitk']:>5} ({t['hitk_rate']*100:5.1f}%)")
    print("\nabsent: hit = no full match (result with empty 'missing') "
          "in the top k.")
    print(f"\nmisses ({len(misses)}):")
    for cls in classes:
        rows = [j for j in misses if j["class"] == cls]
        if not rows:
            continue
        print(f"\n[{cls}]")
        for j in rows:
            if "error" in j:
                print(f"  {j['query']!r}: ERROR {j['error']}")
                continue
            top = ", ".join(
                f"{t['id']}{'' if not t['missing'] else '~' + '/'.join(t['missing'])}"
                for t in j["top"]) or "(no results)"
            if cls == "absent":
                print(f"  {j['query']!r}: full match at rank {j['first_full']}; "
                      f"top: {top}")
            else:
                rank = j["rank"] if j["rank"] else ">10"
                print(f"  {j['query']!r}: expected {', '.join(j['expect'])} "
                      f"(rank {rank}); top: {top}")
    if errors:
        print(f"\n{len(errors)} queries failed to run", file=sys.stderr)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=2)
    return 1 if errors and len(errors) == len(judged) else 0


if __name__ == "__main__":
    sys.exit(main())
