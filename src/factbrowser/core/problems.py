"""What is wrong with a fact base, said so that a person can fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factbrowser.core.text import sanitize

if TYPE_CHECKING:  # the app imports this module before its first frame: keep YAML out
    from factbrowser.core.yamldoc import Path


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    path: Path
    message: str
    hint: str = ""

    @property
    def field(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        """One line, safe to print: a key or value quoted from the file may hold anything.

        A message can quote an unknown key or a wrong value verbatim, and those come from
        the untrusted file (`"\\e]0;title\\a": 1` is a valid YAML key); control characters
        are shown as visible stand-ins and line breaks as ␤, so nothing reaches the terminal
        raw and one problem stays one line.
        """
        where = f"{self.file}:{self.line}: " if self.line > 0 else f"{self.file}: "  # 0: the file as a whole
        field = f"{self.field}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return _one_line(f"{where}{field}{self.message}{hint}")


def _one_line(text: str) -> str:
    return sanitize(text).replace("\n", "\u2424").replace("\t", "\u2409")


MAX_PER_KIND = 50
# What varies between two problems of one kind: quoted names and values, and numbers.
_VARYING = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\d+")


def kind_of(message: str) -> str:
    """The kind of a problem: its message without the names, values and numbers in it,
    e.g. "unknown field `…`" for every unknown field."""
    return _VARYING.sub("…", message)[:80]


class ProblemCounter:
    """Keeps the first `MAX_PER_KIND` problems of each kind and counts the rest.

    `muted(kind)` says, before a costly message is built (a "did you mean" search, the
    closest sentence in a seed), that it would not be shown: the work is skipped and the
    problem only counted. That bounds a file with 10^5 problems of one kind to the cost of
    reading it.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.more: dict[str, int] = {}
        self._counts: dict[str, int] = {}

    def muted(self, kind: str) -> bool:
        count = self._counts.get(kind, 0)
        if count < MAX_PER_KIND:
            return False
        self._counts[kind] = count + 1
        self.more[kind] = self.more.get(kind, 0) + 1
        return True

    def keep(self, kind: str) -> bool:
        """Count a problem of `kind`; whether it is one to keep (False: counted only)."""
        if self.muted(kind):
            return False
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return True


def format_path(path: Path) -> str:
    """('statements', 3, 'evidence', 0, 'start') -> 'statements[3].evidence[0].start'."""
    out = ""
    for part in path:
        if isinstance(part, str) and len(part) > 60:  # an unknown key can be any length
            part = part[:59] + "…"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class FactBaseError(Exception):
    """Loading failed. `exit_code` is 1 for an invalid base, 2 for unreadable input.

    `problems` holds at most `MAX_PER_KIND` problems of each kind; `more` counts, per
    kind, those left out (10^5 bad list items would otherwise print 12 MB).
    """

    exit_code = 1

    def __init__(self, problems: list[Problem], more: dict[str, int] | None = None) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.more = more or {}

    @property
    def total(self) -> int:
        return len(self.problems) + sum(self.more.values())


class FactBaseInvalid(FactBaseError):
    exit_code = 1


class FactBaseUnreadable(FactBaseError):
    exit_code = 2


class UsageError(Exception):
    """Bad arguments or a refused request: printed as one line, exit 2."""
