"""A session: a validated fact base and its search index, opened together.

The index is derived from the base, so it is stored in the base's store (a side entry of
`core.cache`), built together with it on a first start, and read back only from exactly
that store. No globals: what
was opened is the `Session` the caller holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factbrowser.core import cache
from factbrowser.core.model import FactBase
from factbrowser.search import SearchIndex

_INDEX = "index"


@dataclass(frozen=True, slots=True)
class Session:
    """What the app and the printing commands work with."""

    base: FactBase
    index: SearchIndex


def open_session(
    path: Path | str, use_cache: bool = True, lazy: bool = False, progress: cache.Progress | None = None
) -> Session:
    """The validated base at `path` and its search index, through the cache where possible.

    `lazy`: read the base's statements from its store one by one, when asked for (what a
    one-shot search wants: it shows ten), if a fresh store is there; a read that then
    fails raises `StoreError`, and the caller opens the session again without `lazy`."""
    if lazy and use_cache:
        opened = cache.open_lazy(path, {_INDEX: frozenset({"postings"})})
        stored = opened.sides.get(_INDEX) if opened is not None else None
        index = _from_stored(opened.base, stored) if opened is not None and stored is not None else None
        if index is not None:
            return Session(index.base, index)
    built: list[SearchIndex] = []

    def index_payload(base: FactBase) -> dict[str, object]:
        # A store being built gets the index in the same write; it is kept for this session.
        with cache.building():
            built.append(SearchIndex.build(base))
        return built[0].to_cache()

    opened = cache.open_cached(path, use_cache, sides={_INDEX: index_payload}, progress=progress)
    return Session(opened.base, built[0] if built else _index_of(opened))


def _index_of(opened: cache.Opened) -> SearchIndex:
    stored = cache.read_side_entry(opened, _INDEX)
    with cache.building():
        if stored is not None:
            index = _from_stored(opened.base, stored)
            if index is not None:
                return index
        index = SearchIndex.build(opened.base)
    cache.write_side_entry(opened, _INDEX, index.to_cache())
    return index


def _from_stored(base: FactBase, stored: dict[str, object]) -> SearchIndex | None:
    # A stored index that does not fit its base (damaged, or an older layout) is rebuilt.
    try:
        return SearchIndex.from_cache(base, stored)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
