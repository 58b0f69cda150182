"""The CLI subcommands that print: each takes parsed arguments and returns an exit code.

All data goes to the terminal as Rich `Text`, never as markup, so a name such as
`Ministry [/foo]` prints as written. Rich drops colour by itself for pipes, `NO_COLOR`
and `TERM=dumb`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from factbrowser.cli.console import (
    EXIT_OK,
    OutputError,
    console,
    print_json,
    progress_line,
    stdout_is_unicode,
    write_stdout,
)
from factbrowser.core.model import FactBase, Source, Statement
from factbrowser.core.serialize import to_dict
from factbrowser.present import HIGHLIGHT, one_line

if TYPE_CHECKING:
    from pathlib import Path

    from rich.text import Text


def _open(args: argparse.Namespace) -> FactBase:
    """The fact base the arguments name (--data, or the shipped one), validated."""
    from factbrowser.core.cache import open_fact_base
    from factbrowser.core.resources import shipped_facts

    return open_fact_base(args.data or shipped_facts(), use_cache=not args.no_cache, progress=progress_line)


# -- validate -------------------------------------------------------------------------


def validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.text import Text

    from factbrowser.core.resources import shipped_facts
    from factbrowser.core.reviews import load_reviews, reviews_path

    base = _open(args)  # raises with every problem listed
    load_reviews(reviews_path(Path(args.data or shipped_facts())))  # the audit's reviews, if any, are read too
    if not args.quiet:
        evidence = sum(len(s.evidence) for s in base.statements.values())
        console().print(
            Text(
                f"OK: {args.data}: {len(base.statements)} statements with {evidence} evidence sentences, "
                f"{len(base.countries)} countries, {len(base.people)} people, "
                f"{len(base.organizations)} organizations, {len(base.sources)} sources; "
                "every sentence is verbatim at its offsets."
            )
        )
    return EXIT_OK


# -- stats ----------------------------------------------------------------------------


def compute_stats(base: FactBase) -> dict[str, Any]:
    from factbrowser.core.analysis import reported_by_several

    statements = list(base.statements.values())
    per_source: Counter[str] = Counter()
    for statement in statements:
        per_source.update(statement.source_ids)
    per_country = Counter(c for s in statements for c in s.mentioned if c in base.countries)
    return {
        "records": {
            "sources": len(base.sources),
            "countries": len(base.countries),
            "people": len(base.people),
            "organizations": len(base.organizations),
            "statements": len(statements),
            "evidence": sum(len(s.evidence) for s in statements),
        },
        "per_kind": dict(Counter(s.kind for s in statements).most_common()),
        "per_source": {sid: per_source.get(sid, 0) for sid in base.sources},
        "per_country": dict(per_country.most_common()),
        "corroborated": sum(1 for s in statements if reported_by_several(s, base)),
    }


def stats(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    base = _open(args)
    data = compute_stats(base)
    if args.json:
        print_json(data)
        return EXIT_OK
    out = console()
    for title, counts, labels in (
        ("Records", data["records"], {}),
        ("Statements per kind", data["per_kind"], {}),
        ("Statements per source", data["per_source"], {k: s.label for k, s in base.sources.items()}),
        ("Statements per country", data["per_country"], {k: c.name for k, c in base.countries.items()}),
    ):
        table = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
        table.add_column(no_wrap=True)
        table.add_column(justify="right")
        for key, count in counts.items():
            table.add_row(Text(labels.get(key, key)), Text(str(count)))
        out.print(table)
        out.print()
    out.print(Text(f"Statements reported by more than one article: {data['corroborated']}"))
    return EXIT_OK


# -- show -----------------------------------------------------------------------------


def _context(source: Source, start: int, end: int) -> Text:
    """The paragraph (line) around start:end, with the span highlighted."""
    from rich.text import Text

    text = source.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    out = Text(text[line_start:line_end])
    out.stylize(HIGHLIGHT, start - line_start, end - line_start)
    return out


# The record types as `search --json` and `--type` name them: one vocabulary for both.
RECORD_TYPES = {
    "statements": "statement",
    "people": "person",
    "countries": "country",
    "organizations": "organization",
    "sources": "source",
}


def record_json(base: FactBase, record_id: str) -> dict[str, Any] | None:
    full = to_dict(base)
    for section, record_type in RECORD_TYPES.items():
        for item in full[section]:
            if item["id"] == record_id:
                return {"type": record_type, **item}
    return None


def _open_for(args: argparse.Namespace, record_id: str) -> FactBase:
    """The base `show` needs: from a fresh store, only the record and what it names
    (no whole base loaded, 100k statements or not); else the whole base as usual."""
    from factbrowser.core.record import open_record
    from factbrowser.core.resources import shipped_facts

    partial = None if args.no_cache else open_record(args.data or shipped_facts(), record_id)
    if partial is None or not _holds(partial, record_id):  # a former id resolves in the whole base
        return _open(args)
    return partial


def _holds(base: FactBase, record_id: str) -> bool:
    return record_id in base.statements or record_id in base.sources or base.entity(record_id) is not None


def _current_id(base: FactBase, record_id: str) -> tuple[str, str | None]:
    """(the id to show, the former id the reader gave or None): an old id names its successor."""
    if record_id in base.statements:
        return record_id, None
    statement, former = base.statement_or_former(record_id)
    if statement is not None and former is not None:
        return statement.id, former
    return record_id, None


def show(args: argparse.Namespace) -> int:
    from rich.text import Text

    from factbrowser.present import renamed_note

    base = _open_for(args, args.id)
    record_id, former = _current_id(base, args.id)
    data = record_json(base, record_id)
    if data is None:
        from factbrowser.core.problems import UsageError

        raise UsageError(f"no record with id {args.id!r}; try `factbrowser search {args.id}`")
    if args.json:
        print_json({**data, "requested_as_former_id": former} if former else data)
        return EXIT_OK
    out = console()
    if former:
        out.print(Text(renamed_note(former, record_id), style="bold"))
    args.id = record_id
    record_type = data.pop("type")
    out.print(Text(f"{record_type} {args.id}", style="bold"))
    for key, value in data.items():
        if key in ("evidence", "id") or value in (None, [], ""):
            continue
        if key == "speaker":
            value = f"{base.label(value)} ({value})"
        elif isinstance(value, list):
            value = ", ".join(
                f"{base.label(v)} ({v})" if isinstance(v, str) and base.entity(v) else str(v) for v in value
            )
        out.print(Text.assemble((f"{key}: ", "bold"), one_line(str(value))))
    for index, evidence in enumerate(data.get("evidence", []), 1):
        source = base.sources[evidence["source"]]
        out.print()
        out.print(
            Text(
                f"Evidence {index}/{len(data['evidence'])}: {source.label}, {source.file} "
                f"[{evidence['start']}:{evidence['end']}]",
                style="bold",
            )
        )
        out.print(_context(source, evidence["start"], evidence["end"]))
    if record_type == "source":
        out.print()
        out.print(Text(base.sources[args.id].text))
    return EXIT_OK


# -- cite -----------------------------------------------------------------------------


def cite(args: argparse.Namespace) -> int:
    from factbrowser.core.problems import UsageError
    from factbrowser.present import (
        EvidenceOutOfRange,
        build_citation,
        citation_json,
        citation_markdown,
        citation_text,
        renamed_note,
    )

    base = _open(args)
    statement, former = base.statement_or_former(args.id)
    if statement is None:
        hint = "cite takes a statement id" if base.entity(args.id) or args.id in base.sources else "no such statement"
        raise UsageError(f"{hint}: {args.id!r}; try `factbrowser search {args.id}`")
    if former:
        from rich.text import Text

        console(stderr=True).print(Text(renamed_note(former, statement.id)))
    try:
        citation = build_citation(base, statement, None if args.all else args.evidence - 1)
    except EvidenceOutOfRange as error:
        raise UsageError(f"--evidence: {error}") from None
    if args.format == "json":
        print_json(citation_json(citation))
    else:
        render = citation_markdown if args.format == "markdown" else citation_text
        write_stdout(render(citation) + "\n")
    return EXIT_OK


# -- export ---------------------------------------------------------------------------

CSV_COLUMNS = (
    "statement_id",
    "kind",
    "speaker",
    "speaker_name",
    "text",
    "text_en",
    "date",
    "date_basis",
    "countries",
    "people",
    "organizations",
    "contributions",
    "related",
    "source",
    "outlet",
    "published",
    "start",
    "end",
    "sentence",
)


def _csv_cell(value: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets: defuse it.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_csv(base: FactBase) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for statement in base.statements.values():
        for evidence in statement.evidence:
            source = base.sources[evidence.source]
            row = [
                *_csv_row(base, statement),
                evidence.source,
                source.outlet or "",
                source.published or "",
                str(evidence.start),
                str(evidence.end),
                evidence.sentence,
            ]
            writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _csv_row(base: FactBase, s: Statement) -> list[str]:
    return [
        s.id,
        s.kind,
        s.speaker or "",
        base.label(s.speaker) if s.speaker else "",
        s.text,
        s.text_en,
        s.date or "",
        s.date_basis,
        ";".join(s.countries),
        ";".join(s.people),
        ";".join(s.organizations),
        ";".join(s.contributions),
        ";".join(f"{link.relation}:{link.id}" for link in s.related),
    ]


def _filtered(base: FactBase, args: argparse.Namespace) -> FactBase:
    """The base with only the statements the export filters accept."""
    from factbrowser.core.analysis import StatementFilter

    for option, table in (("country", base.countries), ("person", {**base.people, **base.organizations})):
        value = getattr(args, option, None)
        if value is not None and value not in table:
            from factbrowser.core.problems import UsageError

            raise UsageError(f"--{option}: no record with id {value!r}; try `factbrowser search {value}`")
    chosen = StatementFilter(
        country=args.country, person=args.person, kind=args.kind, period=args.period, sources=args.sources, base=base
    )
    if chosen == StatementFilter():
        return base
    statements = {s.id: s for s in chosen.apply(base.statements.values())}
    return FactBase(base.sources, base.countries, base.people, base.organizations, statements)


def export(args: argparse.Namespace) -> int:
    from rich.text import Text

    from factbrowser.core import output
    from factbrowser.core.problems import UsageError

    to_stdout = args.output is None or str(args.output) == "-"
    if args.format == "sqlite" and to_stdout:
        raise UsageError("--format sqlite writes a database file: give -o FILE")
    base = _open(args)
    target = None
    if not to_stdout:
        try:
            target = output.checked_target(args.output, _protected(args, base))
        except output.RefusedTarget as refused:
            raise UsageError(str(refused)) from None
    base = _filtered(base, args)
    if args.format == "sqlite" and target is not None:
        _export_sqlite(base, target)
        console(stderr=True).print(Text(f"Wrote {args.output}"))
        return EXIT_OK
    if args.format == "csv":
        payload = export_csv(base)
    else:
        payload = json.dumps(to_dict(base), ensure_ascii=not stdout_is_unicode() and to_stdout, indent=2) + "\n"
    if target is None:
        write_stdout(payload)
        return EXIT_OK
    try:
        output.write_atomically(target, payload.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write {args.output}: {error.strerror or error}") from None
    console(stderr=True).print(Text(f"Wrote {args.output}"))
    return EXIT_OK


def _export_sqlite(base: FactBase, target: Path) -> None:
    """Write the database to `target` (resolved and checked by `output.checked_target`)."""
    import sqlite3

    from factbrowser.core.export_sqlite import write_sqlite

    try:
        write_sqlite(base, target)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OutputError(f"cannot write {target}: {reason}") from None


def _protected(args: argparse.Namespace, base: FactBase) -> Any:
    """The opened base as the loader resolved it, and every other fact base known here:
    the shipped one and a `data/facts.yaml` in the current folder or a parent."""
    from pathlib import Path

    from factbrowser.core.load import declared_seeds_folder
    from factbrowser.core.output import Protected
    from factbrowser.core.resources import shipped_facts

    protected = Protected()
    opened = args.data or shipped_facts()
    protected.add_base(opened, base)
    others = [shipped_facts()]
    here = Path.cwd()
    others += [folder / "data" / "facts.yaml" for folder in (here, *here.parents)]
    for other in others:
        if other.is_file() and not _same_file(other, opened):
            protected.add_fact_file(other, declared_seeds_folder(other))
    return protected


def _same_file(a: Any, b: Any) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# -- audit and the reports (their engines live in their own modules) -------------------


def audit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from factbrowser.cli.reports import run_audit
    from factbrowser.core.resources import shipped_facts

    return run_audit(args, _open(args), Path(args.data or shipped_facts()))


def matrix(args: argparse.Namespace) -> int:
    from factbrowser.cli.reports import run_matrix

    return run_matrix(args, _open(args))


def timeline(args: argparse.Namespace) -> int:
    from factbrowser.cli.reports import run_timeline

    return run_timeline(args, _open(args))


def mentions(args: argparse.Namespace) -> int:
    from factbrowser.cli.reports import run_mentions

    return run_mentions(args, _open(args))
