"""Fill in or correct the offsets of every evidence entry in a fact file.

A curator's tool, not part of the app (the app never writes to the fact base).
For each evidence mapping it looks the `sentence` up in its seed and rewrites the
`start:`/`end:` values in place, touching nothing else in the file, so comments and
formatting survive. A sentence that occurs zero or several times is reported and left
alone: offsets are never guessed.

Usage: python scripts/anchor.py FACTS.yaml [--sources FACTS_WITH_SOURCES.yaml] [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _source_files(sources_file: Path) -> dict[str, Path]:
    doc = yaml.safe_load(sources_file.read_text(encoding="utf-8"))
    seeds_dir = (sources_file.parent / doc.get("seeds_dir", "../seeds")).resolve()
    return {s["id"]: seeds_dir / s["file"] for s in doc.get("sources") or []}


def _evidence_mappings(node: yaml.Node):
    """Yield every mapping node that has `source` and `sentence` keys."""
    if isinstance(node, yaml.MappingNode):
        keys = {_scalar(k) for k, _ in node.value}
        if {"source", "sentence"} <= keys:
            yield node
        for _, value in node.value:
            yield from _evidence_mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _evidence_mappings(item)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=Path)
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)

    text = args.facts.read_text(encoding="utf-8")
    lines = text.split("\n")
    root = yaml.compose(text)
    files = _source_files(args.sources or args.facts)
    seeds: dict[str, str] = {}
    edits: list[tuple[int, int, int, str]] = []  # line, col_start, col_end, new text
    problems = 0
    for mapping in _evidence_mappings(root):
        fields = {_scalar(k): v for k, v in mapping.value}
        source = _scalar(fields["source"])
        sentence = _scalar(fields["sentence"])
        line_no = mapping.start_mark.line + 1
        if source not in files:
            print(f"{args.facts}:{line_no}: unknown source {source!r}", file=sys.stderr)
            problems += 1
            continue
        if source not in seeds:
            seeds[source] = files[source].open(encoding="utf-8", newline="").read()
        seed = seeds[source]
        count = seed.count(sentence or "")
        if not sentence or count != 1:
            where = "not found" if count == 0 else f"found {count} times"
            print(f"{args.facts}:{line_no}: sentence {where} in {source}: {sentence!r:.80}", file=sys.stderr)
            problems += 1
            continue
        start = seed.find(sentence)
        wanted = {"start": start, "end": start + len(sentence)}
        for key, value in wanted.items():
            node = fields.get(key)
            if node is None or not isinstance(node, yaml.ScalarNode):
                print(f"{args.facts}:{line_no}: add a `{key}: 0` line to fill in", file=sys.stderr)
                problems += 1
                continue
            if node.value == str(value):
                continue
            if node.start_mark.line != node.end_mark.line:
                problems += 1
                continue
            edits.append((node.start_mark.line, node.start_mark.column, node.end_mark.column, str(value)))
    if edits and not args.check:
        for line, c0, c1, new in sorted(edits, reverse=True):
            lines[line] = lines[line][:c0] + new + lines[line][c1:]
        args.facts.write_text("\n".join(lines), encoding="utf-8")
    verb = "would fix" if args.check else "fixed"
    print(f"{verb} {len(edits)} offsets, {problems} problems", file=sys.stderr)
    return 1 if problems or (args.check and edits) else 0


if __name__ == "__main__":
    sys.exit(main())
