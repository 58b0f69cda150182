"""Opening a fact base: the validated YAML, through a derived JSON cache when it is fresh.

YAML stays the source of truth. Parsing and validating a large base is slow (about 46 s
for 100k statements with PyYAML's C loader), so the validated result is kept as JSON
under the user's cache folder, keyed by the fact file's bytes, its folder and the
program version, and storing the sha256 of every seed it read. A cache entry is used
only when all of these still match; it is rewritten atomically, and JSON cannot run
code when read (pickle could). A cache that cannot be written is simply not written.

Next to an entry, side entries (`KEY.NAME.json`) keep what was derived from that very
base: `session` stores the search index there, so that a warm start does not fold 100k
statements again. A side entry carries the random `token` of the entry it was built
from and is used only while that entry is the one read; anything else is rebuilt. This
module knows nothing of search: it stores the payload it is given.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from factbrowser import __version__
from factbrowser.core.files import read_regular_file, regular_file_chunks
from factbrowser.core.model import FactBase
from factbrowser.core.text import sanitize

# The loader (YAML, validation, provenance) is imported only when the cache misses.

CACHE_FORMAT = 5  # 5: statements carry related and former_ids
MAX_FACT_FILE = 256 * 1024 * 1024  # load.MAX_FACT_FILE_BYTES
MAX_SEED = 64 * 1024 * 1024  # provenance.MAX_SEED_BYTES


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


def _key(path: Path) -> str | None:
    """The cache key: program version, cache format, the fact file's folder and its bytes,
    read like `load.read_fact_file` reads them (a regular file, size limit), hashed as
    they are read. None for anything unusual (no such file, a FIFO, a BOM, ...): such a
    file has no cache entry, and the loader then says what is wrong with it."""
    digest = hashlib.sha256()
    try:
        resolved = path.resolve()
        folder = str(resolved.parent).encode("utf-8", "surrogatepass")
        for part in (f"v{__version__}/c{CACHE_FORMAT}".encode(), folder):
            digest.update(part)
            digest.update(b"\0")
        for number, chunk in enumerate(regular_file_chunks(resolved, MAX_FACT_FILE)):
            if number == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                return None
            digest.update(chunk)
    except (OSError, ValueError, RuntimeError):
        return None
    return digest.hexdigest()


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (the loader's safe read), or None for anything else."""
    try:
        return read_regular_file(path, limit)
    except (OSError, ValueError):  # including NotRegularFile and TooLarge
        return None


def _seed_texts(path: Path, seeds_dir: str, seeds: dict[str, str]) -> dict[str, str] | None:
    """The texts of the seeds the entry was built from, as the loader makes them, or None
    unless every one is still there byte for byte. Read with the loader's rules (inside
    the seeds folder, regular files, UTF-8), without importing it: any doubt makes the
    entry stale, and the loader then says what is wrong."""
    texts: dict[str, str] = {}
    try:
        if "\0" in seeds_dir:
            return None
        root = (path.parent / seeds_dir).resolve(strict=True)
        for file, sha in seeds.items():
            if not isinstance(file, str) or not file or "\0" in file or os.path.isabs(file):
                return None
            target = (root / file).resolve()
            if not target.is_relative_to(root):
                return None
            raw = _read_regular(target, MAX_SEED)
            if raw is None or hashlib.sha256(raw).hexdigest() != sha:
                return None
            texts[file] = sanitize(raw.decode("utf-8"))  # as provenance.verify leaves it
    except (OSError, ValueError, RuntimeError, TypeError):  # UnicodeDecodeError is a ValueError
        return None
    return texts


def _read_json(entry: Path) -> Any:
    with open(entry, "rb") as handle:  # bytes: no newline translation, one UTF-8 decode
        return json.loads(handle.read())


def _read_cache(entry: Path, path: Path) -> tuple[FactBase, str] | None:
    """(base, token) from a cache entry, or None when it is missing, damaged or stale."""
    from factbrowser.core.serialize import from_rows

    try:
        data = _read_json(entry)
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or not isinstance(data.get("seeds"), dict)
            or not isinstance(data.get("token"), str)
        ):
            return None
        texts = _seed_texts(path, data["seeds_dir"], data["seeds"])
        if texts is None:
            return None
        base = from_rows(data["base"], texts)
        base.seeds_folder = (path.parent / data["seeds_dir"]).resolve(strict=True)
        return base, data["token"]
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # a damaged or foreign cache entry is ignored and rewritten


def _write_json(entry: Path, data: dict[str, Any]) -> bool:
    return _write_atomically(entry, lambda handle: json.dump(data, handle, ensure_ascii=False, separators=(",", ":")))


def _write_atomically(entry: Path, write: Callable[[TextIO], None]) -> bool:
    """Write through `write` to a temporary file renamed into place; False if it cannot be."""
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            write(handle)
        os.replace(tmp, entry)
        return True
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
        return False


def _write_cache(entry: Path, base: FactBase, seeds_dir: str) -> str | None:
    """Write the entry; its new token, or None if it could not be written."""
    from factbrowser.core.serialize import write_rows

    # The validated hash of the raw file: the text was sanitised, so hashing it would
    # never match a seed with control characters (a CRLF file, say) and never hit.
    seeds = {s.file: s.sha256 for s in base.sources.values()}
    token = os.urandom(16).hex()
    header = {"format": CACHE_FORMAT, "token": token, "seeds_dir": seeds_dir, "seeds": seeds}

    def write(handle: TextIO) -> None:  # the header's fields, then "base": the rows, streamed
        handle.write(json.dumps(header, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"base":')
        write_rows(base, handle, with_texts=False)
        handle.write("}")

    return token if _write_atomically(entry, write) else None


@dataclass(frozen=True, slots=True)
class Opened:
    """A validated base and the cache entry it came from (or was written to).

    `entry` and `token` are None when the base was not cached: then nothing derived from
    it (a search index) can be stored either. The token is the entry's random id, so a
    side entry written for one version of the base is never read for another.
    """

    base: FactBase
    entry: Path | None = None
    token: str | None = None


def open_fact_base(path: Path | str, use_cache: bool = True) -> FactBase:
    """Load `path` (validated), using and refreshing the cache where possible."""
    return open_cached(path, use_cache).base


def open_cached(path: Path | str, use_cache: bool = True) -> Opened:
    """Load `path` (validated) through the cache, with the entry it came from."""
    path = Path(path)
    folder = cache_dir() if use_cache else None
    key = _key(path) if folder is not None else None
    if folder is None or key is None:
        return Opened(_load(path))
    entry = folder / f"{key}.json"
    with _collector_paused():
        cached = _read_cache(entry, path) if entry.exists() else None
    if cached is not None:
        return Opened(cached[0], entry, cached[1])
    base = _load(path)
    # The folder the loader resolved (absolute: the key holds the fact file's folder).
    seeds_dir = str(base.seeds_folder) if base.seeds_folder is not None else None
    token = _write_cache(entry, base, seeds_dir) if seeds_dir is not None else None
    return Opened(base, entry if token else None, token)


def _load(path: Path) -> FactBase:
    from factbrowser.core.load import load

    with _collector_paused():
        return load(path)


def _side_entry(entry: Path, name: str) -> Path:
    return entry.with_name(entry.name.removesuffix(".json") + f".{name}.json")


def read_side_entry(opened: Opened, name: str) -> dict[str, Any] | None:
    """The payload stored beside `opened`'s entry under `name`, if it was written for
    exactly that entry; None when there is none, or it is damaged or stale."""
    if opened.entry is None:
        return None
    side = _side_entry(opened.entry, name)
    try:
        data = _read_json(side) if side.exists() else None
    except (OSError, ValueError):
        return None  # unreadable or not JSON: rebuilt and rewritten by the caller
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("token") != opened.token:
        return None
    payload = data.get("payload")
    return payload if isinstance(payload, dict) else None


def write_side_entry(opened: Opened, name: str, payload: dict[str, Any]) -> None:
    """Store `payload` beside `opened`'s entry (atomically; silently not where it cannot be)."""
    if opened.entry is None:
        return
    _write_json(_side_entry(opened.entry, name), {"format": CACHE_FORMAT, "token": opened.token, "payload": payload})


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Build many long-lived objects (an index) with the collector paused."""
    with _collector_paused():
        yield
