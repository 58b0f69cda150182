"""How every subcommand ends: its exit code, JSON on stdout, Rich text on a console.

Kept apart from the subcommands so that `factbrowser search` imports only this, not
every other command (Rich itself is imported only where something is printed as text).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from factbrowser.core.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_problems(problems: list[Problem]) -> None:
    from rich.text import Text

    err = console(stderr=True)
    for problem in problems:
        err.print(Text(str(problem)))
    if all(problem.line == 0 for problem in problems):
        return  # the file could not be read at all: the hint says what to do
    noun = "problem" if len(problems) == 1 else "problems"
    err.print(Text(f"{len(problems)} {noun}. Fix them and run `factbrowser validate` again.", style="bold"))
