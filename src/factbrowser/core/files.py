"""Reading a file named by untrusted data: regular files only, never a FIFO, bounded.

Its own module so that the load cache can read files the way the loader does without
importing the loader (and PyYAML) on every warm start.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Generator
from pathlib import Path

# What the loader reads at most, in one place for the loader and the store's staleness
# check. A million statements of the benchmark generator's kind make 740 MiB of YAML.
MAX_FACT_FILE_BYTES = 1024 * 1024 * 1024
MAX_SEED_BYTES = 64 * 1024 * 1024


def fs_name(name: str) -> str:
    """A file name from the data (Unicode) as the OS spells it: its UTF-8 bytes.

    Under a non-UTF-8 locale (`LC_ALL=C PYTHONUTF8=0`) Python cannot encode `Ä` for the
    file system and every call on such a path raises UnicodeEncodeError; the UTF-8 bytes,
    decoded the way Python decodes names it gets from the OS (surrogateescape), reach
    the same file. Under a UTF-8 locale this is the name itself.
    """
    try:
        return os.fsdecode(name.encode("utf-8", "surrogateescape"))
    except UnicodeError:
        return name


class NotRegularFile(OSError):
    """A directory, FIFO, socket or device where a regular file was expected."""


class TooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read at most `limit` bytes of `path`, which must be a regular file (see
    `regular_file_chunks` for the rules)."""
    return b"".join(regular_file_chunks(path, limit))


def regular_file_chunks(path: Path, limit: int) -> Generator[bytes, None, None]:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes, in
    chunks: hashing a large file chunk by chunk never holds (or copies) all of it.

    The type is checked on the open descriptor (`fstat`), not on the name before opening,
    so the file cannot be swapped for a FIFO in between; and the open itself is
    non-blocking, so opening a FIFO (which would wait for a writer forever) returns at
    once and is then refused. A symlink at the last component is not followed: callers
    pass a path they have already resolved. Raises OSError (NotRegularFile, TooLarge).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(str(path))
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        size = 0
        while size <= limit:  # read to the end: st_size is 0 for files in /proc
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise TooLarge(size)
            yield chunk
    finally:
        os.close(fd)
