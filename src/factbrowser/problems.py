"""What is wrong with a fact base, said so that a person can fix it."""

from __future__ import annotations

from dataclasses import dataclass

from factbrowser.yamldoc import Path


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
        where = f"{self.file}:{self.line}: "
        field = f"{self.field}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"


def format_path(path: Path) -> str:
    """('statements', 3, 'evidence', 0, 'start') -> 'statements[3].evidence[0].start'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class FactBaseError(Exception):
    """Loading failed. `exit_code` is 1 for an invalid base, 2 for unreadable input."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class FactBaseInvalid(FactBaseError):
    exit_code = 1


class FactBaseUnreadable(FactBaseError):
    exit_code = 2
