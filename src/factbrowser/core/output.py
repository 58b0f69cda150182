"""Writing an export: never onto what a fact base is made of, never half a file.

The guard works from what the loader resolved (`FactBase.seeds_folder`, the seeds it
read), never from a second, textual reading of the fact file: a value that YAML reads
one way and a line scan another (a quoted string running over several lines, say)
cannot point the guard at a decoy. Files are compared by device and inode as well as
by resolved path, so a symlink, a `..` spelling or a hard link (anywhere) to a fact file
or a seed is refused too.

The write itself goes to a temporary file in the target's folder, renamed over the
target only once every byte is on disk: a full disk or an interrupt leaves the old file
as it was, and a FIFO or a device in the target's place is never opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factbrowser.core.model import FactBase

# A seeds folder is walked to find hard links to its files; a hostile one may be huge.
MAX_FOLDER_ENTRIES = 100_000


class RefusedTarget(Exception):
    """The output path is one the export must not write (message says why and what to do)."""


@dataclass
class Protected:
    """What no export may write to: fact files, seeds folders, and files by inode."""

    fact_files: set[Path] = field(default_factory=set)
    seeds_folders: set[Path] = field(default_factory=set)
    fact_inodes: set[tuple[int, int]] = field(default_factory=set)
    seed_inodes: set[tuple[int, int]] = field(default_factory=set)

    def add_base(self, fact_file: Path, base: FactBase) -> None:
        """The opened base: its fact file, its resolved seeds folder and every seed it read."""
        self.add_fact_file(fact_file, base.seeds_folder)
        if base.seeds_folder is not None:
            for source in base.sources.values():
                _add_inode(self.seed_inodes, base.seeds_folder / source.file)

    def add_fact_file(self, fact_file: Path, seeds_folder: Path | None) -> None:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            self.fact_files.add(fact_file.resolve())
        _add_inode(self.fact_inodes, fact_file)
        if seeds_folder is not None and seeds_folder not in self.seeds_folders:
            self.seeds_folders.add(seeds_folder)
            for path in _files_under(seeds_folder):
                _add_inode(self.seed_inodes, path)


def _add_inode(inodes: set[tuple[int, int]], path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        info = os.stat(path)
        inodes.add((info.st_dev, info.st_ino))


def _files_under(folder: Path) -> Iterable[Path]:
    seen = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            seen += 1
            if seen > MAX_FOLDER_ENTRIES:
                return
            yield Path(root) / name


_FACT_REFUSAL = "refusing to overwrite the fact file {} with an export; choose another -o FILE"
_SEEDS_REFUSAL = (
    "refusing to write into the seeds folder {}: seeds are the unchanged source articles; choose another -o FILE"
)


def checked_target(target: Path, protected: Protected) -> Path:
    """The resolved path to write `target` to, or RefusedTarget saying why not."""
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop (RuntimeError on 3.11)
        raise RefusedTarget(f"cannot resolve {target}: too many levels of symbolic links") from None
    try:
        info: os.stat_result | None = os.stat(resolved)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise RefusedTarget(f"cannot write {target}: {error.strerror}") from None
    inode = (info.st_dev, info.st_ino) if info is not None else None
    if resolved in protected.fact_files or inode in protected.fact_inodes:
        raise RefusedTarget(_FACT_REFUSAL.format(_shown(resolved)))
    for folder in protected.seeds_folders:
        if resolved == folder or resolved.is_relative_to(folder):
            raise RefusedTarget(_SEEDS_REFUSAL.format(_shown(folder)))
    if inode in protected.seed_inodes:
        raise RefusedTarget(_SEEDS_REFUSAL.format(", ".join(sorted(map(_shown, protected.seeds_folders)))))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise RefusedTarget(
            f"refusing to write {target}: it is not a regular file (a FIFO, device or folder); "
            "choose a file name, or `-o -` for standard output"
        )
    return resolved


def _shown(path: Path) -> str:
    return os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")


def write_atomically(target: Path, payload: bytes) -> None:
    """Replace `target` (resolved, checked) by `payload` all at once. Raises OSError."""
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except BaseException:  # also ctrl+c: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    """The mode the written file gets: the old file's, or what a plain create would give."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
