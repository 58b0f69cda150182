"""Opening a fact base: the validated YAML, through a derived SQLite store when it is fresh.

YAML stays the source of truth. Parsing and validating a large base takes seconds, so
the validated result is kept in one SQLite file per fact base under the user's cache
folder (`core.store`: authenticated rows, cheap staleness checks, atomic writes). A
store is used only when its stamps still match the fact file and every seed; anything
else (absent, stale, damaged, forged, another version, a FIFO) is rebuilt, never
trusted and never a crash. A cache folder that cannot be used (read-only, full, inside
the seeds folder, holding the fact file, no private key) costs one line on stderr and
the base is then loaded without a cache.

Beside the base, a store keeps side entries (`side:NAME`) derived from that very base:
`session` stores the search index there, so that a warm start does not fold 100k
statements again. A side entry is read only from the store it was written to (the same
random `token`); this module knows nothing of search: it stores the payload it is given.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import itertools
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factbrowser import __version__
from factbrowser.core import lazy, store
from factbrowser.core.model import FactBase
from factbrowser.core.store import MAX_FACT_FILE, MAX_SEED, StoreError

# The loader (YAML, validation, provenance) is imported only when the cache misses.

_SIDE = "side:"
_BLOBS = "__blobs__"  # a side payload's keys whose bytes are rows of their own
RECORD = "record:"
TEXT = "text:"
_log = logging.getLogger("factbrowser.cache")
_warned: set[str] = set()

Derive = Callable[[FactBase], dict[str, Any]]
Progress = Callable[[str], None]  # one line of what a long first read is doing
BIG_FACT_FILE = 16 * 1024 * 1024  # from here on a first read takes long enough to say so


def cache_dir() -> Path | None:
    if os.environ.get("FACTBROWSER_NO_CACHE"):
        return None
    explicit = os.environ.get("FACTBROWSER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factbrowser"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building many small objects triggers needless full collections: pause the GC.

    Afterwards the objects built (a base or an index: millions of long-lived, acyclic
    objects at 100k statements) are frozen out of the collector's generations
    (`gc.freeze`), or every later full collection would walk them all again, 0.3 s
    each at 100k, in the middle of someone's typing. They are still freed by reference
    counting when dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def entry_for(path: Path | str) -> Path | None:
    """Where the store of the fact file `path` is (it may not exist); None without a cache.
    One file per fact base (its resolved path): a store of another program version or
    format is replaced in place, not left beside it."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        fact = Path(path).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    name = f"factbrowser-store\0{fact}".encode("utf-8", "surrogatepass")
    return folder / f"{hashlib.sha256(name).hexdigest()[:40]}.sqlite"


def _warn(message: str) -> None:
    """One line on stderr (through logging's last-resort handler), once per process."""
    if message not in _warned:
        _warned.add(message)
        _log.warning("factbrowser: %s", message)


def usable_folder(folder: Path, fact: Path, seeds_root: Path | None) -> bool:
    """Whether the cache may live in `folder`: never where the fact file or the seeds are."""
    try:
        resolved = folder.resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    if fact.is_relative_to(resolved):
        _warn(f"the cache folder {resolved} holds the fact file: running without a cache")
        return False
    if seeds_root is not None and resolved.is_relative_to(seeds_root):
        _warn(f"the cache folder {resolved} is inside the seeds folder: running without a cache")
        return False
    return True


def secret_for(folder: Path) -> bytes | None:
    """This user's store key, kept outside the cache folder; None (and a warning) if unusable."""
    path = store.key_file()
    try:
        if path.resolve().is_relative_to(folder.resolve()):
            _warn(f"the cache key {path} is inside the cache folder: running without a cache")
            return None
        return store.read_or_create_key(path)
    except StoreError as error:
        _warn(f"{error}: running without a cache")
    except (OSError, ValueError, RuntimeError) as error:
        _warn(f"cannot use the cache key {path} ({error}): running without a cache")
    return None


@dataclass(frozen=True, slots=True)
class Opened:
    """A validated base and the store it came from (or was written to).

    `entry` and `token` are None when the base was not cached: then nothing derived from
    it (a search index) can be stored either. The token is the store's random id, so a
    side entry written for one version of the base is never read for another.
    """

    base: FactBase
    entry: Path | None = None
    token: str | None = None
    secret: bytes | None = field(default=None, repr=False)
    sides: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # read with a lazy base


@dataclass(frozen=True, slots=True)
class StoreFile:
    """Where the store of a fact file is, and the key that authenticates it."""

    entry: Path
    fact: Path  # the fact file, resolved
    secret: bytes = field(repr=False)


def store_file(path: Path | str) -> StoreFile | None:
    """The store `path` has, if there is one and its folder and key may be used."""
    path = Path(path)
    entry = entry_for(path)
    if entry is None or not os.path.lexists(entry):
        return None
    fact = path.resolve()
    secret = secret_for(entry.parent) if usable_folder(entry.parent, fact, None) else None
    return None if secret is None else StoreFile(entry, fact, secret)


def fresh_root(reader: store.Reader, found: StoreFile) -> Path | None:
    """The seeds folder an open store was built from, if the store is fresh (the fact
    file and every seed as stamped) and the folders may be used; else None."""
    root = reader.meta.get("seeds_root")
    if not isinstance(root, str) or not usable_folder(found.entry.parent, found.fact, Path(root)):
        return None
    return Path(root) if store.is_fresh(reader.meta, found.fact) else None


def open_fact_base(path: Path | str, use_cache: bool = True, progress: Progress | None = None) -> FactBase:
    """Load `path` (validated), using and refreshing the cache where possible."""
    return open_cached(path, use_cache, progress=progress).base


def open_cached(
    path: Path | str,
    use_cache: bool = True,
    sides: Mapping[str, Derive] | None = None,
    progress: Progress | None = None,
) -> Opened:
    """Load `path` (validated) through the cache, with the store it came from. When the
    store is built, `sides` (name -> payload of the base) are derived and stored with it.
    `progress` hears what a long first read of a large fact file is doing."""
    path = Path(path)
    if progress is not None and _size(path) < BIG_FACT_FILE:
        progress = None  # a small base is read before anyone would wonder
    entry = entry_for(path) if use_cache else None
    if entry is None:
        return Opened(_load(path)[0])
    fact = path.resolve()
    secret = secret_for(entry.parent) if usable_folder(entry.parent, fact, None) else None
    if secret is None:
        return Opened(_load(path)[0])
    with _collector_paused():
        cached = _read(entry, secret, fact)
    if cached is not None:
        return cached
    fact_stamp = _fact_stamp(fact)
    started = time.monotonic()
    if progress is not None:
        progress(
            f"no stored copy of {path} ({_size(path) // 2**20} MiB) yet: reading and checking it"
            " once, which takes a while at this size (later runs read the stored copy)"
        )
    base, seeds_dir = _load(path)
    if fact_stamp is None or seeds_dir is None:
        return Opened(base)
    if progress is not None:
        progress(
            f"read and checked {len(base.statements):,} statements in {time.monotonic() - started:.0f} s;"
            " storing them with their search index"
        )
    token = _write(entry, secret, fact_stamp, fact, base, seeds_dir, sides or {})
    if progress is not None and token:
        progress(f"stored in {time.monotonic() - started:.0f} s in all, in {entry}")
    return Opened(base, entry if token else None, token, secret if token else None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader says why


def _fact_stamp(fact: Path) -> dict[str, Any] | None:
    """The fact file's stamp, taken before loading it (stat, then hash): a change from
    then on shows as a stale store. None if it cannot be read (the loader says why)."""
    try:
        stamped = store.stamp(fact, "")
        stamped["sha256"] = store.file_hash(fact, MAX_FACT_FILE)
    except (OSError, ValueError):
        return None
    return stamped


def _read(entry: Path, secret: bytes, fact: Path) -> Opened | None:
    """The base in the store at `entry` if it is authentic and fresh, else None."""
    from factbrowser.core.serialize import from_rows

    if not os.path.lexists(entry):
        return None
    try:
        with store.reading(entry, secret) as reader:
            root = fresh_root(reader, StoreFile(entry, fact, secret))
            if root is None:
                return None
            texts = reader.json("texts")
            if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
                return None
            base = from_rows(reader.json("base"), texts)
            base.seeds_folder = root  # what the export guard protects, as the loader resolved it
            return Opened(base, entry, reader.token, secret)
    except (StoreError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # rebuilt and rewritten by the caller


def _write(
    entry: Path,
    secret: bytes,
    fact_stamp: dict[str, Any],
    fact: Path,
    base: FactBase,
    seeds_dir: str,
    sides: Mapping[str, Derive],
) -> str | None:
    """Write the store of `base`; its new token, or None if it could not be written."""
    try:
        root = (fact.parent / seeds_dir).resolve(strict=True)
        if not usable_folder(entry.parent, fact, root):
            return None
        seeds = {source.file: _seed_stamp(root, source.file, source.sha256) for source in base.sources.values()}
    except (OSError, ValueError, RuntimeError):
        return None
    if any(seed is None for seed in seeds.values()):
        return None  # a seed changed since it was loaded: this base is already stale
    token = os.urandom(16).hex()
    meta = {
        "format": store.STORE_FORMAT,
        "version": __version__,
        "token": token,
        "fact": fact_stamp,
        "seeds_dir": seeds_dir,
        "seeds_root": str(root),
        "seeds": seeds,
    }
    rows = {
        "base": _rows_bytes(base),
        "texts": _json_bytes({s.file: s.text for s in base.sources.values()}),
        lazy.HEAD: _rows_bytes(_head(base)),
        **dict(lazy.statement_rows(list(base.statements))),
    }
    for name, derive in sides.items():
        rows.update(_side_rows(name, derive(base)))
    try:
        store.write(entry, secret, meta, itertools.chain(rows.items(), _record_entries(base)))
    except (OSError, sqlite3.Error) as error:
        _warn(f"cannot write the cache in {entry.parent} ({_reason(error)}): running without it")
        return None
    return token


def _head(base: FactBase) -> FactBase:
    """The base without its statements, for `core.lazy`; its sources' texts are left
    out, so the entities' evidence sentences are written out (a lazy base reads a seed
    text only for a statement it shows)."""
    sources = {key: dataclasses.replace(source, text="") for key, source in base.sources.items()}
    return dataclasses.replace(base, sources=sources, statements={})


def _side_rows(name: str, payload: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """A side payload's rows: its bytes values as rows of their own in pieces of
    `lazy.PIECE` bytes (no JSON, no base64; a reader checks only the pieces it reads),
    the rest as JSON naming them with their sizes."""
    blobs = {key: value for key, value in payload.items() if isinstance(value, bytes)}
    rest = {key: value for key, value in payload.items() if key not in blobs}
    yield _SIDE + name, _json_bytes({**rest, _BLOBS: {key: len(value) for key, value in blobs.items()}})
    for key, value in blobs.items():
        yield from lazy.pieces(f"{_SIDE}{name}:{key}", value)


def _record_entries(base: FactBase) -> Iterator[tuple[str, bytes]]:
    """One entry per record (`record:TABLE:ID`) and per seed text (`text:FILE`), plus the
    rows' `fields`: what `open_record` reads without the whole base."""
    from factbrowser.core.serialize import record_rows, row_fields

    yield "fields", _json_bytes(row_fields())
    for table, record_id, row in record_rows(base):
        yield f"{RECORD}{table}:{record_id}", _json_bytes(row)
    for source in base.sources.values():
        yield f"{TEXT}{source.file}", source.text.encode("utf-8", "surrogatepass")


def _seed_stamp(root: Path, file: str, sha256: str) -> dict[str, Any] | None:
    seed = (root / file).resolve()
    stamped = store.stamp(seed, sha256)  # stat first: a later change shows in the stamp
    return stamped if store.file_hash(seed, MAX_SEED) == sha256 else None


def _reason(error: BaseException) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or type(error).__name__


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _rows_bytes(base: FactBase) -> bytes:
    from factbrowser.core.serialize import write_rows

    # Encoded as written: a StringIO of non-Latin text holds 4 bytes a character.
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogatepass", write_through=True)
    write_rows(base, out, with_texts=False)
    out.flush()
    data = raw.getvalue()
    out.detach()
    return data


def _load(path: Path) -> tuple[FactBase, str | None]:
    from factbrowser.core.load import load_with_seeds_dir

    with _collector_paused():
        return load_with_seeds_dir(path)


def open_lazy(path: Path | str, streamed_sides: Mapping[str, frozenset[str]]) -> Opened | None:
    """The base at `path` read record by record from its fresh, authentic store (see
    `core.lazy`), which stays open with it, and the side payloads named in
    `streamed_sides` (as `Opened.sides`), whose blobs named there are `lazy.StoredArray`s
    read as they are sliced; None when there is no such store (the caller then opens
    the base as usual, which builds one)."""
    found = store_file(path)
    if found is None:
        return None
    closing = contextlib.ExitStack()
    try:
        reader = closing.enter_context(store.reading(found.entry, found.secret))
        root = fresh_root(reader, found)
        if root is None:
            raise StoreError("stale, or its folders may not be used")
        opened = lazy.LazyBase(reader, closing)
        sides = {name: _side_payload(reader, name, streamed) for name, streamed in streamed_sides.items()}
    except (StoreError, ValueError, KeyError, TypeError, IndexError, AttributeError, sqlite3.Error):
        closing.close()
        return None
    opened.base.seeds_folder = root
    return Opened(
        opened.base, found.entry, reader.token, found.secret, {k: v for k, v in sides.items() if v is not None}
    )


def _side_payload(reader: store.Reader, name: str, streamed: frozenset[str]) -> dict[str, Any] | None:
    """The payload `_side_rows` wrote; the blobs named in `streamed` as `StoredArray`s
    that read (and check) their pieces as they are sliced, the others read whole."""
    data = reader.row(_SIDE + name)
    payload = json.loads(data) if data is not None else None
    if not isinstance(payload, dict):
        return None
    blobs = payload.pop(_BLOBS, {})
    if not isinstance(blobs, dict) or not all(isinstance(size, int) and size >= 0 for size in blobs.values()):
        return None
    for key, size in blobs.items():
        stored = lazy.StoredBytes(reader, f"{_SIDE}{name}:{key}#", size)
        payload[key] = lazy.StoredArray(stored) if key in streamed else stored.whole()
    return payload


def read_side_entry(opened: Opened, name: str) -> dict[str, Any] | None:
    """The payload stored under `name` in exactly `opened`'s store; None when there is
    none, or it is damaged, forged or from another build."""
    if opened.entry is None or opened.secret is None:
        return None
    try:
        with store.reading(opened.entry, opened.secret) as reader:
            if reader.token != opened.token:
                return None
            return _side_payload(reader, name, frozenset())
    except (StoreError, ValueError, TypeError, sqlite3.Error):
        return None


def write_side_entry(opened: Opened, name: str, payload: dict[str, Any]) -> None:
    """Store `payload` in `opened`'s store (a new file renamed into place; silently not
    where it cannot be, or when the store was replaced meanwhile)."""
    if opened.entry is None or opened.secret is None:
        return
    with contextlib.suppress(StoreError, OSError, sqlite3.Error), store.reading(opened.entry, opened.secret) as reader:
        if reader.token == opened.token:
            store.copy_with(reader, opened.entry, dict(_side_rows(name, payload)))


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Build many long-lived objects (an index) with the collector paused."""
    with _collector_paused():
        yield
