"""The derived store: one SQLite file per fact base, authenticated, never trusted blindly.

A store file holds rows `entry(name, data, mac)`:
- `meta`: JSON with the store format, the program version, a random `token`, and the
  stamps of what it was built from: the fact file's resolved path, size, mtime and
  sha256, the seeds folder (`seeds_dir` as written and resolved) and every seed's
  resolved path, size, mtime and sha256;
- `base`: the validated base as `serialize.to_rows` without seed texts;
- `texts`: the seed texts as the loader left them (sanitised), by file name;
- `side:NAME`: payloads derived from that very base (the search index).

Trust: anyone who can write the cache folder can write this file, so every row carries
an HMAC-SHA256 keyed by a per-user secret kept outside the cache folder (mode 0600) and
bound to the row's name and the file's token; a row whose MAC does not match is never
parsed. Sizes are bounded before anything is read, and the file is opened only if it is
a regular file (a FIFO or a device in its place is refused without blocking).

Staleness is cheap: the size, mtime, ctime and inode of the fact file and of every seed
are compared with the stamps; only a file whose stamp differs is hashed, and a different hash makes
the store stale. A store is written to a temporary file in the same folder and renamed
into place, so readers (which open it read-only and immutable) never see half a file,
and two builders each rename a complete file: the last one wins.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import signal
import sqlite3
import stat
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factbrowser import __version__
from factbrowser.core.files import MAX_FACT_FILE_BYTES, MAX_SEED_BYTES, regular_file_chunks

# 9: stored arrays in pieces; 8: a head and the statement ids (a base read record by
# record); 7: statements carry
# related and former_ids; 6: one entry per record and per seed text
STORE_FORMAT = 9
MAX_STORE_BYTES = 8 * 1024 * 1024 * 1024  # far above a million statements (a few GB)
MAX_META_BYTES = 64 * 1024 * 1024
MAX_FACT_FILE = MAX_FACT_FILE_BYTES
MAX_SEED = MAX_SEED_BYTES
KEY_BYTES = 32
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".sqlite"
STALE_TEMP_SECONDS = 3600


class StoreError(Exception):
    """The store cannot be read (absent, damaged, forged, stale) or written."""


# -- the per-user key ----------------------------------------------------------------


def key_file() -> Path:
    explicit = os.environ.get("FACTBROWSER_KEY_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "factbrowser" / "cache.key"


def read_or_create_key(path: Path) -> bytes:
    """The secret in `path`, created (0600, in a 0700 folder) if absent. Raises StoreError
    for a key that is not a regular file of the right size owned by this user and
    readable by nobody else: such a key may be known to someone else."""
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, os.urandom(KEY_BYTES))
        finally:
            os.close(fd)
    except FileExistsError:
        pass  # another process created it in between: read theirs
    except OSError as error:
        raise StoreError(f"cannot create the cache key {path}: {error.strerror or error}") from None
    try:
        return _read_key(path)
    except OSError as error:
        raise StoreError(f"cannot read the cache key {path}: {error.strerror or error}") from None


def _read_key(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_size != KEY_BYTES
            or info.st_mode & 0o077
            or (hasattr(os, "getuid") and info.st_uid != os.getuid())
        ):
            raise StoreError(f"the cache key {path} is not a private {KEY_BYTES}-byte file of this user")
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise StoreError(f"the cache key {path} is not a private {KEY_BYTES}-byte file of this user")
    return key


# -- stamps: what a store was built from -----------------------------------------------


def file_hash(path: Path, limit: int) -> str:
    digest = hashlib.sha256()
    for chunk in regular_file_chunks(path, limit):
        digest.update(chunk)
    return digest.hexdigest()


def stamp(path: Path, sha256: str) -> dict[str, Any]:
    """What is compared cheaply: size, mtime, and the inode's change time and number,
    which no `touch` can set back (an edit that keeps size and mtime still shows)."""
    info = os.stat(path)
    return {"path": str(path), "sha256": sha256, **_cheap(info)}


def _cheap(info: os.stat_result) -> dict[str, int]:
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "ctime_ns": info.st_ctime_ns, "inode": info.st_ino}


def _still_matches(entry: Any, limit: int) -> bool:
    """Whether a stamped file is unchanged: same size and mtime, or else the same hash."""
    if not isinstance(entry, dict):
        return False
    path, sha = entry.get("path"), entry.get("sha256")
    if not isinstance(path, str) or not isinstance(sha, str) or "\0" in path:
        return False
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return False
        if all(entry.get(name) == value for name, value in _cheap(info).items()):
            return True
        return hmac.compare_digest(file_hash(Path(path), limit), sha)
    except (OSError, ValueError):
        return False


def _plainly_unchanged(root: str, file: str, entry: dict[str, Any]) -> bool:
    """The quick case of a seed's check, one `lstat` (at 5,000 seeds, resolving each
    path costs 0.2 s): a plain name in the resolved seeds folder that is a regular file
    (no link to follow, so it resolves to itself) with the stamp's size, times and inode.
    False means "look closer", not "changed"."""
    if "/" in file or "\0" in file or file in ("", ".", ".."):
        return False
    path = os.path.join(root, file)
    if entry.get("path") != path:
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and all(entry.get(name) == value for name, value in _cheap(info).items())


def is_fresh(meta: Mapping[str, Any], fact: Path) -> bool:
    """Whether the stamps in `meta` still describe the fact file `fact` (resolved) and
    its seeds, resolved again as the loader resolves them."""
    fact_stamp, seeds_dir, root, seeds = (meta.get(k) for k in ("fact", "seeds_dir", "seeds_root", "seeds"))
    if not isinstance(fact_stamp, dict) or fact_stamp.get("path") != str(fact):
        return False
    if not _still_matches(fact_stamp, MAX_FACT_FILE):
        return False
    if not isinstance(seeds_dir, str) or not isinstance(root, str) or not isinstance(seeds, dict):
        return False
    try:
        if "\0" in seeds_dir or str((fact.parent / seeds_dir).resolve(strict=True)) != root:
            return False
        for file, entry in seeds.items():
            if not isinstance(entry, dict) or not isinstance(file, str):
                return False
            if _plainly_unchanged(root, file, entry):
                continue
            if str((Path(root) / file).resolve()) != entry.get("path"):
                return False
            if not _still_matches(entry, MAX_SEED):
                return False
    except (OSError, ValueError, RuntimeError, TypeError):
        return False
    return True


# -- reading ---------------------------------------------------------------------------


def _mac(key: bytes, token: str, name: str, data: bytes) -> bytes:
    message = hmac.new(key, digestmod=hashlib.sha256)
    for part in (token.encode(), name.encode(), data):
        message.update(len(part).to_bytes(8, "big"))
        message.update(part)
    return message.digest()


@dataclass(slots=True)
class Reader:
    """An open store whose `meta` row was authenticated; rows are checked as they are read."""

    connection: sqlite3.Connection
    key: bytes
    meta: dict[str, Any]

    @property
    def token(self) -> str:
        return str(self.meta["token"])

    def row(self, name: str, limit: int = MAX_STORE_BYTES) -> bytes | None:
        """The authenticated bytes of row `name`; None if absent; StoreError if forged."""
        return _authenticated(self.connection, self.key, self.token, name, limit)

    def json(self, name: str) -> Any:
        data = self.row(name)
        if data is None:
            raise StoreError(f"no {name} in the store")
        try:
            return json.loads(data)
        except ValueError:
            raise StoreError(f"{name} is not JSON") from None


def _authenticated(connection: sqlite3.Connection, key: bytes, token: str, name: str, limit: int) -> bytes | None:
    found = connection.execute(
        "SELECT typeof(data), length(data), typeof(mac) FROM entry WHERE name = ?", (name,)
    ).fetchone()
    if found is None:
        return None
    if found[0] != "blob" or found[2] != "blob" or not 0 <= found[1] <= limit:
        raise StoreError(f"{name} is not a bounded blob")
    data, mac = connection.execute("SELECT data, mac FROM entry WHERE name = ?", (name,)).fetchone()
    if not hmac.compare_digest(bytes(mac), _mac(key, token, name, bytes(data))):
        raise StoreError(f"{name} does not carry this user's MAC")
    return bytes(data)


@contextlib.contextmanager
def reading(path: Path, key: bytes) -> Iterator[Reader]:
    """Open the store at `path` read-only, with its `meta` authenticated and of this
    program version. Raises StoreError for anything else (absent, not a regular file,
    too large, not SQLite, forged, another version), never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise StoreError(f"cannot open {path}: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_STORE_BYTES:
            raise StoreError(f"{path} is not a regular file of a bounded size")
        # The descriptor checked above, through /proc where there is one: the name can
        # not be swapped for a FIFO between the check and SQLite's own open.
        through = Path(f"/proc/self/fd/{fd}")
        target = through if through.exists() else path
        uri = f"file:{urllib.parse.quote(str(target))}?mode=ro&immutable=1"
        try:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {path}: {error}") from None
        try:
            meta = _meta(connection, key)
            yield Reader(connection, key, meta)
        except sqlite3.Error as error:  # not a database, truncated, malformed
            raise StoreError(f"{path}: {error}") from None
        finally:
            connection.close()
    finally:
        os.close(fd)


def _meta(connection: sqlite3.Connection, key: bytes) -> dict[str, Any]:
    data = _authenticated(connection, key, "", "meta", MAX_META_BYTES)
    if data is None:
        raise StoreError("no meta row")
    try:
        meta = json.loads(data)
    except ValueError:
        raise StoreError("meta is not JSON") from None
    if (
        not isinstance(meta, dict)
        or meta.get("format") != STORE_FORMAT
        or meta.get("version") != __version__
        or not isinstance(meta.get("token"), str)
    ):
        raise StoreError("a store of another format or version")
    return meta


# -- writing ---------------------------------------------------------------------------


def sweep_temp_files(folder: Path, now: float | None = None) -> None:
    """Remove this user's temporary store files older than an hour (left by a process
    that was killed outright, where no cleanup could run)."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
                if stat.S_ISREG(info.st_mode) and mine and now - info.st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


@contextlib.contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """While a store is written from the main thread, SIGTERM (and SIGHUP) end the
    process through SystemExit, so that the temporary file is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def leave(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            previous[number] = signal.signal(number, leave)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


Rows = Mapping[str, bytes] | Iterable[tuple[str, bytes]]


def _items(rows: Rows) -> Iterable[tuple[str, bytes]]:
    return rows.items() if isinstance(rows, Mapping) else rows


def write(path: Path, key: bytes, meta: dict[str, Any], rows: Rows) -> None:
    """Write a store with `meta` and `rows` to `path`, atomically (a temporary file in
    the same folder, renamed into place). Raises OSError or sqlite3.Error (read-only or
    full folder, ...); the temporary file is removed in any case, ctrl+c included."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep_temp_files(folder)
    fd, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    os.close(fd)
    tmp = Path(name)
    try:
        with _terminated_as_exit():
            _fill(tmp, key, meta, rows)
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _fill(tmp: Path, key: bytes, meta: dict[str, Any], rows: Rows) -> None:
    token = str(meta["token"])
    meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
    connection = sqlite3.connect(tmp)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("CREATE TABLE entry (name TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)")
        connection.execute(
            "INSERT INTO entry VALUES (?, ?, ?)", ("meta", meta_bytes, _mac(key, "", "meta", meta_bytes))
        )
        connection.executemany(
            "INSERT INTO entry VALUES (?, ?, ?)",
            ((name, data, _mac(key, token, name, data)) for name, data in _items(rows)),
        )
        connection.commit()
    finally:
        connection.close()


def copy_with(source: Reader, path: Path, extra: Mapping[str, bytes]) -> None:
    """Write `path` anew with the authentic rows of `source` and `extra` added (a forged
    row is dropped: the rows it derives from are still there to rebuild it)."""
    names = [str(n) for (n,) in source.connection.execute("SELECT name FROM entry WHERE name != 'meta'")]
    rows: dict[str, bytes] = {}
    for name in set(names) - set(extra):
        with contextlib.suppress(StoreError):
            data = source.row(name)
            if data is not None:
                rows[name] = data
    rows.update(extra)
    write(path, source.key, source.meta, rows)
