"""The fact base as plain data: no I/O, no YAML, no UI.

Records mirror the data contract in docs/schema.md. `FactBase` adds the lookups that
every layer above needs (by id, statements about an entity), computed once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

STATEMENT_KINDS: tuple[str, ...] = ("quote", "claim", "commitment", "refusal", "figure", "event")

CONTRIBUTIONS: dict[str, str] = {
    "ground_troops_in_ukraine": "ground troops in Ukraine",
    "forces_on_nato_territory": "forces on NATO territory nearby",
    "air": "air",
    "sea": "sea",
    "training": "training",
    "logistics": "logistics",
    "weapons_and_funding": "weapons and funding",
    "monitoring": "monitoring",
    "demining": "demining",
    "security_guarantees": "security guarantees",
    "undecided": "undecided",
}

DATE_BASES: tuple[str, ...] = ("stated", "inferred")

# How two statements relate. `updates`: A is the same party's later position than B.
# Every link is stored both ways on load: same_fact and conflicts are symmetric, and
# `updates` on one side is `updated_by` on the other.
RELATIONS: tuple[str, ...] = ("same_fact", "conflicts", "updates", "updated_by")
REVERSE_RELATION: dict[str, str] = {
    "same_fact": "same_fact",
    "conflicts": "conflicts",
    "updates": "updated_by",
    "updated_by": "updates",
}

EntityType = Literal["country", "person", "organization"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim sentence (or run of sentences) at `start:end` in a source's text."""

    source: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    file: str
    sha256: str
    outlet: str | None
    published: str | None
    published_basis: str
    published_note: str | None
    text: str = field(repr=False, default="")

    @property
    def label(self) -> str:
        """How a reader names the article: outlet and date, with the date's basis."""
        return f"{self.id} · {self.outlet or NO_OUTLET} · {date_label(self.published, self.published_basis)}"


NO_OUTLET = "outlet not stated"  # what every label says for a source with no outlet


def date_label(date: str | None, basis: str) -> str:
    """An article's date as every label shows it: "2025-09-04", "2025-09-04 (inferred)",
    "undated". Here, not in present.py, because `Source.label` needs it and core imports
    nothing above it; present.py names it `published_label`."""
    if date is None:
        return "undated"
    return date + (" (inferred)" if basis == "inferred" else "")


@dataclass(frozen=True, slots=True)
class Country:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "country"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases, *self.metonyms)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    name_en: str
    role: str
    role_en: str
    country: str | None
    aliases: tuple[str, ...] = ()
    epithets: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "person"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "organization"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


Entity = Country | Person | Organization


@dataclass(frozen=True, slots=True)
class Related:
    """A link from one statement to another: `relation` as read from the linking side."""

    id: str
    relation: str


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    kind: str
    speaker: str | None
    text: str
    text_en: str
    evidence: tuple[Evidence, ...]
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    date: str | None = None
    date_basis: str = "stated"
    date_note: str | None = None
    contributions: tuple[str, ...] = ()
    value: float | None = None
    unit: str | None = None
    place: str | None = None
    note: str | None = None
    related: tuple[Related, ...] = ()
    former_ids: tuple[str, ...] = ()

    @property
    def mentioned(self) -> tuple[str, ...]:
        """Every entity id this statement is by or about, speaker first."""
        ids = [self.speaker] if self.speaker else []
        ids += [*self.countries, *self.people, *self.organizations]
        return tuple(dict.fromkeys(ids))

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence))


@dataclass(slots=True)
class FactBase:
    # Mappings, not only dicts: `factbrowser search` reads a stored base record by record
    # (`core.lazy`), and reads only the records it shows.
    sources: Mapping[str, Source]
    countries: Mapping[str, Country]
    people: Mapping[str, Person]
    organizations: Mapping[str, Organization]
    statements: Mapping[str, Statement]
    # The seeds folder the loader resolved from `seeds_dir` (None when it could not):
    # what an export must never write into, as the loader read it, not as a line says.
    seeds_folder: Path | None = field(default=None, compare=False)
    # Who is mentioned where, built on the first question: at 100k statements it costs
    # 0.2 s that `factbrowser search` and the first frame of the app never need.
    _about: dict[str, tuple[str, ...]] | None = field(default=None, init=False, repr=False, compare=False)
    _former: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def statements_in_order(self) -> Sequence[Statement]:
        """The statements in fact-file order, by position; a lazy base's stay unread."""
        in_order = getattr(self.statements, "in_order", None)
        return in_order() if in_order is not None else list(self.statements.values())

    def renamed(self, old_id: str) -> str | None:
        """The id of the statement that lists `old_id` among its `former_ids`, if any."""
        if self._former is None:
            self._former = {old: s.id for s in self.statements.values() for old in s.former_ids}
        return self._former.get(old_id)

    def statement_or_former(self, statement_id: str) -> tuple[Statement | None, str | None]:
        """The statement with this id, or the one it became: (statement, the old id or None)."""
        statement = self.statements.get(statement_id)
        if statement is not None:
            return statement, None
        current = self.renamed(statement_id)
        if current is None or current not in self.statements:
            return None, None
        return self.statements[current], statement_id

    def related_statements(self, statement: Statement) -> list[tuple[Related, Statement]]:
        """The statements linked to `statement` that are in this base, with the link."""
        return [(link, self.statements[link.id]) for link in statement.related if link.id in self.statements]

    def reporting_sources(self, statement: Statement) -> tuple[str, ...]:
        """The articles reporting this fact: its own, and those of statements linked `same_fact`."""
        ids = list(statement.source_ids)
        for link, other in self.related_statements(statement):
            if link.relation == "same_fact":
                ids += other.source_ids
        return tuple(dict.fromkeys(ids))

    def _mentions(self) -> dict[str, tuple[str, ...]]:
        if self._about is not None:
            return self._about
        about: dict[str, list[str]] = {}
        for statement in self.statements.values():
            for entity_id in statement.mentioned:
                about.setdefault(entity_id, []).append(statement.id)
        self._about = {key: tuple(ids) for key, ids in about.items()}
        return self._about

    def entity(self, entity_id: str) -> Entity | None:
        return self.countries.get(entity_id) or self.people.get(entity_id) or self.organizations.get(entity_id)

    def entities(self) -> Iterable[Entity]:
        yield from self.countries.values()
        yield from self.people.values()
        yield from self.organizations.values()

    def label(self, entity_id: str | None) -> str:
        """A display name for any id, falling back to the id itself."""
        if entity_id is None:
            return "—"
        entity = self.entity(entity_id)
        return entity.name if entity else entity_id

    def mention_counts(self) -> dict[str, int]:
        """Per entity, how many statements it speaks or is mentioned in."""
        return {entity_id: len(ids) for entity_id, ids in self._mentions().items()}

    def statements_about(self, entity_id: str) -> tuple[Statement, ...]:
        """Statements spoken by or mentioning `entity_id`, in fact-file order."""
        return tuple(self.statements[sid] for sid in self._mentions().get(entity_id, ()))

    def people_of(self, country_id: str) -> tuple[Person, ...]:
        """People who belong to a country or appear in a statement about it."""
        related = {p.id for p in self.people.values() if p.country == country_id}
        for statement in self.statements_about(country_id):
            related.update(pid for pid in statement.mentioned if pid in self.people)
        return tuple(p for p in self.people.values() if p.id in related)
