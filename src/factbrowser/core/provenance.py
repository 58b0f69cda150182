"""Proving every fact against its source: seeds read safely, offsets checked exactly.

A seed may only be a regular file inside `seeds_dir` (after resolving symlinks), is
checked against its sha256, and is read with no newline translation so that offsets
are Python `str` indices into exactly the bytes on disk. A sentence that is not at its
offsets is never re-anchored silently: the problem says where it really is, or which
text is closest and how similar.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from factbrowser.core.files import MAX_SEED_BYTES as MAX_SEED_BYTES

# Re-exported: the loader reads the fact file with the same rules as the seeds.
from factbrowser.core.files import NotRegularFile as NotRegularFile
from factbrowser.core.files import TooLarge as TooLarge
from factbrowser.core.files import fs_name
from factbrowser.core.files import read_regular_file as read_regular_file
from factbrowser.core.model import Evidence, FactBase, Source
from factbrowser.core.text import sanitize
from factbrowser.core.yamldoc import Path

if TYPE_CHECKING:
    from factbrowser.core.load import Checker

# Problem kinds whose message searches the seed (costly): skipped once enough are shown.
_OUTSIDE, _NOT_AT = "evidence offsets outside the seed", "evidence sentence not at its offsets"


class SeedError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_seed(seeds_dir: FsPath, file: str) -> bytes:
    """The bytes of `file`, refusing anything that is not a regular file in `seeds_dir`."""
    if not file or "\0" in file or os.path.isabs(file):
        raise SeedError(
            f"{file!r} is not a file name inside seeds_dir",
            "give a file name relative to seeds_dir, without leading / or ..",
        )
    try:
        if "\0" in str(seeds_dir):
            raise ValueError("embedded null byte")
        root = seeds_dir.resolve(strict=True)
    except (OSError, ValueError):
        raise SeedError(
            f"seeds folder {str(seeds_dir)!r} does not exist", "fix `seeds_dir`, which is relative to the fact file"
        ) from None
    target = (root / fs_name(file)).resolve()
    if not target.is_relative_to(root):
        raise SeedError(f"{file!r} resolves outside seeds_dir", "seeds must live inside the seeds folder")
    try:
        return read_regular_file(target, MAX_SEED_BYTES)
    except FileNotFoundError:
        raise SeedError(
            f"seed file {file!r} not found in {str(root)!r}", "copy the article into the seeds folder or fix `file`"
        ) from None
    except NotRegularFile:
        raise SeedError(f"seed {file!r} is not a regular file", "a seed is a plain UTF-8 text file") from None
    except TooLarge:
        raise SeedError(f"seed {file!r} is larger than {MAX_SEED_BYTES // 2**20} MiB", "check the seed file") from None
    except OSError as error:
        raise SeedError(f"cannot read seed {file!r}: {error.strerror}", "check the file's permissions") from None


def _load_source(check: Checker, source: Source, path: Path, seeds_dir: FsPath) -> Source | None:
    try:
        raw = read_seed(seeds_dir, source.file)
    except SeedError as error:
        check.report((*path, "file"), error.message, error.hint)
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != source.sha256:
        check.report(
            (*path, "sha256"),
            f"the seed's sha256 is {digest}, not the one recorded",
            "the article changed: restore it byte for byte, or re-check every offset and update sha256",
        )
    try:
        text = raw.decode("utf-8")  # bytes.decode never translates newlines: same as newline=""
    except UnicodeDecodeError as error:
        check.report((*path, "file"), f"seed is not UTF-8 (byte offset {error.start})", "convert the seed to UTF-8")
        return None
    return dataclasses.replace(source, text=text)


def locate(text: str, sentence: str) -> str:
    """Say where `sentence` really is in `text`, for an error message."""
    count = text.count(sentence) if sentence else 0
    if count:
        start = text.find(sentence)
        again = f" (and {count - 1} more times)" if count > 1 else ""
        return f"it is at {start}-{start + len(sentence)}{again}"
    from rapidfuzz import fuzz

    if not sentence:
        return "the sentence is empty"
    window = text if len(text) < 200_000 else text[:200_000]
    match = fuzz.partial_ratio_alignment(sentence, window)
    if match is None or match.score < 50:
        return "no similar text is in the seed"
    start, end = match.dest_start, match.dest_end
    snippet = window[start:end]
    return f"closest text is at {start}-{end} ({match.score:.0f}% similar): {snippet[:80]!r}"


def _check_evidence(check: Checker, path: Path, evidence: Evidence, sources: dict[str, Source]) -> None:
    source = sources.get(evidence.source)
    if source is None:
        return  # reported once as a dangling source reference
    text = source.text
    if not 0 <= evidence.start <= evidence.end <= len(text):
        if check.muted(_OUTSIDE):
            return
        check.report(
            (*path, "start"),
            f"offsets {evidence.start}-{evidence.end} lie outside the seed "
            f"(0-{len(text)}); {locate(text, evidence.sentence)}",
            "run `python scripts/anchor.py` to fix offsets, or correct the sentence",
            _OUTSIDE,
        )
        return
    if text[evidence.start : evidence.end] == evidence.sentence or check.muted(_NOT_AT):
        return
    check.report(
        (*path, "sentence"),
        f"the sentence is not at {evidence.start}-{evidence.end} in "
        f"{evidence.source}; {locate(text, evidence.sentence)}",
        "copy the sentence verbatim from the seed and run `python scripts/anchor.py`",
        _NOT_AT,
    )


def _evidence_holders(base: FactBase) -> Iterable[tuple[str, Any]]:
    yield from (("countries", c) for c in base.countries.values())
    yield from (("people", p) for p in base.people.values())
    yield from (("organizations", o) for o in base.organizations.values())
    yield from (("statements", s) for s in base.statements.values())


def _clean(record: Any) -> Any:
    """The record with its evidence sentences made safe to show; the record itself when
    they already are (nearly always: a copy of every record costs 0.5 s and 75 MB of
    peak memory at 100k statements)."""
    safe = [sanitize(e.sentence) for e in record.evidence]
    if all(text is e.sentence for text, e in zip(safe, record.evidence, strict=True)):
        return record
    evidence = tuple(dataclasses.replace(e, sentence=text) for e, text in zip(record.evidence, safe, strict=True))
    return dataclasses.replace(record, evidence=evidence)


def verify(check: Checker, base: FactBase, seeds_dir: FsPath, paths: dict[tuple[str, str], Path]) -> FactBase:
    """Check every source and every evidence entry; return the base with texts filled in."""
    sources: dict[str, Source] = {}
    for source in base.sources.values():
        loaded = _load_source(check, source, paths["sources", source.id], seeds_dir)
        if loaded is not None:
            sources[source.id] = loaded
    known_sources = {key for (section, key) in paths if section == "sources"}
    for section, record in _evidence_holders(base):
        path = paths[section, record.id]
        for index, evidence in enumerate(record.evidence):
            if evidence.source not in known_sources:
                check.report(
                    (*path, "evidence", index, "source"),
                    f"unknown source {evidence.source!r}",
                    f"use one of: {', '.join(sorted(known_sources)) or 'no sources defined'}",
                )
                continue
            _check_evidence(check, (*path, "evidence", index), evidence, sources)
    return FactBase(
        sources={k: dataclasses.replace(s, text=sanitize(s.text)) for k, s in sources.items()},
        countries={k: _clean(v) for k, v in base.countries.items()},
        people={k: _clean(v) for k, v in base.people.items()},
        organizations={k: _clean(v) for k, v in base.organizations.items()},
        statements={k: _clean(v) for k, v in base.statements.items()},
    )
