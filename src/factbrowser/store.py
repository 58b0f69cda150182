"""Opening a fact base: the validated YAML, through a derived JSON cache when it is fresh.

YAML stays the source of truth. Parsing and validating a large base is slow (about 46 s
for 100k statements with PyYAML's C loader), so the validated result is kept as JSON
under the user's cache folder, keyed by the fact file's bytes, its folder and the
program version, and storing the sha256 of every seed it read. A cache entry is used
only when all of these still match; it is rewritten atomically, and JSON cannot run
code when read (pickle could). A cache that cannot be written is simply not written.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from factbrowser import __version__
from factbrowser.load import load, read_fact_file
from factbrowser.model import FactBase
from factbrowser.problems import FactBaseError
from factbrowser.provenance import SeedError, read_seed
from factbrowser.serialize import from_dict, to_dict
from factbrowser.yamldoc import YamlError, parse

CACHE_FORMAT = 1


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
    """Building many small objects triggers needless full collections: pause the GC."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _key(path: Path, text: str) -> str:
    digest = hashlib.sha256()
    for part in (f"v{__version__}/c{CACHE_FORMAT}", str(path.resolve().parent), text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _seeds_unchanged(path: Path, seeds_dir: str, seeds: dict[str, str]) -> bool:
    for file, sha in seeds.items():
        try:
            raw = read_seed(path.parent / seeds_dir, file)
        except SeedError:
            return False
        if hashlib.sha256(raw).hexdigest() != sha:
            return False
    return True


def _read_cache(entry: Path, path: Path) -> FactBase | None:
    try:
        with open(entry, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != CACHE_FORMAT or not isinstance(data.get("seeds"), dict):
            return None
        if not _seeds_unchanged(path, data["seeds_dir"], data["seeds"]):
            return None
        return from_dict(data["base"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a damaged or foreign cache entry is ignored and rewritten


def _write_cache(entry: Path, base: FactBase, seeds_dir: str) -> None:
    import yaml  # only to read seeds_dir once more; cheap for the top of the file

    del yaml
    seeds = {s.file: hashlib.sha256(s.text.encode("utf-8")).hexdigest() for s in base.sources.values()}
    data = {"format": CACHE_FORMAT, "seeds_dir": seeds_dir, "seeds": seeds, "base": to_dict(base, with_texts=True)}
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, entry)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)


def open_fact_base(path: Path | str, use_cache: bool = True) -> FactBase:
    """Load `path` (validated), using and refreshing the cache where possible."""
    path = Path(path)
    folder = cache_dir() if use_cache else None
    if folder is None:
        with _collector_paused():
            return load(path)
    text = read_fact_file(path)
    entry = folder / f"{_key(path, text)}.json"
    with _collector_paused():
        cached = _read_cache(entry, path) if entry.exists() else None
        if cached is not None:
            return cached
        base = load(path)
    seeds_dir = _seeds_dir_of(text)
    if seeds_dir is not None:
        _write_cache(entry, base, seeds_dir)
    return base


def _seeds_dir_of(text: str) -> str | None:
    """The `seeds_dir` value, read without a second full parse of a large file."""
    for line in text.splitlines()[:200]:
        if line.startswith("seeds_dir:"):
            value = line.split(":", 1)[1].split("#", 1)[0].strip()
            return value.strip("\"'") or None
    return None


def protected_paths(path: Path | str) -> tuple[Path, Path | None]:
    """The fact file and its seeds folder, resolved: what no command may ever write to.

    The seeds folder comes from `seeds_dir` in the file's text; None when the file cannot
    be read or names no folder (then there is nothing of it to protect either).
    """
    path = Path(path)
    fact = path.resolve()
    try:
        text = read_fact_file(path)
    except FactBaseError:
        return fact, None
    seeds_dir = _seeds_dir_of(text)
    if seeds_dir is None:
        try:
            top = parse(text).value
        except YamlError:
            return fact, None
        value = top.get("seeds_dir") if isinstance(top, dict) else None
        seeds_dir = value if isinstance(value, str) and value.strip() and "\0" not in value else None
    if seeds_dir is None:
        return fact, None
    return fact, (path.parent / seeds_dir).resolve()
