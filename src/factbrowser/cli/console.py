"""How every subcommand ends: its exit code, JSON on stdout, Rich text on a console.

Kept apart from the subcommands so that `factbrowser search` imports only this, not
every other command (Rich itself is imported only where something is printed as text).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

# The exit codes, named once for the CLI and the app in present.py (which says what each
# means); every command imports them from here.
from factbrowser.present import EXIT_BROKEN_PIPE as EXIT_BROKEN_PIPE
from factbrowser.present import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from factbrowser.present import EXIT_INVALID as EXIT_INVALID
from factbrowser.present import EXIT_OK as EXIT_OK
from factbrowser.present import EXIT_USAGE as EXIT_USAGE
from factbrowser.present import EXIT_WRITE as EXIT_WRITE

if TYPE_CHECKING:
    from rich.console import Console

    from factbrowser.core.problems import Problem


def progress_line(message: str) -> None:
    """A line on stderr about a long first read (stdout stays the command's output)."""
    if sys.stderr is not None:
        print(f"factbrowser: {message}", file=sys.stderr, flush=True)


class OutputError(Exception):
    """Standard output or the export file could not be written (one line, exit 3)."""


class _Stdout:
    """`sys.stdout` as Rich and the JSON printers see it: a write error becomes an
    OutputError (a closed standard output too, which Rich would silently drop), while a
    broken pipe stays BrokenPipeError for `main` to end quietly."""

    def write(self, text: str) -> int:
        try:
            return int(_stream().write(text))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None

    def flush(self) -> None:
        try:
            _stream().flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None

    def isatty(self) -> bool:
        return sys.stdout is not None and sys.stdout.isatty()

    def fileno(self) -> int:
        return int(_stream().fileno())

    @property
    def encoding(self) -> str:
        return getattr(sys.stdout, "encoding", None) or "utf-8"


def _stream() -> Any:
    if sys.stdout is None:  # started with `>&-`
        raise OutputError("cannot write to standard output: it is closed")
    return sys.stdout


STDOUT = _Stdout()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own answer is SystemExit(1), the code of an invalid fact base.
            self.quiet = True
            raise BrokenPipeError

    file: Any = None if stderr else STDOUT
    return _Console(file=file, stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=True)


def stdout_is_unicode() -> bool:
    """Whether standard output can carry every character (else JSON is written as ASCII)."""
    return STDOUT.encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf16", "utf32", "utf8sig")


def write_stdout(text: str) -> None:
    STDOUT.write(text)
    STDOUT.flush()


def print_json(data: Any) -> None:
    # JSON stays valid under any locale: escaped (\u00e4) where the output cannot hold "ä".
    write_stdout(json.dumps(data, ensure_ascii=not stdout_is_unicode(), indent=2) + "\n")


def print_problems(problems: list[Problem], more: dict[str, int] | None = None) -> None:
    """Each problem on a line; for a kind with more than were kept, how many more."""
    from rich.text import Text

    err = console(stderr=True)
    more = more or {}
    for problem in problems:
        err.print(Text(str(problem)))
    for kind, count in more.items():
        err.print(Text(f"… and {count} more problems like “{kind}” (not listed; fix the ones above first)"))
    if not more and all(problem.line == 0 for problem in problems):
        return  # the file could not be read at all: the hint says what to do
    total = len(problems) + sum(more.values())
    noun = "problem" if total == 1 else "problems"
    err.print(Text(f"{total} {noun}. Fix them and run `factbrowser validate` again.", style="bold"))
