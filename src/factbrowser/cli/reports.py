"""`factbrowser matrix`, `timeline` and `mentions`: analysis results as Rich tables or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factbrowser.cli.console import EXIT_OK, console, print_json
from factbrowser.core.analysis import (
    COLUMN_LABELS,
    commitments_matrix,
    matrix_json,
    position_changes,
    timeline,
)
from factbrowser.core.audit import AuditReport
from factbrowser.core.mentions import NameMatch
from factbrowser.core.model import FactBase, Statement
from factbrowser.present import (
    CLI_ROLES,
    DIM,
    MARK_STYLE,
    highlight_segments,
    name_spans,
    one_line,
    source_place,
    statement_line,
    styled,
)


def _check_id(base: FactBase, entity_id: str | None, countries_only: bool = False) -> None:
    if entity_id is None:
        return
    known = base.countries if countries_only else {**base.countries, **base.people, **base.organizations}
    if entity_id not in known:
        from factbrowser.core.problems import UsageError

        what = "country" if countries_only else "country, person or organization"
        if entity_id in base.sources or entity_id in base.statements:
            kind = "an article" if entity_id in base.sources else "a statement"
            raise UsageError(
                f"{entity_id!r} is {kind}, not a {what}; `factbrowser show {entity_id}` shows it with its sentences"
            )
        raise UsageError(f"no {what} with id {entity_id!r}; `factbrowser search {entity_id}` finds ids by name")


SHORT_COLUMNS = {
    "ground_troops_in_ukraine": "TRP",
    "forces_on_nato_territory": "NATO",
    "air": "AIR",
    "sea": "SEA",
    "training": "TRN",
    "logistics": "LOG",
    "weapons_and_funding": "W&F",
    "monitoring": "MON",
    "demining": "DEM",
    "security_guarantees": "GUA",
    "refuses": "REF",
    "undecided": "UND",
}


def run_matrix(args: argparse.Namespace, base: FactBase) -> int:
    matrix = commitments_matrix(base, period=args.period, sort=args.sort)
    if args.json:
        print_json(matrix_json(base, matrix))
        return EXIT_OK
    out = console()
    used = [c for c in matrix.columns if any(row[c].statements for row in matrix.rows.values())]
    with_dates = out.width >= 40 + 9 * len(used)  # a date per cell only where it fits
    headers = [SHORT_COLUMNS.get(column, column) for column in used]
    roomy = out.width >= 24 + sum(len(header) + 3 for header in headers)  # a space each side of a header
    table = Table(
        title="Who sends what: ✓ commits, ✗ refuses, ? undecided" + (" (latest date YY-MM)" if with_dates else ""),
        title_justify="left",
        pad_edge=False,
        padding=(0, 1) if roomy else (0, 0),
    )
    # When the terminal is narrow the label column gives way, never a header: the legend
    # below explains the headers, so a cut one ("T…") could not be looked up.
    table.add_column("country / organization", no_wrap=True, overflow="ellipsis", min_width=8)
    for header in headers:
        table.add_column(header, justify="center", no_wrap=True, min_width=len(header))
    for country, row in matrix.rows.items():
        cells = []
        for column in used:
            cell = row[column]
            if not cell.statements:
                cells.append(Text(""))
                continue
            short = f" {(cell.latest or '')[2:7]}" if with_dates else ""  # 2025-09-05 -> 25-09
            cells.append(Text.assemble((cell.mark, MARK_STYLE.get(cell.mark, "")), short))
        table.add_row(Text(base.label(country)), *cells)
    out.print(table)
    legend = ", ".join(f"{SHORT_COLUMNS[c]} {COLUMN_LABELS.get(c, c)}" for c in used)
    out.print(Text(legend, style="dim"))
    out.print(Text("Each cell's statements and sources: factbrowser matrix --json, or key m in the app.", style="dim"))
    return EXIT_OK


def _statement_line(base: FactBase, statement: Statement) -> Text:
    """The app's timeline line (present.statement_line), the speaker not cut: a terminal wraps."""
    return Text.assemble(*styled(statement_line(base, statement, speaker_width=None), CLI_ROLES))


def run_timeline(args: argparse.Namespace, base: FactBase) -> int:
    _check_id(base, args.country, countries_only=True)
    periods = timeline(base, args.country)
    changes = position_changes(base, args.country)
    if args.json:
        print_json(
            {
                "periods": [
                    {"period": p.key, "events": [s.id for s in p.events], "statements": [s.id for s in p.statements]}
                    for p in periods
                ],
                "changes": [
                    {
                        "country": c.country,
                        "before": [_position_json(s) for s in c.before],
                        "after": [_position_json(s) for s in c.after],
                    }
                    for c in changes
                ],
            }
        )
        return EXIT_OK
    out = console()
    for period in periods:
        out.print(Text(f"── {period.key} ──", style="bold"))
        for statement in period.events + period.statements:
            out.print(_statement_line(base, statement))
        out.print()
    out.print(Text("Changes of position (dated statements on both sides)", style="bold underline"))
    if not changes:
        out.print(Text("none in the fact base" + (f" for {base.label(args.country)}" if args.country else "")))
    for change in changes:
        out.print(Text(base.label(change.country), style="bold"))
        for label, side in (("before", change.before), ("after ", change.after)):
            for statement in side:
                out.print(Text.assemble(f"  {label}: ", _statement_line(base, statement)))
    return EXIT_OK


def _position_json(statement: Statement) -> dict[str, object]:
    return {
        "id": statement.id,
        "date": statement.date,
        "date_basis": statement.date_basis,
        "kind": statement.kind,
        "contributions": list(statement.contributions),
        "sources": list(statement.source_ids),
    }


def run_mentions(args: argparse.Namespace, base: FactBase) -> int:
    from factbrowser.core.mentions import find_mentions

    _check_id(base, args.id)
    mentions = find_mentions(base, args.id)
    if args.json:
        print_json([m.to_json() for m in mentions])
        return EXIT_OK
    out = console()
    out.print(Text(f"{base.label(args.id)}: {len(mentions)} sentences", style="bold"))
    for mention in mentions:
        out.print(Text(source_place(base, mention.source, mention.start, mention.end), style=DIM))
        out.print(_sentence_text(mention.sentence, mention.start, mention.matches))
    return EXIT_OK


# -- audit ----------------------------------------------------------------------------


def _console() -> Console:
    return console()


def _sentence_text(sentence: str, start: int, matches: Iterable[NameMatch] = ()) -> Text:
    """The sentence on one line, its naming words highlighted as the app's mention rows."""
    return Text.assemble(*highlight_segments(sentence, name_spans(matches, start)))


def _print_uncited(out: Console, base: FactBase, report: AuditReport) -> None:
    out.print(Text("Sentences no evidence cites", style="bold underline"))
    for item in report.sources:
        source = base.sources[item.source]
        out.print()
        out.print(
            Text(
                f"{source.label} ({source.file}): {len(item.uncited)} of {item.sentences} sentences uncited",
                style="bold",
            )
        )
        # One print for all of a source's lines: a print costs ~1 ms of Rich's set-up, and
        # a seed of abbreviations on one long line has 20k sentences.
        lines = [
            Text.assemble(
                (f"  [{sentence.start}:{sentence.end}] ", "dim"), _sentence_text(sentence.sentence, sentence.start)
            )
            for sentence in item.uncited
        ]
        if lines:
            out.print(Text("\n").join(lines))


def _print_unlinked(out: Console, base: FactBase, report: AuditReport) -> None:
    out.print(Text("Mentions in cited sentences that a citing statement does not link", style="bold underline"))
    previous: tuple[str, int] | None = None
    for item in report.unlinked:
        if (item.source, item.start) != previous:
            previous = (item.source, item.start)
            out.print()
            out.print(
                Text.assemble(
                    (f"{item.source} [{item.start}:{item.end}] ", "bold"),
                    _sentence_text(item.sentence, item.start, item.matches),
                )
            )
        words = ", ".join(f"“{m.text}” ({m.kind})" for m in item.matches)
        linked = ", ".join(item.linked_by) or "none"
        out.print(
            Text(
                f"  {base.label(item.entity)} ({item.entity}): {words}; not linked by "
                f"{', '.join(item.statements)}; linked by {linked}"
            )
        )


def _print_reviews(out: Console, report: AuditReport, reviews_file: str) -> None:
    if report.judged:
        out.print()
        out.print(Text(f"Reviewed in {reviews_file} ({len(report.judged)})", style="bold underline"))
        for warning, review in report.judged:
            who = warning.statement or f"entity {warning.entity}"
            out.print(Text.assemble((f"{who} ", "bold"), (f"{warning.rule}: ", "dim"), one_line(review.reason)))
    if report.stale:
        out.print()
        out.print(Text(f"Reviews that match no warning any more ({len(report.stale)})", style="bold underline"))
        for review in report.stale:
            what = review.entity or ", ".join(review.words)
            out.print(
                Text(
                    f"{reviews_file}:{review.line}: {review.statement} {review.rule} {what}: "
                    "the warning is gone or changed; remove the review, or review the new warning"
                )
            )


def _print_warnings(out: Console, report: AuditReport) -> None:
    out.print(Text(f"Warnings: statements to re-read ({len(report.warnings)})", style="bold underline"))
    for warning in report.warnings:
        out.print()
        who = warning.statement or f"entity {warning.entity}"
        where = f" · {warning.source} [{warning.start}:{warning.end}]" if warning.source else ""
        out.print(Text.assemble((f"{who} ", "bold"), (f"{warning.rule} · {warning.field}{where}", "dim")))
        out.print(Text(f"  {one_line(warning.message)}"))


def print_report(
    base: FactBase, report: AuditReport, out: Console | None = None, reviews_file: str = "audit-reviewed.yaml"
) -> None:
    out = out or _console()
    out.print(
        Text(
            f"Audit: {report.uncited_count} of {report.sentence_count} sentences uncited in "
            f"{len(report.sources)} sources; {len(report.unlinked)} unlinked mentions in cited sentences, "
            f"{report.unlinked_everywhere} of them linked by no citing statement; "
            f"{len(report.warnings)} open warnings, {len(report.judged)} reviewed"
            + (f", {len(report.stale)} stale reviews." if report.stale else "."),
            style="bold",
        )
    )
    out.print()
    _print_uncited(out, base, report)
    out.print()
    _print_unlinked(out, base, report)
    out.print()
    _print_warnings(out, report)
    _print_reviews(out, report, reviews_file)


def run_audit(args: argparse.Namespace, base: FactBase, fact_file: Path) -> int:
    from factbrowser.core.audit import audit
    from factbrowser.core.reviews import load_reviews, reviews_path

    reviews_file = reviews_path(fact_file)
    report = audit(base, load_reviews(reviews_file))
    if getattr(args, "json", False):
        print_json(report.to_json())
    else:
        print_report(base, report, reviews_file=str(reviews_file))
    return EXIT_OK
