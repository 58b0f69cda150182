"""Questions beyond a list: who sends what, who changed position, what is corroborated.

Pure functions over a FactBase, shared by `factbrowser matrix|timeline` and the app's
matrix and timeline views. A position belongs to a country when the country speaks, when
a person of that country speaks, or else to every country the statement concerns.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from factbrowser.core.model import CONTRIBUTIONS, Country, FactBase, Person, Statement
from factbrowser.core.normalize import fold

POSITION_KINDS = ("commitment", "refusal")
MATRIX_COLUMNS: tuple[str, ...] = (
    "ground_troops_in_ukraine",
    "forces_on_nato_territory",
    "air",
    "sea",
    "training",
    "logistics",
    "weapons_and_funding",
    "monitoring",
    "demining",
    "security_guarantees",
    "refuses",
    "undecided",
)
COLUMN_LABELS = {
    **CONTRIBUTIONS,
    "refuses": "refuses",
    "undecided": "undecided",
    "ground_troops_in_ukraine": "troops in UA",
    "forces_on_nato_territory": "NATO nearby",
    "weapons_and_funding": "weapons/money",
    "security_guarantees": "guarantees",
}


# -- filters ---------------------------------------------------------------------------------


def reported_by_several(statement: Statement, base: FactBase | None = None) -> bool:
    """True when several articles report the fact: the statement's own evidence, and with
    `base` also the articles of the statements it is linked to as `same_fact`."""
    sources = base.reporting_sources(statement) if base is not None else statement.source_ids
    return len(sources) > 1


@dataclass(frozen=True)
class StatementFilter:
    """The filters the app offers, usable from the CLI too (`export --country DE ...`).

    Give `base` so that "corroborated" counts statements linked `same_fact` across articles.
    """

    country: str | None = None
    person: str | None = None
    kind: str | None = None
    period: str | None = None  # a date prefix: "2025-09", "2026-01"
    sources: str = "all"  # "all" | "corroborated" | "single"
    base: FactBase | None = field(default=None, compare=False, repr=False)

    def accepts(self, statement: Statement) -> bool:
        if self.country and self.country not in statement.mentioned:
            return False
        if self.person and self.person not in statement.mentioned:
            return False
        if self.kind and statement.kind != self.kind:
            return False
        if self.period and not (statement.date or "").startswith(self.period):
            return False
        if self.sources == "all":
            return True
        corroborated = reported_by_several(statement, self.base)
        if self.sources == "corroborated" and not corroborated:
            return False
        return not (self.sources == "single" and corroborated)

    def apply(self, statements: Iterable[Statement]) -> list[Statement]:
        return [s for s in statements if self.accepts(s)]


# -- positions ---------------------------------------------------------------------------


# Every position in this story is about Ukraine and against Russia: when nobody is named as
# speaker, these two are what the statement is about, not who takes the position.
SUBJECT_COUNTRIES = frozenset({"UA", "RU"})


def owners(base: FactBase, statement: Statement) -> tuple[str, ...]:
    """Who takes the position a commitment or refusal states: countries, or an organization."""
    speaker = base.entity(statement.speaker) if statement.speaker else None
    if isinstance(speaker, Country):
        return (speaker.id,)
    if isinstance(speaker, Person):
        if speaker.country and (not statement.countries or speaker.country in statement.countries):
            return (speaker.country,)
    elif speaker is not None:  # an organization: the coalition's commitments get their own row
        return (speaker.id,)
    return tuple(c for c in statement.countries if c in base.countries and c not in SUBJECT_COUNTRIES)


def columns_of(statement: Statement) -> tuple[str, ...]:
    if statement.kind == "refusal":
        return ("refuses",)
    return tuple(c for c in statement.contributions if c in MATRIX_COLUMNS) or ()


@dataclass
class Cell:
    statements: list[Statement] = field(default_factory=list)

    @property
    def dates(self) -> list[str]:
        return sorted({s.date for s in self.statements if s.date})

    @property
    def latest(self) -> str | None:
        return self.dates[-1] if self.dates else None

    @property
    def mark(self) -> str:
        kinds = {s.kind for s in self.statements}
        if kinds == {"refusal"}:
            return "✗"
        if any("undecided" in s.contributions for s in self.statements):
            return "?"
        return "✓"


@dataclass
class Matrix:
    columns: tuple[str, ...]
    rows: dict[str, dict[str, Cell]]  # country id -> column -> cell

    def count(self, country: str) -> int:
        return sum(
            1
            for column, cell in self.rows[country].items()
            if cell.statements and column not in ("refuses", "undecided")
        )


def commitments_matrix(base: FactBase, period: str | None = None, sort: str = "country") -> Matrix:
    rows: dict[str, dict[str, Cell]] = {}
    chosen = StatementFilter(period=period)
    for statement in base.statements.values():
        if statement.kind not in POSITION_KINDS or not chosen.accepts(statement):
            continue
        for country in owners(base, statement):
            row = rows.setdefault(country, {column: Cell() for column in MATRIX_COLUMNS})
            for column in columns_of(statement) or ("undecided",):
                row[column].statements.append(statement)
    matrix = Matrix(MATRIX_COLUMNS, rows)
    if sort == "contributions":
        order = sorted(rows, key=lambda c: (-matrix.count(c), collation_key(base.label(c))))
    else:
        order = sorted(rows, key=lambda c: collation_key(base.label(c)))
    matrix.rows = {country: rows[country] for country in order}
    return matrix


def matrix_json(base: FactBase, matrix: Matrix) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for country, row in matrix.rows.items():
        cells = {
            column: {"mark": cell.mark, "latest": cell.latest, "statements": [s.id for s in cell.statements]}
            for column, cell in row.items()
            if cell.statements
        }
        out.append(
            {"country": country, "name": base.label(country), "contributions": matrix.count(country), "cells": cells}
        )
    return out


# -- positions over time --------------------------------------------------------------------


@dataclass(frozen=True)
class PositionChange:
    country: str
    before: tuple[Statement, ...]  # the positions of the earlier month
    after: tuple[Statement, ...]  # the positions of the later month


def _period(date: str | None) -> str:
    return (date or "")[:7]


def _summary(statement: Statement) -> frozenset[str]:
    return frozenset({statement.kind, *statement.contributions})


def position_changes(base: FactBase, country: str | None = None) -> list[PositionChange]:
    """Countries whose dated positions differ between two periods (months)."""
    by_country: dict[str, list[Statement]] = {}
    for statement in base.statements.values():
        if statement.kind in POSITION_KINDS and statement.date:
            for owner in owners(base, statement):
                by_country.setdefault(owner, []).append(statement)
    changes = []
    for owner, statements in sorted(by_country.items(), key=lambda item: collation_key(base.label(item[0]))):
        if owner not in base.countries or (country and owner != country):
            continue
        periods: dict[str, list[Statement]] = {}
        for statement in sorted(statements, key=lambda s: s.date or ""):
            periods.setdefault(_period(statement.date), []).append(statement)
        keys = sorted(periods)
        for earlier, later in itertools.pairwise(keys):
            before, after = periods[earlier], periods[later]
            if {_summary(s) for s in before} != {_summary(s) for s in after}:
                changes.append(PositionChange(owner, tuple(before), tuple(after)))
    return changes


def collation_key(label: str) -> tuple[str, str]:
    """Sort labels as a German reader expects: Dänemark before Deutschland, Österreich
    among the Os (folded: case, accents, umlauts), the label itself breaking ties."""
    return fold(label), label


def chronological_key(date: str | None) -> str:
    """Dates in order, a date known only to its month after that month's days (it is
    not known to come first), and no date last."""
    if not date:
        return "9999"
    return date if len(date) == 10 else date + "-99" if len(date) == 7 else date + "-99-99"


@dataclass
class Period:
    key: str  # "2025-09"
    events: list[Statement]
    statements: list[Statement]


def timeline(base: FactBase, country: str | None = None) -> list[Period]:
    """Dated statements grouped by month, each group led by its events (the meetings)."""
    periods: dict[str, Period] = {}
    for statement in sorted(base.statements.values(), key=lambda s: (chronological_key(s.date), s.id)):
        if not statement.date or (country and country not in statement.mentioned):
            continue
        period = periods.setdefault(_period(statement.date), Period(_period(statement.date), [], []))
        (period.events if statement.kind == "event" else period.statements).append(statement)
    return [periods[key] for key in sorted(periods)]


def evidence_label(base: FactBase, statement: Statement) -> str:
    """Which articles a statement comes from, with their dates and whether inferred."""
    parts = []
    for source_id in statement.source_ids:
        source = base.sources.get(source_id)
        parts.append(source.label if source else source_id)
    return "; ".join(parts)
