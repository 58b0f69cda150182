"""The entity look-ups as the load cache keeps them: (entity, key) pairs packed in
arrays and unpacked per word when asked for, and entity docs made when a search first
meets them (a one-shot search meets a few of 10,000)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import overload

from factbrowser.core.model import Entity
from factbrowser.search.records import EntityDoc

KEYS_PER_ENTITY = 4096  # packs (entity, key) in one number of the entity look-ups


class PackedPairs(Mapping[str, list[tuple[int, int]]]):
    """Word -> (entity, key) pairs, unpacked from the load cache when asked for."""

    def __init__(self, words: list[str], offsets: array[int], flat: array[int], limit: int) -> None:
        if len(offsets) != len(words) + 1 or offsets[0] != 0 or offsets[-1] != len(flat):
            raise ValueError("malformed entity look-ups")
        if any(a > b for a, b in pairwise(offsets)) or (len(flat) and max(flat) >= limit):
            raise ValueError("malformed entity look-ups")
        self._number = dict(zip(words, range(len(words)), strict=True))
        self._offsets, self._flat = offsets, flat
        self._unpacked: dict[str, list[tuple[int, int]]] = {}

    def __getitem__(self, word: str) -> list[tuple[int, int]]:
        pairs = self._unpacked.get(word)
        if pairs is None:
            number = self._number[word]
            start, end = self._offsets[number], self._offsets[number + 1]
            pairs = self._unpacked[word] = [divmod(packed, KEYS_PER_ENTITY) for packed in self._flat[start:end]]
        return pairs

    def __iter__(self) -> Iterator[str]:
        return iter(self._number)

    def __len__(self) -> int:
        return len(self._number)


class LazyEntityDocs(Sequence[EntityDoc]):
    """Entity docs by number, each made when a search first meets it."""

    def __init__(self, entities: list[Entity], make: Callable[[Entity], EntityDoc]) -> None:
        self._entities, self._make = entities, make
        self._made: dict[int, EntityDoc] = {}

    @overload
    def __getitem__(self, number: int) -> EntityDoc: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[EntityDoc]: ...
    def __getitem__(self, number: int | slice) -> EntityDoc | Sequence[EntityDoc]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self._entities))[number]]
        doc = self._made.get(number)
        if doc is None:
            doc = self._made[number] = self._make(self._entities[number])
        return doc

    def __len__(self) -> int:
        return len(self._entities)
