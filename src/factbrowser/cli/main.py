"""The `factbrowser` command: argument parsing and dispatch, nothing else.

Subcommands that print (validate, stats, show, export, search, audit, ...) import only
the loader, the search engine and Rich. Textual is imported only when the app opens.
Exit codes (`cli.console`): 0 success, 1 invalid fact base, 2 usage error or unreadable
input, 3 a write error, 141 a broken pipe, 130 ctrl+c, 128+N signal N in the app.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from factbrowser import __version__
from factbrowser.cli.console import EXIT_USAGE
from factbrowser.core.problems import UsageError

ENTITY_TYPES = ("country", "person", "organization", "statement")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _data_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=Path,
        default=default,
        help="fact file to open (default: $FACTBROWSER_DATA, else data/facts.yaml in this folder or a parent, "
        "else the shipped fact base)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        default=default,
        help="always parse the YAML, neither reading nor writing the load cache",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factbrowser",
        description="Browse who said what about security guarantees for Ukraine, "
        "with the source sentence for every fact. Without a command, opens the app.",
        epilog="Run `factbrowser COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"factbrowser {__version__}")
    _data_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _data_option(sub, argparse.SUPPRESS)
        return sub

    validate = command("validate", "check the fact base against its sources; exit 1 if anything is wrong")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")

    stats = command("stats", "counts per kind, per source and per country")
    stats.add_argument("--json", action="store_true", help="print JSON")

    show = command("show", "one record with its evidence sentences in context")
    show.add_argument("id", help="an id of a statement, person, organization, country or source")
    show.add_argument("--json", action="store_true", help="print JSON")

    cite = command("cite", "a citation of a statement: verbatim words quoted, the curator's summary labelled")
    cite.add_argument("id", help="a statement id (a former id is accepted and named)")
    which = cite.add_mutually_exclusive_group()
    which.add_argument(
        "--evidence", type=_positive_int, default=1, metavar="N", help="cite evidence sentence N (1-based; 1)"
    )
    which.add_argument("--all", action="store_true", help="cite every evidence sentence")
    cite.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    export = command("export", "the whole fact base, normalised, as JSON, CSV or an SQLite database")
    export.add_argument(
        "--format",
        choices=("json", "csv", "sqlite"),
        default="json",
        help="sqlite: a plain database for Datasette or sqlite-utils (needs -o; docs/export-sqlite.md)",
    )
    export.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of stdout")
    chosen = export.add_argument_group("filters (as in the app; statements only, combined with AND)")
    chosen.add_argument("--country", metavar="ID", help="statements by or about this country (ISO code)")
    chosen.add_argument("--person", metavar="ID", help="statements by or about this person or organization")
    chosen.add_argument("--kind", choices=("quote", "claim", "commitment", "refusal", "figure", "event"))
    chosen.add_argument(
        "--period", metavar="YYYY[-MM]", type=_period, help="statements dated in this year or month, e.g. 2026-01"
    )
    chosen.add_argument(
        "--sources",
        choices=("all", "corroborated", "single"),
        default="all",
        help="corroborated: reported by several articles; single: by one",
    )

    search = command("search", "fuzzy search over names, countries and statements")
    search.add_argument("query", help="what to look for; records holding every word come first, 'word means exact")
    search.add_argument("--type", choices=ENTITY_TYPES, help="only results of this type")
    search.add_argument("--limit", type=_positive_int, default=10, metavar="N", help="at most N results (10)")
    search.add_argument("--json", action="store_true", help="print JSON")

    audit = command("audit", "list sentences no evidence cites and entity mentions no statement links")
    audit.add_argument("--json", action="store_true", help="print JSON")

    matrix = command("matrix", "countries x contributions: who commits or refuses what, and when")
    matrix.add_argument(
        "--period", metavar="YYYY[-MM]", type=_period, help="only statements dated in this year or month, e.g. 2025-09"
    )
    matrix.add_argument("--sort", choices=("country", "contributions"), default="country")
    matrix.add_argument("--json", action="store_true", help="print JSON")

    timeline = command("timeline", "statements by date, grouped by meeting, with changes of position")
    timeline.add_argument("--country", metavar="ID", help="only statements about this country (ISO code)")
    timeline.add_argument("--json", action="store_true", help="print JSON")

    mentions = command("mentions", "every sentence in the articles that names an entity")
    mentions.add_argument("id", help="a country, person or organization id")
    mentions.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _period(value: str) -> str:
    """A period as the data dates statements: a year or a month, written as in ISO 8601."""
    import re

    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a period: write a year (2025) or a month (2025-09)")
    return value


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _run_app(args: argparse.Namespace) -> int:
    from factbrowser.core.resources import shipped_facts
    from factbrowser.tui.app import run_app

    return run_app(args.data or shipped_facts(), use_cache=not args.no_cache)


def _handlers(command: str) -> Callable[[argparse.Namespace], int]:
    if command == "search":  # the most frequent command does not import the others
        from factbrowser.cli.search_command import search

        return search
    from factbrowser.cli import commands

    return {
        "validate": commands.validate,
        "stats": commands.stats,
        "show": commands.show,
        "cite": commands.cite,
        "export": commands.export,
        "audit": commands.audit,
        "matrix": commands.matrix,
        "timeline": commands.timeline,
        "mentions": commands.mentions,
    }[command]


def _choose_fact_file(args: argparse.Namespace) -> None:
    """Settle `args.data` once, for every command; say so when it was not named."""
    import os

    from factbrowser.core.resources import find_fact_base

    args.data, args.data_origin = find_fact_base(args.data, dict(os.environ), Path.cwd())
    if args.command is not None and args.data_origin not in (None, "--data"):
        print(f"factbrowser: reading {args.data} ({args.data_origin})", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    from factbrowser.cli.console import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_WRITE, STDOUT, OutputError
    from factbrowser.core.problems import FactBaseError

    _choose_fact_file(args)

    try:
        code = _run_app(args) if args.command is None else _handlers(args.command)(args)
        if sys.stdout is not None:  # what is still buffered fails here, not at exit
            STDOUT.flush()
        return code
    except FactBaseError as error:
        from factbrowser.cli.console import print_problems

        print_problems(error.problems, error.more)
        return error.exit_code
    except UsageError as error:
        _error(f"factbrowser: error: {error}")
        return EXIT_USAGE
    except OutputError as error:
        _drop_stdout()
        _error(f"factbrowser: error: {error}")
        return EXIT_WRITE
    except KeyboardInterrupt:
        _error("factbrowser: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `factbrowser export | head`: the reader left; stay quiet like other Unix tools.
        _drop_stdout()
        return EXIT_BROKEN_PIPE


def _tolerant_streams() -> None:
    """Never crash on a character the locale cannot encode (`LC_ALL=C`, `PYTHONIOENCODING=ascii`):
    it is written as `?` on standard output and as an escape on standard error. JSON is
    written as ASCII escapes there instead (`console.print_json`), so it stays exact."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(errors=errors)


def _error(message: str) -> None:
    """One line on stderr; nothing (rather than a traceback) when stderr is closed too."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(message, file=sys.stderr, flush=True)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered in it cannot
    fail again (with Python's own message) when the interpreter exits."""
    import os

    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        sys.stdout = None
