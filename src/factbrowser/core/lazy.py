"""A stored base read record by record: what a one-shot `factbrowser search` needs.

At 100k statements, rebuilding the whole base from its store costs a second and a few
hundred MB, and a search shows ten records. Here the entities (a few thousand at most)
are read whole, while statements and seed texts stay in the store, each read (and its
MAC checked, by `store.Reader.row`) when it is first asked for, and kept. Positions are
those of the fact file, as the search index counts them.

The store must stay open while the base is used: `LazyBase.close` (or the process's
end) closes it. The store file may be replaced meanwhile (another process rebuilt
it): this process keeps reading the file it opened, whose rows all carry its token.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any, TypeVar, overload

from factbrowser.core import store
from factbrowser.core.model import FactBase, Source, Statement
from factbrowser.core.serialize import row_decoder

HEAD = "head"  # the base's rows without statements (sources without texts)
STATEMENT_IDS = "statement-ids"  # the statements' ids in fact-file order, one per line
STATEMENT_STARTS = "statement-starts"  # where each id starts in that text (uint32)
RECORD = "record:statements:"
TEXT = "text:"
PIECE = 256 * 1024  # bytes of a stored array per row: 64k numbers, one MAC

T = TypeVar("T")


class _Cached(Mapping[str, T]):
    """A read-only mapping whose values are made on first use from `make(key)`."""

    def __init__(self, keys: Sequence[str], make: Callable[[str], T]) -> None:
        self._keys = keys
        self._known = frozenset(keys)
        self._make = make
        self._made: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        made = self._made.get(key)
        if made is None:
            if key not in self._known:
                raise KeyError(key)
            made = self._made[key] = self._make(key)
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _InOrder(Sequence[Statement]):
    """The statements by position, each read when first asked for."""

    def __init__(self, statements: LazyStatements) -> None:
        self._statements = statements

    @overload
    def __getitem__(self, position: int) -> Statement: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Statement]: ...
    def __getitem__(self, position: int | slice) -> Statement | Sequence[Statement]:
        ids = self._statements.ids
        if isinstance(position, slice):
            return [self._statements[i] for i in ids[position]]
        return self._statements[ids[position]]

    def __len__(self) -> int:
        return len(self._statements.ids)


class _Lines(Sequence[str]):
    """The lines of one stored ASCII text by number (statement ids), each read from the
    pieces that hold it: a million ids are 28 MB that a search reads ten of."""

    def __init__(self, text: StoredBytes, starts: StoredArray) -> None:
        self._text, self._starts = text, starts  # where each line starts, from `line_starts`

    @overload
    def __getitem__(self, number: int) -> str: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[str]: ...
    def __getitem__(self, number: int | slice) -> str | Sequence[str]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        if number < 0:
            number += len(self._starts)
        if not 0 <= number < len(self._starts):
            raise IndexError(number)
        start = self._starts[number]
        end = self._starts[number + 1] - 1 if number + 1 < len(self._starts) else self._text.size
        return self._text.read(start, end).decode("ascii")

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.whole().decode("ascii").split("\n")) if self._text.size else iter(())


def line_starts(lines: Sequence[str]) -> bytes:
    """Where each of `lines` starts in `"\\n".join(lines)`, as the store keeps it."""
    return array("I", accumulate((len(line) + 1 for line in lines[:-1]), initial=0) if lines else ()).tobytes()


def pieces(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The rows of `data` as `StoredBytes` reads them: `NAME#0`, `NAME#1`, ..."""
    for number, start in enumerate(range(0, len(data), PIECE)):
        yield f"{name}#{number}", data[start : start + PIECE]


def statement_rows(ids: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """The rows of the statements' ids and where each starts, for `LazyBase`."""
    text = "\n".join(ids).encode("ascii")  # ids are slugs
    starts = line_starts(ids)
    yield STATEMENT_IDS, json.dumps({"ids": len(text), "starts": len(starts)}).encode()
    yield from pieces(STATEMENT_IDS, text)
    yield from pieces(STATEMENT_STARTS, starts)


class LazyStatements(Mapping[str, Statement]):
    """Statements by id, each read from the store when first asked for, and kept."""

    def __init__(self, ids: _Lines, has: Callable[[str], bool], make: Callable[[str], Statement]) -> None:
        self.ids = ids
        self._has = has
        self._make = make
        self._made: dict[str, Statement] = {}

    def __getitem__(self, key: str) -> Statement:
        made = self._made.get(key)
        if made is None:
            if not isinstance(key, str) or not self._has(key):
                raise KeyError(key)
            made = self._made[key] = self._make(key)
        return made

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._made or self._has(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def in_order(self) -> Sequence[Statement]:
        return _InOrder(self)


class LazyBase:
    """Opens the store at `reader` and builds its `FactBase`; raises StoreError (or
    ValueError, KeyError, TypeError) for a store without the rows this needs."""

    def __init__(self, reader: store.Reader, closing: contextlib.ExitStack) -> None:
        self._reader = reader
        self._closing = closing
        self._texts: dict[str, str] = {}
        head = reader.json(HEAD)
        fields = reader.json("fields")
        tables: dict[str, dict[str, Any]] = {}
        for key in ("countries", "people", "organizations"):
            decode = row_decoder(key, head[key]["fields"], {})
            tables[key] = {record.id: record for record in map(decode, head[key]["rows"])}
        decode_source = row_decoder("sources", head["sources"]["fields"], {})
        source_rows = {record.id: record for record in map(decode_source, head["sources"]["rows"])}
        sources = _Cached(list(source_rows), lambda sid: self._with_text(source_rows[sid]))
        self._source_texts = _SourceTexts(sources)
        decode_statement = row_decoder("statements", fields["statements"], self._source_texts)
        sizes = reader.json(STATEMENT_IDS)
        text = StoredBytes(reader, STATEMENT_IDS + "#", sizes["ids"])
        starts = StoredArray(StoredBytes(reader, STATEMENT_STARTS + "#", sizes["starts"]))
        if len(starts) and (starts[0] != 0 or starts[-1] >= max(text.size, 1)):
            raise store.StoreError("the statement ids do not fit their starts")
        ids = _Lines(text, starts)
        statements = LazyStatements(ids, self._has_statement, lambda sid: self._statement(decode_statement, sid))
        self.base = FactBase(sources, tables["countries"], tables["people"], tables["organizations"], statements)

    def _row(self, name: str) -> bytes | None:
        try:
            return self._reader.row(name)
        except sqlite3.Error as error:  # the file was truncated or damaged in place
            raise store.StoreError(f"{name}: {error}") from None

    def _has_statement(self, statement_id: str) -> bool:
        try:
            found = self._reader.connection.execute("SELECT 1 FROM entry WHERE name = ?", (RECORD + statement_id,))
            return found.fetchone() is not None
        except sqlite3.Error as error:
            raise store.StoreError(f"{statement_id}: {error}") from None

    def _with_text(self, source: Source) -> Source:
        data = self._row(TEXT + source.file)
        if data is None:
            raise store.StoreError(f"no text of {source.file} in the store")
        return dataclasses.replace(source, text=data.decode("utf-8", "surrogatepass"))

    def _statement(self, decode: Callable[[list[Any]], Any], statement_id: str) -> Statement:
        data = self._row(RECORD + statement_id)
        if data is None:
            raise store.StoreError(f"no statement {statement_id} in the store")
        try:
            row = json.loads(data)
            statement = decode(row) if isinstance(row, list) else None
        except (ValueError, KeyError, TypeError, IndexError) as error:
            raise store.StoreError(f"the record of {statement_id} does not fit: {error}") from None
        if not isinstance(statement, Statement) or statement.id != statement_id:
            raise store.StoreError(f"the record of {statement_id} holds another statement")
        return statement

    def close(self) -> None:
        self._closing.close()


class StoredBytes:
    """Bytes stored in rows `PREFIX0`, `PREFIX1`, ... of `PIECE` bytes each, read (and
    their MACs checked) piece by piece as they are asked for, and kept."""

    def __init__(self, reader: store.Reader, prefix: str, size: object) -> None:
        if not isinstance(size, int) or size < 0:
            raise store.StoreError(f"{prefix}: no size")
        self._reader, self._prefix, self.size = reader, prefix, size
        self._pieces: dict[int, bytes] = {}

    def whole(self) -> bytes:
        return self.read(0, self.size)

    def read(self, start: int, stop: int) -> bytes:
        stop = min(stop, self.size)
        if stop <= start:
            return b""
        parts = []
        for piece in range(start // PIECE, (stop - 1) // PIECE + 1):
            parts.append(self._piece(piece)[max(start - piece * PIECE, 0) : stop - piece * PIECE])
        return b"".join(parts)

    def _piece(self, piece: int) -> bytes:
        data = self._pieces.get(piece)
        if data is None:
            try:
                data = self._reader.row(f"{self._prefix}{piece}")
            except sqlite3.Error as error:  # the file was truncated or damaged in place
                raise store.StoreError(f"{self._prefix}{piece}: {error}") from None
            if data is None or len(data) != min(PIECE, self.size - piece * PIECE):
                raise store.StoreError(f"{self._prefix}{piece} is missing or of another size")
            self._pieces[piece] = data
        return data


class StoredArray(Sequence[int]):
    """Unsigned 32-bit numbers (native byte order) in `StoredBytes`, read as they are
    sliced: a search reads the postings of the words it matches, not 100 MB of them."""

    def __init__(self, stored: StoredBytes) -> None:
        if stored.size % 4:
            raise store.StoreError(f"{stored.size} bytes is no whole number of numbers")
        self._stored = stored

    @overload
    def __getitem__(self, number: int) -> int: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[int]: ...
    def __getitem__(self, number: int | slice) -> int | Sequence[int]:
        length = len(self)
        if isinstance(number, slice):
            start, stop, step = number.indices(length)
            numbers = array("I")
            if stop > start:
                numbers.frombytes(self._stored.read(4 * start, 4 * stop))
            return numbers[::step] if step != 1 else numbers
        if number < 0:
            number += length
        if not 0 <= number < length:
            raise IndexError(number)
        return array("I", self._stored.read(4 * number, 4 * number + 4))[0]

    def __len__(self) -> int:
        return self._stored.size // 4


class _SourceTexts(Mapping[str, str]):
    """Seed texts by source id, as `row_decoder` cuts evidence sentences from them."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._sources = sources

    def __getitem__(self, source_id: str) -> str:
        return self._sources[source_id].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)
